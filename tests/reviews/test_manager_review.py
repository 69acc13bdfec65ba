"""The managers' review through the client: the form, storing, sign-off, who may, 404s."""

from django.test import TestCase
from django.urls import reverse

from audit.models import AuditEvent
from reviews.models import ManagerReview
from tests.factories import (
    TRIATHLON,
    answer_invitation,
    make_assessment,
    make_team,
    make_user,
    open_round,
    write_review,
)

RATINGS = {"swimming": "3", "cycling": "1", "running": "2"}


class ManagerReviewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.manager = make_user(username="maria", first_name="Maria", manager=True)
        cls.co_manager = make_user(username="mo", first_name="Mo", manager=True)
        team = make_team(managers=(cls.manager, cls.co_manager), members=["Ana", "Ben"])
        cls.assessment = make_assessment(slug="tri", assessment=TRIATHLON)
        cls.round = open_round(team=team, assessment=cls.assessment, reviews="manager")
        cls.invitation = cls.round.invitations.get(member__name="Ana")
        cls.member = cls.invitation.member
        cls.url = reverse("reviews:manager_review", args=[cls.round.pk, cls.member.pk])
        cls.share_url = reverse("reviews:share", args=[cls.round.pk, cls.member.pk])

    def setUp(self):
        self.client.force_login(self.manager)

    def test_the_routes_are_the_contracts(self):
        base = f"/manage/rounds/{self.round.pk}/reviews/{self.member.pk}/"

        self.assertEqual(self.url, base)
        self.assertEqual(self.share_url, base + "share/")

    def test_the_form_shows_the_members_own_latest_rating_beside_each_category(self):
        answer_invitation(self.invitation, swimming=1, cycling=2, running=3)
        answer_invitation(self.invitation, swimming=3, cycling=2, running=1)

        response = self.client.get(self.url)

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Their own rating:", count=3)
        own = [row.own_rating for row in response.context["rows"]]
        self.assertEqual(own, ["Best", "Better", "Good"])
        self.assertNotContains(response, "level up")
        self.assertContains(response, 'name="swimming-comment"')

    def test_before_the_member_answers_the_form_says_so(self):
        response = self.client.get(self.url)

        self.assertContains(response, "not answered yet", count=3)

    def test_posting_stores_the_review_and_redirects_to_the_round_page(self):
        data = {**RATINGS, "swimming-comment": " Strong ", "comment": "Good round."}

        response = self.client.post(self.url, data)

        self.assertRedirects(response, self.round.get_absolute_url(), fetch_redirect_response=False)
        review = ManagerReview.objects.get()
        self.assertEqual(review.ratings, {"swimming": 3, "cycling": 1, "running": 2})
        self.assertEqual(review.comments, {"swimming": "Strong"})
        self.assertEqual(review.comment, "Good round.")
        self.assertIsNone(review.shared_at)

    def test_another_manager_replaces_it_and_the_page_says_who_wrote_it_last(self):
        self.client.post(self.url, RATINGS)
        self.client.force_login(self.co_manager)

        self.client.post(self.url, {**RATINGS, "running": "3"})

        self.assertEqual(ManagerReview.objects.get().ratings["running"], 3)
        self.assertContains(self.client.get(self.url), "Last written by Mo")

    def test_bad_input_is_a_400_as_on_the_answer_form_and_nothing_is_stored(self):
        for data in [
            {"swimming": "3", "cycling": "1"},
            {**RATINGS, "running": "fast"},
            {**RATINGS, "running-comment": "x" * 1001},
            {**RATINGS, "comment": "x" * 1001},
        ]:
            with self.subTest(data=data):
                response = self.client.post(self.url, data)

                self.assertEqual(response.status_code, 400)
                self.assertFalse(ManagerReview.objects.exists())

    def test_a_rating_past_the_scale_is_clamped_as_on_the_answer_form(self):
        self.client.post(self.url, {**RATINGS, "swimming": "99", "cycling": "0"})

        review = ManagerReview.objects.get()
        self.assertEqual((review.ratings["swimming"], review.ratings["cycling"]), (3, 1))

    def test_a_comment_of_exactly_1000_characters_is_kept(self):
        self.client.post(self.url, {**RATINGS, "comment": "x" * 1000})

        self.assertEqual(len(ManagerReview.objects.get().comment), 1000)

    def test_sharing_signs_it_off_and_a_stored_change_unshares_it(self):
        self.client.post(self.url, RATINGS)

        response = self.client.post(self.share_url)

        self.assertRedirects(response, self.round.get_absolute_url(), fetch_redirect_response=False)
        self.assertIsNotNone(ManagerReview.objects.get().shared_at)
        self.client.post(self.url, RATINGS)
        self.assertIsNone(ManagerReview.objects.get().shared_at)

    def test_a_refused_change_leaves_the_shared_review_shared(self):
        write_review(self.round, self.member, shared=True)

        self.client.post(self.url, {"swimming": "x"})

        self.assertIsNotNone(ManagerReview.objects.get().shared_at)

    def test_sharing_when_no_review_is_written_is_a_404(self):
        self.assertEqual(self.client.post(self.share_url).status_code, 404)

    def test_sharing_takes_only_a_post(self):
        write_review(self.round, self.member, shared=False)

        self.assertEqual(self.client.get(self.share_url).status_code, 405)

    def test_reading_the_review_is_an_audit_event(self):
        self.client.get(self.url)

        event = AuditEvent.objects.get(action=AuditEvent.Action.REVIEW_READ)
        self.assertEqual((event.actor, event.assessment), (self.manager, "tri"))

    def test_the_round_page_lists_each_members_review_state(self):
        answer_invitation(self.invitation)
        write_review(self.round, self.member, shared=False)

        response = self.client.get(self.round.get_absolute_url())

        self.assertContains(response, "written, not shared")
        self.assertContains(response, "not written")
        self.assertContains(response, self.share_url)
        self.assertContains(response, "Ana: own rating and manager's review")


class ManagerReviewAccessTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.manager = make_user(manager=True)
        team = make_team(managers=(cls.manager,), members=["Ana"])
        assessment = make_assessment(slug="tri", assessment=TRIATHLON)
        cls.round = open_round(team=team, assessment=assessment, reviews="peers")
        cls.member = cls.round.invitations.get().member
        write_review(cls.round, cls.member, shared=False)
        cls.urls = [
            reverse("reviews:manager_review", args=[cls.round.pk, cls.member.pk]),
            reverse("reviews:share", args=[cls.round.pk, cls.member.pk]),
        ]

    def test_an_anonymous_visitor_is_sent_to_sign_in(self):
        for url in self.urls:
            with self.subTest(url=url):
                response = self.client.post(url) if url.endswith("share/") else self.client.get(url)

                self.assertEqual(response.status_code, 302)
                self.assertTrue(response["Location"].startswith("/accounts/login/"))

    def test_a_manager_of_another_team_and_a_signed_in_non_manager_get_404(self):
        other_manager = make_user(manager=True)
        make_team(managers=(other_manager,), members=["Zoe"])
        for user in [other_manager, make_user()]:
            self.client.force_login(user)
            for url in self.urls:
                with self.subTest(user=user.username, url=url):
                    self.assertEqual(self.client.post(url, {}).status_code, 404)
        self.assertEqual(self.client.get(self.urls[0]).status_code, 404)

    def test_a_superuser_may_write_it(self):
        self.client.force_login(make_user(is_superuser=True))

        self.assertEqual(self.client.get(self.urls[0]).status_code, 200)

    def test_on_a_self_round_every_review_url_is_404(self):
        self.client.force_login(self.manager)
        plain = open_round(team=self.round.team, assessment=self.round.assessment)
        for name in ["reviews:manager_review", "reviews:share"]:
            with self.subTest(name=name):
                url = reverse(name, args=[plain.pk, self.member.pk])

                self.assertEqual(self.client.post(url, {}).status_code, 404)

    def test_a_member_not_invited_to_the_round_is_404(self):
        self.client.force_login(self.manager)
        stranger = make_team(members=["Zed"]).members.get()

        url = reverse("reviews:manager_review", args=[self.round.pk, stranger.pk])

        self.assertEqual(self.client.get(url).status_code, 404)

    def test_a_member_number_past_what_the_database_holds_is_404(self):
        self.client.force_login(self.manager)
        for name in ["reviews:manager_review", "reviews:share"]:
            with self.subTest(name=name):
                url = reverse(name, args=[self.round.pk, 2**64])

                response = self.client.post(url, {})

                self.assertEqual(response.status_code, 404)
