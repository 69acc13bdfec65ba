"""OIDC_ONLY: no password form on either sign-in page, and a password posted there is refused."""

from django.contrib.auth.models import User

from tests.accounts.provider import ProviderTestCase, set_claims, sign_on, signed_in_user_id

PASSWORD = "quiet-otter-lantern-42"


class OidcOnlyTests(ProviderTestCase):
    extra_settings = {"OIDC_ONLY": True, "OIDC_PROVIDER_NAME": "Example Keycloak"}

    @classmethod
    def setUpTestData(cls):
        cls.admin = User.objects.create_superuser("root", password=PASSWORD)

    def test_the_sign_in_page_has_the_providers_button_and_no_password_form(self):
        response = self.client.get("/accounts/login/", {"next": "/manage/"})

        self.assertContains(
            response,
            '<a class="button" href="/oidc/authenticate/?next=/manage/">'
            "Sign in with Example Keycloak</a>",
            html=True,
        )
        self.assertNotContains(response, 'name="password"')
        self.assertNotContains(response, '<form method="post" action="/accounts/login/"')

    def test_a_password_post_to_the_sign_in_page_is_refused(self):
        with self.assertLogs("accounts.views", "WARNING"):
            response = self.client.post(
                "/accounts/login/", {"username": "root", "password": PASSWORD}
            )

        self.assertContains(response, "does not take passwords", status_code=403)
        self.assertNotContains(response, 'name="password"', status_code=403)
        self.assertIsNone(signed_in_user_id(self.client))

    def test_the_admin_sign_in_sends_to_the_sites_page_which_has_no_password_form(self):
        response = self.client.get("/admin/login/", {"next": "/admin/"}, follow=True)

        self.assertEqual(response.redirect_chain, [("/accounts/login/?next=%2Fadmin%2F", 302)])
        self.assertContains(response, "Sign in with Example Keycloak")
        self.assertNotContains(response, 'name="password"')

    def test_the_admin_sign_in_keeps_only_a_next_page_on_this_site(self):
        response = self.client.get("/admin/login/", {"next": "https://evil.example/"})

        self.assertRedirects(
            response, "/accounts/login/?next=%2Fadmin%2F", fetch_redirect_response=False
        )

    def test_the_admin_sends_a_visitor_to_sign_in_without_a_password(self):
        response = self.client.get("/admin/", follow=True)

        self.assertNotContains(response, 'name="password"')
        self.assertContains(response, "/oidc/authenticate/?next=/admin/")

    def test_a_password_post_to_the_admin_sign_in_is_refused(self):
        with self.assertLogs("accounts.views", "WARNING"):
            response = self.client.post("/admin/login/", {"username": "root", "password": PASSWORD})

        self.assertEqual(response.status_code, 403)
        self.assertIsNone(signed_in_user_id(self.client))

    def test_no_password_signs_in_even_past_the_pages(self):
        from django.contrib.auth import authenticate

        self.assertIsNone(authenticate(username="root", password=PASSWORD))

    def test_signing_on_still_works(self):
        set_claims(self.issuer, "ada-sub", email="ada@example.com", email_verified=True)

        response = sign_on(self.client, "ada-sub")

        self.assertRedirects(response, "/accounts/profile/")


class SignOnBesidePasswordsTests(ProviderTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = User.objects.create_user("ada", password=PASSWORD)

    def test_the_sign_in_page_offers_the_provider_above_the_password_form(self):
        response = self.client.get("/accounts/login/")

        button = response.text.index("Sign in with your company account")
        self.assertGreater(response.text.index('name="password"'), button)

    def test_a_password_still_signs_in(self):
        response = self.client.post("/accounts/login/", {"username": "ada", "password": PASSWORD})

        self.assertRedirects(response, "/accounts/profile/", fetch_redirect_response=False)
        self.assertEqual(signed_in_user_id(self.client), str(self.user.pk))

    def test_the_admin_sign_in_is_the_admins_own_with_the_providers_button(self):
        response = self.client.get("/admin/login/", {"next": "/admin/accounts/"})

        self.assertTemplateUsed(response, "admin/login.html")
        self.assertContains(response, 'name="password"')
        self.assertContains(
            response,
            '<a class="button" href="/oidc/authenticate/?next=/admin/accounts/">'
            "Sign in with your company account</a>",
            html=True,
        )

    def test_a_password_still_signs_in_to_the_admin(self):
        User.objects.create_superuser("root", password=PASSWORD)

        response = self.client.post(
            "/admin/login/?next=/admin/", {"username": "root", "password": PASSWORD}
        )

        self.assertRedirects(response, "/admin/")
