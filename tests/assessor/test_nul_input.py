"""A NUL character in any input of any page is bad input, never a server error.

PostgreSQL cannot store NUL, so on PostgreSQL this is where a 500 would come from; the
same requests run on SQLite, which can store it.
"""

from django.contrib.auth.models import User
from django.db import connection
from django.test import Client, TestCase

from results.models import AssessmentResult
from tests.factories import make_assessment, make_result, make_user

NUL = "\x00"


class NulInputTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(slug="sports")
        cls.result = make_result(cls.assessment, name="Ada")
        cls.admin = User.objects.create_superuser("boss", "boss@example.com", "pw")

    def setUp(self):
        self.client = Client(raise_request_exception=False)

    def answer(self, **overrides):
        return {"v": "sports", "name": "Ada", "jumping": "2", "running": "1", **overrides}


class PublicPageTests(NulInputTestCase):
    def test_nul_in_the_list_pages_query_is_ignored(self):
        response = self.client.get("/", {"q": NUL})

        self.assertContains(response, 'href="/assessment/?v=sports"')

    def test_nul_in_the_version_is_an_unknown_assessment(self):
        self.assertEqual(self.client.get("/assessment/", {"v": f"sports{NUL}"}).status_code, 404)
        self.assertEqual(self.client.post("/assessment/", self.answer(v=NUL)).status_code, 404)

    def test_nul_in_a_name_or_a_rating_is_refused_and_nothing_is_saved(self):
        for field in ["name", "jumping"]:
            with self.subTest(field=field):
                response = self.client.post("/assessment/", self.answer(**{field: f"2{NUL}"}))

                self.assertEqual(response.status_code, 400)
        self.assertEqual(AssessmentResult.objects.count(), 1)

    def test_nul_in_fields_that_are_not_stored_does_not_matter(self):
        answer = self.answer(**{"jumping-levelup": NUL, f"extra{NUL}": NUL})

        response = self.client.post("/assessment/", answer)

        self.assertEqual(response.status_code, 302)
        self.assertEqual(AssessmentResult.objects.latest("created").desired["jumping"], 3)

    def test_nul_in_a_result_address_is_not_found(self):
        self.assertEqual(self.client.get(f"/results/{self.result.pk}{NUL}/").status_code, 404)

    def test_nul_in_the_csrf_cookie_fails_the_csrf_check(self):
        client = Client(enforce_csrf_checks=True)
        client.cookies["csrftoken"] = "a" * 31 + NUL

        response = client.post("/assessment/", {**self.answer(), "csrfmiddlewaretoken": "a" * 32})

        self.assertEqual(response.status_code, 403)


class SignInTests(NulInputTestCase):
    def test_nul_in_either_sign_in_form_is_refused(self):
        for url in ["/admin/login/", "/accounts/login/"]:
            with self.subTest(url=url):
                response = self.client.post(url, {"username": f"boss{NUL}", "password": NUL})

                self.assertContains(response, "Null characters are not allowed.")


class AdminTests(NulInputTestCase):
    def test_nul_in_the_next_address_leads_to_a_page_of_this_site_that_is_not_found(self):
        response = self.client.post(
            f"/admin/login/?next=/{NUL}evil", {"username": "boss", "password": "pw"}
        )

        self.assertRedirects(response, "/%00evil", target_status_code=404)

    def test_nul_in_an_admin_search_is_not_a_server_error(self):
        self.client.force_login(self.admin)

        for url in ["/admin/assessments/assessment/", "/admin/results/assessmentresult/"]:
            with self.subTest(url=url):
                self.assertLess(self.client.get(url, {"q": NUL}).status_code, 500)

    def test_nul_in_an_autocomplete_search_is_a_bad_request_where_it_cannot_be_stored(self):
        self.client.force_login(self.admin)
        expected = 400 if connection.vendor == "postgresql" else 200

        response = self.client.get(
            "/admin/autocomplete/",
            {
                "term": NUL,
                "app_label": "results",
                "model_name": "assessmentresult",
                "field_name": "user",
            },
        )

        self.assertEqual(response.status_code, expected)

    def test_a_session_cookie_with_a_nul_is_no_session(self):
        self.client.cookies["sessionid"] = f"abcdefgh{NUL}ijk"

        response = self.client.get("/admin/")

        self.assertRedirects(response, "/admin/login/?next=/admin/")


class ManagerPageTests(NulInputTestCase):
    def test_nul_in_the_matrix_threshold_falls_back_to_the_default_and_says_so(self):
        self.client.force_login(make_user(manager=True))

        response = self.client.get("/manage/sports/", {"min": NUL})

        self.assertContains(response, 'value="2" aria-invalid="true"')
        self.assertContains(response, "so the default of 2 is used")

    def test_nul_in_the_threshold_leaves_the_export_whole(self):
        self.client.force_login(make_user(manager=True))

        response = self.client.get("/manage/sports/results.csv", {"min": NUL})

        rows = b"".join(response.streaming_content).decode().splitlines()
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(rows), 2)
        self.assertIn(",Ada,", rows[1])
