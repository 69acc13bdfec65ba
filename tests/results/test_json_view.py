"""The JSON download at /results/<id>.json."""

import json
import uuid

from django.test import TestCase
from django.urls import reverse

from tests.factories import TRIATHLON, make_assessment, make_result


class ResultJsonTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(name="Triathlon", slug="tri-2026", assessment=TRIATHLON)
        cls.result = make_result(
            cls.assessment,
            name="Åda",
            current={"swimming": 2, "cycling": 3},
            desired={"swimming": 3, "cycling": 3},
        )

    def test_the_url_is_named_and_has_no_trailing_slash(self):
        self.assertEqual(
            reverse("results:json", args=[self.result.pk]), f"/results/{self.result.pk}.json"
        )

    def test_the_result_comes_back_in_the_documented_shape(self):
        response = self.client.get(f"/results/{self.result.pk}.json")

        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/json")
        self.assertEqual(
            json.loads(response.content),
            {
                "id": str(self.result.pk),
                "assessment_name": "Triathlon",
                "assessment_version": "tri-2026",
                "name": "Åda",
                "submitted_at": self.result.created.isoformat(),
                "ratings": ["Good", "Better", "Best"],
                "categories": [
                    {
                        "name": "Swimming",
                        "slug": "swimming",
                        "current": 2,
                        "current_label": "Better",
                        "desired": 3,
                        "desired_label": "Best",
                        "levelup": True,
                    },
                    {
                        "name": "Cycling",
                        "slug": "cycling",
                        "current": 3,
                        "current_label": "Best",
                        "desired": 3,
                        "desired_label": "Best",
                        "levelup": False,
                    },
                    {
                        "name": "Running",
                        "slug": "running",
                        "current": None,
                        "current_label": None,
                        "desired": None,
                        "desired_label": None,
                        "levelup": False,
                    },
                ],
            },
        )

    def test_submitted_at_is_iso_8601_with_its_offset(self):
        response = self.client.get(f"/results/{self.result.pk}.json")

        submitted_at = json.loads(response.content)["submitted_at"]
        self.assertRegex(submitted_at, r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00$")

    def test_an_unknown_result_is_404(self):
        response = self.client.get(f"/results/{uuid.uuid4()}.json")

        self.assertEqual(response.status_code, 404)

    def test_a_malformed_id_is_404(self):
        self.assertEqual(self.client.get("/results/nope.json").status_code, 404)

    def test_the_json_takes_two_queries_without_a_plan(self):
        # The result with its assessment; the person's plans (none).
        with self.assertNumQueries(2):
            self.client.get(f"/results/{self.result.pk}.json")

    def test_post_is_405(self):
        self.assertEqual(self.client.post(f"/results/{self.result.pk}.json").status_code, 405)
