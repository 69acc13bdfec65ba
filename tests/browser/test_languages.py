"""In German (long words) the answer form and the result page stay accessible and fit a phone."""

from io import StringIO

from axe_playwright_python.base import AXE_FILE_PATH, AxeResults
from django.conf import settings
from django.core.management import call_command

from assessments.models import Assessment
from results.submissions import record_result
from tests.browser.chromium import BrowserTestCase

SAMPLE = "samples/engineering-2026.json"
BLOCKING_IMPACTS = {"serious", "critical"}
PHONE = {"width": 375, "height": 800}


class GermanPagesTests(BrowserTestCase):
    def setUp(self):
        super().setUp()
        call_command("load_assessment", SAMPLE, stdout=StringIO())
        self.assessment = Assessment.objects.get(slug="engineering-2026")
        slugs = [slug for _, slug in self.assessment.categories]
        result = record_result(
            assessment=self.assessment,
            name="Ada Lovelace",
            current={slug: n % 4 + 1 for n, slug in enumerate(slugs)},
            desired={slug: min(n % 4 + 2, 4) for n, slug in enumerate(slugs)},
        )
        self.pages = {
            "answer form": self.assessment.get_absolute_url(),
            "results": result.get_absolute_url(),
        }
        self.page.add_init_script(path=AXE_FILE_PATH)
        # The visitor chose German in the menu earlier: Django's language cookie says so.
        self.page.context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "de", "url": self.live_server_url}]
        )

    def test_german_pages_have_no_serious_or_critical_violation(self):
        findings = {}

        for name, path in self.pages.items():
            self.visit(path)
            self.assertEqual(self.page.locator("html").get_attribute("lang"), "de")
            results = AxeResults(self.page.evaluate("axe.run({resultTypes: ['violations']})"))
            findings[name] = [
                f"{violation['id']} ({violation['impact']})"
                for violation in results.response["violations"]
                if violation["impact"] in BLOCKING_IMPACTS
            ]

        self.assertEqual({name: found for name, found in findings.items() if found}, {})

    def test_at_phone_width_nothing_scrolls_sideways_in_german(self):
        self.page.set_viewport_size(PHONE)
        overflowing = {}

        for name, path in self.pages.items():
            self.visit(path)
            width = self.page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                overflowing[name] = width

        self.assertEqual(overflowing, {})

    def test_the_menu_switches_the_language_without_javascript_for_the_next_pages_too(self):
        context = self.browser.new_context(java_script_enabled=False)
        self.addCleanup(context.close)
        page = context.new_page()
        path = self.pages["results"]
        page.goto(self.live_server_url + path)

        page.locator("#language-select").select_option("fr")
        page.locator("form.language-form button").click()
        page.wait_for_load_state()
        back_on, back_lang = page.url, page.locator("html").get_attribute("lang")
        page.goto(self.live_server_url + "/")

        self.assertEqual((back_on, back_lang), (self.live_server_url + path, "fr"))
        self.assertEqual(page.locator("html").get_attribute("lang"), "fr")
