"""Who may open a team's pages: its managers and superusers; anyone else gets a 404 (an IDOR
sweep over every team and round URL), and an anonymous visitor is sent to sign in."""

from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.test import TestCase
from django.utils import timezone

from results.visibility import results_in_manager_scope
from reviews.models import ManagerReview
from teams.access import teams_managed_by
from tests.factories import (
    answer_invitation,
    make_assessment,
    make_result,
    make_team,
    make_user,
    open_round,
    write_review,
)


class AccessTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.owner = make_user(username="owner", manager=True)
        cls.team = make_team(name="Secret squad", slug="secret-squad", managers=(cls.owner,))
        cls.assessment = make_assessment(slug="sports")
        # With every review, so that the review pages (issue 22) are swept too.
        cls.round = open_round(
            team=cls.team, members=["Ada"], assessment=cls.assessment, reviews="peers"
        )
        cls.invitation = cls.round.invitations.get()
        cls.member = cls.invitation.member
        write_review(cls.round, cls.member, shared=False)
        cls.other_manager = make_user(username="other", manager=True)
        make_team(name="Other team", managers=(cls.other_manager,))

    def team_urls(self) -> list[tuple[str, str]]:
        """(method, URL) of every page under a team or a round."""
        team, round_url = "/manage/teams/secret-squad/", f"/manage/rounds/{self.round.pk}/"
        return [
            ("get", team),
            ("post", f"{team}members/"),
            ("get", f"{team}members/{self.member.pk}/remove/"),
            ("post", f"{team}members/{self.member.pk}/remove/"),
            ("post", f"{team}members/{self.member.pk}/restore/"),
            ("post", f"{team}managers/"),
            ("post", f"{team}managers/{self.owner.pk}/remove/"),
            ("post", f"{team}rounds/"),
            ("get", f"{team}trend/"),
            ("get", f"{team}trend.json"),
            ("get", round_url),
            ("get", f"{round_url}results.csv"),
            ("get", f"{round_url}remind/"),
            ("post", f"{round_url}remind/"),
            ("get", f"{round_url}close/"),
            ("post", f"{round_url}close/"),
            ("get", f"{round_url}extend/"),
            ("post", f"{round_url}extend/"),
            ("get", f"{round_url}cancel/"),
            ("post", f"{round_url}cancel/"),
            ("post", f"{round_url}invitations/{self.invitation.pk}/send/"),
            ("get", f"{round_url}reviews/{self.member.pk}/"),
            ("post", f"{round_url}reviews/{self.member.pk}/"),
            ("post", f"{round_url}reviews/{self.member.pk}/share/"),
        ]


class SweepTests(AccessTestCase):
    def test_another_teams_manager_gets_404_everywhere_and_changes_nothing(self):
        self.client.force_login(self.other_manager)

        for method, url in self.team_urls():
            with self.subTest(method=method, url=url):
                response = getattr(self.client, method)(
                    url,
                    {
                        "members": "Eve, eve@example.com",
                        "username": "other",
                        "closes_on": (self.round.closes_on + timedelta(days=7)).isoformat(),
                        # The trend's managers' view too (issue 22).
                        "view": "manager",
                    },
                )

                self.assertEqual(response.status_code, 404)
                self.assertNotContains(response, "Secret squad", status_code=404)
        self.assertEqual(self.team.members.count(), 1)
        self.assertEqual(list(self.team.managers.all()), [self.owner])
        self.assertEqual(self.team.rounds.count(), 1)
        self.round.refresh_from_db()
        self.assertTrue(self.round.is_open())
        self.assertIsNone(self.round.cancelled_at)
        self.assertEqual(self.round.closes_on, timezone.localdate() + timedelta(days=7))
        self.assertIsNone(ManagerReview.objects.get().shared_at)

    def test_another_teams_manager_learns_nothing_of_it_from_the_matrix_or_the_experts(self):
        answer_invitation(self.invitation, jumping=3)
        self.client.force_login(self.other_manager)

        filtered = self.client.get("/manage/sports/", {"team": "secret-squad"})
        reviewed = self.client.get("/manage/sports/", {"team": "secret-squad", "view": "manager"})
        experts = self.client.get(
            "/manage/experts/", {"assessment": "sports", "category": "jumping", "at_least": "1"}
        )

        # A team outside the viewer's scope reads as an unknown one: a 400, not named.
        self.assertEqual(filtered.status_code, 400)
        self.assertNotContains(filtered, "Secret squad", status_code=400)
        self.assertNotContains(filtered, ">Ada<", status_code=400)
        self.assertEqual(reviewed.status_code, 400)
        self.assertNotContains(reviewed, "Secret squad", status_code=400)
        self.assertNotContains(reviewed, ">Ada<", status_code=400)
        self.assertNotContains(experts, "Secret squad")
        self.assertNotContains(experts, ">Ada<")

    def test_a_signed_in_user_who_manages_nothing_gets_404_everywhere(self):
        self.client.force_login(make_user(username="worker"))

        for method, url in self.team_urls():
            with self.subTest(method=method, url=url):
                self.assertEqual(getattr(self.client, method)(url).status_code, 404)

    def test_unknown_teams_and_rounds_are_404_as_well(self):
        self.client.force_login(self.owner)

        for url in [
            "/manage/teams/nope/",
            "/manage/rounds/999999/",
            "/manage/teams/nope/trend.json",
        ]:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)

    def test_anonymous_visitors_are_sent_to_sign_in_and_back(self):
        for method, url in [("get", "/manage/teams/"), *self.team_urls()]:
            with self.subTest(method=method, url=url):
                response = getattr(self.client, method)(url)

                self.assertRedirects(
                    response, f"/accounts/login/?next={url}", fetch_redirect_response=False
                )

    def test_the_teams_manager_and_a_superuser_get_in(self):
        for user in [self.owner, make_user(is_superuser=True)]:
            self.client.force_login(user)
            for method, url in self.team_urls():
                if method == "get":
                    with self.subTest(user=user.username, url=url):
                        self.assertEqual(self.client.get(url).status_code, 200)

    def test_a_co_manager_outside_the_managers_group_manages_nothing(self):
        co_manager = make_user(username="co")
        self.team.managers.add(co_manager)
        self.client.force_login(co_manager)

        for url in ["/manage/teams/secret-squad/", f"/manage/rounds/{self.round.pk}/"]:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)


class ScopeTests(AccessTestCase):
    def test_teams_managed_by_is_the_users_teams_all_for_a_superuser_none_when_signed_out(self):
        self.assertEqual(list(teams_managed_by(self.owner)), [self.team])
        self.assertEqual(teams_managed_by(make_user(is_superuser=True)).count(), 2)
        self.assertEqual(list(teams_managed_by(AnonymousUser())), [])

    def test_visible_results_are_the_public_ones_and_the_managed_teams(self):
        public = make_result(self.assessment, name="Grace")
        secret = answer_invitation(self.invitation)

        def visible(user):
            return set(results_in_manager_scope(user))

        self.assertEqual(visible(self.owner), {public, secret})
        self.assertEqual(visible(self.other_manager), {public})
        self.assertEqual(visible(make_user(is_superuser=True)), {public, secret})
        self.assertEqual(visible(AnonymousUser()), set())
