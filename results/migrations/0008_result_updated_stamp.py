"""Every result's `updated` stamp (the keys of cached manager pages follow it), set to when it
was stored for the results already there."""

import django.utils.timezone
from django.db import migrations, models


def stamp_existing_results(apps, schema_editor):
    AssessmentResult = apps.get_model("results", "AssessmentResult")
    AssessmentResult.objects.update(updated=models.F("created"))


class Migration(migrations.Migration):
    dependencies = [
        ("results", "0007_result_chain_and_team_scope"),
    ]

    operations = [
        migrations.AddField(
            model_name="assessmentresult",
            name="updated",
            field=models.DateTimeField(
                auto_now=True,
                default=django.utils.timezone.now,
                editable=False,
                verbose_name="updated",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(stamp_existing_results, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="assessmentresult",
            index=models.Index(
                fields=["assessment", "updated"], name="result_updated_per_assessment"
            ),
        ),
    ]
