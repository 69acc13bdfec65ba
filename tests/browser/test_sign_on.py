"""Single sign-on in a real browser: from the sign-in button, through the provider, to the
manager pages, then signing out here and at the provider."""

from io import StringIO

from axe_playwright_python.base import AXE_FILE_PATH, AxeResults
from django.core.management import call_command
from django.test import override_settings

from tests.accounts.provider import provider, set_claims, sign_on_settings
from tests.browser.chromium import BrowserTestCase

SAMPLE = "samples/engineering-2026.json"


class SignOnInBrowserTests(BrowserTestCase):
    @classmethod
    def setUpClass(cls):
        cls.issuer = cls.enterClassContext(provider())
        cls.enterClassContext(
            override_settings(
                **sign_on_settings(
                    issuer=cls.issuer,
                    OIDC_PROVIDER_NAME="Example SSO",
                    OIDC_MANAGERS_GROUP="assessor-managers",
                    OIDC_RP_SCOPES="openid email profile groups",
                )
            )
        )
        super().setUpClass()

    def setUp(self):
        super().setUp()
        call_command("load_assessment", SAMPLE, stdout=StringIO())
        self.make_managers_group()
        set_claims(
            self.issuer,
            "grace-sub",
            email="grace@example.com",
            email_verified=True,
            name="Grace Hopper",
            groups=["assessor-managers"],
        )

    def test_a_manager_signs_on_reads_the_matrix_and_signs_out_here_and_at_the_provider(self):
        page = self.page

        self.visit("/manage/")
        page.get_by_role("link", name="Sign in with Example SSO").click()
        at_provider = page.url
        page.get_by_placeholder("sub").fill("grace-sub")
        page.get_by_role("button", name="Authorize").click()
        page.get_by_role("link", name="Software engineering skills 2026").click()
        matrix_heading = page.get_by_role("heading", level=1).inner_text()
        signed_in_as = page.locator(".signed-in").inner_text()
        page.get_by_role("button", name="Sign out").click()
        signed_out_heading = page.get_by_role("heading", level=1).inner_text()
        page.get_by_role("link", name="Sign out of Example SSO too").click()
        at_provider_sign_out = page.url
        page.get_by_role("button").first.click()
        page.wait_for_url(f"{self.live_server_url}/")

        self.assertTrue(at_provider.startswith(f"{self.issuer}/oauth2/authorize?"))
        self.assertEqual(matrix_heading, "Team skills: Software engineering skills 2026")
        self.assertEqual(signed_in_as, "Signed in as grace@example.com")
        self.assertEqual(signed_out_heading, "You are signed out")
        self.assertTrue(at_provider_sign_out.startswith(f"{self.issuer}/oauth2/end_session?"))

    def test_the_sign_in_and_failure_pages_have_no_serious_accessibility_violation(self):
        self.page.add_init_script(path=AXE_FILE_PATH)
        findings = {}
        for name, path in [
            ("sign-in with single sign-on", "/accounts/login/"),
            ("sign-in failed", "/oidc/callback/?code=forged&state=forged"),
        ]:
            self.visit(path)
            results = AxeResults(self.page.evaluate("axe.run({resultTypes: ['violations']})"))
            findings[name] = [
                v["id"]
                for v in results.response["violations"]
                if v["impact"] in {"serious", "critical"}
            ]

        self.assertEqual(findings, {name: [] for name in findings})
