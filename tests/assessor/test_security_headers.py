"""Security headers on every response, and pages (the admin's too) that a strict CSP allows."""

from html.parser import HTMLParser

from django.contrib.auth.models import User
from django.test import TestCase, override_settings

from tests.factories import make_assessment, make_result


class InlineCodeFinder(HTMLParser):
    """Collects what a Content-Security-Policy without 'unsafe-inline' would block."""

    def __init__(self) -> None:
        super().__init__()
        self.blocked: list[str] = []
        self.in_inline_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and "src" not in attributes:
            self.in_inline_script = True
        if tag == "style":
            self.blocked.append("<style> element")
        for name in attributes:
            if name == "style" or name.startswith("on"):
                self.blocked.append(f"{name}= on <{tag}>")

    def handle_data(self, data):
        if self.in_inline_script and data.strip():
            self.blocked.append(f"inline script {data.strip()[:40]!r}")

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_inline_script = False


def inline_code(html: str) -> list[str]:
    finder = InlineCodeFinder()
    finder.feed(html)
    return finder.blocked


class SecurityHeaderTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(slug="sports")
        cls.result = make_result(cls.assessment, name="Ada")

    def test_every_page_carries_the_content_security_policy_and_the_security_headers(self):
        for url in ["/", "/assessment/?v=sports", self.result.get_absolute_url(), "/nowhere/"]:
            with self.subTest(url=url):
                response = self.client.get(url)

                self.assertEqual(
                    response["Content-Security-Policy"],
                    "default-src 'self'; object-src 'none'; base-uri 'none'; "
                    "form-action 'self'; frame-ancestors 'none'",
                )
                self.assertEqual(response["X-Content-Type-Options"], "nosniff")
                self.assertEqual(response["Referrer-Policy"], "same-origin")
                self.assertEqual(response["X-Frame-Options"], "DENY")

    def test_https_responses_carry_hsts(self):
        response = self.client.get("/", secure=True)

        self.assertEqual(
            response["Strict-Transport-Security"], "max-age=31536000; includeSubDomains; preload"
        )

    @override_settings(SECURE_SSL_REDIRECT=True)
    def test_plain_http_is_redirected_to_https(self):
        response = self.client.get("/assessment/?v=sports")

        self.assertRedirects(
            response,
            "https://testserver/assessment/?v=sports",
            301,
            fetch_redirect_response=False,
        )

    @override_settings(
        SECURE_SSL_REDIRECT=True, SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https")
    )
    def test_behind_a_tls_proxy_the_forwarded_protocol_counts_as_https(self):
        response = self.client.get("/", headers={"X-Forwarded-Proto": "https"})

        self.assertEqual(response.status_code, 200)

    def test_the_session_and_csrf_cookies_are_secure_and_the_session_cookie_http_only(self):
        User.objects.create_superuser("boss", "boss@example.com", "pw")

        response = self.client.post("/admin/login/", {"username": "boss", "password": "pw"})

        self.assertEqual(response.status_code, 302)
        self.assertTrue(self.client.cookies["sessionid"]["secure"])
        self.assertTrue(self.client.cookies["sessionid"]["httponly"])
        self.assertTrue(self.client.cookies["csrftoken"]["secure"])


class NoInlineCodeTests(TestCase):
    """The policy forbids inline scripts and styles; these pages must not need them."""

    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(slug="sports")
        cls.result = make_result(cls.assessment, name="Ada")
        cls.later = make_result(cls.assessment, name="Ada", previous=cls.result)
        cls.admin = User.objects.create_superuser("boss", "boss@example.com", "pw")

    def assert_no_inline_code(self, urls):
        for url in urls:
            with self.subTest(url=url):
                response = self.client.get(url)

                self.assertEqual(response.status_code, 200)
                self.assertEqual(inline_code(response.content.decode()), [])

    def test_the_sites_pages_have_no_inline_scripts_or_styles(self):
        self.assert_no_inline_code(
            [
                "/",
                "/assessment/?v=sports",
                self.result.get_absolute_url(),
                f"/results/{self.result.pk}/compare/{self.later.pk}/",
                "/accounts/login/",
            ]
        )
        self.assertEqual(inline_code(self.client.get("/nowhere/").content.decode()), [])

    def test_the_signed_in_and_manager_pages_have_no_inline_scripts_or_styles(self):
        self.client.force_login(self.admin)

        self.assert_no_inline_code(
            ["/accounts/profile/", "/accounts/password_change/", "/manage/", "/manage/sports/"]
        )

    def test_the_admins_pages_have_no_inline_scripts_or_styles(self):
        self.assert_no_inline_code(["/admin/login/"])
        self.client.force_login(self.admin)
        pk = self.assessment.pk

        self.assert_no_inline_code(
            [
                "/admin/",
                "/admin/assessments/assessment/",
                "/admin/assessments/assessment/add/",
                f"/admin/assessments/assessment/{pk}/change/",
                f"/admin/assessments/assessment/{pk}/new-version/",
                "/admin/results/assessmentresult/",
                f"/admin/results/assessmentresult/{self.result.pk}/change/",
                "/admin/auth/user/",
                f"/admin/auth/user/{self.admin.pk}/change/",
            ]
        )

    def test_the_finder_spots_what_the_policy_would_block(self):
        html = '<p style="x"><script>alert(1)</script><button onclick="y"></button><style></style>'

        self.assertEqual(len(inline_code(html)), 4)
