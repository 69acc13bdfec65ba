"""The CSV export's rules, called directly: reports/export.py."""

import csv
import io
from datetime import timedelta

from django.test import SimpleTestCase, TestCase
from django.utils import timezone

from assessments.models import Assessment
from reports.export import csv_filename, csv_header, csv_lines, csv_rows, neutralise_formula
from reports.sources import AnswerSources
from tests.factories import (
    JUMPING_RUNNING,
    JUMPING_RUNNING_CSV_HEADER,
    make_assessment,
    make_result,
)

# Where no team is known, every answer came through the public link.
PUBLIC_ONLY = AnswerSources(team_names={}, memberships={}, public_link="public")


class NeutraliseFormulaTests(SimpleTestCase):
    def test_text_a_spreadsheet_would_run_gets_a_leading_quote(self):
        for hostile in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("x")']:
            with self.subTest(hostile=hostile):
                self.assertEqual(neutralise_formula(hostile), "'" + hostile)

    def test_ordinary_text_is_left_alone(self):
        for text in ["Ada", "", "a=b", " =1", "1-2", "'quoted"]:
            with self.subTest(text=text):
                self.assertEqual(neutralise_formula(text), text)


class CsvHeaderTests(SimpleTestCase):
    def test_the_header_names_each_category_current_then_desired(self):
        assessment = Assessment(assessment=JUMPING_RUNNING)

        self.assertEqual(csv_header(assessment=assessment), JUMPING_RUNNING_CSV_HEADER)


class CsvFilenameTests(SimpleTestCase):
    def test_the_file_is_named_after_the_assessment(self):
        self.assertEqual(
            csv_filename(assessment=Assessment(slug="sports-2026")), "sports-2026-results.csv"
        )

    def test_only_safe_characters_reach_the_file_name(self):
        for slug, expected in [
            ('a"b\r\nc/..\\d', "a-b-c-d-results.csv"),
            ("-x-", "x-results.csv"),
            ("ünï", "n-results.csv"),
            ("///", "assessment-results.csv"),
        ]:
            with self.subTest(slug=slug):
                self.assertEqual(csv_filename(assessment=Assessment(slug=slug)), expected)


class CsvRowsTests(TestCase):
    def test_one_row_per_result_oldest_first_with_ratings_as_numbers(self):
        assessment = make_assessment(slug="sports")
        now = timezone.now().replace(microsecond=0)
        newer = make_result(
            assessment,
            name="Grace",
            current={"jumping": 3, "running": 1},
            desired={"jumping": 3, "running": 2},
            created=now,
        )
        older = make_result(
            assessment,
            name="Ada",
            current={"jumping": 2},
            desired={"jumping": 3},
            created=now - timedelta(days=1),
        )
        make_result(make_assessment(), name="Someone else")

        header, *rows = list(csv_rows(assessment=assessment, sources=PUBLIC_ONLY))

        self.assertEqual(len(header), 9)
        self.assertEqual(
            rows,
            [
                [str(older.pk), "Ada", "sports", older.created.isoformat(), 2, 3, "", "", "public"],
                [str(newer.pk), "Grace", "sports", now.isoformat(), 3, 3, 1, 2, "public"],
            ],
        )

    def test_an_assessment_without_results_is_just_the_header(self):
        self.assertEqual(len(list(csv_rows(assessment=make_assessment(), sources=PUBLIC_ONLY))), 1)


class CsvLinesTests(SimpleTestCase):
    def test_each_row_becomes_one_csv_line_with_text_neutralised_and_numbers_kept(self):
        rows = [["name", "score"], ["=cmd|' /C calc'!A0", 3], ['Ada "the first", Lovelace', -1]]

        text = "".join(csv_lines(rows))

        self.assertEqual(
            list(csv.reader(io.StringIO(text))),
            [["name", "score"], ["'=cmd|' /C calc'!A0", "3"], ['Ada "the first", Lovelace', "-1"]],
        )
