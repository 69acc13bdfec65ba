"""Personal API tokens on /accounts/profile/tokens/: made by managers, shown once, stored as a
digest, used as `Authorization: Bearer`, revoked by their owner only."""

import hashlib
import re

from django.test import TestCase
from django.urls import reverse

from api.models import ApiToken
from tests.factories import bearer, make_user

TOKENS_URL = "/accounts/profile/tokens/"
SECRET = re.compile(r'<code id="token-secret">([^<]+)</code>')
API_URL = "/api/v1/teams/"


class TokenPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.manager = make_user(username="grace", manager=True)

    def setUp(self):
        self.client.force_login(self.manager)

    def make_token(self, name: str = "Power BI") -> str:
        response = self.client.post(TOKENS_URL, {"name": name})
        self.assertEqual(response.status_code, 200)
        return SECRET.search(response.content.decode()).group(1)

    def test_the_routes_are_the_contracts(self):
        self.assertEqual(reverse("api:tokens"), TOKENS_URL)
        self.assertEqual(reverse("api:revoke_token", args=[7]), f"{TOKENS_URL}7/revoke/")

    def test_a_new_token_is_shown_once_and_stored_only_as_its_sha256(self):
        secret = self.make_token("Power BI")

        listed = self.client.get(TOKENS_URL)

        token = ApiToken.objects.get()
        self.assertEqual((token.user, token.name), (self.manager, "Power BI"))
        self.assertEqual(token.digest, hashlib.sha256(secret.encode()).hexdigest())
        self.assertGreaterEqual(len(secret), 43)
        self.assertContains(listed, "Power BI")
        self.assertNotContains(listed, secret)

    def test_the_token_opens_the_api_and_its_last_use_is_shown(self):
        secret = self.make_token()
        self.assertIsNone(ApiToken.objects.get().last_used)

        response = self.client.get(API_URL, **bearer(secret))

        self.assertEqual(response.status_code, 200)
        self.assertIsNotNone(ApiToken.objects.get().last_used)
        self.assertNotContains(self.client.get(TOKENS_URL), "never")

    def test_a_revoked_token_is_refused_with_401(self):
        secret = self.make_token()
        token = ApiToken.objects.get()

        revoked = self.client.post(f"{TOKENS_URL}{token.pk}/revoke/")
        response = self.client.get(API_URL, **bearer(secret))

        self.assertRedirects(revoked, TOKENS_URL)
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response["WWW-Authenticate"], "Bearer")
        self.assertContains(self.client.get(TOKENS_URL), "revoked on")

    def test_revoking_one_token_leaves_the_others_working(self):
        kept, revoked = self.make_token("kept"), self.make_token("revoked")

        self.client.post(f"{TOKENS_URL}{ApiToken.objects.get(name='revoked').pk}/revoke/")

        self.assertEqual(self.client.get(API_URL, **bearer(kept)).status_code, 200)
        self.assertEqual(self.client.get(API_URL, **bearer(revoked)).status_code, 401)

    def test_another_users_token_cannot_be_revoked_and_is_not_listed(self):
        other = make_user(username="mallory", manager=True)
        self.client.force_login(other)
        secret = self.make_token("mallory's")
        token = ApiToken.objects.get()
        self.client.force_login(self.manager)

        response = self.client.post(f"{TOKENS_URL}{token.pk}/revoke/")

        self.assertEqual(response.status_code, 404)
        self.assertNotContains(self.client.get(TOKENS_URL), "mallory")
        self.assertEqual(self.client.get(API_URL, **bearer(secret)).status_code, 200)

    def test_revoke_takes_only_a_post(self):
        self.make_token()

        response = self.client.get(f"{TOKENS_URL}{ApiToken.objects.get().pk}/revoke/")

        self.assertEqual(response.status_code, 405)
        self.assertFalse(ApiToken.objects.get().is_revoked)

    def test_a_token_without_a_name_is_refused_with_the_form(self):
        response = self.client.post(TOKENS_URL, {"name": "  "})

        self.assertContains(response, "This field is required", status_code=400)
        self.assertFalse(ApiToken.objects.exists())

    def test_someone_who_is_not_a_manager_makes_no_token(self):
        self.client.force_login(make_user(username="worker"))

        page = self.client.get(TOKENS_URL)
        response = self.client.post(TOKENS_URL, {"name": "sneaky"})

        self.assertNotContains(page, "Make the token")
        self.assertEqual(response.status_code, 403)
        self.assertFalse(ApiToken.objects.exists())

    def test_anonymous_visitors_are_sent_to_sign_in(self):
        self.client.logout()

        response = self.client.get(TOKENS_URL)

        self.assertRedirects(
            response, f"/accounts/login/?next={TOKENS_URL}", fetch_redirect_response=False
        )

    def test_the_token_pages_are_kept_out_of_caches(self):
        self.make_token()
        revoke = f"{TOKENS_URL}{ApiToken.objects.get().pk}/revoke/"

        for response in [self.client.get(TOKENS_URL), self.client.post(revoke)]:
            self.assertEqual(response["Cache-Control"], "private, no-store")

    def test_the_profile_links_managers_to_their_tokens(self):
        manager_profile = self.client.get("/accounts/profile/")
        self.client.force_login(make_user(username="worker"))
        worker_profile = self.client.get("/accounts/profile/")

        self.assertContains(manager_profile, f'href="{TOKENS_URL}"')
        self.assertNotContains(worker_profile, f'href="{TOKENS_URL}"')
