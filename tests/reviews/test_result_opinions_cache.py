"""The second opinions on a result's page are drawn once and kept: every write that changes what
they show (a review stored, shared or un-shared, a colleague's answer or change, an erasure),
the language and the result itself make a new key, and erasing the result leaves no copy."""

from django.core.cache import cache
from django.test import TestCase, override_settings
from django.urls import reverse

from tests.factories import (
    TRIATHLON,
    answer_invitation,
    ask_peer,
    make_assessment,
    make_team,
    make_user,
    open_round,
    write_review,
)

GERMAN = {"HTTP_ACCEPT_LANGUAGE": "de"}


def second_opinions(page: str) -> str:
    """The page's section of second opinions (the rest holds the visitor's CSRF token)."""
    return page[page.index('<section class="second-opinions"') :].split("</section>")[0]


def cached_bytes() -> bytes:
    """Everything the tests' local-memory cache holds, pickled as it keeps it."""
    return b"".join(cache._cache.values())


@override_settings(ASSESSOR_MIN_PEER_REVIEWS=2)
class CachedOpinionsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.manager = make_user(manager=True)
        team = make_team(managers=(cls.manager,), members=["Ana", "Bea", "Cy", "Di"])
        cls.assessment = make_assessment(slug="tri", assessment=TRIATHLON)
        cls.round = open_round(team=team, assessment=cls.assessment, reviews="peers")
        invitation = cls.round.invitations.get(member__name="Ana")
        cls.member = invitation.member
        cls.bea, cls.cy, cls.di = (team.members.get(name=name) for name in ["Bea", "Cy", "Di"])
        cls.result = answer_invitation(invitation, swimming=3, cycling=1, running=2)
        cls.review_url = reverse("reviews:manager_review", args=[cls.round.pk, cls.member.pk])
        cls.share_url = reverse("reviews:share", args=[cls.round.pk, cls.member.pk])

    def page(self, **headers) -> str:
        return self.client.get(self.result.get_absolute_url(), **headers).content.decode()

    def as_manager(self, url: str, data: dict) -> None:
        self.client.force_login(self.manager)
        self.client.post(url, data)
        self.client.logout()

    def test_once_drawn_the_page_reads_the_reviews_in_five_queries_and_draws_nothing_of_them(self):
        write_review(self.round, self.member, swimming=1)
        ask_peer(self.round, self.member, self.bea, swimming=2)
        ask_peer(self.round, self.member, self.cy, swimming=2)
        self.page()

        # The result with its assessment, the invitation it answered with its round, the
        # colleagues' answers, the shared review, the person's plans.
        with self.assertNumQueries(5):
            response = self.client.get(self.result.get_absolute_url())

        self.assertContains(response, 'id="opinions-chart-title"')
        self.assertContains(response, "Swimming (Manager: -2.0)")
        self.assertNotIn("opinions", response.context)

    def test_a_stored_change_unshares_it_and_the_sign_off_shows_the_change(self):
        self.as_manager(
            self.review_url,
            {"swimming": "1", "cycling": "1", "running": "2", "comment": "First view"},
        )
        self.as_manager(self.share_url, {})
        self.assertIn("First view", self.page())

        self.as_manager(
            self.review_url,
            {"swimming": "3", "cycling": "3", "running": "2", "comment": "Second view"},
        )
        unshared = self.page()
        self.as_manager(self.share_url, {})
        shared = self.page()

        self.assertIn("not shared yet", unshared)
        self.assertNotIn("First view", unshared)
        self.assertIn("Second view", shared)
        self.assertIn("Cycling (Manager: +2.0)", shared)

    def test_a_colleagues_answer_and_change_show_at_once(self):
        first = ask_peer(self.round, self.member, self.bea, swimming=1, cycling=1, running=1)
        second = ask_peer(self.round, self.member, self.cy)
        below_threshold = self.page()

        self.client.post(
            second.get_absolute_url(), {"swimming": "3", "cycling": "3", "running": "3"}
        )
        averaged = self.page()
        self.client.post(
            first.get_absolute_url(),
            {"swimming": "3", "cycling": "3", "running": "3", "cycling-comment": "Fast"},
        )
        changed = self.page()

        self.assertIn("1 of 2 needed", below_threshold)
        self.assertIn("2 colleagues gave their view.", averaged)
        self.assertNotIn("Hidden strengths", averaged)
        self.assertIn("Cycling (Colleagues: +2.0)", changed)
        self.assertIn("Fast", changed)

    def test_a_colleague_asked_but_not_answered_changes_nothing_shown(self):
        ask_peer(self.round, self.member, self.bea, swimming=1)
        before = second_opinions(self.page())

        ask_peer(self.round, self.member, self.cy)

        self.assertEqual(second_opinions(self.page()), before)
        self.assertIn("1 of 2 needed", before)

    def test_each_language_has_its_own_copy(self):
        write_review(self.round, self.member, swimming=1)
        self.assertIn("Blind spots", self.page())

        german = self.page(**GERMAN)

        self.assertIn("Blinde Flecken", german)
        self.assertNotIn("Blind spots", german)

    def test_erasing_the_result_leaves_no_copy_of_its_reviews(self):
        review = write_review(self.round, self.member, swimming=1)
        review.comment = "Kept only while the answer is"
        review.save()
        self.page()
        self.assertIn(review.comment.encode(), cached_bytes())

        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(reverse("results:delete", args=[self.result.pk]))

        self.assertNotIn(review.comment.encode(), cached_bytes())
        self.assertEqual(self.client.get(self.result.get_absolute_url()).status_code, 404)
