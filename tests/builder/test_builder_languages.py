"""The builder edits an assessment's texts per language: one optional input per other language of
the site beside each text, folded away until one is written."""

import copy

from django.test import TestCase

from assessments.models import Assessment
from tests.builder.test_builder import JUMPING, NEW, RUNNING, SENIOR, builder_post
from tests.factories import JUMPING_RUNNING_IN_LANGUAGES, make_assessment_in_languages, make_user

EDIT = "/manage/assessments/sports/edit/"


class BuilderLanguagesTests(TestCase):
    def setUp(self):
        self.client.force_login(make_user(manager=True))

    def test_a_german_name_is_saved_beside_the_english_one(self):
        self.client.post(NEW, builder_post(categories=[JUMPING], **{"assessment-name_de": "Sport"}))

        saved = Assessment.objects.get(slug="sports")
        self.assertEqual(saved.stored_name, {"en": "Sports", "de": "Sport"})
        self.assertEqual(saved.name, "Sports")

    def test_without_other_languages_every_text_stays_a_plain_string(self):
        self.client.post(NEW, builder_post(categories=[JUMPING, RUNNING], roles=[SENIOR]))

        saved = Assessment.objects.get(slug="sports")
        self.assertNotIn("name", saved.assessment)
        self.assertEqual(saved.assessment["ratings"], ["Good", "Better", "Best"])
        self.assertEqual(saved.assessment["categories"][1]["levels"], ["Jogs", "Runs", "Sprints"])

    def test_every_text_of_a_row_and_the_scale_take_their_own_language(self):
        running = {
            **RUNNING,
            "name_fr": "Course",
            "group_de": "Bahn",
            "description_es": "Ir rápido a pie.",
            "levels_de": "Joggt\nLäuft\nSprintet",
        }
        fields = {"assessment-ratings_de": "Gut\nBesser\nAm besten", "roles-0-name_de": "Senior"}

        self.client.post(NEW, builder_post(categories=[JUMPING, running], roles=[SENIOR], **fields))

        definition = Assessment.objects.get(slug="sports").assessment
        category = definition["categories"][1]
        self.assertEqual(category["name"], {"en": "Running", "fr": "Course"})
        self.assertEqual(category["group"], {"en": "Track", "de": "Bahn"})
        self.assertEqual(
            category["description"], {"en": "Going fast on foot.", "es": "Ir rápido a pie."}
        )
        self.assertEqual(category["levels"][2], {"en": "Sprints", "de": "Sprintet"})
        self.assertEqual(definition["ratings"][2], {"en": "Best", "de": "Am besten"})
        self.assertEqual(definition["roles"][0]["name"], {"en": "Senior athlete", "de": "Senior"})

    def test_a_translated_scale_of_the_wrong_length_is_refused(self):
        fields = {"assessment-ratings_de": "Gut\nBesser"}

        response = self.client.post(NEW, builder_post(categories=[RUNNING], **fields))

        self.assertContains(
            response, "Write one label per rating: 3 lines, not 2.", status_code=400
        )
        self.assertFalse(Assessment.objects.exists())

    def test_translated_level_texts_of_the_wrong_length_are_refused(self):
        running = {**RUNNING, "levels_fr": "Trottine\nCourt"}

        response = self.client.post(NEW, builder_post(categories=[running]))

        self.assertContains(response, "Write one line per rating: 3 lines, not 2.", status_code=400)
        self.assertFalse(Assessment.objects.exists())

    def test_the_edit_page_shows_each_language_in_its_own_input(self):
        make_assessment_in_languages()

        response = self.client.get(EDIT)

        self.assertContains(response, 'name="assessment-name" value="Sports"', html=False)
        self.assertContains(response, 'name="assessment-name_de" value="Sport"', html=False)
        self.assertContains(response, 'name="categories-0-name_fr" value="Sauter"', html=False)
        self.assertContains(response, "Gut\nBesser\nAm besten</textarea>")
        self.assertContains(response, '<fieldset class="builder-language" lang="de">')

    def test_editing_the_german_name_keeps_every_other_text(self):
        make_assessment_in_languages()
        page = self.client.get(EDIT)
        data = posted_form(page)
        data["assessment-name_de"] = "Sportarten"

        response = self.client.post(EDIT, data)

        self.assertRedirects(response, EDIT)
        saved = Assessment.objects.get(slug="sports")
        self.assertEqual(
            saved.stored_name, {"en": "Sports", "de": "Sportarten", "fr": "Les sports"}
        )
        unchanged = {key: value for key, value in saved.assessment.items() if key != "name"}
        expected = {
            key: copy.deepcopy(value)
            for key, value in JUMPING_RUNNING_IN_LANGUAGES.items()
            if key != "name"
        }
        # A name given in no language of the site's own keeps its entries, and gains the
        # site's language's (which readers of English read already).
        expected["categories"][1] = [{"en": "Laufen", "de": "Laufen", "fr": "Courir"}, "running"]
        self.assertEqual(unchanged, {**expected, "wide-category": False})


def posted_form(page) -> dict[str, str]:
    """What a browser posts from the builder page as shown: every field's value."""
    form = page.context["builder"]
    data = {"action": "save"}
    for part in form.forms:
        forms = part.forms if hasattr(part, "forms") else [part]
        if hasattr(part, "management_form"):
            for field in part.management_form:
                data[field.html_name] = str(field.value())
        for row in forms:
            for field in row:
                value = field.value()
                if value in (None, False, ""):
                    continue
                data[field.html_name] = "on" if value is True else str(value)
    return data
