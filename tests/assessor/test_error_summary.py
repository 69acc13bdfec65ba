"""The error summary at the top of every form (GOV.UK's pattern): each problem listed as a link
to its field, in a box that takes focus when the page loads."""

from pathlib import Path

from django.conf import settings
from django.test import TestCase

from tests.builder.test_builder import JUMPING, NEW, RUNNING, builder_post
from tests.factories import make_assessment, make_team, make_user

SUMMARY_OPENING = (
    '<div class="error-summary" role="alert" aria-labelledby="error-summary-title" '
    'tabindex="-1" autofocus data-error-summary>'
)


def summary_of(response) -> str:
    """The summary box's markup, or "" when the page has none."""
    page = response.content.decode()
    start = page.find(SUMMARY_OPENING)
    return "" if start < 0 else page[start : page.index("</div>", start)]


class ErrorSummaryTests(TestCase):
    def test_the_co_manager_form_far_down_the_team_page_is_summarised_with_a_link(self):
        maria = make_user(manager=True)
        make_team(slug="platform", managers=(maria,))
        self.client.force_login(maria)

        response = self.client.post("/manage/teams/platform/managers/", {"email": "not one"})

        self.assertEqual(response.status_code, 400)
        summary = summary_of(response)
        self.assertIn("There is a problem", summary)
        self.assertIn('<a href="#id_email" data-field="email">Email address: ', summary)
        # The field it links to is on the page.
        self.assertContains(response, 'id="id_email"', status_code=400)

    def test_the_answer_forms_summary_links_each_missing_rating_and_the_name(self):
        make_assessment(slug="sports")

        response = self.client.post("/assessment/", {"v": "sports", "name": ""})

        summary = summary_of(response)
        self.assertIn('<a href="#id_name" data-field="name">', summary)
        # A radio group has no element of the field's id: the script finds it by its name.
        self.assertIn('data-field="jumping">Please choose a rating for Jumping.</a>', summary)
        self.assertIn('data-field="running">Please choose a rating for Running.</a>', summary)

    def test_an_error_of_the_whole_form_is_listed_without_a_link(self):
        make_user(username="ada")

        response = self.client.post(
            "/accounts/login/", {"username": "ada", "password": "wrong-horse-battery"}
        )

        summary = summary_of(response)
        self.assertIn("There is a problem", summary)
        self.assertIn("<li>Please enter a correct username and password.", summary)

    def test_the_builder_lists_its_rows_errors_with_links_to_their_fields(self):
        self.client.force_login(make_user(manager=True))

        response = self.client.post(
            NEW, builder_post(categories=[JUMPING, {**RUNNING, "levels": "Jogs"}])
        )

        summary = summary_of(response)
        self.assertIn("Nothing was saved.", summary)
        self.assertIn(
            '<a href="#id_categories-1-levels" data-field="categories-1-levels">', summary
        )

    def test_a_valid_page_has_no_summary(self):
        make_assessment(slug="sports")

        response = self.client.get("/assessment/?v=sports")

        self.assertEqual(summary_of(response), "")

    def test_every_form_template_shows_its_errors_through_the_one_include(self):
        templates = Path(settings.BASE_DIR, "templates")
        summary = templates / "includes" / "error_summary.html"

        own_summaries = [
            str(path.relative_to(templates))
            for path in templates.rglob("*.html")
            if path != summary and 'class="error-summary' in path.read_text(encoding="utf-8")
        ]

        self.assertEqual(own_summaries, [])

    def test_the_script_that_focuses_it_is_a_static_file_on_every_page(self):
        response = self.client.get("/")

        self.assertContains(response, 'src="/static/js/error-summary.js" defer')
