"""The team matrix and CSV of a richer assessment: "not applicable" and roles."""

from django.test import TestCase

from reports.export import csv_rows
from reports.matrix import Cell, RoleTargets, team_matrix
from reports.sources import AnswerSources
from tests.charts.drawn import drawn_chart
from tests.factories import make_assessment, make_result, make_user

RICH = {
    "ratings": ["Good", "Better", "Best"],
    "not-applicable": True,
    "categories": [["Jumping", "jumping"], ["Running", "running"], ["Rowing", "rowing"]],
    "roles": [{"name": "Coach", "slug": "coach", "targets": {"jumping": 2, "running": 3}}],
}
NOT_APPLICABLE = {"jumping": None, "running": 3, "rowing": None}


class RichMatrixTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(slug="sports", assessment=RICH)
        make_result(
            cls.assessment,
            name="Ada",
            role="coach",
            current=NOT_APPLICABLE,
            desired={**NOT_APPLICABLE, "running": 3},
        )
        make_result(
            cls.assessment,
            name="Grace",
            current={"jumping": 1, "running": 1, "rowing": None},
            desired={"jumping": 2, "running": 1, "rowing": None},
        )

    def test_not_applicable_cells_are_their_own_kind_and_not_unrated(self):
        matrix = team_matrix(assessment=self.assessment)

        ada = matrix.rows[0]
        self.assertEqual(ada.cells[0], Cell(value=None, css_class="not-applicable", text="n/a"))
        self.assertEqual(ada.cells[1].value, 3)

    def test_averages_distributions_and_gaps_count_only_the_people_who_rated(self):
        matrix = team_matrix(assessment=self.assessment, min_top=1)

        jumping, running, rowing = matrix.summaries
        self.assertEqual((jumping.average, jumping.distribution), (1.0, [1, 0, 0]))
        self.assertEqual(jumping.not_applicable, 1)
        self.assertEqual(running.average, 2.0)
        self.assertEqual([gap.slug for gap in matrix.gaps], ["jumping", "rowing"])

    def test_a_category_nobody_rated_has_no_average_rather_than_zero(self):
        matrix = team_matrix(assessment=self.assessment)

        rowing = matrix.summaries[2]
        self.assertEqual((rowing.average, rowing.desired_average), (None, None))
        self.assertEqual(rowing.distribution, [0, 0, 0])

    def test_nobody_answering_not_applicable_is_a_learner_or_a_mentor(self):
        matrix = team_matrix(assessment=self.assessment)

        self.assertEqual(
            [
                (group.category, [m.learner_names for m in group.matches])
                for group in matrix.mentor_matches
            ],
            [("Jumping", ["Grace"])],
        )
        self.assertEqual(matrix.mentor_matches[0].matches[0].mentors, [])

    def test_each_person_shows_their_role_and_targets_met_leaving_na_out(self):
        matrix = team_matrix(assessment=self.assessment)

        self.assertEqual(
            [row.role for row in matrix.rows], [RoleTargets(name="Coach", met=1, counted=1), None]
        )

    def test_the_page_shows_na_cells_the_role_column_and_a_dash_for_no_average(self):
        self.client.force_login(make_user(manager=True))

        response = self.client.get("/manage/sports/")

        # The words are in the page, for copying, searching and every screen reader.
        self.assertContains(response, '<td class="not-applicable">n/a</td>', count=3)
        self.assertContains(response, '<td class="role">Coach: 1 of 1</td>')
        self.assertContains(
            response, 'title="Who knows it">Rowing</a></th><td class="number">—</td>'
        )

    def test_the_team_chart_leaves_a_gap_where_nobody_rated_rather_than_a_point_at_the_centre(self):
        self.client.force_login(make_user(manager=True))

        response = self.client.get("/manage/sports/")

        chart = drawn_chart(response.content.decode(), chart_class="radar-chart")
        for series in chart.series:
            self.assertEqual(len(series.points), 2)
            self.assertNotIn((0.0, 0.0), series.points)
            self.assertNotIn((0.0, 0.0), series.outline)

    def test_the_csv_has_empty_cells_for_na_and_the_role(self):
        sources = AnswerSources(team_names={}, memberships={}, public_link="public link")

        header, ada, grace = list(csv_rows(assessment=self.assessment, sources=sources))

        self.assertEqual(header[-2:], ["role", "source"])
        self.assertEqual(ada[4:], ["", "", 3, 3, "", "", "coach", "public link"])
        self.assertEqual(grace[-2], "")
