"""The builder in a real browser: a manager writes, previews and creates an assessment, and the
builder, its preview and the richer answer form pass axe and fit a phone's width."""

import json
from io import StringIO
from pathlib import Path

from axe_playwright_python.base import AXE_FILE_PATH, AxeResults
from django.contrib.auth.models import Permission
from django.core.management import call_command

from assessments.models import Assessment
from tests.browser.chromium import BrowserTestCase

RICH_SAMPLE = "samples/engineering-2026-levels.json"
PASSWORD = "correct horse battery staple"
BLOCKING_IMPACTS = {"serious", "critical"}


class BuilderBrowserTests(BrowserTestCase):
    def setUp(self):
        super().setUp()
        call_command("load_assessment", RICH_SAMPLE, stdout=StringIO())
        self.page.add_init_script(path=AXE_FILE_PATH)
        manager = self.create_manager("grace", PASSWORD)
        # As assessments/0003_managers_build_assessments does (see create_manager's note).
        manager.groups.get().permissions.add(
            *Permission.objects.filter(
                content_type__app_label="assessments",
                codename__in=["add_assessment", "change_assessment"],
            )
        )
        self.sign_in(manager)

    def fill_in_a_small_assessment(self) -> None:
        page = self.page
        self.visit("/manage/assessments/new/")
        page.get_by_label("Name", exact=True).fill("Sports")
        page.get_by_label("Scale", exact=True).fill("Good\nBetter\nBest")
        page.get_by_label("Offer “Not applicable” in every category").check()
        first = page.get_by_role("group", name="Category 1")
        first.get_by_label("Category", exact=True).fill("Running")
        first.get_by_label("Group", exact=True).fill("Track")
        first.get_by_label("Description", exact=True).fill("Going fast on foot.")
        first.get_by_label("What each rating means here", exact=True).fill("Jogs\nRuns\nSprints")
        page.get_by_role("group", name="Category 2").get_by_label("Category", exact=True).fill(
            "Jumping"
        )
        role = page.get_by_role("group", name="Role 1")
        role.get_by_label("Role", exact=True).fill("Coach")
        role.get_by_label("Targets", exact=True).fill("Running: Best")

    def blocking_violations(self, name: str) -> list[str]:
        results = AxeResults(self.page.evaluate("axe.run({resultTypes: ['violations']})"))
        blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
        if blocking:
            self.save_screenshot(suffix=name)
            self.reports.append(f"{name}: {results.generate_report()}")
        return [f"{v['id']} ({v['impact']})" for v in blocking]

    def scrolls_sideways(self) -> bool:
        width, client = self.page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        return width > client

    def test_a_manager_previews_and_creates_an_assessment_that_respondents_can_answer(self):
        page = self.page
        self.fill_in_a_small_assessment()

        page.get_by_role("button", name="Preview").click()
        preview = page.locator(".preview-frame")
        preview.wait_for()
        previewed = preview.get_by_role("group", name="Running").inner_text()
        page.get_by_role("button", name="Create").click()
        page.wait_for_url("**/manage/assessments/sports/edit/")
        # A draft until someone has checked it: its form says so and offers to publish it.
        self.visit("/assessment/?v=sports")
        banner = page.get_by_role("status").filter(has_text="Draft — not public yet")
        banner.get_by_role("button", name="Publish").click()
        page.wait_for_url("**/assessment/?v=sports")

        self.assertEqual(page.get_by_role("status").filter(has_text="Draft").count(), 0)
        self.assertFalse(Assessment.objects.get(slug="sports").draft)
        self.assertIn("Sprints", previewed)
        self.assertIn("Not applicable", previewed)
        self.assertEqual(Assessment.objects.get(slug="sports").roles[0].targets, {"running": 3})
        self.assertEqual(page.get_by_role("group", name="Running").inner_text(), previewed)

    def test_builder_preview_and_richer_form_have_no_serious_violation_and_fit_a_phone(self):
        self.reports: list[str] = []
        findings, sideways = {}, []
        self.page.set_viewport_size({"width": 375, "height": 812})

        self.visit("/manage/assessments/new/")
        findings["builder"] = self.blocking_violations("builder")
        sideways += ["builder"] if self.scrolls_sideways() else []
        self.fill_in_a_small_assessment()
        self.page.get_by_role("button", name="Preview").click()
        self.page.locator(".preview-frame").wait_for()
        findings["preview"] = self.blocking_violations("preview")
        sideways += ["preview"] if self.scrolls_sideways() else []
        self.page.get_by_role("group", name="Category 1").get_by_label(
            "What each rating means here", exact=True
        ).fill("Only one line")
        self.page.get_by_role("button", name="Create").click()
        self.page.get_by_role("alert").wait_for()
        findings["builder with errors"] = self.blocking_violations("builder with errors")
        sideways += ["builder with errors"] if self.scrolls_sideways() else []
        self.visit("/manage/assessments/engineering-2026-levels/edit/")
        findings["edit"] = self.blocking_violations("edit")
        self.visit("/assessment/?v=engineering-2026-levels")
        findings["richer form"] = self.blocking_violations("richer form")
        sideways += ["richer form"] if self.scrolls_sideways() else []

        blocked = {name: found for name, found in findings.items() if found}
        self.assertEqual(blocked, {}, "\n".join(self.reports))
        self.assertEqual(sideways, [])

    def test_the_downloaded_definition_is_the_loaders_file(self):
        self.visit("/manage/assessments/engineering-2026-levels/edit/")

        with self.page.expect_download() as download:
            self.page.get_by_role("link", name="Download as JSON").click()

        downloaded = json.loads(Path(download.value.path()).read_text())
        self.assertEqual(downloaded, json.loads(Path(RICH_SAMPLE).read_text()))

    def test_rows_added_and_moved_by_the_script_are_saved_in_their_order(self):
        page = self.page
        self.fill_in_a_small_assessment()
        # Gone if the page were loaded again: the row must come without a round trip.
        page.evaluate("window.notReloaded = true")

        page.get_by_role("button", name="More rows").click()
        added = page.get_by_role("group", name="Category 4")
        added.get_by_label("Category", exact=True).fill("Rowing")
        added.get_by_role("button", name="Move up").click()
        page.get_by_role("group", name="Category 3").get_by_role("button", name="Move up").click()
        stayed = page.evaluate("window.notReloaded === true")
        page.get_by_role("button", name="Create").click()
        page.wait_for_url("**/manage/assessments/sports/edit/")

        self.assertTrue(stayed)
        self.assertEqual(
            Assessment.objects.get(slug="sports").category_slugs, ["running", "rowing", "jumping"]
        )
