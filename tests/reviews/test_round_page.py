"""The round page's second opinions: read in a constant number of queries however many members
the round has (it is drawn on every view, outside the cached content)."""

from django.test import TestCase

from tests.factories import (
    answer_invitation,
    ask_peer,
    make_assessment,
    make_team,
    make_user,
    member_names,
    open_round,
    write_review,
)


class RoundReviewsQueryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.manager = make_user(username="maria", manager=True)
        cls.assessment = make_assessment(slug="sports")

    def setUp(self):
        self.client.force_login(self.manager)

    def round_with_reviews(self, size: int):
        """Every member answered twice (the latest counts), has a review (every other one
        shared) and was reviewed by the next member."""
        team = make_team(managers=(self.manager,), members=member_names(size))
        round = open_round(team=team, assessment=self.assessment, reviews="peers")
        invitations = list(round.invitations.select_related("member").order_by("member__name"))
        for number, invitation in enumerate(invitations):
            answer_invitation(invitation, jumping=1)
            answer_invitation(invitation, jumping=3)
            write_review(round, invitation.member, shared=number % 2 == 0, jumping=2)
            colleague = invitations[(number + 1) % size].member
            ask_peer(round, invitation.member, colleague, jumping=2)
        return round

    def test_the_review_section_costs_the_same_queries_for_2_and_10_members(self):
        for size in [2, 10]:
            round = self.round_with_reviews(size)
            with self.subTest(members=size):
                # The page's own 12 once its content is cached (tests/reports/test_round_page.py,
                # the members' goals included), and the section's 4: the managers' reviews with
                # their writers, the colleagues' reviews (counted), the invitations with their
                # members, and the latest answers.
                self.client.get(f"/manage/rounds/{round.pk}/")
                with self.assertNumQueries(16):
                    response = self.client.get(f"/manage/rounds/{round.pk}/")

                self.assertContains(response, "written and shared", count=(size + 1) // 2)
                self.assertContains(response, "written, not shared", count=size // 2)
                # Each member's latest answer counts: 3 for jumping, beside the manager's 2.
                states = response.context["reviews"]
                self.assertEqual(len(states), size)
                jumping = [state.pairs[0] for state in states]
                self.assertEqual({pair.name for pair in jumping}, {"Jumping"})
                self.assertEqual(
                    {(pair.own_label, pair.manager_label) for pair in jumping},
                    {(self.assessment.rating_label(3), self.assessment.rating_label(2))},
                )
