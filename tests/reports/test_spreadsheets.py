"""The matrix as an .xlsx download, opened back with openpyxl as a manager's spreadsheet would
open it: values, colours, comments, frozen panes, the summaries, and names kept as text."""

import io
import re
from pathlib import Path

from django.test import TestCase
from openpyxl import load_workbook

from audit.models import AuditEvent
from tests.factories import (
    answer_invitation,
    make_assessment,
    make_result,
    make_team,
    make_user,
    open_round,
)

URL = "/manage/sports/results.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SPORTS = {
    "ratings": ["Novice", "Able", "Good", "Strong", "Expert"],
    "not-applicable": True,
    "categories": [["Jumping", "jumping"], ["Running", "running"], ["Rowing", "rowing"]],
    "roles": [{"name": "Coach", "slug": "coach", "targets": {"jumping": 4}}],
}
# What a spreadsheet would run as a formula, were it not kept as text.
FORMULA_NAMES = ['=HYPERLINK("http://evil.example","x")', "+1+2", "-3", "@SUM(A1:A2)"]
CSS_STEP = re.compile(r"^\.s(\d) \{ background: #([0-9a-f]{6});", re.MULTILINE)


def workbook_of(response):
    return load_workbook(io.BytesIO(response.content))


def rows_of(sheet) -> list[list]:
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def fill_of(cell) -> str:
    """The cell's fill colour as six hex digits (openpyxl reads it back with an alpha byte)."""
    return cell.fill.start_color.rgb[-6:] if cell.fill.fill_type == "solid" else ""


def exports_recorded() -> bool:
    return AuditEvent.objects.filter(action=AuditEvent.Action.XLSX_EXPORTED).exists()


class XlsxTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(slug="sports", name="Sports", assessment=SPORTS)
        cls.manager = make_user(username="mine", manager=True)
        make_result(
            cls.assessment,
            name="Ada",
            role="coach",
            current={"jumping": 5, "running": 1, "rowing": None},
            desired={"jumping": 5, "running": 3, "rowing": None},
        )
        make_result(cls.assessment, name="Bo", current={"jumping": 3, "running": 2})


class XlsxContentTests(XlsxTestCase):
    def setUp(self):
        self.client.force_login(self.manager)

    def test_the_download_is_an_xlsx_attachment_named_for_the_assessment(self):
        response = self.client.get(URL)

        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], XLSX)
        self.assertEqual(
            response["Content-Disposition"], 'attachment; filename="sports-results.xlsx"'
        )

    def test_the_matrix_sheet_has_one_row_per_person_with_their_rating_numbers(self):
        matrix = workbook_of(self.client.get(URL)).worksheets[0]

        self.assertEqual(matrix.title, "Matrix")
        self.assertEqual(
            rows_of(matrix),
            [
                ["Person", "Jumping", "Running", "Rowing", "Role"],
                ["Ada", 5, 1, "n/a", "Coach"],
                ["Bo", 3, 2, None, None],
            ],
        )

    def test_each_rating_is_filled_with_the_matrix_colour_step_and_labelled_in_a_comment(self):
        matrix = workbook_of(self.client.get(URL)).worksheets[0]

        ada_jumping, ada_running = matrix["B2"], matrix["C2"]
        bo_jumping, bo_running = matrix["B3"], matrix["C3"]
        self.assertEqual(
            [fill_of(cell) for cell in [ada_running, bo_running, bo_jumping, ada_jumping]],
            ["EFF3FF", "C6DBEF", "6BAED6", "08306B"],
        )
        self.assertEqual(ada_jumping.comment.text, "Expert")
        self.assertEqual(bo_jumping.comment.text, "Good")
        self.assertEqual(ada_running.comment.text, "Novice, wants to level up")
        self.assertIsNone(matrix["D2"].comment)
        self.assertEqual(fill_of(matrix["D2"]), "")

    def test_the_header_row_and_the_name_column_stay_in_view(self):
        matrix, summaries = workbook_of(self.client.get(URL)).worksheets

        self.assertEqual(matrix.freeze_panes, "B2")
        self.assertEqual(summaries.freeze_panes, "B2")

    def test_the_summary_sheet_holds_the_matrix_summaries(self):
        summaries = workbook_of(self.client.get(URL)).worksheets[1]

        self.assertEqual(summaries.title, "Summaries")
        self.assertEqual(
            rows_of(summaries),
            [
                [
                    *["Category", "Average", "Average desired"],
                    *["Novice", "Able", "Good", "Strong", "Expert"],
                    *["Want to level up", "Top rating", "Not applicable"],
                ],
                ["Jumping", 4, 4, 0, 0, 1, 0, 1, 0, 1, 0],
                ["Running", 1.5, 2.5, 1, 1, 0, 0, 0, 1, 0, 0],
                ["Rowing", None, None, 0, 0, 0, 0, 0, 0, 0, 1],
            ],
        )

    def test_a_name_a_spreadsheet_would_run_as_a_formula_is_kept_as_text_unchanged(self):
        for name in FORMULA_NAMES:
            make_result(self.assessment, name=name)

        matrix = workbook_of(self.client.get(URL)).worksheets[0]

        names = {row[0].value: row[0].data_type for row in matrix.iter_rows(min_row=2)}
        for name in FORMULA_NAMES:
            with self.subTest(name=name):
                self.assertEqual(names.get(name), "s")

    def test_a_category_and_a_label_that_look_like_formulas_are_text_too(self):
        definition = {"ratings": ["=1+1", "@low"], "categories": [["=cmd|' /C calc'!A0", "calc"]]}
        hostile = make_assessment(slug="hostile", assessment=definition)
        make_result(hostile, name="Cy", current={"calc": 1})

        workbook = workbook_of(self.client.get("/manage/hostile/results.xlsx"))

        header = workbook.worksheets[0]["B1"]
        label = workbook.worksheets[1]["D1"]
        self.assertEqual((header.value, header.data_type), ("=cmd|' /C calc'!A0", "s"))
        self.assertEqual((label.value, label.data_type), ("=1+1", "s"))
        self.assertEqual(workbook.worksheets[0]["B2"].comment.text, "=1+1")

    def test_control_characters_no_workbook_may_hold_are_left_out_not_a_500(self):
        make_result(self.assessment, name="Eve\x01\x1b")

        response = self.client.get(URL)

        names = [row[0] for row in rows_of(workbook_of(response).worksheets[0])]
        self.assertIn("Eve", names)

    def test_an_assessment_nobody_answered_gives_a_header_only_workbook(self):
        make_assessment(slug="empty", assessment=SPORTS)

        response = self.client.get("/manage/empty/results.xlsx")

        self.assertEqual(
            rows_of(workbook_of(response).worksheets[0]),
            [["Person", "Jumping", "Running", "Rowing", "Role"]],
        )

    def test_the_download_is_recorded_in_the_audit_trail(self):
        self.client.get(URL)

        event = AuditEvent.objects.get(action=AuditEvent.Action.XLSX_EXPORTED)
        self.assertEqual((event.actor, event.assessment), (self.manager, "sports"))

    def test_the_download_is_kept_out_of_caches(self):
        response = self.client.get(URL)

        self.assertEqual(response["Cache-Control"], "private, no-store")

    def test_the_matrix_page_links_to_the_download_next_to_the_csv(self):
        response = self.client.get("/manage/sports/")

        content = response.context["content"]
        csv_link = content.index('href="/manage/sports/results.csv"')
        xlsx_link = content.index('href="/manage/sports/results.xlsx"')
        self.assertLess(csv_link, xlsx_link)
        self.assertLess(xlsx_link - csv_link, 200)

    def test_the_queries_do_not_grow_with_the_people(self):
        # Session, user, two permission lookups, the assessment, the people the matrix's
        # filters select, the summaries' count in the database, the audit event.
        with self.assertNumQueries(8):
            self.client.get(URL)
        for number in range(20):
            make_result(self.assessment, name=f"Person {number}")

        with self.assertNumQueries(8):
            self.client.get(URL)


class XlsxColourTests(TestCase):
    def test_the_fills_are_the_colour_steps_of_the_matrix_page(self):
        from reports.spreadsheets import STEP_COLOURS

        css = Path("static/css/site.css").read_text()

        page_steps = {int(step): colour.upper() for step, colour in CSS_STEP.findall(css)}
        self.assertEqual(page_steps, STEP_COLOURS)


class XlsxScopeTests(XlsxTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.other_manager = make_user(username="other", manager=True)
        for manager, member in [(cls.manager, "Mia Mine"), (cls.other_manager, "Tess Theirs")]:
            team = make_team(managers=(manager,), members=[member])
            answer_invitation(open_round(team=team, assessment=cls.assessment).invitations.get())

    def names_in_workbook(self, user) -> set[str]:
        self.client.force_login(user)
        matrix = workbook_of(self.client.get(URL)).worksheets[0]
        return {row[0] for row in rows_of(matrix)[1:]}

    def test_a_manager_gets_the_public_results_and_their_own_teams_only(self):
        self.assertEqual(self.names_in_workbook(self.manager), {"Ada", "Bo", "Mia Mine"})
        self.assertEqual(self.names_in_workbook(self.other_manager), {"Ada", "Bo", "Tess Theirs"})

    def test_a_superuser_gets_everyone(self):
        boss = make_user(is_superuser=True)

        self.assertEqual(self.names_in_workbook(boss), {"Ada", "Bo", "Mia Mine", "Tess Theirs"})

    def test_an_unknown_assessment_is_404(self):
        self.client.force_login(self.manager)

        response = self.client.get("/manage/no-such-assessment/results.xlsx")

        self.assertEqual(response.status_code, 404)
        self.assertFalse(exports_recorded())

    def test_anonymous_visitors_sign_in_and_people_who_manage_nothing_are_refused(self):
        anonymous = self.client.get(URL)
        self.client.force_login(make_user(username="worker"))
        worker = self.client.get(URL)

        self.assertRedirects(
            anonymous, f"/accounts/login/?next={URL}", fetch_redirect_response=False
        )
        self.assertEqual(worker.status_code, 403)
        self.assertFalse(exports_recorded())

    def test_only_get_and_head_are_allowed(self):
        self.client.force_login(self.manager)

        self.assertEqual(self.client.post(URL).status_code, 405)
