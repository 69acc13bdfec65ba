"""The people endpoint's one query: each person's latest result, in the viewer's scope, picked by
the matrix's filters.

Until reports/matrix.py gives the filtered "latest result per person" itself, it is read here
from today's latest_result_per_person and filtered by team and name; then latest_results() becomes
that one call.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from assessments.models import Assessment
from reports.matrix import latest_result_per_person
from results.models import AssessmentResult
from results.visibility import results_in_manager_scope
from teams.models import Member, Team


def latest_results(
    *, assessment: Assessment, viewer: AbstractBaseUser, team: Team | None, q: str
) -> QuerySet[AssessmentResult]:
    """As a query, so the API pages through it with a cursor."""
    visible = results_in_manager_scope(viewer).filter(assessment=assessment)
    if team is not None:
        # The team's members' answers, through their links or from their accounts.
        visible = visible.filter(person__in=[member.person_key for member in team_members(team)])
    people = latest_result_per_person(assessment=assessment, results=visible)
    # A person is found by the name of their latest answer, not by one they used before.
    wanted = q.casefold()
    latest = [person.result.pk for person in people if wanted in person.name.casefold()]
    return AssessmentResult.objects.filter(pk__in=latest).select_related("assessment")


def team_members(team: Team) -> QuerySet[Member]:
    return Member.current.filter(team=team).only("pk", "user_id")
