"""A team's trend: per round, oldest first, averages and top ratings per category, as a page
with a chart beside a table, and as JSON."""

from datetime import timedelta

from django.test import TestCase
from django.utils import timezone

from assessments.versions import save_as_new_version
from teams.models import Member, Round
from tests.factories import answer_invitation, make_assessment, make_round, make_team, make_user


class TrendTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.manager = make_user(username="maria", manager=True)
        cls.team = make_team(name="Platform", slug="platform", managers=(cls.manager,))
        for name in ["Ada", "Grace"]:
            Member.objects.create(team=cls.team, name=name, email=f"{name.lower()}@example.com")
        cls.v1 = make_assessment(name="Sports", slug="sports-2026")
        today = timezone.localdate()
        cls.first = make_round(cls.team, cls.v1, closes_on=today + timedelta(days=1))
        answer_invitation(cls.first.invitations.get(member__name="Ada"), jumping=1, running=3)
        answer_invitation(cls.first.invitations.get(member__name="Grace"), jumping=2, running=3)
        # The next version drops running and asks swimming.
        cls.v2 = save_as_new_version(cls.v1, name="Sports", slug="sports-2027")
        cls.v2.assessment = {
            "categories": [["Jumping high", "jumping"], ["Swimming", "swimming"]],
            "ratings": ["Good", "Better", "Best"],
        }
        cls.v2.save()
        cls.second = make_round(cls.team, cls.v2, closes_on=today + timedelta(days=2))
        answer_invitation(cls.second.invitations.get(member__name="Ada"), jumping=1)
        answer_invitation(cls.second.invitations.get(member__name="Ada"), jumping=3, swimming=2)

    def setUp(self):
        self.client.force_login(self.manager)


class TrendJsonTests(TrendTestCase):
    def test_the_figures_round_by_round_oldest_first(self):
        response = self.client.get("/manage/teams/platform/trend.json")

        self.assertEqual(
            response.json(),
            {
                "team": "platform",
                "rounds": [
                    {
                        "id": self.first.pk,
                        "assessment_version": "sports-2026",
                        "closes_on": self.first.closes_on.isoformat(),
                        "invited": 2,
                        "answered": 2,
                        "categories": {
                            "jumping": {"average": 1.5, "top": 1},
                            "running": {"average": 3.0, "top": 2},
                        },
                    },
                    {
                        "id": self.second.pk,
                        "assessment_version": "sports-2027",
                        "closes_on": self.second.closes_on.isoformat(),
                        "invited": 2,
                        "answered": 1,
                        # Ada's latest answer counts; Grace did not answer: averages over Ada.
                        "categories": {
                            "jumping": {"average": 3.0, "top": 1},
                            "swimming": {"average": 2.0, "top": 1},
                        },
                    },
                ],
            },
        )

    def test_a_team_without_rounds_has_an_empty_trend(self):
        make_team(slug="empty", managers=(self.manager,))

        response = self.client.get("/manage/teams/empty/trend.json")

        self.assertEqual(response.json(), {"team": "empty", "rounds": []})

    def test_a_round_nobody_answered_has_null_averages(self):
        Round.objects.filter(pk=self.second.pk).update(created=timezone.now() - timedelta(days=9))
        third = make_round(self.team, self.v1)

        rounds = self.client.get("/manage/teams/platform/trend.json").json()["rounds"]

        self.assertEqual(rounds[-1]["id"], third.pk)
        self.assertEqual(rounds[-1]["categories"]["jumping"], {"average": None, "top": 0})
        self.assertEqual(rounds[-1]["answered"], 0)


class TrendPageTests(TrendTestCase):
    def test_the_page_has_an_accessible_chart_beside_a_table(self):
        response = self.client.get("/manage/teams/platform/trend/")

        self.assertContains(response, 'role="img"')
        self.assertContains(response, '<title id="trend-title">')
        self.assertContains(response, '<desc id="trend-desc">')
        # Lines differ by dash and marker, not only colour.
        self.assertContains(response, 'stroke-dasharray="9 4"')
        self.assertContains(response, 'href="#trend-square"')
        self.assertContains(response, "<table")
        # The category is named as the latest version names it; a category not asked is said so.
        self.assertContains(response, "Jumping high")
        self.assertContains(response, "not asked")
        self.assertContains(response, "1.5 · 1")
        self.assertContains(response, "1 / 2 (50 %)")

    def test_the_page_and_the_json_answer_in_a_constant_number_of_queries(self):
        for size in [1, 6]:
            team = make_team(managers=(self.manager,), members=size)
            for _ in range(size):
                round = make_round(team, self.v1)
                answer_invitation(round.invitations.first())
            with self.subTest(rounds=size):
                # Session, user, the user's and their groups' permissions (only managers manage
                # teams), the team, the rounds with their invitation counts, the results.
                with self.assertNumQueries(7):
                    self.client.get(f"/manage/teams/{team.slug}/trend/")
                with self.assertNumQueries(7):
                    self.client.get(f"/manage/teams/{team.slug}/trend.json")
