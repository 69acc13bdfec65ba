"""Attacks on the privacy rule, as a hostile colleague would try them, through the site itself.

Each test is one attack from issue 19; each failed on the code before results/visibility.py.
"""

import re

from django.contrib.auth.models import User
from django.test import TestCase
from django.utils import timezone

from plans.models import Plan
from results.models import AssessmentResult
from tests.factories import (
    add_members,
    answer_invitation,
    api_headers,
    make_assessment,
    make_team,
    make_user,
    open_round,
    plan_data,
    plan_url,
)

RESULT_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def ids_in(response) -> set[str]:
    return set(RESULT_ID.findall(response.content.decode()))


class PrivacyAttackTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(slug="sports")

    def answer_publicly(self, client, name: str, rating: int = 2) -> AssessmentResult:
        data = {"v": "sports", "name": name}
        data.update(dict.fromkeys(self.assessment.category_slugs, str(rating)))
        response = client.post("/assessment/", data)
        self.assertEqual(response.status_code, 302)
        return AssessmentResult.objects.get(pk=response["Location"].split("/")[2])


class TypedNameAttackTests(PrivacyAttackTestCase):
    def test_typing_someones_name_hands_over_no_address_of_theirs(self):
        victoria = self.answer_publicly(self.client_class(), "Victoria Public")

        mallory = self.answer_publicly(self.client, "  VICTORIA public ")
        page = self.client.get(mallory.get_absolute_url())

        self.assertEqual(page.status_code, 200)
        self.assertNotIn(str(victoria.pk), ids_in(page))
        self.assertNotContains(page, "Change over time")

    def test_a_comparison_with_a_namesakes_result_is_not_found(self):
        victoria = self.answer_publicly(self.client_class(), "Victoria Public")
        mallory = self.answer_publicly(self.client, "victoria public")

        for first, second in [(mallory, victoria), (victoria, mallory)]:
            with self.subTest(first=first.name):
                response = self.client.get(f"/results/{first.pk}/compare/{second.pk}/")

                self.assertEqual(response.status_code, 404)

    def test_typing_the_name_again_later_picks_up_none_of_the_newer_results(self):
        victoria = self.client_class()
        first = self.answer_publicly(victoria, "Victoria Public")
        newer = self.answer_publicly(victoria, "Victoria Public", rating=3)
        mallory = self.answer_publicly(self.client, "Victoria Public")

        page = self.client.get(mallory.get_absolute_url())

        self.assertTrue(ids_in(page).isdisjoint({str(first.pk), str(newer.pk)}))


class SharedAccountAttackTests(PrivacyAttackTestCase):
    """Ben answers his team-B invitation, makes an account from it and later answers the public
    form signed in; manager A, of another team, reads Ben's public result."""

    def setUp(self):
        self.manager_a = make_user(username="anna", manager=True)
        make_team(name="Team A", managers=(self.manager_a,))
        team_b = make_team(name="Team B", managers=(make_user(manager=True),))
        [ben] = add_members(team_b, "Ben")
        invitation = open_round(team=team_b, assessment=self.assessment).invitations.get()
        self.team_b_result = answer_invitation(invitation)
        signup = self.client.post(
            f"/accounts/signup/?invitation={invitation.token}",
            {"username": "ben", "password1": "quiet-otter-42x", "password2": "quiet-otter-42x"},
        )
        self.assertEqual(signup.status_code, 302)
        ben.refresh_from_db()
        self.assertEqual(ben.user, User.objects.get(username="ben"))
        self.public_result = self.answer_publicly(self.client, "Ben")
        self.client.logout()

    def test_the_other_teams_manager_sees_the_public_result_but_no_link_to_the_team_result(self):
        self.client.force_login(self.manager_a)

        page = self.client.get(f"/manage/results/{self.public_result.pk}/", follow=True)

        self.assertContains(page, "Results for Ben")
        self.assertNotIn(str(self.team_b_result.pk), ids_in(page))

    def test_the_other_teams_manager_cannot_compare_with_the_team_result(self):
        self.client.force_login(self.manager_a)

        response = self.client.get(
            f"/results/{self.public_result.pk}/compare/{self.team_b_result.pk}/"
        )

        self.assertEqual(response.status_code, 404)

    def test_the_matrix_of_the_other_teams_manager_leaves_the_team_result_out(self):
        self.client.force_login(self.manager_a)

        matrix = self.client.get("/manage/sports/")
        csv = self.client.get("/manage/sports/results.csv")

        self.assertNotIn(str(self.team_b_result.pk), ids_in(matrix))
        self.assertNotIn(str(self.team_b_result.pk), b"".join(csv.streaming_content).decode())

    def test_the_other_teams_manager_is_never_told_bens_team_nor_his_team_answers(self):
        self.client.force_login(self.manager_a)
        experts_query = {"assessment": "sports", "category": "jumping", "at_least": "1"}

        matrix = self.client.get("/manage/sports/")
        csv = b"".join(self.client.get("/manage/sports/results.csv").streaming_content).decode()
        experts = self.client.get("/manage/experts/", experts_query)
        experts_csv = self.client.get("/manage/experts/", {**experts_query, "format": "csv"})

        self.assertEqual(
            [(row.source, row.person.earlier) for row in matrix.context["matrix"].rows],
            [("public link", 0)],
        )
        for text in [matrix.content.decode(), csv, experts.content.decode()]:
            self.assertNotIn("Team B", text)
        self.assertNotIn(str(self.team_b_result.pk), ids_in(experts))
        self.assertNotIn("Team B", b"".join(experts_csv.streaming_content).decode())

    def test_the_other_teams_manager_gets_neither_the_team_result_nor_its_id_from_the_api(self):
        headers = api_headers(self.manager_a)

        result = self.client.get(f"/api/v1/results/{self.team_b_result.pk}/", **headers)
        people = self.client.get("/api/v1/assessments/sports/people/", **headers)
        named = self.client.get("/api/v1/assessments/sports/people/?q=ben", **headers)

        self.assertEqual(result.status_code, 404)
        self.assertNotIn(str(self.team_b_result.pk), ids_in(people) | ids_in(named))
        self.assertIn(str(self.public_result.pk), ids_in(named))

    def test_ben_signed_in_still_sees_both_of_his_results(self):
        self.client.force_login(User.objects.get(username="ben"))

        page = self.client.get(self.public_result.get_absolute_url())
        profile = self.client.get("/accounts/profile/")

        self.assertIn(str(self.team_b_result.pk), ids_in(page))
        self.assertTrue({str(self.team_b_result.pk), str(self.public_result.pk)} <= ids_in(profile))


class PlanAttackTests(PrivacyAttackTestCase):
    """Plans (issue 24) follow the same rule: a plan shows only where its result may be opened."""

    def make_plan(self, client, result: AssessmentResult, note: str) -> None:
        goal = {"category": "jumping", "target": 3, "due": timezone.localdate(), "note": note}
        response = client.post(plan_url(result), plan_data([goal]))
        self.assertEqual(response.status_code, 302)

    def test_typing_someones_name_carries_none_of_their_plan(self):
        victoria = self.client_class()
        victorias = self.answer_publicly(victoria, "Victoria Public")
        self.make_plan(victoria, victorias, "Victoria's secret goal")

        mallorys = self.answer_publicly(self.client, "victoria public")
        pages = [
            self.client.get(mallorys.get_absolute_url()),
            self.client.get(f"/results/{mallorys.pk}.json"),
            self.client.get(plan_url(mallorys)),
        ]

        for page in pages:
            self.assertNotContains(page, "secret goal")
            self.assertNotIn(str(victorias.pk), ids_in(page))

    def test_nobody_plans_on_an_accounts_result_but_that_account(self):
        owner = make_user()
        self.client.force_login(owner)
        owned = self.answer_publicly(self.client, "Olive")
        self.client.logout()
        goal = {"category": "jumping", "target": 3, "due": timezone.localdate(), "note": "x"}

        anonymous = self.client.post(plan_url(owned), plan_data([goal]))
        self.client.force_login(make_user())
        stranger = self.client.post(plan_url(owned), plan_data([goal]))

        self.assertEqual([anonymous.status_code, stranger.status_code], [403, 403])
        self.assertFalse(Plan.objects.exists())
