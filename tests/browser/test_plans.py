"""The plan form and a result page with a plan and resources, in Chromium with axe-core, at
1,280 and 375 px: no serious or critical violation, nothing scrolls sideways."""

from datetime import timedelta
from io import StringIO

from axe_playwright_python.base import AXE_FILE_PATH, AxeResults
from django.core.management import call_command
from django.utils import timezone

from assessments.models import Assessment
from results.submissions import record_result
from tests.browser.chromium import BrowserTestCase

SAMPLE = "samples/engineering-2026.json"
BLOCKING_IMPACTS = {"serious", "critical"}
WIDTHS = {"wide": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}


class PlanPagesTests(BrowserTestCase):
    def setUp(self):
        super().setUp()
        call_command("load_assessment", SAMPLE, stdout=StringIO())
        assessment = Assessment.objects.get(slug="engineering-2026")
        slugs = assessment.category_slugs
        self.result = record_result(
            assessment=assessment,
            name="Ada Lovelace",
            current=dict.fromkeys(slugs, 2),
            # Levelling up in Python and Django and in security, which list resources.
            desired={slug: 3 if slug in ("python-django", "security") else 2 for slug in slugs},
        )
        self.page.add_init_script(path=AXE_FILE_PATH)
        self.reports: list[str] = []

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

    def test_a_plan_is_made_in_the_browser_and_its_pages_pass_axe_at_both_widths(self):
        findings, sideways = {}, []
        due = (timezone.localdate() + timedelta(days=30)).isoformat()

        self.visit(self.result.get_absolute_url())
        self.page.get_by_role("link", name="Make a plan").click()
        goal = self.page.get_by_role("group", name="Goal 1")
        goal.get_by_label("Category").select_option("python-django")
        goal.get_by_label("Target").select_option("4")
        goal.get_by_label("Due").fill(due)
        goal.get_by_label("Note").fill("Read the ORM docs")
        self.page.get_by_label("Share my notes with my manager").check()
        self.page.get_by_role("button", name="Save the plan").click()
        self.page.get_by_role("heading", name="Your development plan").wait_for()
        links = self.page.locator(".learning a")
        for name, viewport in WIDTHS.items():
            self.page.set_viewport_size(viewport)
            for page_name, path in [
                ("result with a plan", self.result.get_absolute_url()),
                ("plan form", f"/results/{self.result.pk}/plan/"),
            ]:
                self.visit(path)
                label = f"{page_name} ({name})"
                findings[label] = self.blocking_violations(label)
                sideways += [label] if self.scrolls_sideways() else []
        self.visit(f"/results/{self.result.pk}/plan/")
        self.page.get_by_role("group", name="Goal 1").get_by_label("Due").fill("2000-01-01")
        self.page.get_by_role("button", name="Save the plan").click()
        self.page.get_by_role("alert").wait_for()
        findings["plan form with errors"] = self.blocking_violations("plan form with errors")

        self.visit(self.result.get_absolute_url())
        self.assertIn("Read the ORM docs", self.page.inner_text("main"))
        self.assertEqual(
            self.page.locator(".learning a").first.get_attribute("rel"), "noopener noreferrer"
        )
        self.assertGreaterEqual(links.count(), 2)
        blocked = {name: found for name, found in findings.items() if found}
        self.assertEqual(blocked, {}, "\n".join(self.reports))
        self.assertEqual(sideways, [])
