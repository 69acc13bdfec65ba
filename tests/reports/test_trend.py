"""A team's trend: per round, oldest first, averages and top ratings per category, as a page
with a chart beside a table, and as JSON."""

import re
from datetime import timedelta

from django.test import TestCase
from django.utils import timezone
from django.utils.formats import date_format

from assessments.versions import save_as_new_version
from teams.models import Member, Round, round_label
from tests.factories import (
    TRIATHLON,
    answer_invitation,
    make_assessment,
    make_team,
    make_user,
    member_names,
    open_round,
)


class TrendTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.manager = make_user(username="maria", manager=True)
        cls.team = make_team(
            name="Platform", slug="platform", managers=(cls.manager,), members=["Ada", "Grace"]
        )
        cls.v1 = make_assessment(name="Sports", slug="sports-2026")
        today = timezone.localdate()
        cls.first = open_round(
            team=cls.team, assessment=cls.v1, closes_on=today + timedelta(days=1)
        )
        answer_invitation(cls.first.invitations.get(member__name="Ada"), jumping=1, running=3)
        answer_invitation(cls.first.invitations.get(member__name="Grace"), jumping=2, running=3)
        # The next version drops running and asks swimming.
        cls.v2 = save_as_new_version(cls.v1, name="Sports", slug="sports-2027")
        cls.v2.assessment = {
            "categories": [["Jumping high", "jumping"], ["Swimming", "swimming"]],
            "ratings": ["Good", "Better", "Best"],
        }
        cls.v2.save()
        cls.second = open_round(
            team=cls.team, assessment=cls.v2, closes_on=today + timedelta(days=2)
        )
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
                        "name": round_label(self.first),
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
                        "name": round_label(self.second),
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
        third = open_round(team=self.team, assessment=self.v1)

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
            team = make_team(managers=(self.manager,), members=member_names(size))
            for _ in range(size):
                team_round = open_round(team=team, assessment=self.v1)
                answer_invitation(team_round.invitations.first())
            with self.subTest(rounds=size):
                # Session, user, the user's and their groups' permissions (only managers manage
                # teams), the team, the rounds with their invitation counts, the results.
                with self.assertNumQueries(7):
                    self.client.get(f"/manage/teams/{team.slug}/trend/")
                with self.assertNumQueries(7):
                    self.client.get(f"/manage/teams/{team.slug}/trend.json")


ELEVEN = {
    "categories": [[f"Skill {n}", f"skill-{n}"] for n in range(11)],
    "ratings": ["Good", "Better", "Best", "Superb"],
}


class TrendChartChoiceTests(TestCase):
    """More categories than line styles: the chart shows eight, chosen or the largest changes."""

    @classmethod
    def setUpTestData(cls):
        cls.manager = make_user(username="maria", manager=True)
        cls.team = make_team(name="Platform", slug="platform", managers=(cls.manager,))
        Member.objects.create(team=cls.team, name="Ada", email="ada@example.com")
        cls.assessment = make_assessment(name="Skills", slug="skills", assessment=ELEVEN)
        today = timezone.localdate()
        first = open_round(
            team=cls.team, assessment=cls.assessment, closes_on=today + timedelta(days=1)
        )
        answer_invitation(first.invitations.get(), **{f"skill-{n}": 1 for n in range(11)})
        # Skills 0 to 2 stay where they were; the others move up, skill-10 the most.
        second = open_round(
            team=cls.team, assessment=cls.assessment, closes_on=today + timedelta(days=2)
        )
        moved = {f"skill-{n}": 2 + (n - 3) * 2 // 7 for n in range(3, 11)}
        answer_invitation(second.invitations.get(), **{f"skill-{n}": 1 for n in range(3)}, **moved)

    def setUp(self):
        self.client.force_login(self.manager)

    def legend(self, response) -> list[str]:
        return re.findall(
            r'aria-hidden="true" focusable="false">.*?</svg> (.*?)</li>', response.content.decode()
        )

    def test_by_default_the_chart_shows_the_eight_that_changed_most_and_says_so(self):
        response = self.client.get("/manage/teams/platform/trend/")

        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.legend(response), [f"Skill {n}" for n in range(3, 11)])
        self.assertContains(
            response,
            "The chart shows the 8 categories whose average changed most from the first round to "
            "the last; the table below has all 11",
        )
        # The form offers every category, the charted ones ticked.
        self.assertContains(response, 'name="category"', count=11)
        self.assertContains(response, 'value="skill-3" checked>')
        self.assertContains(response, 'value="skill-0">')

    def test_the_manager_picks_the_categories_with_repeated_category_parameters(self):
        response = self.client.get(
            "/manage/teams/platform/trend/?category=skill-0&category=skill-5&category=skill-9"
        )

        self.assertEqual(self.legend(response), ["Skill 0", "Skill 5", "Skill 9"])
        self.assertContains(
            response, "The chart shows the 3 categories you chose; the table below has all 11."
        )
        self.assertContains(response, 'value="skill-0" checked>')
        self.assertContains(response, 'value="skill-3">')

    def test_more_than_eight_categories_are_refused_with_the_default_chart_and_the_choice_kept(
        self,
    ):
        query = "&".join(f"category=skill-{n}" for n in range(9))

        response = self.client.get(f"/manage/teams/platform/trend/?{query}")

        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Choose at most 8 categories.", status_code=400)
        self.assertEqual(self.legend(response), [f"Skill {n}" for n in range(3, 11)])
        self.assertContains(response, 'value="skill-0" checked>', status_code=400)
        self.assertContains(response, 'value="skill-10">', status_code=400)

    def test_an_unknown_category_is_refused(self):
        response = self.client.get("/manage/teams/platform/trend/?category=nope")

        self.assertEqual(response.status_code, 400)
        self.assertContains(response, 'id="category-error" role="alert"', status_code=400)

    def test_rounds_are_named_on_the_chart_and_in_the_table(self):
        response = self.client.get("/manage/teams/platform/trend/")

        rounds = list(self.team.rounds.order_by("created"))
        for team_round in rounds:
            label = round_label(team_round)
            month = date_format(team_round.closes_on, "YEAR_MONTH_FORMAT")
            self.assertEqual(label, f"Skills — {month}")
            self.assertContains(response, f"<title>{label}</title>")
            self.assertContains(response, f'<a href="{team_round.get_absolute_url()}">{label}</a>')

    def test_a_team_with_few_categories_gets_every_one_on_the_chart_and_no_form(self):
        response = self.client.get("/manage/teams/platform/trend/?category=skill-1")
        assessment = make_assessment(name="Sports", slug="sports", assessment=TRIATHLON)
        team = make_team(slug="small", managers=(self.manager,), members=member_names(1))
        answer_invitation(
            open_round(team=team, assessment=assessment).invitations.get(), swimming=2
        )

        small = self.client.get("/manage/teams/small/trend/")

        self.assertEqual(self.legend(small), ["Swimming", "Cycling", "Running"])
        self.assertNotContains(small, "The chart shows")
        self.assertNotContains(small, 'name="category"')
        self.assertEqual(response.status_code, 200)
