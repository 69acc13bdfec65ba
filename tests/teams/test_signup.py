"""An account from an invitation: the offer on the result page, the signup, and signing in again."""

import re
import uuid

from django.contrib.auth.models import User
from django.test import TestCase
from django.utils import timezone
from django.utils.formats import date_format

from results.models import AssessmentResult
from teams.membership import link_account
from tests.factories import (
    answer_invitation,
    make_assessment,
    make_result,
    make_team,
    make_user,
    open_round,
)

OFFER = "Create an account to keep your results together"


class SignupTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(name="Sports 2026", slug="sports")
        cls.team = make_team(name="Platform")
        cls.round = open_round(team=cls.team, members=["Ada Lovelace"], assessment=cls.assessment)
        cls.invitation = cls.round.invitations.get()
        cls.ada = cls.invitation.member
        cls.url = f"/accounts/signup/?invitation={cls.invitation.token}"

    def sign_up(self, **overrides):
        data = {
            "username": "ada",
            "password1": "analytical-engine-1843",
            "password2": "analytical-engine-1843",
        }
        return self.client.post(self.url, {**data, **overrides})


class OfferTests(SignupTestCase):
    def test_the_result_page_of_an_invitation_result_sends_the_member_to_their_personal_link(self):
        result = answer_invitation(self.invitation)

        response = self.client.get(result.get_absolute_url())

        self.assertContains(response, OFFER)
        self.assertContains(response, "Open your personal link again")
        self.assertNotContains(response, "/accounts/signup/")

    def test_the_offer_does_not_hand_the_personal_link_to_whoever_holds_the_result(self):
        result = answer_invitation(self.invitation)

        response = self.client.get(result.get_absolute_url())

        self.assertNotContains(response, self.invitation.token)

    def test_the_personal_link_offers_the_members_sign_up_form(self):
        response = self.client.get(f"/i/{self.invitation.token}/")

        self.assertContains(response, f'href="{self.url}"')
        self.assertContains(self.client.get(self.url), "ada@example.com")

    def test_the_personal_link_of_a_member_with_an_account_offers_none(self):
        link_account(member=self.ada, user=make_user())

        response = self.client.get(f"/i/{self.invitation.token}/")

        self.assertNotContains(response, "/accounts/signup/")

    def test_holding_a_results_address_is_no_way_to_claim_the_member(self):
        # The address opens that result and its chain, never the member's later results, which
        # an account made from it would own.
        result = answer_invitation(self.invitation)
        again = self.client.post(
            f"/results/{result.pk}/again/", {"v": "sports", "jumping": "3", "running": "3"}
        )
        public = make_result(self.assessment, name="Grace")
        addresses = [result.pk, again.url.split("/")[2], public.pk, "nope", uuid.uuid4()]
        self.url = f"/accounts/signup/?result={result.pk}"

        for address in addresses:
            with self.subTest(address=address):
                query = f"/accounts/signup/?result={address}"
                self.assertEqual(self.client.get(query).status_code, 404)
                self.assertEqual(self.client.post(query, {}).status_code, 404)
        self.assertEqual(self.sign_up().status_code, 404)
        self.ada.refresh_from_db()
        self.assertIsNone(self.ada.user)
        self.assertFalse(User.objects.filter(username="ada").exists())

    def test_a_public_result_and_a_member_with_an_account_get_no_offer(self):
        public = make_result(self.assessment, name="Grace")
        linked = answer_invitation(self.invitation)
        link_account(member=self.ada, user=make_user())

        self.assertNotContains(self.client.get(public.get_absolute_url()), OFFER)
        self.assertNotContains(self.client.get(linked.get_absolute_url()), OFFER)

    def test_a_public_result_costs_no_query_for_the_offer(self):
        public = make_result(self.assessment, name="Grace")
        self.client.get(public.get_absolute_url())

        # The result with its assessment and the person's plans (none); answered from nothing, it
        # has no earlier results to read (results/visibility.chain).
        with self.assertNumQueries(2):
            self.client.get(public.get_absolute_url())


class SignupTests(SignupTestCase):
    def test_the_form_asks_for_a_username_and_a_password_twice_and_posts_to_itself(self):
        response = self.client.get(self.url)

        for name in ["username", "password1", "password2"]:
            self.assertContains(response, f'name="{name}"')
        self.assertContains(response, f'action="{self.url}"')
        self.assertContains(response, "ada@example.com")

    def test_signing_up_links_the_member_and_their_results_signs_in_and_shows_the_profile(self):
        earlier = answer_invitation(self.invitation)

        response = self.sign_up()

        user = User.objects.get(username="ada")
        self.assertRedirects(response, "/accounts/profile/", fetch_redirect_response=False)
        self.assertEqual(user.email, "ada@example.com")
        self.ada.refresh_from_db()
        self.assertEqual(self.ada.user, user)
        earlier.refresh_from_db()
        self.assertEqual((earlier.user, earlier.person), (user, f"user:{user.pk}"))
        profile = self.client.get("/accounts/profile/")
        self.assertContains(profile, earlier.get_absolute_url())

    def test_results_saved_signed_in_and_through_invitations_are_then_one_person(self):
        answer_invitation(self.invitation)
        self.sign_up()
        user = User.objects.get(username="ada")

        self.client.post(
            "/assessment/", {"v": "sports", "name": "A. Lovelace", "jumping": "3", "running": "3"}
        )

        self.assertEqual(
            set(AssessmentResult.objects.values_list("person", flat=True)), {f"user:{user.pk}"}
        )

    def test_sign_out_and_in_again_with_the_new_credentials(self):
        self.sign_up()

        self.client.post("/accounts/logout/")
        signed_out = self.client.get("/accounts/profile/")
        signed_in = self.client.post(
            "/accounts/login/", {"username": "ada", "password": "analytical-engine-1843"}
        )

        self.assertEqual(signed_out.status_code, 302)
        self.assertRedirects(signed_in, "/accounts/profile/", fetch_redirect_response=False)
        self.assertEqual(self.client.get("/accounts/profile/").status_code, 200)

    def test_djangos_password_validation_applies_and_nothing_is_saved(self):
        for overrides, message in [
            ({"password1": "password", "password2": "password"}, "This password is too common."),
            ({"password2": "something-else-1843"}, "The two password fields"),
            ({"password1": "ada@example", "password2": "ada@example"}, "too similar"),
            ({"username": ""}, "This field is required."),
        ]:
            with self.subTest(overrides=overrides):
                response = self.sign_up(**overrides)

                self.assertContains(response, message, status_code=400)
        self.assertFalse(User.objects.exists())
        self.ada.refresh_from_db()
        self.assertIsNone(self.ada.user)

    def test_each_refused_field_points_screen_readers_at_a_message_on_the_page(self):
        response = self.sign_up(username="", password2="something-else-1843")

        page = response.content.decode()
        described_by = re.findall(r'aria-describedby="([^"]+)"', page)
        self.assertTrue(described_by)
        for ids in described_by:
            for element_id in ids.split():
                with self.subTest(element_id=element_id):
                    self.assertIn(f'id="{element_id}"', page)

    def test_a_taken_username_is_a_400(self):
        make_user(username="ada")

        response = self.sign_up()

        self.assertContains(response, "already exists", status_code=400)

    def test_without_a_valid_token_it_is_a_404(self):
        for url in [
            "/accounts/signup/",
            "/accounts/signup/?invitation=",
            "/accounts/signup/?invitation=nope",
        ]:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)
                self.assertEqual(self.client.post(url, {}).status_code, 404)

    def test_a_member_who_has_an_account_is_told_to_sign_in(self):
        self.sign_up()
        self.client.post("/accounts/logout/")

        page = self.client.get(self.url)
        again = self.sign_up(username="ada2")

        self.assertContains(page, "you already have an account")
        self.assertContains(page, "Sign in instead")
        self.assertContains(again, "you already have an account")
        self.assertEqual(User.objects.count(), 1)


class ClosedRoundTests(SignupTestCase):
    def test_a_round_closed_early_is_named_closed_on_the_day_it_was_closed(self):
        self.round.closed_at = timezone.now()
        self.round.save(update_fields=["closed_at"])

        response = self.client.get(self.url)

        today = date_format(timezone.localdate(), "DATE_FORMAT")
        self.assertContains(response, f"for Platform was closed on {today}", status_code=410)
