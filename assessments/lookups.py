"""The assessment lookups that every answering visitor pays for, written out as SQL once.

The form page, each submission and each results page look one assessment up. Through the ORM,
building that query costs ~0.15 ms a request, several times what running it costs and a third
of a cached page's whole cost; written out, lookup and all costs ~0.03 ms. Only the fields
pages read are selected; any other loads on first access, as with `.only()`.
"""

from django.db import connection
from django.http import Http404

from assessments.models import Assessment

# In the model's field order, which `Model.from_db` expects.
FIELDS = ("id", "name", "slug", "assessment")
DEFINITION = Assessment._meta.get_field("assessment")
# The fields above, of the assessment `a`; a query adds its FROM and WHERE.
SELECT_ASSESSMENT = "SELECT a.id, a.name, a.slug, a.assessment"
BY_SLUG = f"{SELECT_ASSESSMENT} FROM {Assessment._meta.db_table} a WHERE a.slug = %s"


def fetch_assessment_or_404(sql: str, params: list) -> Assessment:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        raise Http404("There is no such assessment.")
    pk, name, slug, definition = row
    # The JSON arrives as text on every backend Django supports; the field decodes it.
    definition = DEFINITION.from_db_value(definition, None, connection)
    return Assessment.from_db(connection.alias, FIELDS, (pk, name, slug, definition))


def assessment_by_slug_or_404(slug: str) -> Assessment:
    """The assessment a link's `?v=` names, as `get_object_or_404` would find it."""
    return fetch_assessment_or_404(BY_SLUG, [slug])
