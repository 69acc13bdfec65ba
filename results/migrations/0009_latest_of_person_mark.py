"""Each result's `latest_of_person` mark (the matrix reads each person's latest result through
it), set for the results already there, and the indexes of the marked results: in the matrix's
order, and by person."""

import django.db.models.functions.text
from django.db import migrations, models


def mark_existing_results(apps, schema_editor):
    AssessmentResult = apps.get_model("results", "AssessmentResult")
    later = AssessmentResult.objects.filter(
        assessment=models.OuterRef("assessment"), person=models.OuterRef("person")
    ).filter(
        models.Q(created__gt=models.OuterRef("created"))
        | models.Q(created=models.OuterRef("created"), pk__gt=models.OuterRef("pk"))
    )
    AssessmentResult.objects.update(latest_of_person=~models.Exists(later))


class Migration(migrations.Migration):
    dependencies = [
        ("results", "0008_result_updated_stamp"),
        # Its results' people as that migration leaves them.
        ("teams", "0004_results_chain_and_scope"),
    ]

    operations = [
        migrations.AddField(
            model_name="assessmentresult",
            name="latest_of_person",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="latest of its person"
            ),
        ),
        migrations.RunPython(mark_existing_results, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="assessmentresult",
            index=models.Index(
                models.F("assessment"),
                django.db.models.functions.text.Lower("name"),
                models.F("person"),
                models.F("id"),
                condition=models.Q(("latest_of_person", True)),
                name="result_latest_of_person",
            ),
        ),
        migrations.AddIndex(
            model_name="assessmentresult",
            index=models.Index(
                fields=["assessment", "person"],
                condition=models.Q(("latest_of_person", True)),
                name="result_latest_by_person",
            ),
        ),
    ]
