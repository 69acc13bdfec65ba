"""Results given through invitations: their team scope, and each member's answers in a team as
one chain, oldest first (results/visibility.py)."""

from django.db import migrations


def scope_and_chain_invitation_results(apps, schema_editor):
    Response = apps.get_model("teams", "Response")
    AssessmentResult = apps.get_model("results", "AssessmentResult")
    responses = Response.objects.select_related("invitation__round", "invitation__member").order_by(
        "result__created", "result_id"
    )
    latest_per_member_and_team = {}
    for response in responses.iterator():
        team_id = response.invitation.round.team_id
        key = (response.invitation.member_id, team_id)
        AssessmentResult.objects.filter(pk=response.result_id).update(
            team_scope=team_id, previous_id=latest_per_member_and_team.get(key)
        )
        latest_per_member_and_team[key] = response.result_id


class Migration(migrations.Migration):
    dependencies = [
        ("teams", "0003_member_language"),
        ("results", "0007_result_chain_and_team_scope"),
    ]

    operations = [
        migrations.RunPython(scope_and_chain_invitation_results, migrations.RunPython.noop),
    ]
