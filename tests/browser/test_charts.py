"""The charts in Chromium at 1,280 and 375 px: where series coincide, where an answer is n/a or
a role sets no target, and a trend of more categories than line styles. Each page is saved as a
screenshot in test-artifacts/ for a person to look at, checked by axe, and measured."""

from datetime import timedelta
from io import StringIO

from axe_playwright_python.base import AXE_FILE_PATH
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from assessments.models import Assessment
from results.submissions import record_result
from teams.models import Member
from tests.browser import test_accessibility
from tests.browser.chromium import ARTIFACTS, BrowserTestCase
from tests.factories import answer_invitation, make_team, open_round

RICH_SAMPLE = "samples/engineering-2026-levels.json"
SAMPLE = "samples/engineering-2026.json"
WIDTHS = {"wide": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}
# The rendered size of a chart's text: its font size times the SVG's scale on screen.
CHART_TEXT_SIZES = """chart => [...chart.querySelectorAll("text")].map(text => {
  const size = parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a;
  return [text.textContent.trim(), Math.round(size * 10) / 10];
})"""


class ChartPagesTests(BrowserTestCase):
    blocking_violations = test_accessibility.AccessibilityTests.blocking_violations

    def setUp(self):
        super().setUp()
        call_command("load_assessment", RICH_SAMPLE, stdout=StringIO())
        call_command("load_assessment", SAMPLE, stdout=StringIO())
        self.rich = Assessment.objects.get(slug="engineering-2026-levels")
        self.plain = Assessment.objects.get(slug="engineering-2026")
        self.boss = self.create_manager("boss", "a-long-password-1")
        self.page.add_init_script(path=AXE_FILE_PATH)

    def chart_pages(self) -> dict[str, str]:
        """A result with equal current, desired and target ratings almost everywhere, one n/a
        and three categories without a target; its comparison with an earlier result; the
        team chart over both; and the trend of a team through four rounds of 11 categories."""
        slugs = self.rich.category_slugs
        current = {slug: 3 if slug in ("python-django", "security") else 2 for slug in slugs}
        current[slugs[-1]] = None
        desired = {**current, "security": 4}
        earlier = record_result(
            assessment=self.rich, name="Ada", current={**current, "security": 2}, desired=current
        )
        later = record_result(
            assessment=self.rich,
            name="Ada",
            current=current,
            desired=desired,
            role="senior",
            previous=earlier,
        )
        return {
            "result": later.get_absolute_url(),
            "comparison": reverse("results:compare", args=[later.pk, earlier.pk]),
            "matrix": reverse("reports:matrix", args=[self.rich.slug]),
            "trend": self.trend_of_four_rounds(),
        }

    def trend_of_four_rounds(self) -> str:
        team = make_team(name="Platform", slug="platform", managers=(self.boss,))
        for name in ["Ada Lovelace", "Grace Hopper", "Edsger Dijkstra"]:
            Member.objects.create(team=team, name=name, email=f"{name.split()[0]}@example.com")
        slugs = self.plain.category_slugs
        for number in range(4):
            closes_on = timezone.localdate() + timedelta(days=91 * number + 1)
            team_round = open_round(team=team, assessment=self.plain, closes_on=closes_on)
            for person, invitation in enumerate(team_round.invitations.order_by("pk")):
                ratings = {
                    slug: min(4, 1 + (index * number + person) % 4 * (index % 3 > 0))
                    for index, slug in enumerate(slugs)
                }
                answer_invitation(invitation, **ratings)
        return reverse("reports:team_trend", args=[team.slug])

    def save_chart_screenshot(self, suffix: str) -> None:
        """The chart alone, at twice the pixels, for a closer look."""
        figure = self.page.locator("figure").first
        ARTIFACTS.mkdir(exist_ok=True)
        figure.screenshot(path=ARTIFACTS / f"chart-{suffix}.png")
        # As a reader without colour vision sees it.
        figure.evaluate("figure => figure.style.filter = 'grayscale(1)'")
        figure.screenshot(path=ARTIFACTS / f"chart-{suffix}-grey.png")
        figure.evaluate("figure => figure.style.filter = ''")

    def test_every_chart_page_at_both_widths_passes_axe_and_keeps_to_the_screen(self):
        pages = self.chart_pages()
        self.sign_in(self.boss)
        self.reports: list[str] = []
        findings, overflowing = {}, {}

        for width_name, viewport in WIDTHS.items():
            self.page.set_viewport_size(viewport)
            for name, path in pages.items():
                self.visit(path)
                self.save_screenshot(suffix=f"{name}-{width_name}")
                self.assertEqual(self.page.get_by_role("img").count(), 1, name)
                self.save_chart_screenshot(suffix=f"{name}-{width_name}")
                findings[f"{name} at {width_name}"] = self.blocking_violations(name)
                scroll, client = self.page.evaluate(
                    "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
                )
                if scroll > client:
                    overflowing[f"{name} at {width_name}"] = scroll

        blocked = {name: found for name, found in findings.items() if found}
        self.assertEqual(blocked, {}, "\n".join(self.reports))
        self.assertEqual(overflowing, {})

    def test_the_trend_chart_text_is_at_least_11_px_on_a_phone(self):
        path = self.trend_of_four_rounds()
        self.sign_in(self.boss)
        self.page.set_viewport_size(WIDTHS["phone"])

        self.visit(path)
        sizes = self.page.get_by_role("img", name="Average current rating").evaluate(
            CHART_TEXT_SIZES
        )

        self.assertTrue(sizes)
        self.assertEqual([(text, size) for text, size in sizes if size < 11], [])

    def test_the_trend_table_fits_its_box_on_a_wide_screen_and_scrolls_inside_it_on_a_phone(self):
        path = self.trend_of_four_rounds()
        self.sign_in(self.boss)
        table_width = "region => [region.querySelector('table').offsetWidth, region.clientWidth]"
        scrolls = "region => region.scrollWidth > region.clientWidth"
        page_width = "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"

        self.page.set_viewport_size(WIDTHS["wide"])
        self.visit(path)
        region = self.page.get_by_role("region", name="Round by round", exact=True)
        table, box = region.evaluate(table_width)
        self.page.set_viewport_size(WIDTHS["phone"])
        self.visit(path)
        region = self.page.get_by_role("region", name="Round by round", exact=True)
        phone_scrolls, (scroll, client) = region.evaluate(scrolls), self.page.evaluate(page_width)

        self.assertLessEqual(table, box)
        self.assertTrue(phone_scrolls)
        self.assertLessEqual(scroll, client)
