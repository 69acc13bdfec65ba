"""Signing on through a real OpenID Connect provider, from the sign-in button to the profile."""

import base64
import dataclasses
import hashlib
import re
from unittest import mock

from django.contrib.auth.models import User
from django.test import Client

from accounts.models import SignOnIdentity
from accounts.provider import ProviderUnavailable, provider_configuration
from teams.models import Member
from tests.accounts.provider import (
    CLIENT_ID,
    ProviderTestCase,
    authorize,
    deny,
    query_of,
    set_claims,
    sign_on,
    signed_in_user_id,
    start_sign_on,
    with_query,
)
from tests.factories import (
    answer_invitation,
    make_assessment,
    make_team,
    make_user,
    member_recipe,
    open_round,
)

ADA = {"email": "ada@example.com", "email_verified": True, "name": "Ada Lovelace"}


class SignOnFlowTests(ProviderTestCase):
    def setUp(self):
        set_claims(self.issuer, "ada-sub", **ADA)

    def test_the_sign_in_button_leads_through_the_provider_to_a_signed_in_profile(self):
        page = self.client.get("/accounts/login/", {"next": "/accounts/profile/"})
        button = re.search(
            r'href="(/oidc/authenticate/[^"]*)"[^>]*>Sign in with ([^<]*)<', page.text
        )

        authorization_url = self.client.get(button[1].replace("&amp;", "&"))["Location"]
        callback = self.client.get(authorize(authorization_url, "ada-sub"))
        profile = self.client.get(callback["Location"])

        self.assertEqual(button[2], "your company account")
        self.assertTrue(authorization_url.startswith(f"{self.issuer}/oauth2/authorize?"))
        self.assertRedirects(callback, "/accounts/profile/", fetch_redirect_response=False)
        self.assertContains(profile, "Signed in as <strong>ada@example.com</strong>", html=True)
        # The account has no password to change: the provider signs it in.
        self.assertNotContains(profile, "Change your password")

    def test_a_first_sign_in_creates_the_user_from_email_and_name(self):
        response = sign_on(self.client, "ada-sub")

        user = User.objects.get()
        self.assertRedirects(response, "/accounts/profile/", fetch_redirect_response=False)
        self.assertEqual(signed_in_user_id(self.client), str(user.pk))
        self.assertEqual(
            (user.username, user.email, user.get_full_name()),
            ("ada@example.com", "ada@example.com", "Ada Lovelace"),
        )
        self.assertFalse(user.has_usable_password())
        self.assertEqual(
            list(SignOnIdentity.objects.values_list("user", "issuer", "subject")),
            [(user.pk, self.issuer, "ada-sub")],
        )

    def test_the_next_sign_in_finds_the_same_user_by_sub_even_after_an_email_change(self):
        sign_on(Client(), "ada-sub")
        set_claims(self.issuer, "ada-sub", **{**ADA, "email": "ada.king@example.com"})

        sign_on(self.client, "ada-sub")

        user = User.objects.get()
        self.assertEqual(signed_in_user_id(self.client), str(user.pk))
        self.assertEqual(user.email, "ada.king@example.com")

    def test_someone_else_with_the_same_email_gets_an_account_of_their_own(self):
        sign_on(Client(), "ada-sub")
        set_claims(self.issuer, "impostor-sub", **ADA)

        sign_on(self.client, "impostor-sub")

        ada = SignOnIdentity.objects.get(subject="ada-sub").user
        impostor = SignOnIdentity.objects.get(subject="impostor-sub").user
        self.assertNotEqual(ada, impostor)
        self.assertEqual(signed_in_user_id(self.client), str(impostor.pk))
        self.assertEqual(impostor.username, "ada@example.com-2")

    def test_a_password_account_with_the_same_email_is_not_taken_over(self):
        existing = make_user(username="ada", email="ada@example.com")

        sign_on(self.client, "ada-sub")

        self.assertNotEqual(signed_in_user_id(self.client), str(existing.pk))
        self.assertEqual(User.objects.count(), 2)

    def test_an_unverified_email_is_refused_with_a_clear_page(self):
        set_claims(self.issuer, "ada-sub", **{**ADA, "email_verified": False})

        with self.assertLogs("accounts.views", "WARNING") as logs:
            response = sign_on(self.client, "ada-sub")

        self.assertContains(response, "<h1>Sign-in failed</h1>", status_code=403, html=True)
        self.assertContains(response, "no verified email address", status_code=403)
        self.assertIsNone(signed_in_user_id(self.client))
        self.assertFalse(User.objects.exists())
        self.assertIn("no verified email address", logs.output[0])

    def test_a_switched_off_account_is_refused(self):
        sign_on(Client(), "ada-sub")
        User.objects.update(is_active=False)

        with self.assertLogs("accounts.views", "WARNING"):
            response = sign_on(self.client, "ada-sub")

        self.assertContains(response, "switched off", status_code=403)
        self.assertIsNone(signed_in_user_id(self.client))

    def test_switching_an_account_off_ends_its_sign_on_session(self):
        sign_on(self.client, "ada-sub")

        User.objects.update(is_active=False)

        self.assertRedirects(
            self.client.get("/accounts/profile/"),
            "/accounts/login/?next=/accounts/profile/",
            fetch_redirect_response=False,
        )

    def test_next_on_this_site_is_followed(self):
        response = sign_on(self.client, "ada-sub", next="/manage/?min=3")

        self.assertRedirects(response, "/manage/?min=3", fetch_redirect_response=False)

    def test_next_off_this_site_is_not_followed(self):
        for next_url in ["https://evil.example/", "//evil.example/", "http://testserver.evil/"]:
            with self.subTest(next_url=next_url):
                response = sign_on(Client(), "ada-sub", next=next_url)

                self.assertRedirects(response, "/accounts/profile/", fetch_redirect_response=False)

    def test_the_request_carries_a_nonce_and_a_pkce_challenge_of_the_verifier_kept(self):
        query = query_of(start_sign_on(self.client))

        kept = self.client.session["oidc_states"][query["state"]]
        challenge = base64.urlsafe_b64encode(
            hashlib.sha256(kept["code_verifier"].encode()).digest()
        ).rstrip(b"=")
        self.assertEqual(
            (query["client_id"], query["scope"], query["redirect_uri"]),
            (CLIENT_ID, "openid email profile", "http://testserver/oidc/callback/"),
        )
        self.assertEqual(query["nonce"], kept["nonce"])
        self.assertEqual(query["code_challenge_method"], "S256")
        self.assertEqual(query["code_challenge"], challenge.decode())

    def test_a_tampered_state_signs_nobody_in(self):
        callback = authorize(start_sign_on(self.client), "ada-sub")

        with self.assertLogs("accounts.views", "WARNING") as logs:
            response = self.client.get(with_query(callback, state="forged"))

        self.assertContains(response, "<h1>Sign-in failed</h1>", status_code=400, html=True)
        self.assertIsNone(signed_in_user_id(self.client))
        self.assertFalse(User.objects.exists())
        self.assertIn("state not found", logs.output[0])

    def test_a_replayed_callback_signs_nobody_in(self):
        callback = authorize(start_sign_on(self.client), "ada-sub")
        self.client.get(callback)
        self.client.post("/accounts/logout/")

        with self.assertLogs("accounts.views", "WARNING"):
            response = self.client.get(callback)

        self.assertContains(response, "Sign-in failed", status_code=400)
        self.assertIsNone(signed_in_user_id(self.client))

    def test_a_code_the_provider_refuses_signs_nobody_in(self):
        other_browser = Client()
        used = authorize(start_sign_on(other_browser), "ada-sub")
        other_browser.get(used)
        fresh = authorize(start_sign_on(self.client), "ada-sub")

        with self.assertLogs("accounts.views", "WARNING") as logs:
            response = self.client.get(with_query(fresh, code=query_of(used)["code"]))

        self.assertContains(response, "Sign-in failed", status_code=400)
        self.assertIsNone(signed_in_user_id(self.client))
        self.assertIn("invalid_grant", logs.output[0])

    def test_a_wrong_nonce_signs_nobody_in(self):
        state = query_of(start_sign_on(self.client))["state"]
        authorization_url = start_sign_on(self.client)
        callback = authorize(authorization_url, "ada-sub")
        session = self.client.session
        # The ID token carries the nonce of the second request; make the session expect another.
        session["oidc_states"][query_of(callback)["state"]]["nonce"] = session["oidc_states"][
            state
        ]["nonce"]
        session.save()

        with self.assertLogs("accounts.views", "WARNING") as logs:
            response = self.client.get(callback)

        self.assertContains(response, "Sign-in failed", status_code=400)
        self.assertIsNone(signed_in_user_id(self.client))
        self.assertIn("Nonce", logs.output[0])

    def test_saying_no_at_the_provider_signs_nobody_in(self):
        callback = deny(start_sign_on(self.client))

        with self.assertLogs("accounts.views", "WARNING") as logs:
            response = self.client.get(callback)

        self.assertEqual(query_of(callback)["error"], "access_denied")
        self.assertIn("error='access_denied'", logs.output[0])
        self.assertContains(response, "Sign-in failed", status_code=400)
        self.assertIsNone(signed_in_user_id(self.client))

    def test_sign_out_ends_the_session_and_offers_the_providers_sign_out(self):
        sign_on(self.client, "ada-sub")
        id_token = self.client.session["oidc_id_token"]

        response = self.client.post("/accounts/logout/")

        link = re.search(r'<a class="button" href="([^"]+)">Sign out of ([^<]+)</a>', response.text)
        self.assertIsNone(signed_in_user_id(self.client))
        self.assertEqual(link[2], "your company account too")
        self.assertTrue(link[1].startswith(f"{self.issuer}/oauth2/end_session?"))
        self.assertEqual(
            query_of(link[1].replace("&amp;", "&")),
            {
                "id_token_hint": id_token,
                "client_id": CLIENT_ID,
                "post_logout_redirect_uri": "http://testserver/",
            },
        )

    def test_a_password_sign_out_offers_no_provider_sign_out(self):
        self.client.force_login(make_user())

        response = self.client.post("/accounts/logout/")

        self.assertContains(response, "You are signed out")
        self.assertNotContains(response, "end_session")


class ProviderSignOutTests(ProviderTestCase):
    def setUp(self):
        set_claims(self.issuer, "ada-sub", **ADA)
        sign_on(self.client, "ada-sub")

    def test_a_provider_without_an_end_session_endpoint_is_not_offered(self):
        without = dataclasses.replace(provider_configuration(), end_session_endpoint=None)

        with mock.patch("accounts.views.provider_configuration", return_value=without):
            response = self.client.post("/accounts/logout/")

        self.assertContains(response, "You are signed out")
        self.assertNotContains(response, "Sign out of")
        self.assertIsNone(signed_in_user_id(self.client))

    def test_a_provider_that_is_down_still_lets_you_sign_out_here(self):
        with mock.patch(
            "accounts.views.provider_configuration", side_effect=ProviderUnavailable("down")
        ):
            response = self.client.post("/accounts/logout/")

        self.assertContains(response, "You are signed out")
        self.assertIsNone(signed_in_user_id(self.client))


class SignOnIdentityAdminTests(ProviderTestCase):
    def test_the_admin_lists_who_signs_in_as_whom(self):
        set_claims(self.issuer, "ada-sub", **ADA)
        sign_on(Client(), "ada-sub")
        self.client.force_login(User.objects.create_superuser("root"))

        response = self.client.get("/admin/accounts/signonidentity/")
        change = self.client.get(
            f"/admin/accounts/signonidentity/{SignOnIdentity.objects.get().pk}/change/"
        )

        self.assertContains(response, "ada-sub")
        self.assertContains(change, f"ada-sub at {self.issuer}")


class TeamMemberLinkTests(ProviderTestCase):
    def setUp(self):
        self.assessment = make_assessment()
        self.team = make_team()
        self.member = member_recipe.make(team=self.team, name="Ada", email="Ada@Example.com")
        invitation = open_round(team=self.team, assessment=self.assessment).invitations.get()
        self.result = answer_invitation(invitation, jumping=2)

    def test_a_team_member_with_the_verified_email_is_linked_with_their_invitation_results(self):
        set_claims(self.issuer, "ada-sub", **ADA)

        response = sign_on(self.client, "ada-sub")
        profile = self.client.get(response["Location"])

        user = User.objects.get()
        self.member.refresh_from_db()
        self.result.refresh_from_db()
        self.assertEqual((self.member.user, self.result.user), (user, user))
        self.assertContains(profile, self.result.get_absolute_url())

    def test_a_member_added_after_the_first_sign_in_is_linked_at_the_next(self):
        set_claims(self.issuer, "ada-sub", **{**ADA, "email": "ada.king@example.com"})
        sign_on(Client(), "ada-sub")
        unlinked = Member.objects.get().user
        set_claims(self.issuer, "ada-sub", **ADA)

        sign_on(self.client, "ada-sub")

        self.member.refresh_from_db()
        self.assertIsNone(unlinked)
        self.assertEqual(self.member.user, User.objects.get())

    def test_a_member_linked_to_someone_else_stays_theirs(self):
        other = make_user()
        self.member.user = other
        self.member.save()
        set_claims(self.issuer, "ada-sub", **ADA)

        sign_on(self.client, "ada-sub")

        self.member.refresh_from_db()
        self.assertEqual(self.member.user, other)
