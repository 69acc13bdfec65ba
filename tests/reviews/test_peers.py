"""Colleagues' reviews through the client: asking them from a personal link, their review
links, the maximum, who may be asked, and the round's close."""

from datetime import timedelta

from django.core import mail
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from reviews.models import PeerReview
from teams.models import Round
from tests.factories import (
    TRIATHLON,
    answer_invitation,
    ask_peer,
    make_assessment,
    make_team,
    open_round,
)

RATINGS = {"swimming": "3", "cycling": "1", "running": "2"}


@override_settings(ASSESSOR_MAX_PEER_REVIEWS=2, ASSESSOR_MIN_PEER_REVIEWS=3)
class AskPeersTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        team = make_team(members=["Ana", "Ben", "Cy", "Di"])
        assessment = make_assessment(slug="tri", assessment=TRIATHLON)
        cls.round = open_round(team=team, assessment=assessment, reviews="peers")
        cls.invitation = cls.round.invitations.get(member__name="Ana")
        cls.member = cls.invitation.member
        cls.ben, cls.cy, cls.di = (team.members.get(name=name) for name in ["Ben", "Cy", "Di"])
        cls.url = reverse("reviews:ask_peers", args=[cls.invitation.token])

    def test_the_route_is_the_contract(self):
        self.assertEqual(self.url, f"/i/{self.invitation.token}/peers/")

    def test_before_the_member_has_answered_it_is_404(self):
        self.assertEqual(self.client.get(self.url).status_code, 404)

    def test_it_lists_the_other_current_members(self):
        answer_invitation(self.invitation)

        response = self.client.get(self.url)

        self.assertContains(response, 'name="peers"', count=3)
        self.assertNotContains(response, f'value="{self.member.pk}"')

    def test_asking_emails_each_colleague_a_review_link_and_lists_whom_never_who_answered(self):
        answer_invitation(self.invitation)

        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(self.url, {"peers": [self.ben.pk, self.cy.pk]})

        self.assertRedirects(response, self.url, fetch_redirect_response=False)
        reviews = PeerReview.objects.order_by("reviewer__name")
        self.assertEqual([review.reviewer for review in reviews], [self.ben, self.cy])
        self.assertEqual(
            sorted(message.to[0] for message in mail.outbox),
            sorted([f"Ben <{self.ben.email}>", f"Cy <{self.cy.email}>"]),
        )
        self.assertIn(f"/r/{reviews[0].token}/", mail.outbox[0].body + mail.outbox[1].body)
        self.assertGreaterEqual(len(reviews[0].token), 43)
        PeerReview.objects.filter(reviewer=self.cy).update(
            ratings={"swimming": 1}, updated=timezone.now()
        )
        page = self.client.get(self.url)
        self.assertContains(page, "1 of 2 colleagues asked have answered.")
        self.assertContains(page, "<li>Ben</li>", html=True)
        self.assertContains(page, "<li>Cy</li>", html=True)

    def test_asking_one_already_asked_sends_no_second_email(self):
        answer_invitation(self.invitation)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(self.url, {"peers": [self.ben.pk]})
        self.assertEqual(len(mail.outbox), 1)
        mail.outbox.clear()

        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(self.url, {"peers": [self.ben.pk]})

        self.assertEqual(PeerReview.objects.count(), 1)
        self.assertEqual(mail.outbox, [])

    def test_yourself_another_teams_member_or_past_the_maximum_is_a_400_asking_nobody(self):
        answer_invitation(self.invitation)
        stranger = make_team(members=["Zed"]).members.get()
        for peers in [
            [self.member.pk],
            [self.ben.pk, stranger.pk],
            [self.ben.pk, self.cy.pk, self.di.pk],
            ["nobody"],
            [],
        ]:
            with self.subTest(peers=peers):
                response = self.client.post(self.url, {"peers": peers})

                self.assertEqual(response.status_code, 400)
                self.assertFalse(PeerReview.objects.exists())
                self.assertEqual(mail.outbox, [])

    def test_the_maximum_counts_those_asked_before(self):
        answer_invitation(self.invitation)
        self.client.post(self.url, {"peers": [self.ben.pk, self.cy.pk]})

        response = self.client.post(self.url, {"peers": [self.di.pk]})

        self.assertEqual(response.status_code, 400)
        self.assertEqual(PeerReview.objects.count(), 2)

    def test_a_round_without_colleagues_or_without_reviews_has_no_peers_page(self):
        for kind in ["self", "manager"]:
            with self.subTest(kind=kind):
                Round.objects.filter(pk=self.round.pk).update(reviews=kind)
                answer_invitation(self.invitation)

                self.assertEqual(self.client.get(self.url).status_code, 404)

    def test_after_the_round_closes_it_is_410(self):
        answer_invitation(self.invitation)
        Round.objects.filter(pk=self.round.pk).update(
            closes_on=timezone.localdate() - timedelta(days=1)
        )

        response = self.client.post(self.url, {"peers": [self.ben.pk]})

        self.assertEqual(response.status_code, 410)
        self.assertFalse(PeerReview.objects.exists())


class PeerReviewLinkTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        team = make_team(members=["Ana", "Ben"])
        assessment = make_assessment(slug="tri", assessment=TRIATHLON)
        cls.round = open_round(team=team, assessment=assessment, reviews="peers")
        cls.ana, cls.ben = team.members.order_by("name")
        cls.review = ask_peer(cls.round, cls.ana, cls.ben)
        cls.url = f"/r/{cls.review.token}/"

    def test_the_form_names_the_colleague_and_says_who_sees_what(self):
        response = self.client.get(self.url)

        self.assertContains(response, "Your view of Ana")
        self.assertContains(response, "average of at least 3 colleagues; your name is never shown")
        self.assertNotContains(response, 'name="name"')
        self.assertNotContains(response, "level up")
        self.assertEqual(response["Cache-Control"], "private, no-store")
        self.assertEqual(response["X-Robots-Tag"], "noindex, nofollow")

    def test_posting_stores_it_redirects_back_and_thanks_them(self):
        response = self.client.post(self.url, {**RATINGS, "comment": "Great"})

        self.assertRedirects(response, self.url, fetch_redirect_response=False)
        self.review.refresh_from_db()
        self.assertEqual(self.review.ratings, {"swimming": 3, "cycling": 1, "running": 2})
        self.assertEqual(self.review.comment, "Great")
        self.assertContains(self.client.get(self.url), "Thank you: your review is saved")

    def test_posting_again_replaces_it(self):
        self.client.post(self.url, RATINGS)

        self.client.post(self.url, {**RATINGS, "swimming": "1"})

        self.review.refresh_from_db()
        self.assertEqual(self.review.ratings["swimming"], 1)
        self.assertEqual(PeerReview.objects.count(), 1)

    def test_bad_input_is_a_400_storing_nothing(self):
        response = self.client.post(self.url, {**RATINGS, "cycling": "x"})

        self.assertEqual(response.status_code, 400)
        self.review.refresh_from_db()
        self.assertFalse(self.review.answered)

    def test_after_the_round_closes_it_is_410_and_nothing_is_stored(self):
        Round.objects.filter(pk=self.round.pk).update(
            closes_on=timezone.localdate() - timedelta(days=1)
        )

        for response in [self.client.get(self.url), self.client.post(self.url, RATINGS)]:
            self.assertEqual(response.status_code, 410)
        self.review.refresh_from_db()
        self.assertFalse(self.review.answered)

    def test_an_unknown_token_is_404(self):
        self.assertEqual(self.client.get("/r/not-a-token/").status_code, 404)

    def test_the_blank_form_is_drawn_once_and_a_saved_review_still_shows_its_own(self):
        self.assertNotContains(self.client.get(self.url), " checked")
        answered = ask_peer(self.round, self.ben, self.ana, swimming=3)
        PeerReview.objects.filter(pk=answered.pk).update(comments={"running": "Quick"})

        saved = self.client.get(f"/r/{answered.token}/")
        blank = self.client.get(self.url)

        self.assertContains(saved, 'name="swimming" value="3" required checked')
        self.assertContains(saved, ">Quick</textarea>")
        self.assertContains(blank, 'name="swimming" value="3" required>')
        self.assertNotContains(blank, " checked")
        self.assertNotContains(blank, "Quick")


class OfferTests(TestCase):
    def test_a_member_who_has_answered_a_peers_round_is_offered_to_ask_colleagues(self):
        team = make_team(members=["Ana", "Ben"])
        assessment = make_assessment(slug="tri", assessment=TRIATHLON)
        round = open_round(team=team, assessment=assessment, reviews="peers")
        invitation = round.invitations.get(member__name="Ana")
        offer = "Ask colleagues for a second opinion"
        self.assertNotContains(self.client.get(invitation.get_absolute_url()), offer)

        answer_invitation(invitation)

        response = self.client.get(invitation.get_absolute_url())
        self.assertContains(response, offer)
        self.assertContains(response, f"/i/{invitation.token}/peers/")
        self.assertContains(response, "managers see your answers")
