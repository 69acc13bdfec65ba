"""The managers' view in a team's reports: the trend's switch (page and JSON) and the matrix's
`?view=manager`, each showing the shared reviews of the team's rounds, never colleagues'."""

import re
from datetime import timedelta

from django.test import TestCase, override_settings
from django.utils import timezone

from audit.models import AuditEvent
from reviews.models import ManagerReview
from teams.models import Round
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


class TeamWithReviewsTestCase(TestCase):
    """Platform, managed by Maria: a round that asked only its members, then one that asked for
    reviews, where Ada's review is shared, Grace's is written but not shared, Linus has none;
    three colleagues reviewed Ada, past the anonymity threshold, all rating her 3."""

    @classmethod
    def setUpTestData(cls):
        cls.manager = make_user(username="maria", manager=True)
        cls.team = make_team(
            name="Platform",
            slug="platform",
            managers=(cls.manager,),
            members=["Ada", "Grace", "Linus"],
        )
        cls.assessment = make_assessment(name="Sports", slug="sports")
        cls.ada, cls.grace, cls.linus = cls.team.members.order_by("name")
        cls.plain = open_round(team=cls.team, assessment=cls.assessment)
        Round.objects.filter(pk=cls.plain.pk).update(created=timezone.now() - timedelta(days=30))
        answer_invitation(cls.plain.invitations.get(member=cls.ada), jumping=1, running=1)
        cls.round = open_round(team=cls.team, assessment=cls.assessment, reviews="peers")
        answer_invitation(cls.round.invitations.get(member=cls.ada), jumping=1, running=1)
        answer_invitation(cls.round.invitations.get(member=cls.grace), jumping=2, running=2)
        answer_invitation(cls.round.invitations.get(member=cls.linus), jumping=1, running=2)
        write_review(cls.round, cls.ada, jumping=3, running=2)
        write_review(cls.round, cls.grace, shared=False, jumping=3, running=3)
        for colleague in (cls.grace, cls.linus, cls.ada):
            reviewed = cls.ada if colleague != cls.ada else cls.grace
            ask_peer(cls.round, reviewed, colleague, jumping=3, running=3)
        cls.other_manager = make_user(username="otto", manager=True)
        make_team(name="Other", slug="other", managers=(cls.other_manager,), members=["Olga"])

    def setUp(self):
        self.client.force_login(self.manager)


@override_settings(ASSESSOR_MIN_PEER_REVIEWS=2)
class TrendJsonTests(TeamWithReviewsTestCase):
    url = "/manage/teams/platform/trend.json"

    def test_by_default_the_json_is_as_it_was_without_the_managers_view(self):
        rounds = self.client.get(self.url).json()["rounds"]

        self.assertEqual(
            [sorted(document) for document in rounds],
            [["answered", "assessment_version", "categories", "closes_on", "id", "invited", "name"]]
            * 2,
        )

    def test_the_managers_view_adds_their_shared_reviews_and_changes_nothing_else(self):
        default = self.client.get(self.url).json()

        rounds = self.client.get(self.url + "?view=manager").json()["rounds"]

        self.assertEqual(
            [
                {key: value for key, value in document.items() if key != "manager"}
                for document in rounds
            ],
            default["rounds"],
        )
        # The first round asked for no review; in the second only Ada's is shared: Grace's draft
        # (3, 3) and colleagues' ratings (3, 3) count for nothing.
        self.assertIsNone(rounds[0]["manager"])
        self.assertEqual(
            rounds[1]["manager"],
            {
                "reviewed": 1,
                "categories": {"jumping": {"average": 3.0}, "running": {"average": 2.0}},
            },
        )

    def test_sharing_a_review_moves_the_average(self):
        ManagerReview.objects.filter(member=self.grace).update(shared_at=timezone.now())

        manager = self.client.get(self.url + "?view=manager").json()["rounds"][1]["manager"]

        self.assertEqual(manager["reviewed"], 2)
        self.assertEqual(manager["categories"]["running"], {"average": 2.5})

    def test_a_round_with_no_shared_review_has_no_averages(self):
        ManagerReview.objects.update(shared_at=None)

        manager = self.client.get(self.url + "?view=manager").json()["rounds"][1]["manager"]

        self.assertEqual(
            manager,
            {
                "reviewed": 0,
                "categories": {"jumping": {"average": None}, "running": {"average": None}},
            },
        )

    def test_an_unknown_view_is_a_400_naming_it(self):
        response = self.client.get(self.url + "?view=colleagues")

        self.assertEqual(response.status_code, 400)
        self.assertIn("view", response.json())

    def test_another_teams_manager_gets_404(self):
        self.client.force_login(self.other_manager)

        for query in ["", "?view=manager"]:
            with self.subTest(query=query):
                self.assertEqual(self.client.get(self.url + query).status_code, 404)

    def test_reading_the_managers_view_is_in_the_audit_trail(self):
        self.client.get(self.url)
        self.assertFalse(AuditEvent.objects.filter(action=AuditEvent.Action.REVIEW_READ).exists())

        self.client.get(self.url + "?view=manager")

        event = AuditEvent.objects.get(action=AuditEvent.Action.REVIEW_READ)
        self.assertEqual((event.actor, event.team), (self.manager, "platform"))


@override_settings(ASSESSOR_MIN_PEER_REVIEWS=2)
class TrendPageTests(TeamWithReviewsTestCase):
    url = "/manage/teams/platform/trend/"

    def test_the_switch_shows_the_managers_view_under_each_category(self):
        default = self.client.get(self.url)
        self.assertContains(default, 'href="/manage/teams/platform/trend/?view=manager"')
        self.assertNotContains(default, "managers' view</th>")

        response = self.client.get(self.url + "?view=manager")

        self.assertContains(response, "Jumping: managers' view</th>")
        # Per round: the first asked for no review; the second has Ada's shared one.
        row = re.search(r"Running: managers' view</th>(.*?)</tr>", response.text, re.S)
        self.assertEqual(
            re.findall(r'<td class="number">(.*?)</td>', row[1]),
            ['<span class="muted">not asked</span>', "2.0"],
        )
        self.assertContains(response, "Shared managers' reviews")
        self.assertContains(response, '<strong aria-current="page">Self-ratings and the managers')
        self.assertContains(response, "trend.json?view=manager")
        # The chart draws the managers' view.
        self.assertContains(response, "The managers' view: average of their shared reviews")

    def test_a_team_without_a_round_with_reviews_is_offered_no_switch(self):
        make_team(slug="quiet", managers=(self.manager,), members=["Quinn"])
        open_round(team=self.team.__class__.objects.get(slug="quiet"), assessment=self.assessment)

        response = self.client.get("/manage/teams/quiet/trend/")

        self.assertNotContains(response, "?view=manager")

    def test_an_unknown_view_is_a_400_with_the_page_and_why(self):
        response = self.client.get(self.url + "?view=colleagues")

        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Select a valid choice", status_code=400)
        self.assertContains(response, "<table", status_code=400)

    def test_another_teams_manager_gets_404(self):
        self.client.force_login(self.other_manager)

        self.assertEqual(self.client.get(self.url + "?view=manager").status_code, 404)

    def test_the_managers_view_costs_two_queries_more_however_many_rounds(self):
        for size in [1, 4]:
            team = make_team(managers=(self.manager,), members=member_names(2))
            for _ in range(size):
                team_round = open_round(team=team, assessment=self.assessment, reviews="manager")
                invitation = team_round.invitations.first()
                answer_invitation(invitation)
                write_review(team_round, invitation.member)
            with self.subTest(rounds=size):
                # The page's 7 (tests/reports/test_trend.py), the shared reviews, the audit event.
                with self.assertNumQueries(9):
                    self.client.get(f"/manage/teams/{team.slug}/trend/?view=manager")
                with self.assertNumQueries(9):
                    self.client.get(f"/manage/teams/{team.slug}/trend.json?view=manager")


def matrix_row(response, name: str) -> tuple[str, list[str]]:
    """The "Ratings from" cell and the rating cells' texts of one person's row."""
    row = re.search(rf">{name}</a></th>(.*?)</tr>", response.text, re.S)
    assert row, f"no row for {name}"
    rated_by = re.search(r'<td class="rated-by [a-z]+">(.*?)</td>', row[1])
    cells = re.findall(r'<td class="(?:s\d[^"]*|unrated|not-applicable)">(.*?)</td>', row[1])
    return (rated_by[1] if rated_by else ""), cells


MANAGER = "the managers' shared review"
SELF = "self-rating: no shared review"


@override_settings(ASSESSOR_MIN_PEER_REVIEWS=2)
class MatrixManagerViewTests(TeamWithReviewsTestCase):
    url = "/manage/sports/?team=platform&view=manager"

    def test_each_row_shows_the_shared_review_else_the_self_rating_and_says_which(self):
        response = self.client.get(self.url)

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, '<th scope="col">Ratings from</th>')
        self.assertEqual(matrix_row(response, "Ada"), (MANAGER, ["3", "2"]))
        # Grace's review is not shared: her own ratings, not the draft's 3s.
        self.assertEqual(matrix_row(response, "Grace"), (SELF, ["2", "2"]))
        self.assertEqual(matrix_row(response, "Linus"), (SELF, ["1", "2"]))
        self.assertContains(response, f'href="{self.round.get_absolute_url()}"')

    def test_the_default_view_is_the_self_ratings_as_before(self):
        for url in ["/manage/sports/?team=platform", "/manage/sports/?team=platform&view=self"]:
            with self.subTest(url=url):
                response = self.client.get(url)

                self.assertNotContains(response, "Ratings from")
                self.assertEqual(matrix_row(response, "Ada"), ("", ["1", "1"]))

    def test_page_links_keep_the_view_and_the_download_leaves_it(self):
        response = self.client.get(self.url)

        self.assertContains(response, '<option value="manager" selected>')
        self.assertContains(response, 'results.xlsx?team=platform"')

    def test_the_latest_round_with_reviews_counts_not_a_later_one_without(self):
        later = open_round(team=self.team, assessment=self.assessment)
        answer_invitation(later.invitations.get(member=self.ada), jumping=2, running=2)

        response = self.client.get(self.url)

        # Ada's latest answer is the later round's, her review still the reviewed round's.
        self.assertEqual(matrix_row(response, "Ada"), (MANAGER, ["3", "2"]))

    def test_a_view_that_cannot_be_shown_is_a_400_with_the_page_and_why(self):
        cases = {
            "/manage/sports/?view=manager": "Choose a team",
            "/manage/sports/?team=other&view=manager": "Select a valid choice",
            "/manage/sports/?team=platform&view=colleagues": "Select a valid choice",
        }
        Round.objects.filter(pk=self.round.pk).update(cancelled_at=timezone.now())
        cases["/manage/sports/?team=platform&view=manager"] = "No round of Platform"
        for url, message in cases.items():
            with self.subTest(url=url):
                response = self.client.get(url)

                self.assertContains(response, message, status_code=400)
                self.assertContains(response, '<form method="get"', status_code=400)
                self.assertNotContains(response, 'class="matrix"', status_code=400)

    def test_another_teams_manager_cannot_ask_for_the_team_nor_see_its_reviews(self):
        self.client.force_login(self.other_manager)

        response = self.client.get(self.url)

        # The team is outside their scope: named nowhere, refused like an unknown one.
        self.assertEqual(response.status_code, 400)
        self.assertNotContains(response, "Platform", status_code=400)
        self.assertNotContains(response, "Ada", status_code=400)

    def test_colleagues_reviews_and_reviewers_appear_nowhere(self):
        response = self.client.get(self.url)

        # Grace and Linus reviewed Ada (3, 3): her row is the managers' (3, 2), and nothing
        # says colleagues answered or who.
        self.assertEqual(matrix_row(response, "Ada")[1], ["3", "2"])
        self.assertNotContains(response, "olleague")

    def test_reading_the_managers_view_is_in_the_audit_trail(self):
        self.client.get(self.url)

        event = AuditEvent.objects.get(action=AuditEvent.Action.REVIEW_READ)
        self.assertEqual((event.actor, event.team), (self.manager, "platform"))


class MatrixCacheTests(TeamWithReviewsTestCase):
    """The matrix is cached: its key names the view and follows every write of the reviews."""

    url = "/manage/sports/?team=platform&view=manager"

    def review_url(self, member, *, share: bool = False) -> str:
        url = f"/manage/rounds/{self.round.pk}/reviews/{member.pk}/"
        return url + "share/" if share else url

    def test_sharing_a_review_changes_the_cached_page(self):
        self.assertEqual(matrix_row(self.client.get(self.url), "Grace"), (SELF, ["2", "2"]))

        self.client.post(self.review_url(self.grace, share=True))

        self.assertEqual(matrix_row(self.client.get(self.url), "Grace"), (MANAGER, ["3", "3"]))

    def test_a_change_unshares_it_and_the_page_shows_the_self_rating_again(self):
        self.assertEqual(matrix_row(self.client.get(self.url), "Ada"), (MANAGER, ["3", "2"]))

        self.client.post(self.review_url(self.ada), {"jumping": "1", "running": "1"})

        self.assertEqual(matrix_row(self.client.get(self.url), "Ada"), (SELF, ["1", "1"]))
        self.client.post(self.review_url(self.ada, share=True))
        self.assertEqual(matrix_row(self.client.get(self.url), "Ada"), (MANAGER, ["1", "1"]))

    def test_the_default_view_and_the_managers_are_cached_apart(self):
        self.client.get("/manage/sports/?team=platform")

        response = self.client.get(self.url)

        self.assertEqual(matrix_row(response, "Ada"), (MANAGER, ["3", "2"]))
        self.assertEqual(
            matrix_row(self.client.get("/manage/sports/?team=platform"), "Ada"), ("", ["1", "1"])
        )

    def test_erasing_a_review_changes_the_cached_page(self):
        self.client.get(self.url)

        ManagerReview.objects.filter(member=self.ada).delete()

        self.assertEqual(matrix_row(self.client.get(self.url), "Ada"), (SELF, ["1", "1"]))
