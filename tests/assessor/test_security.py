"""Security across the site: unguessable results, closed private pages, escaping and CSRF.

Each test walks a list of pages or forms: a new page or form joins its list, one line each.
"""

import re
from dataclasses import dataclass
from urllib.parse import quote

from django.contrib.auth.models import User
from django.http import HttpResponse
from django.test import Client, TestCase
from django.urls import reverse
from django.utils.html import escape

from results.models import AssessmentResult
from tests.factories import make_assessment, make_result

HOSTILE = "\"'><script>alert(1)</script><img src=x onerror=alert(2)>"


class ResultEnumerationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        assessment = make_assessment(slug="sports")
        cls.results = [make_result(assessment, name=f"Person {n}") for n in range(5)]

    def test_sequential_numbers_do_not_open_results(self):
        for number in range(len(self.results) + 2):
            with self.subTest(number=number):
                self.assertEqual(self.client.get(f"/results/{number}/").status_code, 404)

    def test_there_is_no_public_list_of_results(self):
        self.assertEqual(self.client.get("/results/").status_code, 404)

    def test_no_public_page_gives_away_a_results_address(self):
        pages = [self.client.get("/"), self.client.get("/assessment/", {"v": "sports"})]

        for page in pages:
            for result in self.results:
                self.assertNotContains(page, str(result.pk))
                self.assertNotContains(page, result.pk.hex)


@dataclass(frozen=True)
class ClosedPage:
    path: str
    # Where an anonymous visitor is sent, with ?next=<path>.
    sign_in_path: str
    # What a signed-in user without the right gets: the admin sends them back to its own
    # sign-in page (302), manager pages answer 403.
    refused_status: int


class ClosedPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.result = make_result(make_assessment())
        cls.user = User.objects.create_user("reader", password="pw")
        cls.staff = User.objects.create_user("staff", password="pw", is_staff=True)

    def closed_pages(self) -> list[ClosedPage]:
        """Every page closed to the public: the admin's and the managers'."""
        admin_pages = [
            "/admin/",
            "/admin/results/assessmentresult/",
            f"/admin/results/assessmentresult/{self.result.pk}/change/",
            "/admin/assessments/assessment/",
            "/admin/assessments/assessment/add/",
            "/admin/auth/user/",
        ]
        slug = self.result.assessment.slug
        manager_pages = [
            reverse("reports:index"),
            reverse("reports:matrix", args=[slug]),
            reverse("reports:csv", args=[slug]),
        ]
        return [ClosedPage(path, "/admin/login/", 302) for path in admin_pages] + [
            ClosedPage(path, "/accounts/login/", 403) for path in manager_pages
        ]

    def test_anonymous_visitors_are_sent_to_sign_in(self):
        for page in self.closed_pages():
            with self.subTest(path=page.path):
                response = self.client.get(page.path)

                self.assertRedirects(
                    response,
                    f"{page.sign_in_path}?next={quote(page.path)}",
                    fetch_redirect_response=False,
                )

    def test_signed_in_users_without_the_right_are_refused(self):
        self.client.force_login(self.user)

        for page in self.closed_pages():
            with self.subTest(path=page.path):
                response = self.client.get(page.path)

                self.assertEqual(response.status_code, page.refused_status)
                self.assertNotContains(response, self.result.name, status_code=page.refused_status)

    def test_staff_without_permissions_are_refused_everywhere_but_the_admin_index(self):
        self.client.force_login(self.staff)

        for page in [page for page in self.closed_pages() if page.path != "/admin/"]:
            with self.subTest(path=page.path):
                self.assertEqual(self.client.get(page.path).status_code, 403)


class HostileTextTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(
            name=HOSTILE,
            slug="hostile",
            assessment={
                "categories": [[f"{HOSTILE} {n}", f"skill-{n}"] for n in range(3)],
                "ratings": [f"{HOSTILE} low", f"{HOSTILE} high"],
            },
        )
        cls.admin = User.objects.create_superuser("admin", password="pw")
        cls.earlier, cls.result = [
            make_result(
                cls.assessment,
                name=HOSTILE,
                user=cls.admin,
                current=dict.fromkeys(["skill-0", "skill-1", "skill-2"], rating),
            )
            for rating in (1, 2)
        ]

    def pages_showing_typed_text(self) -> dict[str, HttpResponse]:
        """Every page that shows what someone typed, seen by a superuser, who can see them all."""
        self.client.force_login(self.admin)
        return {
            "assessment list": self.client.get("/"),
            "answer form": self.client.get(self.assessment.get_absolute_url()),
            "refused answer": self.client.post("/assessment/", {"v": "hostile", "name": HOSTILE}),
            "results": self.client.get(self.result.get_absolute_url()),
            "comparison": self.client.get(
                reverse("results:compare", args=[self.result.pk, self.earlier.pk])
            ),
            "matrix": self.client.get(reverse("reports:matrix", args=["hostile"])),
            "manage": self.client.get(reverse("reports:index")),
            "profile": self.client.get(reverse("results:profile")),
            "admin results list": self.client.get("/admin/results/assessmentresult/"),
        }

    def test_typed_text_is_shown_escaped_and_never_as_markup(self):
        for page, response in self.pages_showing_typed_text().items():
            with self.subTest(page=page):
                status = response.status_code

                self.assertIn(status, {200, 400})
                self.assertContains(response, escape(HOSTILE), status_code=status)
                self.assertNotContains(response, "<script>alert(1)", status_code=status)
                self.assertNotContains(response, "<img src=x", status_code=status)

    def test_a_message_carrying_typed_text_is_shown_escaped_on_the_sites_pages(self):
        self.client.force_login(self.admin)
        # Saving a new version leaves a message naming it, which the next page shows.
        self.client.post(
            f"/admin/assessments/assessment/{self.assessment.pk}/new-version/",
            {"name": HOSTILE, "slug": "hostile-2"},
        )

        response = self.client.get("/")

        self.assertContains(response, f'<li class="message success">Saved {escape(HOSTILE)}')
        self.assertNotContains(response, "<script>alert(1)")


POST_FORM = re.compile(r"<form\b[^>]*\bmethod=\"post\"[^>]*>(.*?)</form>", re.S | re.I)


@dataclass(frozen=True)
class PostForm:
    page: str
    action: str
    data: dict[str, str]
    signed_in: bool = False


class CsrfTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_assessment(slug="sports")
        cls.user = User.objects.create_superuser("admin", password="pw")

    def forms(self) -> dict[str, PostForm]:
        """Every form that changes something, with the page that shows it."""
        answer = {"v": "sports", "name": "Ada", "jumping": "1", "running": "1"}
        new_password = {
            "old_password": "pw",
            "new_password1": "a new pass phrase",
            "new_password2": "a new pass phrase",
        }
        sign_in = {"username": "admin", "password": "pw"}
        return {
            "answer": PostForm("/assessment/?v=sports", "/assessment/", answer),
            "sign-in": PostForm("/accounts/login/", "/accounts/login/", sign_in),
            "sign-out": PostForm("/", "/accounts/logout/", {}, signed_in=True),
            "password change": PostForm(
                "/accounts/password_change/", "/accounts/password_change/", new_password, True
            ),
            "admin sign-in": PostForm("/admin/login/", "/admin/login/", sign_in),
        }

    def client_for(self, form: PostForm) -> Client:
        """A browser holding a CSRF cookie, as a victim's does, signed in where the form needs."""
        client = Client(enforce_csrf_checks=True)
        if form.signed_in:
            client.force_login(self.user)
        client.get(form.page)
        return client

    def test_every_form_carries_the_csrf_token(self):
        for name, form in self.forms().items():
            with self.subTest(form=name):
                page = self.client_for(form).get(form.page)

                bodies = POST_FORM.findall(page.content.decode())
                self.assertGreaterEqual(len(bodies), 1)
                for body in bodies:
                    self.assertIn('name="csrfmiddlewaretoken"', body)

    def test_posting_a_form_without_a_valid_token_is_refused_and_changes_nothing(self):
        for name, form in self.forms().items():
            for token in [None, "forged" * 8]:
                with self.subTest(form=name, token=token):
                    client = self.client_for(form)
                    signed_in_as = client.session.get("_auth_user_id")
                    data = (
                        form.data if token is None else {**form.data, "csrfmiddlewaretoken": token}
                    )

                    response = client.post(form.action, data)

                    self.assertEqual(response.status_code, 403)
                    self.assertFalse(AssessmentResult.objects.exists())
                    self.assertEqual(client.session.get("_auth_user_id"), signed_in_as)
                    self.user.refresh_from_db()
                    self.assertTrue(self.user.check_password("pw"))
