"""The 400, 403, 404 and 500 pages: in the site's style, with the right status, and logged."""

from django.core.exceptions import BadRequest, PermissionDenied
from django.db import DataError
from django.http import Http404
from django.test import Client, RequestFactory, SimpleTestCase, override_settings
from django.urls import path

from assessor import views
from assessor.urls import urlpatterns as site_urlpatterns


def bad_request(request):
    raise BadRequest("test")


def permission_denied(request):
    raise PermissionDenied


def not_found(request):
    raise Http404


def server_error(request):
    raise RuntimeError("boom")


def unstorable_text(request):
    raise DataError("PostgreSQL text fields cannot contain NUL (0x00) bytes")


def other_data_error(request):
    raise DataError("numeric field overflow")


urlpatterns = [
    path("fail/400/", bad_request),
    path("fail/403/", permission_denied),
    path("fail/404/", not_found),
    path("fail/500/", server_error),
    path("fail/unstorable/", unstorable_text),
    path("fail/overflow/", other_data_error),
    *site_urlpatterns,
]


@override_settings(ROOT_URLCONF=__name__)
class ErrorPageTests(SimpleTestCase):
    def setUp(self):
        self.client = Client(raise_request_exception=False)

    def assert_site_page(self, response, status, heading):
        self.assertEqual(response.status_code, status)
        self.assertTemplateUsed(response, "error.html")
        self.assertTemplateUsed(response, "base.html")
        self.assertContains(response, f"<h1>{heading}</h1>", status_code=status)
        self.assertContains(response, 'class="site-header"', status_code=status)
        self.assertContains(response, "/static/css/site.css", status_code=status)

    def test_a_bad_request_gets_the_sites_400_page(self):
        with self.assertLogs("django.request", "WARNING"):
            response = self.client.get("/fail/400/")

        self.assert_site_page(response, 400, "Bad request")

    def test_a_forbidden_page_gets_the_sites_403_page(self):
        with self.assertLogs("django.request", "WARNING"):
            response = self.client.get("/fail/403/")

        self.assert_site_page(response, 403, "Not allowed")

    def test_a_missing_page_gets_the_sites_404_page(self):
        with self.assertLogs("django.request", "WARNING"):
            response = self.client.get("/fail/404/")

        self.assert_site_page(response, 404, "Not found")

    def test_an_error_gets_the_sites_500_page_and_logs_the_path(self):
        with self.assertLogs("django.request", "ERROR") as logs:
            response = self.client.get("/fail/500/")

        self.assert_site_page(response, 500, "Something went wrong")
        self.assertNotContains(response, "boom", status_code=500)
        self.assertIn("Internal Server Error: /fail/500/", logs.output[0])

    def test_a_post_without_its_csrf_token_gets_the_sites_form_expired_page(self):
        client = Client(enforce_csrf_checks=True)

        with self.assertLogs("django.security.csrf", "WARNING"):
            response = client.post("/assessment/", {"v": "x"})

        self.assert_site_page(response, 403, "Form expired")
        self.assertContains(response, '<a href="/">Back to the start page</a>', status_code=403)

    def test_text_the_database_cannot_store_gets_the_400_page(self):
        with self.assertLogs("django.request", "WARNING") as logs:
            response = self.client.get("/fail/unstorable/")

        self.assert_site_page(response, 400, "Bad request")
        self.assertIn("Text that cannot be stored: /fail/unstorable/", logs.output[0])

    def test_other_database_errors_stay_server_errors(self):
        with self.assertLogs("django.request", "ERROR"):
            response = self.client.get("/fail/overflow/")

        self.assertEqual(response.status_code, 500)


class HandlersReadNoBodyTests(SimpleTestCase):
    def test_each_error_page_renders_for_a_post_whose_form_cannot_be_read(self):
        # Reading this form raises BadRequest, as it did inside Django's own handlers, whose
        # CSRF check reads it when there is a CSRF cookie.
        request = RequestFactory().post(
            "/", b"a=1", content_type="application/x-www-form-urlencoded; charset=latin-1"
        )
        request.COOKIES["csrftoken"] = "a" * 32
        pages = [
            (lambda: views.bad_request(request, BadRequest()), 400, "Bad request"),
            (lambda: views.permission_denied(request, PermissionDenied()), 403, "Not allowed"),
            (lambda: views.page_not_found(request, Http404()), 404, "Not found"),
            (lambda: views.server_error(request), 500, "Something went wrong"),
        ]
        for handler, status, heading in pages:
            with self.subTest(status=status):
                response = handler()

                self.assertContains(response, f"<h1>{heading}</h1>", status_code=status)
        self.assertFalse(request._read_started)
