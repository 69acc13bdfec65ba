"""Answering a richer assessment: groups, level texts, "not applicable" and roles, and where
those answers show (the results page, its JSON, comparisons)."""

import json

from django.test import TestCase

from results.models import AssessmentResult
from tests.factories import JUMPING_RUNNING, make_assessment, make_result

RATINGS = ["Good", "Better", "Best"]
RICH = {
    "ratings": RATINGS,
    "not-applicable": True,
    "categories": [
        {
            "name": "Swimming",
            "slug": "swimming",
            "group": "Water",
            "description": "In a pool or open water.",
            "levels": ["Floats", "Swims a length", "Swims a mile"],
        },
        {"name": "Cycling", "slug": "cycling", "group": "Road"},
        ["Running", "running"],
    ],
    "roles": [
        {"name": "Coach", "slug": "coach", "targets": {"swimming": 3, "cycling": 2, "running": 2}}
    ],
}
FORM_URL = "/assessment/"


class RichFormTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(name="Triathlon", slug="tri", assessment=RICH)

    def answer(self, **fields):
        data = {"v": "tri", "name": "Ada", "swimming": "2", "cycling": "2", "running": "2"}
        data.update(fields)
        return self.client.post(FORM_URL, {k: v for k, v in data.items() if v is not None})


class RichFormPageTests(RichFormTestCase):
    def test_categories_appear_under_their_group_headings_with_a_table_of_contents(self):
        response = self.client.get(FORM_URL, {"v": "tri"})

        html = response.content.decode()
        self.assertContains(response, '<a href="#group-2">Water</a>')
        self.assertContains(response, '<h2 class="category-group" id="group-3">Road</h2>')
        # Ungrouped categories first, then the groups in the order they first appear.
        self.assertLess(html.index("<legend>Running"), html.index(">Water</h2>"))
        self.assertLess(html.index(">Water</h2>"), html.index("<legend>Swimming"))
        self.assertLess(html.index("<legend>Swimming"), html.index(">Road</h2>"))

    def test_each_category_shows_its_description_and_what_each_rating_means_there(self):
        response = self.client.get(FORM_URL, {"v": "tri"})

        self.assertContains(response, 'id="swimming-description">In a pool or open water.</p>')
        self.assertContains(
            response,
            '<input type="radio" name="swimming" value="3" required> <span>Best</span> '
            '<span class="level-text">Swims a mile</span>',
        )

    def test_not_applicable_is_offered_in_every_category(self):
        response = self.client.get(FORM_URL, {"v": "tri"})

        self.assertContains(response, 'value="na" required> <span>Not applicable</span>', count=3)

    def test_the_role_choice_is_offered_and_the_context_key_categories_stays_pairs(self):
        response = self.client.get(FORM_URL, {"v": "tri"})

        self.assertContains(response, '<option value="coach">Coach</option>')
        self.assertEqual(
            response.context["categories"],
            [["Swimming", "swimming"], ["Cycling", "cycling"], ["Running", "running"]],
        )


class RichAnswerTests(RichFormTestCase):
    def test_na_stores_null_for_both_ratings_and_ignores_the_level_up_box(self):
        response = self.answer(swimming="na", **{"swimming-levelup": "on"})

        result = AssessmentResult.objects.get()
        self.assertEqual(response.status_code, 302)
        self.assertEqual(result.current, {"swimming": None, "cycling": 2, "running": 2})
        self.assertEqual(result.desired, {"swimming": None, "cycling": 2, "running": 2})

    def test_a_missing_rating_is_still_refused(self):
        response = self.answer(running=None)

        self.assertContains(response, "Please choose a rating for Running.", status_code=400)
        self.assertFalse(AssessmentResult.objects.exists())

    def test_the_chosen_role_is_stored_and_an_empty_one_means_none(self):
        self.answer(role="coach")
        self.answer(role="", name="Grace")

        self.assertEqual(
            dict(AssessmentResult.objects.values_list("name", "role")),
            {"Ada": "coach", "Grace": ""},
        )

    def test_an_unknown_role_is_refused_with_the_form(self):
        response = self.answer(role="captain")

        self.assertContains(response, "There is no such role to compare with.", status_code=400)
        self.assertContains(response, 'value="Ada"', status_code=400)
        self.assertFalse(AssessmentResult.objects.exists())


class SeedShapeAnswerTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(slug="sports", assessment=JUMPING_RUNNING)

    def test_na_without_the_option_is_refused_like_any_other_non_number(self):
        response = self.client.post(
            FORM_URL, {"v": "sports", "name": "Ada", "jumping": "na", "running": "1"}
        )

        self.assertContains(
            response, "The rating for Jumping must be a whole number.", status_code=400
        )
        self.assertFalse(AssessmentResult.objects.exists())

    def test_a_posted_role_is_ignored_without_roles(self):
        response = self.client.post(
            FORM_URL, {"v": "sports", "name": "Ada", "jumping": "1", "running": "1", "role": "x"}
        )

        self.assertEqual(response.status_code, 302)
        self.assertEqual(AssessmentResult.objects.get().role, "")

    def test_the_form_has_no_role_choice_no_na_and_no_contents(self):
        response = self.client.get(FORM_URL, {"v": "sports"})

        self.assertNotContains(response, 'name="role"')
        self.assertNotContains(response, 'value="na"')
        self.assertNotContains(response, "form-contents")


class RichResultTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(name="Triathlon", slug="tri", assessment=RICH)
        cls.result = make_result(
            cls.assessment,
            name="Ada",
            role="coach",
            current={"swimming": None, "cycling": 2, "running": 1},
            desired={"swimming": None, "cycling": 3, "running": 1},
        )

    def test_the_page_shows_not_applicable_targets_and_how_many_are_met(self):
        response = self.client.get(self.result.get_absolute_url())

        self.assertContains(response, "Compared with the role Coach: meets 1 of 2 targets.")
        self.assertContains(response, '<td colspan="3">Not applicable</td><td>Not applicable</td>')
        self.assertContains(response, "<td>Better: met</td>")
        self.assertContains(response, "<td>Better: 1 step short</td>")

    def test_the_chart_has_a_target_series(self):
        response = self.client.get(self.result.get_absolute_url())

        self.assertContains(response, "A radar chart of Current, Desired and Target")
        self.assertContains(response, '<g class="radar-series radar-dotted">')

    def test_the_json_says_not_applicable_the_role_and_the_targets(self):
        document = json.loads(self.client.get(f"/results/{self.result.pk}.json").content)

        swimming, cycling, _ = document["categories"]
        self.assertEqual(
            document["role"],
            {
                "slug": "coach",
                "name": "Coach",
                "targets": {"swimming": 3, "cycling": 2, "running": 2},
            },
        )
        self.assertEqual(
            swimming,
            {
                "name": "Swimming",
                "slug": "swimming",
                "current": None,
                "current_label": None,
                "desired": None,
                "desired_label": None,
                "levelup": False,
                "not_applicable": True,
                "target": 3,
                "target_met": None,
            },
        )
        self.assertEqual((cycling["not_applicable"], cycling["target_met"]), (False, True))

    def test_without_a_chosen_role_the_json_role_is_null_and_the_page_has_no_targets(self):
        result = make_result(self.assessment, name="Grace")

        document = json.loads(self.client.get(f"/results/{result.pk}.json").content)
        page = self.client.get(result.get_absolute_url())

        self.assertIsNone(document["role"])
        self.assertNotContains(page, "Compared with the role")
        self.assertNotContains(page, 'radar-dotted">')

    def test_a_comparison_treats_not_applicable_as_no_rating_not_a_step_change(self):
        later = make_result(
            self.assessment,
            name="Ada",
            current={"swimming": 3, "cycling": 2, "running": 1},
            previous=self.result,
        )

        response = self.client.get(f"/results/{later.pk}/compare/{self.result.pk}/")

        self.assertContains(response, "Not rated in both")
        self.assertNotContains(response, "Up 3 steps")
