"""The manager pages through the client: /manage/, the matrix and the CSV export."""

import csv
import io
from datetime import timedelta

from django.http import StreamingHttpResponse
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from teams.models import round_label
from tests.factories import (
    JUMPING_RUNNING_CSV_HEADER,
    closed_round,
    make_assessment,
    make_result,
    make_team,
    make_user,
    open_round,
)

NOW = timezone.now().replace(microsecond=0)
HOSTILE = '<script>alert("x")</script>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"


def manager_urls(slug: str) -> list[str]:
    return [
        reverse("reports:index"),
        reverse("reports:matrix", args=[slug]),
        reverse("reports:csv", args=[slug]),
    ]


class ManagerAccessTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(slug="sports")
        make_result(cls.assessment, name="Ada")
        cls.urls = manager_urls("sports")

    def test_the_routes_are_the_contracts(self):
        self.assertEqual(self.urls, ["/manage/", "/manage/sports/", "/manage/sports/results.csv"])

    def test_anonymous_visitors_are_sent_to_sign_in_and_back(self):
        for url in [*self.urls, *manager_urls("no-such-assessment")]:
            with self.subTest(url=url):
                response = self.client.get(url)

                self.assertRedirects(
                    response, f"/accounts/login/?next={url}", fetch_redirect_response=False
                )

    def test_a_signed_in_user_who_is_not_a_manager_is_refused_with_the_sites_403_page(self):
        self.client.force_login(make_user(username="worker"))

        for url in [*self.urls, *manager_urls("no-such-assessment")]:
            with self.subTest(url=url):
                response = self.client.get(url)

                self.assertContains(response, "Not allowed", status_code=403)
                self.assertContains(response, "worker", status_code=403)
                self.assertTemplateUsed(response, "403.html")

    def test_a_manager_and_a_superuser_get_every_page(self):
        for user in [make_user(manager=True), make_user(is_superuser=True)]:
            self.client.force_login(user)
            for url in self.urls:
                with self.subTest(user=user.username, url=url):
                    self.assertEqual(self.client.get(url).status_code, 200)

    def test_an_unknown_assessment_is_404_for_a_manager(self):
        self.client.force_login(make_user(manager=True))

        for url in manager_urls("no-such-assessment")[1:]:
            with self.subTest(url=url):
                self.assertContains(self.client.get(url), "Not found", status_code=404)

    def test_only_get_and_head_are_allowed(self):
        self.client.force_login(make_user(manager=True))

        for url in self.urls:
            with self.subTest(url=url):
                self.assertEqual(self.client.post(url).status_code, 405)
                self.assertEqual(self.client.head(url).status_code, 200)


class ManageIndexTests(TestCase):
    def setUp(self):
        self.client.force_login(make_user(manager=True))

    def test_each_assessment_shows_its_results_people_latest_result_and_links_to_its_matrix(self):
        sports = make_assessment(name="Sports", slug="sports")
        make_result(sports, name="Ada", created=NOW - timedelta(days=1))
        make_result(sports, name="ADA", created=NOW)
        make_result(sports, name="Grace", created=NOW - timedelta(days=2))
        make_assessment(name="Unanswered", slug="unanswered")

        response = self.client.get(reverse("reports:index"))

        self.assertContains(
            response,
            '<tr><th scope="row"><a href="/manage/sports/">Sports</a> '
            '<span class="muted">sports</span></th>'
            '<td class="number">3</td><td class="number">2</td>'
            f'<td><time datetime="{NOW.isoformat()}">{NOW:%-d %B %Y, %H:%M}</time></td></tr>',
            html=True,
        )
        self.assertContains(
            response,
            '<tr><th scope="row"><a href="/manage/unanswered/">Unanswered</a> '
            '<span class="muted">unanswered</span></th>'
            '<td class="number">0</td><td class="number">0</td>'
            '<td><span class="muted">none yet</span></td></tr>',
            html=True,
        )

    def test_without_assessments_the_page_says_how_to_load_one(self):
        response = self.client.get(reverse("reports:index"))

        self.assertContains(response, "There are no assessments yet")


MANAGE_INDEX_QUERIES = 7


class ManageIndexLeadsWithTeamsTests(TestCase):
    """/manage/ starts with the main workflow: teams and their rounds, and making an assessment."""

    @classmethod
    def setUpTestData(cls):
        cls.manager = make_user(manager=True)
        cls.platform = make_team(name="Platform", managers=(cls.manager,), members=["Ada"])
        cls.round = open_round(team=cls.platform, assessment=make_assessment(name="Sports"))
        make_team(name="Payments", managers=(cls.manager,))
        make_team(name="Someone else's", managers=(make_user(manager=True),))

    def setUp(self):
        self.client.force_login(self.manager)

    def test_the_managers_teams_come_first_with_their_open_rounds(self):
        response = self.client.get(reverse("reports:index"))

        page = response.content.decode()
        self.assertLess(page.index("Your teams"), page.index("Results per assessment"))
        self.assertEqual(
            [overview.team.name for overview in response.context["teams"]],
            ["Payments", "Platform"],
        )
        self.assertContains(
            response, f'<a href="{self.round.get_absolute_url()}">{round_label(self.round)}</a>'
        )
        self.assertContains(response, "No open round: start one from the team's page.")
        self.assertNotContains(response, "Someone else")

    def test_closed_rounds_are_not_offered_as_open(self):
        closed_round(team=self.platform, assessment=make_assessment(name="Chess"))

        response = self.client.get(reverse("reports:index"))

        self.assertNotContains(response, "Chess —")

    def test_it_offers_teams_and_rounds_and_to_create_an_assessment(self):
        response = self.client.get(reverse("reports:index"))

        self.assertContains(
            response, '<a class="button" href="/manage/teams/">Teams and rounds</a>'
        )
        self.assertContains(response, '<a href="/manage/assessments/new/">Create an assessment</a>')

    def test_a_manager_without_teams_is_told_how_to_make_one(self):
        self.client.force_login(make_user(manager=True))

        response = self.client.get(reverse("reports:index"))

        self.assertContains(response, "You do not manage any team yet.")
        self.assertContains(response, 'href="/manage/teams/#new-team"')

    def test_drafts_are_marked(self):
        make_assessment(name="Unchecked", slug="unchecked", draft=True)

        response = self.client.get(reverse("reports:index"))

        self.assertContains(response, '<strong class="draft-mark">draft</strong>')

    def test_more_teams_and_rounds_take_no_more_queries(self):
        for number in range(5):
            team = make_team(name=f"Team {number}", managers=(self.manager,), members=["Bo"])
            open_round(team=team, assessment=make_assessment())

        # Session, user, the user's and their groups' permissions, the assessments with their
        # counts in the manager's scope, the teams, and their open rounds.
        with self.assertNumQueries(MANAGE_INDEX_QUERIES):
            self.client.get(reverse("reports:index"))

    def test_one_team_takes_as_many_queries(self):
        with self.assertNumQueries(MANAGE_INDEX_QUERIES):
            self.client.get(reverse("reports:index"))


class MatrixPageTests(TestCase):
    """Ratings are Good (1), Better (2), Best (3); the top ratings are Better and Best."""

    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(name="Sports", slug="sports")
        cls.linus = make_user(username="linus")
        make_result(
            cls.assessment,
            name="ada",
            current={"jumping": 1, "running": 1},
            created=NOW - timedelta(days=2),
        )
        cls.ada = make_result(
            cls.assessment,
            name="Ada",
            current={"jumping": 3, "running": 1},
            desired={"jumping": 3, "running": 2},
            created=NOW - timedelta(days=1),
        )
        # Hours old, so that its age reads the same however long the suite takes to reach it.
        cls.grace = make_result(
            cls.assessment,
            name="Grace",
            current={"jumping": 2, "running": 3},
            created=NOW - timedelta(hours=2),
        )
        cls.linus_result = make_result(
            cls.assessment,
            name="Linus",
            user=cls.linus,
            current={"jumping": 2, "running": 1},
            desired={"jumping": 3, "running": 1},
            created=NOW,
        )
        cls.url = reverse("reports:matrix", args=["sports"])

    def setUp(self):
        self.client.force_login(make_user(manager=True))

    def test_each_person_has_one_row_of_their_latest_ratings_linked_to_that_result(self):
        response = self.client.get(self.url)

        # The name opens the result through the audited manager route (reports:result).
        self.assertContains(
            response,
            f'<tr><th scope="row"><a href="/manage/results/{self.ada.pk}/">Ada</a></th>'
            "<td>1</td>"
            '<td class="source">public link</td><td class="age">1\xa0day ago</td>'
            '<td class="s5">3</td>'
            '<td class="s1 up">1 ▲</td>'
            f'<td><a href="/manage/results/{self.ada.pk}/erase-person/?next=/manage/sports/">'
            "Erase</a></td></tr>",
            html=True,
        )
        self.assertContains(
            response,
            f'<tr><th scope="row"><a href="/manage/results/{self.grace.pk}/">Grace</a>'
            "</th><td>0</td>"
            '<td class="source">public link</td><td class="age">2\xa0hours ago</td>'
            '<td class="s3">2</td>'
            '<td class="s5">3</td>'
            f'<td><a href="/manage/results/{self.grace.pk}/erase-person/?next=/manage/sports/">'
            "Erase</a></td></tr>",
            html=True,
        )
        self.assertContains(response, '<th scope="row"><a href="/manage/results/', count=3)
        self.assertContains(response, "people 1–3 of 3, each shown with their latest result")

    def test_the_columns_are_the_categories_and_the_legend_and_caption_name_every_rating(self):
        response = self.client.get(self.url)

        self.assertContains(
            response, '<th scope="col" class="category"><span>Jumping</span></th>', html=True
        )
        self.assertContains(
            response, '<th scope="col" class="category"><span>Running</span></th>', html=True
        )
        for css_class, value, label in [("s1", 1, "Good"), ("s3", 2, "Better")]:
            self.assertContains(
                response,
                f'<li><span class="swatch {css_class}">{value}</span> {label}</li>',
                html=True,
            )
        self.assertContains(response, "as a number from 1 (Good) to 3 (Best)</caption>")

    def test_each_category_shows_average_distribution_levelups_and_top_holders(self):
        response = self.client.get(self.url)

        self.assertContains(
            response,
            '<tr><th scope="row"><a href="/manage/experts/?assessment=sports&amp;category=jumping'
            '&amp;at_least=2" title="Who knows it">Jumping</a></th><td class="number">2.3</td>'
            '<td class="number">0</td><td class="number">2</td><td class="number">1</td>'
            '<td class="number">1</td><td class="number">3</td></tr>',
            html=True,
        )
        self.assertContains(
            response,
            '<tr><th scope="row"><a href="/manage/experts/?assessment=sports&amp;category=running'
            '&amp;at_least=2" title="Who knows it">Running</a></th><td class="number">1.7</td>'
            '<td class="number">2</td><td class="number">0</td><td class="number">1</td>'
            '<td class="number">1</td><td class="number">1</td></tr>',
            html=True,
        )

    def test_coverage_gaps_use_two_people_by_default(self):
        response = self.client.get(self.url)

        self.assertContains(
            response, "<li><strong>Running</strong>: 1 with a top rating</li>", html=True
        )
        self.assertNotContains(response, "<strong>Jumping</strong>")
        self.assertContains(response, 'name="min" id="id_min" min="0" max="1000" value="2"')

    def test_min_changes_how_many_top_holders_a_category_needs(self):
        response = self.client.get(self.url, {"min": "4"})

        self.assertContains(response, "<strong>Jumping</strong>: 3 with a top rating")
        self.assertContains(response, "<strong>Running</strong>: 1 with a top rating")
        self.assertContains(response, 'value="4"')

    def test_min_of_one_leaves_no_gaps(self):
        response = self.client.get(self.url, {"min": "1"})

        self.assertContains(response, "No gaps: at least 1 person holds a top rating")

    def test_a_bad_min_falls_back_to_the_default_and_says_so(self):
        for bad in ["x", "-3", "1.5", "9" * 400, "\x00", "99999999999999999999"]:
            with self.subTest(bad=bad[:10]):
                response = self.client.get(self.url, {"min": bad})

                self.assertContains(response, "<strong>Running</strong>: 1 with a top rating")
                self.assertContains(response, 'value="2" aria-invalid="true"')
                self.assertContains(response, "so the default of 2 is used")

    def test_mentors_are_matched_and_nobody_mentors_themself(self):
        response = self.client.get(self.url)

        # Jumping: Linus (2, wants 3) already holds a top rating, so he is matched
        # with the other top holders only; Running: Ada (1, wants 2) with Grace.
        self.assertContains(
            response,
            '<tbody><tr><th scope="rowgroup" rowspan="1">Jumping</th><td>Linus</td>'
            "<td>Ada, Grace</td></tr></tbody>",
            html=True,
        )
        self.assertContains(
            response,
            '<tbody><tr><th scope="rowgroup" rowspan="1">Running</th><td>Ada</td>'
            "<td>Grace</td></tr></tbody>",
            html=True,
        )

    def test_hostile_names_are_escaped_everywhere_on_the_page(self):
        make_result(
            self.assessment,
            name=HOSTILE,
            current={"jumping": 1, "running": 3},
            desired={"jumping": 2, "running": 3},
        )

        response = self.client.get(self.url)

        self.assertNotContains(response, HOSTILE)
        # In the matrix and twice among the mentors (a learner in Jumping, a mentor in Running).
        self.assertContains(response, ESCAPED, count=3)

    def test_an_assessment_nobody_answered_says_so(self):
        make_assessment(name="Empty", slug="empty")

        response = self.client.get(reverse("reports:matrix", args=["empty"]))

        self.assertContains(response, "Nobody has answered this assessment yet")
        self.assertContains(response, 'href="/assessment/?v=empty"')
        self.assertNotContains(response, '<table class="matrix">')

    def test_the_page_links_to_the_csv_export(self):
        response = self.client.get(self.url)

        self.assertContains(response, 'href="/manage/sports/results.csv"')


class QueryCountTests(TestCase):
    """The matrix and the export take as many queries for fifty people as for one."""

    # Session, user, the user's and their groups' permissions, then the page's own: for the
    # matrix the assessment, the audit event of the read, its results' freshness (count and
    # latest stamp), the fingerprint of the viewer's teams, the teams the viewer manages (the
    # cache key's scope), the filter form's teams; then how many people are selected and
    # stale with the summaries (one count in the database), the page's results, their earlier
    # results' count, and everyone selected for the mentors (up to 200 people).
    MATRIX_QUERIES = 14
    # For the CSV the assessment, the names of the viewer's teams and of their members'
    # accounts' teams (the source column), the audit event and the results.
    CSV_QUERIES = 9

    @classmethod
    def setUpTestData(cls):
        cls.manager = make_user(manager=True)

    def setUp(self):
        self.client.force_login(self.manager)

    def assessment_with_people(self, count: int):
        assessment = make_assessment()
        for index in range(count):
            make_result(assessment, name=f"Person {index}", desired={"jumping": 2, "running": 1})
            make_result(assessment, name=f"person {index} ")
        return assessment

    def test_the_matrix(self):
        for people in [1, 50]:
            assessment = self.assessment_with_people(people)
            with self.subTest(people=people), self.assertNumQueries(self.MATRIX_QUERIES):
                response = self.client.get(reverse("reports:matrix", args=[assessment.slug]))

                self.assertEqual(len(response.context["matrix"].rows), people)

    def test_the_csv(self):
        for people in [1, 50]:
            assessment = self.assessment_with_people(people)
            with self.subTest(people=people), self.assertNumQueries(self.CSV_QUERIES):
                response = self.client.get(reverse("reports:csv", args=[assessment.slug]))
                lines = b"".join(response.streaming_content).decode().splitlines()

                self.assertEqual(len(lines), 1 + 2 * people)


class CsvExportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(name="Sports", slug="sports-2026")
        cls.ada = make_result(
            cls.assessment,
            name="Ada",
            current={"jumping": 2, "running": 1},
            desired={"jumping": 3, "running": 1},
            created=NOW - timedelta(days=1),
        )
        cls.hostile = make_result(
            cls.assessment,
            name='=HYPERLINK("http://evil")',
            current={"jumping": 1, "running": 3},
            created=NOW,
        )
        cls.url = reverse("reports:csv", args=["sports-2026"])

    def setUp(self):
        self.client.force_login(make_user(manager=True))

    def read(self, response) -> list[list[str]]:
        return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))

    def test_the_export_is_a_streamed_attachment_named_after_the_assessment(self):
        response = self.client.get(self.url)

        self.assertIsInstance(response, StreamingHttpResponse)
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        self.assertEqual(
            response["Content-Disposition"], 'attachment; filename="sports-2026-results.csv"'
        )

    def test_the_header_names_the_categories_and_each_result_is_a_row(self):
        header, *rows = self.read(self.client.get(self.url))

        self.assertEqual(header, JUMPING_RUNNING_CSV_HEADER)
        self.assertEqual(
            rows[0],
            [str(self.ada.pk), "Ada", "sports-2026", self.ada.created.isoformat()]
            + ["2", "3", "1", "1", "public link"],
        )
        self.assertEqual(len(rows), 2)

    def test_cells_a_spreadsheet_would_run_as_formulas_are_neutralised(self):
        _, _, hostile_row = self.read(self.client.get(self.url))

        self.assertEqual(hostile_row[1], '\'=HYPERLINK("http://evil")')
        self.assertEqual(hostile_row[4:], ["1", "1", "3", "3", "public link"])
