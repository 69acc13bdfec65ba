"""A respondent answers the sample assessment in a real browser: mouse, keyboard, phone."""

import re
from io import StringIO

from django.core.management import call_command
from playwright.sync_api import Page

from assessments.models import Assessment
from charts.radar import RADIUS
from results.models import AssessmentResult
from results.submissions import record_result
from tests.browser.chromium import BrowserTestCase

SAMPLE = "samples/engineering-2026.json"
RESULT_URL = re.compile(r"/results/[0-9a-f-]{36}/$")
# The header's links for a visitor who is not signed in, in tab order.
HEADER_STOPS = ["a: Skip to content", "a: Assessor", "a: Sign in"]

# Remembers how every control looks unfocused, so that a focused one can be told apart.
REMEMBER_UNFOCUSED_LOOK = """() => {
  const look = el => {
    const s = getComputedStyle(el);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join(" ");
  };
  window.unfocusedLook = new Map(
    [...document.querySelectorAll("a[href], button, input:not([type=hidden])")]
      .map(el => [el, look(el)])
  );
  window.lookOf = look;
}"""
# What has the focus, and whether a sighted user can see that it has.
FOCUSED_CONTROL = """() => {
  const el = document.activeElement;
  const tag = el.tagName.toLowerCase();
  let stop = `${tag}: ${el.textContent.trim()}`;
  if (tag === "input") stop = `${el.type}: ${el.name}`;
  if (el.type === "radio") stop += `=${el.value}`;
  const box = el.getBoundingClientRect();
  const onScreen = box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0
    && box.left < innerWidth && box.top < innerHeight;
  const looksFocused = window.lookOf(el) !== window.unfocusedLook.get(el);
  return {stop, visible: onScreen && looksFocused};
}"""


class RespondentTests(BrowserTestCase):
    def setUp(self):
        super().setUp()
        call_command("load_assessment", SAMPLE, stdout=StringIO())
        self.assessment = Assessment.objects.get(slug="engineering-2026")
        self.ratings = self.assessment.ratings
        # A spread of answers over the whole scale: category n gets rating n % 4 + 1.
        self.chosen = {slug: n % 4 + 1 for n, (_, slug) in enumerate(self.assessment.categories)}

    def expected_rows(self, levelups: set[str]) -> list[list[str]]:
        rows = []
        for name, slug in self.assessment.categories:
            current = self.chosen[slug]
            desired = min(current + 1, len(self.ratings)) if slug in levelups else current
            wish = "Yes" if desired > current else "No"
            rows.append([name, self.ratings[current - 1], self.ratings[desired - 1], wish])
        return rows

    def assert_results_page_shows(self, page: Page, *, name: str, rows: list[list[str]]) -> None:
        """Every scenario that ends on the results page checks the table and the chart here."""
        page.wait_for_url(RESULT_URL)
        self.assertEqual(page.get_by_role("heading", level=1).inner_text(), f"Results for {name}")
        shown = page.locator("table.results tbody tr").evaluate_all(
            "rows => rows.map(row => [...row.cells].map(cell => cell.textContent.trim()))"
        )
        self.assertEqual(shown, rows)
        result = AssessmentResult.objects.get()
        self.assertEqual(page.url, self.live_server_url + result.get_absolute_url())
        self.assert_chart_draws(page, rows)

    def assert_chart_draws(self, page: Page, rows: list[list[str]]) -> None:
        """The radar chart is on screen, and each shape has a marker per category as far out as
        the rating the respondent chose (the centre is unrated, the outer ring the top)."""
        chart = page.get_by_role("img", name="Current and desired ratings")
        box = chart.bounding_box()
        self.assertGreater(box["width"], 200)
        self.assertLessEqual(box["x"] + box["width"], page.viewport_size["width"])
        steps = chart.locator(".radar-series").evaluate_all(
            f"""shapes => shapes.map(shape => [...shape.querySelectorAll("use")].map(
              marker => Math.round(Math.hypot(marker.x.baseVal.value, marker.y.baseVal.value)
                / {RADIUS} * {len(self.ratings)})))"""
        )
        current = [self.ratings.index(row[1]) + 1 for row in rows]
        desired = [self.ratings.index(row[2]) + 1 for row in rows]
        self.assertCountEqual(steps, [current, desired])

    def test_a_respondent_answers_the_sample_assessment_with_the_mouse(self):
        page = self.page
        self.visit("/")

        page.get_by_role("link", name="Software engineering skills 2026").click()
        page.get_by_label("Your name").click()
        page.keyboard.type("Ada Lovelace")
        for name, slug in self.assessment.categories:
            group = page.get_by_role("group", name=name)
            group.get_by_text(self.ratings[self.chosen[slug] - 1], exact=True).click()
        page.get_by_role("group", name="Automated testing").get_by_text(
            "I want to level up in this"
        ).click()
        page.get_by_role("button", name="Save my answers").click()

        self.assert_results_page_shows(
            page, name="Ada Lovelace", rows=self.expected_rows({"automated-testing"})
        )

    def press(self, key: str) -> None:
        """Press a key and note where the focus went and whether it can be seen."""
        self.page.keyboard.press(key)
        focused = self.page.evaluate(FOCUSED_CONTROL)
        self.stops.append(focused["stop"])
        if not focused["visible"]:
            self.unseen.append(focused["stop"])

    def test_a_respondent_answers_with_the_keyboard_only_and_always_sees_the_focus(self):
        page = self.page
        levelups = {"python-django", "security"}
        self.stops: list[str] = []
        self.unseen: list[str] = []
        self.visit("/")
        page.evaluate(REMEMBER_UNFOCUSED_LOOK)

        for _ in range(len(HEADER_STOPS) + 1):
            self.press("Tab")
        page.keyboard.press("Enter")
        page.wait_for_url("**/assessment/?v=engineering-2026")
        page.evaluate(REMEMBER_UNFOCUSED_LOOK)
        for _ in range(len(HEADER_STOPS) + 1):
            self.press("Tab")
        page.keyboard.type("Grace Hopper")
        top = len(self.ratings)
        for _, slug in self.assessment.categories:
            self.press("Tab")
            # Arrows move along a radio group, selecting as they go: up to the top rating, so
            # that every radio button is reached, then back down to the chosen one.
            for _ in range(top - 1):
                self.press("ArrowRight")
            for _ in range(top - self.chosen[slug]):
                self.press("ArrowLeft")
            self.press("Tab")
            if slug in levelups:
                self.press("Space")
        self.press("Tab")
        page.keyboard.press("Enter")

        expected_stops = [
            *HEADER_STOPS,
            "a: Software engineering skills 2026",
            *HEADER_STOPS,
            "text: name",
        ]
        for _, slug in self.assessment.categories:
            up_and_back = [*range(1, top + 1), *range(top - 1, self.chosen[slug] - 1, -1)]
            expected_stops += [f"radio: {slug}={value}" for value in up_and_back]
            expected_stops.append(f"checkbox: {slug}-levelup")
            if slug in levelups:
                expected_stops.append(f"checkbox: {slug}-levelup")
        expected_stops.append("button: Save my answers")
        self.assertEqual(self.stops, expected_stops)
        self.assertEqual(self.unseen, [])
        self.assert_results_page_shows(page, name="Grace Hopper", rows=self.expected_rows(levelups))

    def test_no_page_scrolls_sideways_at_phone_width(self):
        slugs = [slug for _, slug in self.assessment.categories]
        result = record_result(
            assessment=self.assessment,
            name="Ada Lovelace",
            current=dict.fromkeys(slugs, 2),
            desired=dict.fromkeys(slugs, 3),
        )
        self.page.set_viewport_size({"width": 375, "height": 812})

        for path in ["/", self.assessment.get_absolute_url(), result.get_absolute_url()]:
            self.visit(path)
            widths = self.page.evaluate(
                "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )

            self.assertLessEqual(widths[0], widths[1], f"{path} scrolls sideways: {widths}")
