"""The assessment form at /assessment/: GET, POST, and every way a request can be wrong."""

import re

from django.test import Client, TestCase
from django.urls import reverse

from assessments.models import Assessment
from results.models import AssessmentResult
from tests.factories import JUMPING_RUNNING

FORM_URL = "/assessment/"


class AnswerFormTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = Assessment.objects.create(
            name="Sports", slug="sports-2026", assessment=JUMPING_RUNNING
        )

    def post_answer(self, **overrides):
        data = {"v": "sports-2026", "name": "Ada", "jumping": "2", "running": "1"}
        data.update(overrides)
        return self.client.post(FORM_URL, {k: v for k, v in data.items() if v is not None})


class FormPageTests(AnswerFormTestCase):
    def test_the_form_url_is_named(self):
        self.assertEqual(reverse("results:answer"), FORM_URL)

    def test_get_renders_the_form_with_the_context_the_contract_names(self):
        response = self.client.get(FORM_URL, {"v": "sports-2026"})

        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["assessment_name"], "Sports")
        self.assertEqual(response.context["assessment_version"], "sports-2026")
        self.assertEqual(response.context["categories"], JUMPING_RUNNING["categories"])
        self.assertEqual(response.context["ratings"], ["Good", "Better", "Best"])
        self.assertIs(response.context["wide_category"], False)

    def test_every_rating_of_every_category_is_a_labelled_radio_button(self):
        response = self.client.get(FORM_URL, {"v": "sports-2026"})

        for slug in ["jumping", "running"]:
            for value, label in enumerate(["Good", "Better", "Best"], start=1):
                with self.subTest(slug=slug, value=value):
                    self.assertContains(
                        response,
                        f'<input type="radio" name="{slug}" value="{value}" required> '
                        f"<span>{label}</span>",
                        html=False,
                    )

    def test_the_form_has_a_name_field_levelup_boxes_the_version_and_the_csrf_token(self):
        response = self.client.get(FORM_URL, {"v": "sports-2026"})

        self.assertContains(response, 'name="name"')
        self.assertContains(response, '<input type="checkbox" name="jumping-levelup">')
        self.assertContains(response, '<input type="checkbox" name="running-levelup">')
        self.assertContains(response, "> I want to level up in this</label>", count=2)
        self.assertContains(
            response, '<input type="hidden" name="v" value="sports-2026" id="id_v">'
        )
        self.assertContains(response, 'name="csrfmiddlewaretoken"')

    def test_wide_category_is_passed_to_the_template(self):
        Assessment.objects.create(
            name="Wide", slug="wide", assessment={**JUMPING_RUNNING, "wide-category": True}
        )

        response = self.client.get(FORM_URL, {"v": "wide"})

        self.assertIs(response.context["wide_category"], True)
        self.assertContains(response, "wide-category")

    def test_head_answers_like_get(self):
        response = self.client.head(FORM_URL, {"v": "sports-2026"})

        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["assessment_version"], "sports-2026")

    def test_an_assessment_with_no_categories_still_renders(self):
        Assessment.objects.create(
            name="Empty", slug="empty", assessment={"categories": [], "ratings": []}
        )

        response = self.client.get(FORM_URL, {"v": "empty"})

        self.assertContains(response, "<h1>Empty</h1>", html=True)
        self.assertContains(response, 'name="name"')

    def test_the_form_page_takes_one_query(self):
        with self.assertNumQueries(1):
            self.client.get(FORM_URL, {"v": "sports-2026"})


class NotFoundTests(AnswerFormTestCase):
    def test_unknown_version_is_404(self):
        response = self.client.get(FORM_URL, {"v": "no-such-thing"})

        self.assertEqual(response.status_code, 404)
        self.assertContains(response, "Not found", status_code=404)

    def test_missing_version_is_404(self):
        self.assertEqual(self.client.get(FORM_URL).status_code, 404)

    def test_a_version_that_cannot_be_a_slug_is_404(self):
        for version in ["", "a b", "x" * 500, "nul\x00byte", "../etc"]:
            with self.subTest(version=version):
                self.assertEqual(self.client.get(FORM_URL, {"v": version}).status_code, 404)

    def test_post_to_an_unknown_version_is_404_and_saves_nothing(self):
        response = self.post_answer(v="no-such-thing")

        self.assertEqual(response.status_code, 404)
        self.assertEqual(AssessmentResult.objects.count(), 0)

    def test_post_without_a_version_is_404_and_saves_nothing(self):
        response = self.post_answer(v=None)

        self.assertEqual(response.status_code, 404)
        self.assertEqual(AssessmentResult.objects.count(), 0)


class MethodTests(AnswerFormTestCase):
    def test_other_methods_are_405_with_an_allow_header(self):
        for method in ["patch", "put", "delete", "options"]:
            with self.subTest(method=method):
                response = getattr(self.client, method)(FORM_URL)

                self.assertEqual(response.status_code, 405)
                self.assertEqual(response["Allow"], "GET, HEAD, POST")


class SubmissionTests(AnswerFormTestCase):
    def test_a_valid_answer_stores_one_result_and_redirects_to_its_page(self):
        response = self.post_answer(**{"running-levelup": "on"})

        result = AssessmentResult.objects.get()
        self.assertRedirects(response, f"/results/{result.pk}/")
        self.assertEqual(result.name, "Ada")
        self.assertEqual(result.assessment, self.assessment)
        self.assertEqual(result.assessment_version, "sports-2026")
        self.assertEqual(result.current, {"jumping": 2, "running": 1})
        self.assertEqual(result.desired, {"jumping": 2, "running": 2})

    def test_ratings_outside_the_scale_are_clamped(self):
        self.post_answer(jumping="0", running="99")

        result = AssessmentResult.objects.get()
        self.assertEqual(result.current, {"jumping": 1, "running": 3})

    def test_a_negative_rating_is_clamped_to_the_bottom(self):
        self.post_answer(jumping="-4")

        self.assertEqual(AssessmentResult.objects.get().current["jumping"], 1)

    def test_a_levelup_box_sent_as_false_is_not_a_wish_to_level_up(self):
        for value in ["false", "False"]:
            with self.subTest(value=value):
                self.post_answer(**{"jumping-levelup": value})

                self.assertEqual(AssessmentResult.objects.first().desired["jumping"], 2)

    def test_a_levelup_box_sent_as_false_comes_back_unticked_with_a_refusal(self):
        response = self.post_answer(running=None, **{"jumping-levelup": "false"})

        self.assertContains(
            response, '<input type="checkbox" name="jumping-levelup">', status_code=400
        )

    def test_levelup_at_the_top_of_the_scale_keeps_desired_at_the_top(self):
        self.post_answer(jumping="3", **{"jumping-levelup": "on"})

        self.assertEqual(AssessmentResult.objects.get().desired["jumping"], 3)

    def test_the_name_is_stored_without_surrounding_white_space(self):
        self.post_answer(name="  Ada Lovelace \t")

        self.assertEqual(AssessmentResult.objects.get().name, "Ada Lovelace")

    def test_fields_that_are_not_categories_are_ignored(self):
        self.post_answer(swimming="3", **{"swimming-levelup": "on"})

        self.assertEqual(AssessmentResult.objects.get().current, {"jumping": 2, "running": 1})

    def test_a_submission_takes_two_queries(self):
        with self.assertNumQueries(2):
            self.post_answer()


class BadInputTests(AnswerFormTestCase):
    def assert_refused(self, response, message):
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, message, status_code=400)
        self.assertEqual(AssessmentResult.objects.count(), 0)

    def test_a_blank_name_is_refused(self):
        response = self.post_answer(name="   ")

        self.assert_refused(response, "Please type your name.")

    def test_an_overlong_name_is_refused(self):
        response = self.post_answer(name="A" * 101)

        self.assert_refused(response, "at most 100 characters")

    def test_a_name_with_a_nul_character_is_refused(self):
        response = self.post_answer(name="Ada\x00")

        self.assert_refused(response, "Null characters are not allowed.")

    def test_a_rating_that_is_not_a_whole_number_is_refused(self):
        for rating in ["two", "2.5", "1e3", "9" * 5000]:
            with self.subTest(rating=rating[:10]):
                response = self.post_answer(jumping=rating)

                self.assert_refused(response, "The rating for Jumping must be a whole number.")

    def test_a_missing_rating_is_refused(self):
        response = self.post_answer(running=None)

        self.assert_refused(response, "Please choose a rating for Running.")

    def test_a_refusal_names_the_category_in_the_readers_language(self):
        data = {"v": "sports-2026", "name": "Ada", "jumping": "2"}

        response = self.client.post(FORM_URL, data, headers={"accept-language": "de"})

        self.assert_refused(response, "Bitte wählen Sie eine Bewertung für Running.")

    def test_a_category_renamed_before_any_answer_is_named_in_refusals_at_once(self):
        self.post_answer(running=None)
        self.assessment.assessment = {
            **JUMPING_RUNNING,
            "categories": [["Jumping", "jumping"], ["Sprinting", "running"]],
        }
        self.assessment.save()

        response = self.post_answer(running=None)

        self.assert_refused(response, "Please choose a rating for Sprinting.")

    def test_a_refused_form_keeps_what_was_typed(self):
        response = self.post_answer(running=None, **{"jumping-levelup": "on"}, name="Ada <b>")

        self.assertContains(response, 'value="Ada &lt;b&gt;"', status_code=400)
        self.assertContains(
            response,
            '<input type="radio" name="jumping" value="2" required checked>',
            status_code=400,
        )
        self.assertContains(
            response, '<input type="checkbox" name="jumping-levelup" checked>', status_code=400
        )

    def test_a_refused_name_is_marked_invalid_and_tied_to_its_message(self):
        response = self.post_answer(name="")

        self.assertContains(
            response,
            '<input type="text" name="name" autocomplete="name" maxlength="100" required '
            'aria-invalid="true" aria-describedby="id_name_error" id="id_name">',
            html=True,
            status_code=400,
        )
        self.assertContains(
            response,
            '<span class="field-error" id="id_name_error">Please type your name.</span>',
            html=True,
            status_code=400,
        )

    def test_a_refused_form_still_carries_the_contract_context(self):
        response = self.post_answer(name="")

        self.assertEqual(response.context["assessment_version"], "sports-2026")
        self.assertEqual(response.context["ratings"], ["Good", "Better", "Best"])


class CsrfTests(AnswerFormTestCase):
    def test_a_post_without_the_csrf_token_is_refused(self):
        client = Client(enforce_csrf_checks=True)

        response = client.post(
            FORM_URL, {"v": "sports-2026", "name": "Ada", "jumping": "1", "running": "1"}
        )

        self.assertEqual(response.status_code, 403)
        self.assertEqual(AssessmentResult.objects.count(), 0)

    def test_a_post_with_the_token_from_the_form_is_accepted(self):
        client = Client(enforce_csrf_checks=True)
        form_page = client.get(FORM_URL, {"v": "sports-2026"})
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form_page.text)[1]

        response = client.post(
            FORM_URL,
            {
                "v": "sports-2026",
                "name": "Ada",
                "jumping": "1",
                "running": "1",
                "csrfmiddlewaretoken": str(token),
            },
        )

        self.assertEqual(response.status_code, 302)
        self.assertEqual(AssessmentResult.objects.count(), 1)
