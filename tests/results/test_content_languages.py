"""An assessment's own texts in the reader's language: the home page, the answer form, the result
page with its chart, the comparison, the matrix and the emails; the JSON gives them as stored."""

import json
import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase

from assessments.models import Assessment
from assessments.versions import save_as_new_version
from teams.emails import INVITATION, REMINDER, invitation_message
from tests.charts.drawn import drawn_chart
from tests.factories import (
    JUMPING_RUNNING_IN_LANGUAGES,
    make_assessment_in_languages,
    make_result,
    make_user,
    open_round,
)

FORM = "/assessment/?v=sports"


def in_language(language: str) -> dict:
    return {"headers": {"accept-language": language}}


class AnswerFormInLanguagesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment_in_languages()

    def test_the_form_reads_in_german(self):
        response = self.client.get(FORM, **in_language("de"))

        for text in [
            "<h1>Sport</h1>",
            '<p class="assessment-description">Wie Sie sich bewegen.</p>',
            "<legend>Springen</legend>",
            "Vom Boden weg.",
            '<span class="level-text">Hüpft</span>',
            "<span>Am besten</span>",
            '<option value="athlete">Athletin</option>',
            "<legend>Laufen</legend>",
        ]:
            self.assertContains(response, text, html=False)
        self.assertContains(response, '<h2 class="category-group" id="group-2">Feld</h2>')
        self.assertNotContains(response, "Jumping")

    def test_the_form_reads_in_french_where_french_is_given_and_english_elsewhere(self):
        response = self.client.get(FORM, **in_language("fr"))

        for text in [
            "<h1>Les sports</h1>",
            "<legend>Sauter</legend>",
            '<span class="level-text">Sautille</span>',
            "<span>Au mieux</span>",
            # The role has no French name: the site's language (English) stands in.
            '<option value="athlete">Athlete</option>',
            "<legend>Courir</legend>",
            # A plain text is every language's.
            "<legend>Swimming</legend>",
        ]:
            self.assertContains(response, text, html=False)
        self.assertNotContains(response, "Springen")

    def test_a_language_without_entries_reads_english_else_the_first_given(self):
        response = self.client.get(FORM, **in_language("es"))

        self.assertContains(response, "<h1>Sports</h1>")
        self.assertContains(response, "<legend>Jumping</legend>")
        # "running" is named only in German and French: the first given.
        self.assertContains(response, "<legend>Laufen</legend>")

    def test_a_refused_answer_names_the_category_in_the_readers_language(self):
        response = self.client.post(
            "/assessment/", {"v": "sports", "name": "Ada"}, **in_language("de")
        )

        self.assertContains(response, "Springen", status_code=400)
        self.assertNotContains(response, "Jumping", status_code=400)

    def test_the_home_page_lists_the_name_and_description_in_the_readers_language(self):
        response = self.client.get("/", **in_language("fr"))

        self.assertContains(response, ">Les sports</a>")
        self.assertContains(response, "Comment vous bougez.")


class ResultInLanguagesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment_in_languages()
        cls.result = make_result(
            cls.assessment,
            name="Ada",
            role="athlete",
            current={"jumping": 1, "running": 2, "swimming": 3},
            desired={"jumping": 2, "running": 2, "swimming": 3},
        )

    def test_the_result_table_reads_in_german_and_french(self):
        for language, row in [
            ("de", '<th scope="row">Springen</th><td>Gut</td><td>Besser</td>'),
            ("fr", '<th scope="row">Sauter</th><td>Bien</td><td>Mieux</td>'),
        ]:
            with self.subTest(language=language):
                response = self.client.get(self.result.get_absolute_url(), **in_language(language))

                self.assertContains(response, row)

    def test_the_chart_labels_read_in_german_and_french(self):
        for language, spokes, scale in [
            ("de", ["Springen", "Laufen", "Swimming"], "Am besten"),
            ("fr", ["Sauter", "Courir", "Swimming"], "Au mieux"),
        ]:
            with self.subTest(language=language):
                response = self.client.get(self.result.get_absolute_url(), **in_language(language))
                page = response.content.decode()

                chart = drawn_chart(page, chart_class="radar-chart")

                self.assertEqual([" ".join(text.split()) for text in chart.texts[-3:]], spokes)
                self.assertIn(scale, page[page.index('class="radar-scale"') :])

    def test_the_page_shows_the_assessment_name_in_the_readers_language(self):
        response = self.client.get(self.result.get_absolute_url(), **in_language("de"))

        self.assertContains(response, '<p class="muted">Sport ·', html=False)
        self.assertNotContains(response, "Sports")

    def test_the_json_gives_every_text_as_the_definition_stores_it(self):
        response = self.client.get(f"/results/{self.result.pk}.json", **in_language("de"))

        document = response.json()
        definition = JUMPING_RUNNING_IN_LANGUAGES
        self.assertEqual(document["assessment_name"], definition["name"])
        self.assertEqual(document["ratings"], definition["ratings"])
        self.assertEqual(
            [category["name"] for category in document["categories"]],
            [definition["categories"][0]["name"], {"de": "Laufen", "fr": "Courir"}, "Swimming"],
        )
        self.assertEqual(document["categories"][0]["current_label"], definition["ratings"][0])
        self.assertEqual(document["categories"][0]["desired_label"], definition["ratings"][1])
        self.assertEqual(document["role"]["name"], {"en": "Athlete", "de": "Athletin"})

    def test_the_comparison_reads_in_the_readers_language(self):
        later_version = save_as_new_version(self.assessment, name="Sports", slug="sports-2")
        later = make_result(later_version, name="Ada", previous=self.result)

        response = self.client.get(
            f"/results/{later.pk}/compare/{self.result.pk}/", **in_language("fr")
        )

        self.assertContains(response, '<th scope="row">Sauter</th>')
        self.assertContains(response, "· Les sports</dd>", count=2)
        self.assertNotContains(response, "Sports")

    def test_a_new_version_keeps_the_names_in_other_languages(self):
        later_version = save_as_new_version(self.assessment, name="Sports 2", slug="sports-2")

        self.assertEqual(
            later_version.stored_name, {"en": "Sports 2", "de": "Sport", "fr": "Les sports"}
        )
        self.assertEqual(later_version.name, "Sports 2")


class ManagerPagesInLanguagesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment_in_languages()
        make_result(cls.assessment, name="Ada", current={"jumping": 3, "running": 1})
        cls.manager = make_user(manager=True)

    def test_the_matrix_headers_and_summaries_read_in_the_managers_language(self):
        self.client.force_login(self.manager)

        response = self.client.get("/manage/sports/", **in_language("de"))

        self.assertContains(response, "<h1>Fähigkeiten im Team: Sport</h1>")
        self.assertContains(response, '<th scope="col" class="category"><span>Springen</span></th>')
        # The summary's category names link to who knows them (issue 23).
        self.assertContains(response, '>Springen</a></th><td class="number">')
        self.assertContains(response, "<li><strong>Springen</strong>: 1 mit Höchstbewertung</li>")
        self.assertContains(response, "<title>Springen</title>")
        self.assertNotContains(response, "Jumping")

    def test_the_csv_names_categories_in_the_site_language_whoever_downloads_it(self):
        self.client.force_login(self.manager)

        response = self.client.get("/manage/sports/results.csv", **in_language("de"))

        header = b"".join(response.streaming_content).decode().splitlines()[0]
        self.assertIn("Jumping current,Jumping desired,Laufen current", header)


class EmailsInLanguagesTests(TestCase):
    def test_invitations_and_reminders_name_the_assessment_in_the_members_language(self):
        round = open_round(members=["Ada"], assessment=make_assessment_in_languages())
        invitation = round.invitations.get()
        invitation.member.language = "fr"
        invitation.member.save()

        for kind in [INVITATION, REMINDER]:
            with self.subTest(kind=kind):
                message = invitation_message(invitation=invitation, kind=kind)

                self.assertIn("Les sports", message.subject)
                self.assertIn("Les sports", message.body)
                self.assertIn("Les sports", message.alternatives[0][0])


class RoundTripTests(TestCase):
    def setUp(self):
        self.client.force_login(make_user(manager=True))

    def download_and_load_again(self, slug: str) -> tuple[dict, Assessment, Assessment]:
        before = Assessment.objects.get(slug=slug)
        response = self.client.get(f"/manage/assessments/{slug}.json")
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / f"{slug}.json"
            path.write_bytes(response.content)
            before.delete()
            call_command("load_assessment", str(path), stdout=StringIO())
        return json.loads(response.content), before, Assessment.objects.get(slug=slug)

    def test_texts_per_language_round_trip_through_the_download_and_the_loader(self):
        make_assessment_in_languages()

        document, before, after = self.download_and_load_again("sports")

        self.assertEqual(document["name"], JUMPING_RUNNING_IN_LANGUAGES["name"])
        self.assertEqual((after.name, after.assessment), (before.name, before.assessment))
        self.assertEqual(after.name, "Sports")

    def test_the_samples_download_exactly_as_their_files_read(self):
        for sample in ["samples/engineering-2026.json", "samples/engineering-2026-levels.json"]:
            with self.subTest(sample=sample):
                call_command("load_assessment", sample, stdout=StringIO())
                written = json.loads(Path(sample).read_text())

                document, _before, after = self.download_and_load_again(written["slug"])

                self.assertEqual(document, written)
                self.assertEqual(after.name, written["name"]["en"])
