"""Signing in and out, changing a password, and the header that shows who is signed in."""

from django.contrib.auth.models import User
from django.test import TestCase
from django.urls import reverse

from tests.factories import make_assessment, make_result, make_user

PASSWORD = "quiet-otter-lantern-42"


class AccountRouteTests(TestCase):
    def test_the_routes_are_djangos_under_accounts(self):
        self.assertEqual(
            [
                reverse("accounts:login"),
                reverse("accounts:logout"),
                reverse("accounts:password_change"),
                reverse("accounts:password_change_done"),
            ],
            [
                "/accounts/login/",
                "/accounts/logout/",
                "/accounts/password_change/",
                "/accounts/password_change/done/",
            ],
        )

    def test_the_password_pages_need_sign_in(self):
        for url in ["/accounts/password_change/", "/accounts/password_change/done/"]:
            with self.subTest(url=url):
                self.assertRedirects(
                    self.client.get(url),
                    f"/accounts/login/?next={url}",
                    fetch_redirect_response=False,
                )


class SignInTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = User.objects.create_user("ada", password=PASSWORD)

    def test_the_sign_in_page_is_in_the_sites_style_with_the_next_page_kept(self):
        response = self.client.get("/accounts/login/", {"next": "/manage/"})

        self.assertTemplateUsed(response, "base.html")
        self.assertContains(response, "<h1>Sign in</h1>", html=True)
        self.assertContains(response, 'name="username"')
        self.assertContains(response, 'name="password"')
        self.assertContains(response, '<input type="hidden" name="next" value="/manage/">')
        self.assertContains(response, "csrfmiddlewaretoken")

    def test_a_signed_in_user_sent_to_sign_in_is_told_why(self):
        self.client.force_login(self.user)

        response = self.client.get("/accounts/login/", {"next": "/manage/"})

        self.assertContains(response, "You are signed in as ada, but that account cannot open")

    def test_a_wrong_password_is_refused_with_a_message(self):
        response = self.client.post("/accounts/login/", {"username": "ada", "password": "wrong"})

        self.assertContains(response, "Please enter a correct username and password")
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_signing_in_goes_to_the_next_page_or_else_to_the_profile(self):
        for data, expected in [({"next": "/results/"}, "/results/"), ({}, "/accounts/profile/")]:
            with self.subTest(data=data):
                response = self.client.post(
                    "/accounts/login/", {"username": "ada", "password": PASSWORD, **data}
                )

                self.assertRedirects(response, expected, fetch_redirect_response=False)

    def test_signing_in_will_not_redirect_to_another_site(self):
        response = self.client.post(
            "/accounts/login/",
            {"username": "ada", "password": PASSWORD, "next": "https://evil.example/"},
        )

        self.assertRedirects(response, "/accounts/profile/", fetch_redirect_response=False)

    def test_sign_out_is_post_only(self):
        self.client.force_login(self.user)

        response = self.client.get("/accounts/logout/")

        self.assertEqual(response.status_code, 405)
        self.assertIn("_auth_user_id", self.client.session)


class ManagerJourneyTests(TestCase):
    def test_sign_in_see_the_profile_and_team_then_sign_out_and_be_sent_to_sign_in_again(self):
        manager = make_user(username="grace", manager=True)
        manager.set_password(PASSWORD)
        manager.save()
        assessment = make_assessment(name="Sports", slug="sports")
        own = make_result(assessment, name="Grace", user=manager)

        signed_in = self.client.post(
            "/accounts/login/", {"username": "grace", "password": PASSWORD}, follow=True
        )
        team = self.client.get("/manage/sports/")
        signed_out = self.client.post("/accounts/logout/")
        afterwards = [self.client.get(url) for url in ["/manage/", "/manage/sports/"]]

        self.assertEqual(signed_in.redirect_chain, [("/accounts/profile/", 302)])
        self.assertContains(signed_in, f'href="/results/{own.pk}/">Sports</a>')
        self.assertEqual(team.status_code, 200)
        self.assertContains(signed_out, "You are signed out")
        self.assertContains(signed_out, 'href="/accounts/login/">Sign in</a>', html=False)
        for response in afterwards:
            self.assertRedirects(
                response,
                f"/accounts/login/?next={response.request['PATH_INFO']}",
                fetch_redirect_response=False,
            )


class PasswordChangeTests(TestCase):
    def test_a_signed_in_user_can_change_their_password(self):
        user = User.objects.create_user("ada", password=PASSWORD)
        self.client.force_login(user)

        page = self.client.get("/accounts/password_change/")
        response = self.client.post(
            "/accounts/password_change/",
            {
                "old_password": PASSWORD,
                "new_password1": "another-quiet-otter-7",
                "new_password2": "another-quiet-otter-7",
            },
            follow=True,
        )

        self.assertTemplateUsed(page, "base.html")
        self.assertContains(page, "<h1>Change your password</h1>", html=True)
        self.assertEqual(response.redirect_chain, [("/accounts/password_change/done/", 302)])
        self.assertContains(response, "Your password is changed")
        user.refresh_from_db()
        self.assertTrue(user.check_password("another-quiet-otter-7"))

    def test_a_wrong_old_password_is_refused(self):
        self.client.force_login(User.objects.create_user("ada", password=PASSWORD))

        response = self.client.post(
            "/accounts/password_change/",
            {"old_password": "nope", "new_password1": "x-y-z-1-2-3-4", "new_password2": "x"},
        )

        self.assertContains(response, "Your old password was entered incorrectly")
        self.assertContains(response, 'aria-invalid="true"')

    def test_the_admins_own_password_pages_keep_the_admins_templates(self):
        self.client.force_login(make_user(is_staff=True, is_superuser=True))

        response = self.client.get("/admin/password_change/")

        self.assertTemplateUsed(response, "admin/base_site.html")
        self.assertTemplateNotUsed(response, "registration/password_change.html")


class HeaderTests(TestCase):
    def test_an_anonymous_visitor_is_offered_sign_in(self):
        response = self.client.get("/")

        self.assertContains(response, '<a href="/accounts/login/">Sign in</a>', html=True)
        self.assertNotContains(response, "Sign out")

    def test_a_signed_in_user_sees_their_name_profile_and_a_sign_out_button(self):
        self.client.force_login(make_user(username="ada"))

        response = self.client.get("/")

        self.assertContains(response, "Signed in as <strong>ada</strong>", html=True)
        self.assertContains(response, '<a href="/accounts/profile/">Your results</a>', html=True)
        self.assertContains(response, '<form method="post" action="/accounts/logout/"')
        self.assertContains(response, "Sign out</button>")
        self.assertNotContains(response, 'href="/manage/"')

    def test_managers_and_superusers_also_see_manage(self):
        for user in [make_user(manager=True), make_user(is_superuser=True)]:
            with self.subTest(user=user):
                self.client.force_login(user)

                response = self.client.get("/")

                self.assertContains(response, '<a href="/manage/">Manage</a>', html=True)

    def test_hostile_usernames_are_escaped(self):
        self.client.force_login(make_user(username="<b>x</b>"))

        response = self.client.get("/")

        self.assertContains(response, "Signed in as <strong>&lt;b&gt;x&lt;/b&gt;</strong>")
