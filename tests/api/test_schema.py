"""The OpenAPI 3 schema at /api/v1/schema/: readable without a token, valid by a validator other
than the one that wrote it, and true: every path in it answers a token-holding manager."""

from django.test import TestCase
from drf_spectacular.validation import validate_schema
from openapi_spec_validator import validate

from tests.factories import (
    answer_invitation,
    api_headers,
    make_assessment,
    make_team,
    make_user,
    open_round,
)

SCHEMA_URL = "/api/v1/schema/"


class SchemaTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.manager = make_user(username="grace", manager=True)
        assessment = make_assessment(slug="sports")
        team = make_team(slug="red", managers=(cls.manager,), members=["Ada"])
        cls.result = answer_invitation(
            open_round(team=team, assessment=assessment).invitations.get()
        )
        # Each path parameter of the schema, filled from the objects above.
        cls.parameters = {
            "{assessment_slug}": "sports",
            "{team_slug}": "red",
            "{id}": str(cls.result.pk),
        }

    def schema(self) -> dict:
        response = self.client.get(SCHEMA_URL)
        self.assertEqual(response.status_code, 200)
        return response.json()

    def test_the_schema_needs_no_token_and_is_kept_out_of_caches(self):
        response = self.client.get(SCHEMA_URL, HTTP_AUTHORIZATION="Bearer wrong")

        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Cache-Control"], "private, no-store")
        self.assertTrue(response.json()["openapi"].startswith("3."))

    def test_the_schema_is_valid_openapi(self):
        schema = self.schema()

        validate(schema)
        validate_schema(schema)

    def test_the_schema_names_every_endpoint_and_the_bearer_scheme(self):
        schema = self.schema()

        self.assertEqual(
            set(schema["paths"]),
            {
                "/api/v1/assessments/",
                "/api/v1/assessments/{assessment_slug}/people/",
                "/api/v1/results/{id}/",
                "/api/v1/teams/",
                "/api/v1/teams/{team_slug}/rounds/",
            },
        )
        [scheme] = schema["components"]["securitySchemes"].values()
        self.assertEqual((scheme["type"], scheme["scheme"]), ("http", "bearer"))

    def test_every_path_in_the_schema_answers_a_manager_with_200(self):
        headers = api_headers(self.manager)
        paths = self.schema()["paths"]

        for path, operations in paths.items():
            url = path
            for parameter, value in self.parameters.items():
                url = url.replace(parameter, value)
            for method in operations:
                with self.subTest(method=method, url=url):
                    self.assertNotIn("{", url)

                    response = getattr(self.client, method)(url, **headers)

                    self.assertEqual(response.status_code, 200)
