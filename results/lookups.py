"""The lookup behind every results page, written out as SQL once (see `assessments.lookups`)."""

from uuid import UUID

from django.db import connection

from assessments.lookups import fetch_assessment, select_assessment
from assessments.models import Assessment
from results.models import AssessmentResult


def assessment_of_result(result_id: UUID) -> Assessment | None:
    """The assessment a stored result answers; None when there is no such result."""
    quote = connection.ops.quote_name
    sql = select_assessment(
        alias="a",
        rest=f"JOIN {quote(AssessmentResult._meta.db_table)} r "
        f"ON r.{quote('assessment_id')} = a.{quote('id')} WHERE r.{quote('id')} = %s",
    )
    result_id = AssessmentResult._meta.pk.get_db_prep_value(result_id, connection)
    return fetch_assessment(sql, [result_id])
