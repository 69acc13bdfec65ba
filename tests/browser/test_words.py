"""The pages issue 21 reworded and laid out again, in Chromium at 1,280 and 375 px: axe finds no
serious or critical violation, nothing scrolls sideways on a phone, content is up to 1,200 px wide,
tables scroll in their own region, and a form's error summary takes focus in view. Each page is
screenshotted into test-artifacts/ at both widths."""

from io import StringIO

from axe_playwright_python.base import AXE_FILE_PATH, AxeResults
from django.contrib.auth.models import User
from django.core.management import call_command

from assessments.models import Assessment
from tests.browser.chromium import BrowserTestCase
from tests.factories import answer_invitation, make_team, open_round

SAMPLE = "samples/engineering-2026.json"
WIDTHS = {"wide": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}
BLOCKING_IMPACTS = {"serious", "critical"}
# The German round table was the one whose last column fell off the 960 px page.
LONG_NAMES = ["Ada Lovelace", "Grace Hopper", "Linus Torvalds-Longname-Person"]


class WordsAndLayoutTests(BrowserTestCase):
    def setUp(self):
        super().setUp()
        call_command("load_assessment", SAMPLE, stdout=StringIO())
        call_command(
            "load_assessment", SAMPLE.replace(".json", "-levels.json"), "--draft", stdout=StringIO()
        )
        self.assessment = Assessment.objects.get(slug="engineering-2026")
        self.page.add_init_script(path=AXE_FILE_PATH)
        self.boss = User.objects.create_superuser("boss", "boss@example.com", "a-long-password-1")
        self.team = make_team(
            name="Platform team", slug="platform", managers=(self.boss,), members=LONG_NAMES
        )
        self.round = open_round(team=self.team, assessment=self.assessment)
        answer_invitation(
            self.round.invitations.first(), **dict.fromkeys(self.assessment.category_slugs, 2)
        )
        self.reports: list[str] = []

    def pages(self) -> dict[str, str]:
        return {
            "home": "/",
            "answer form": self.assessment.get_absolute_url(),
            "draft form": "/assessment/?v=engineering-2026-levels",
            "manage": "/manage/",
            "team": "/manage/teams/platform/",
            "round": self.round.get_absolute_url(),
        }

    def blocking_violations(self, name: str) -> list[str]:
        results = AxeResults(self.page.evaluate("axe.run({resultTypes: ['violations']})"))
        blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
        if blocking:
            self.reports.append(f"{name}: {results.generate_report()}")
        return [f"{v['id']} ({v['impact']})" for v in blocking]

    def page_scrolls_sideways(self) -> bool:
        width, client = self.page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        return width > client

    def test_each_page_passes_axe_and_fits_at_both_widths(self):
        self.sign_in(self.boss)
        findings, sideways = {}, []

        for width_name, viewport in WIDTHS.items():
            self.page.set_viewport_size(viewport)
            for name, path in self.pages().items():
                self.visit(path)
                self.save_screenshot(suffix=f"{name}-{width_name}")
                findings[f"{name} at {width_name}"] = self.blocking_violations(name)
                if self.page_scrolls_sideways():
                    sideways.append(f"{name} at {width_name}")

        blocked = {name: found for name, found in findings.items() if found}
        self.assertEqual(blocked, {}, "\n".join(self.reports))
        self.assertEqual(sideways, [])

    def test_content_is_up_to_1200_px_wide_on_a_wide_screen(self):
        self.page.set_viewport_size({"width": 1600, "height": 900})
        self.sign_in(self.boss)
        self.visit(self.round.get_absolute_url())

        main = self.page.locator("main").bounding_box()

        self.assertEqual(main["width"], 1200)

    def test_a_wide_table_scrolls_in_its_own_region_on_a_phone(self):
        self.page.set_viewport_size(WIDTHS["phone"])
        self.sign_in(self.boss)
        self.visit("/manage/teams/platform/")

        regions = self.page.locator(".table-scroll").evaluate_all(
            "regions => regions.map(region => getComputedStyle(region).overflowX)"
        )

        self.assertTrue(regions)
        self.assertEqual(set(regions), {"auto"})
        self.assertFalse(self.page_scrolls_sideways())

    def test_an_error_far_down_the_team_page_is_summarised_in_view_and_focused(self):
        self.sign_in(self.boss)
        for width_name, viewport in WIDTHS.items():
            with self.subTest(width=width_name):
                self.page.set_viewport_size(viewport)
                self.visit("/manage/teams/platform/")
                form = self.page.locator("form").filter(has=self.page.get_by_label("Email address"))
                form.get_by_label("Email address").fill("not an address")
                form.evaluate("form => form.noValidate = true")
                form.get_by_role("button").click()
                summary = self.page.locator("[data-error-summary]")
                summary.wait_for()
                self.save_screenshot(suffix=f"co-manager-error-{width_name}")

                focused = self.page.evaluate(
                    "document.activeElement.hasAttribute('data-error-summary')"
                )
                top, bottom = self.page.evaluate(
                    "(() => { const box = document.querySelector('[data-error-summary]')"
                    ".getBoundingClientRect(); return [box.top, box.bottom]; })()"
                )

                self.assertTrue(focused)
                # Scrolled to the top of the viewport, give or take a fraction of a pixel.
                self.assertGreaterEqual(round(top), 0)
                self.assertLessEqual(round(bottom), viewport["height"])

    def test_the_summarys_link_takes_focus_to_the_rating_it_names(self):
        self.page.set_viewport_size(WIDTHS["phone"])
        self.visit(self.assessment.get_absolute_url())
        self.page.locator("form.assessment-form").evaluate("form => form.noValidate = true")
        self.page.get_by_role("button", name="Save my answers").click()
        summary = self.page.locator("[data-error-summary]")
        summary.wait_for()
        findings = self.blocking_violations("answer form with errors")

        summary.locator("a[data-field]").nth(1).click()
        focused_name = self.page.evaluate("document.activeElement.name")

        first_category = self.assessment.category_slugs[0]
        self.assertEqual(focused_name, first_category)
        self.assertEqual(findings, [], "\n".join(self.reports))

    def test_favicon_ico_leads_to_the_icon(self):
        response = self.page.goto(self.live_server_url + "/favicon.ico")

        self.assertEqual(response.status, 200)
        self.assertIn("svg", response.headers["content-type"])
