"""The matrix shows each person's latest result whichever write made it the latest: a new
answer, the erasure of the latest, an account linked to a member, and the viewer's scope."""

from datetime import timedelta

from django.test import TestCase
from django.utils import timezone

from results.models import AssessmentResult
from teams.membership import link_account
from tests.factories import (
    add_members,
    answer_invitation,
    make_assessment,
    make_result,
    make_team,
    make_user,
    open_round,
)


class LatestOfPersonTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(slug="sports")
        cls.boss = make_user(username="boss", is_superuser=True)
        cls.month_ago = timezone.now() - timedelta(days=30)

    def rows_on_matrix(self, viewer) -> set[str]:
        """The results the matrix's rows link to, by id."""
        self.client.force_login(viewer)
        response = self.client.get("/manage/sports/")
        self.assertEqual(response.status_code, 200)
        return {
            str(result.pk)
            for result in AssessmentResult.objects.all()
            if f"/manage/results/{result.pk}/" in response.context["content"]
        }

    def test_a_new_answer_takes_the_place_of_the_earlier_one(self):
        earlier = make_result(self.assessment, name="Ada", created=self.month_ago)
        self.assertEqual(self.rows_on_matrix(self.boss), {str(earlier.pk)})
        self.client.logout()

        answer = {"v": "sports", "name": "ada ", "jumping": "3", "running": "1"}
        self.client.post("/assessment/", answer)

        newer = AssessmentResult.objects.exclude(pk=earlier.pk).get()
        self.assertEqual(self.rows_on_matrix(self.boss), {str(newer.pk)})

    def test_a_new_answer_after_one_dated_later_leaves_that_one_the_latest(self):
        # A clock set back, or an answer imported with its date: the rule is the date, not the
        # order of saving.
        later = make_result(self.assessment, name="Ada", created=timezone.now() + timedelta(days=1))

        make_result(self.assessment, name="Ada")

        self.assertEqual(self.rows_on_matrix(self.boss), {str(later.pk)})

    def test_erasing_the_latest_result_shows_the_one_before(self):
        earlier = make_result(self.assessment, name="Ada", created=self.month_ago)
        latest = make_result(self.assessment, name="Ada")

        self.client.post(f"/results/{latest.pk}/delete/")

        self.assertEqual(self.rows_on_matrix(self.boss), {str(earlier.pk)})

    def test_an_earlier_result_given_a_later_date_becomes_the_latest(self):
        earlier = make_result(self.assessment, name="Ada", created=self.month_ago)
        make_result(self.assessment, name="Ada")

        AssessmentResult.objects.filter(pk=earlier.pk).update(created=timezone.now())

        self.assertEqual(self.rows_on_matrix(self.boss), {str(earlier.pk)})

    def test_a_member_linked_to_an_account_is_one_person_with_the_latest_of_both(self):
        user = make_user(username="ada")
        own = make_result(self.assessment, name="Ada", user=user, created=self.month_ago)
        team_round = open_round(assessment=self.assessment, members=["Ada Member"])
        invited = answer_invitation(team_round.invitations.get())
        self.assertEqual(self.rows_on_matrix(self.boss), {str(own.pk), str(invited.pk)})

        link_account(member=team_round.invitations.get().member, user=user)

        self.assertEqual(self.rows_on_matrix(self.boss), {str(invited.pk)})

    def ada_in_two_teams(self):
        """Ada's account is a member of two teams; the first is managed by its manager."""
        user = make_user(username="ada")
        mine_manager = make_user(username="mine", manager=True)
        mine = make_team(managers=[mine_manager])
        theirs = make_team()
        for team in (mine, theirs):
            add_members(team, "Ada", user=user)
        return mine_manager, mine, theirs

    def test_a_later_answer_given_in_another_team_is_not_a_managers_latest(self):
        mine_manager, mine, theirs = self.ada_in_two_teams()
        in_mine = answer_invitation(
            open_round(team=mine, assessment=self.assessment).invitations.get()
        )
        in_theirs = answer_invitation(
            open_round(team=theirs, assessment=self.assessment).invitations.get()
        )

        self.assertEqual(self.rows_on_matrix(mine_manager), {str(in_mine.pk)})
        self.assertEqual(self.rows_on_matrix(self.boss), {str(in_theirs.pk)})

    def test_a_manager_erasing_a_person_in_their_scope_leaves_the_latest_outside_it(self):
        mine_manager, mine, theirs = self.ada_in_two_teams()
        in_theirs = answer_invitation(
            open_round(team=theirs, assessment=self.assessment).invitations.get()
        )
        in_mine = answer_invitation(
            open_round(team=mine, assessment=self.assessment).invitations.get()
        )
        self.client.force_login(mine_manager)

        self.client.post(f"/manage/results/{in_mine.pk}/erase-person/")

        self.assertEqual(self.rows_on_matrix(mine_manager), set())
        self.assertEqual(self.rows_on_matrix(self.boss), {str(in_theirs.pk)})
