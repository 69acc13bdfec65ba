"""axe-core in Chromium: no page has a serious or critical accessibility violation."""

from io import StringIO

from axe_playwright_python.base import AXE_FILE_PATH, AxeResults
from django.core.management import call_command
from django.urls import reverse

from assessments.models import Assessment
from results.submissions import record_result
from tests.browser.chromium import BrowserTestCase

SAMPLE = "samples/engineering-2026.json"
BLOCKING_IMPACTS = {"serious", "critical"}


class AccessibilityTests(BrowserTestCase):
    def setUp(self):
        super().setUp()
        call_command("load_assessment", SAMPLE, stdout=StringIO())
        self.assessment = Assessment.objects.get(slug="engineering-2026")
        # axe-core is loaded into every page the test opens, before the page's own content.
        self.page.add_init_script(path=AXE_FILE_PATH)

    def pages(self) -> dict[str, str]:
        """Every page anyone can open, by name and address."""
        slugs = [slug for _, slug in self.assessment.categories]
        earlier, later = [
            record_result(
                assessment=self.assessment,
                name="Ada Lovelace",
                current={slug: (n + shift) % 4 + 1 for n, slug in enumerate(slugs)},
                desired={slug: min((n + shift) % 4 + 2, 4) for n, slug in enumerate(slugs)},
            )
            for shift in (0, 1)
        ]
        return {
            "home": "/",
            "answer form": self.assessment.get_absolute_url(),
            "results": later.get_absolute_url(),
            "comparison": reverse("results:compare", args=[later.pk, earlier.pk]),
            "sign-in": reverse("accounts:login"),
            "not found": "/results/not-a-result/",
            "erase a result": reverse("results:delete", args=[later.pk]),
        }

    def manager_pages(self) -> dict[str, str]:
        """Every page behind sign-in, seen by a manager."""
        return {
            "manage": reverse("reports:index"),
            "matrix": reverse("reports:matrix", args=[self.assessment.slug]),
            "profile": reverse("results:profile"),
            "password change": reverse("accounts:password_change"),
            "erase a person": reverse(
                "reports:erase_person", args=[self.assessment.results.first().pk]
            ),
            **self.company_pages(),
        }

    def company_pages(self) -> dict[str, str]:
        """The matrix filtered and refused, and who knows X (issue 23)."""
        matrix = reverse("reports:matrix", args=[self.assessment.slug])
        category = self.assessment.category_slugs[0]
        experts = reverse("reports:experts")
        return {
            "matrix filtered": f"{matrix}?q=ada&category={category}&at_least=1",
            "matrix with a refused filter": f"{matrix}?team=nope",
            "experts form": experts,
            "experts": f"{experts}?assessment={self.assessment.slug}&category={category}"
            "&at_least=1",
        }

    def test_the_matrix_and_the_experts_pass_at_phone_width_and_keep_to_the_screen(self):
        self.pages()
        self.sign_in(self.create_manager("grace", "correct horse battery staple"))
        self.page.set_viewport_size({"width": 375, "height": 812})
        self.reports: list[str] = []
        findings, overflowing = {}, {}

        pages = {
            "matrix": reverse("reports:matrix", args=[self.assessment.slug]),
            **self.company_pages(),
        }
        for name, path in pages.items():
            self.visit(path)
            findings[name] = self.blocking_violations(f"{name} at 375 px")
            scroll, client = self.page.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            if scroll > client:
                overflowing[name] = scroll

        blocked = {name: found for name, found in findings.items() if found}
        self.assertEqual(blocked, {}, "\n".join(self.reports))
        self.assertEqual(overflowing, {})

    def blocking_violations(self, page_name: str) -> list[str]:
        """Run axe on the page as it is; name what blocks, keeping a report and a screenshot."""
        results = AxeResults(self.page.evaluate("axe.run({resultTypes: ['violations']})"))
        blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
        if blocking:
            self.save_screenshot(suffix=page_name)
            self.reports.append(f"{page_name}: {results.generate_report()}")
        return [f"{v['id']} ({v['impact']})" for v in blocking]

    def test_no_page_has_a_serious_or_critical_violation(self):
        findings = {}
        self.reports: list[str] = []

        for name, path in self.pages().items():
            self.visit(path)
            findings[name] = self.blocking_violations(name)
        self.sign_in(self.create_manager("grace", "correct horse battery staple"))
        for name, path in self.manager_pages().items():
            self.visit(path)
            findings[name] = self.blocking_violations(name)
        self.visit(self.assessment.get_absolute_url())
        # The browser's own checks would stop an incomplete answer; the server's must show too.
        self.page.locator("form.assessment-form").evaluate("form => form.noValidate = true")
        self.page.get_by_role("button", name="Save my answers").click()
        self.page.get_by_role("alert").wait_for()
        findings["answer form with errors"] = self.blocking_violations("answer form with errors")

        blocked = {name: found for name, found in findings.items() if found}
        self.assertEqual(blocked, {}, "\n".join(self.reports))
