"""A manager in a real browser: sign in, read the matrix, open a result, export, sign out;
erase a person."""

import csv
from io import StringIO

from django.core.management import call_command

from assessments.models import Assessment
from results.submissions import record_result
from tests.browser.chromium import BrowserTestCase

SAMPLE = "samples/engineering-2026.json"
PASSWORD = "correct horse battery staple"


class ManagerTests(BrowserTestCase):
    def setUp(self):
        super().setUp()
        call_command("load_assessment", SAMPLE, stdout=StringIO())
        assessment = Assessment.objects.get(slug="engineering-2026")
        slugs = [slug for _, slug in assessment.categories]
        for name, rating in [("Ada Lovelace", 4), ("Alan Turing", 2)]:
            record_result(
                assessment=assessment,
                name=name,
                current=dict.fromkeys(slugs, rating),
                desired=dict.fromkeys(slugs, rating),
            )
        self.create_manager("grace", PASSWORD)

    def test_a_manager_signs_in_reads_the_matrix_opens_a_result_exports_and_signs_out(self):
        page = self.page

        self.visit("/manage/")
        sent_to_sign_in = page.url
        page.get_by_label("Username").fill("grace")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.get_by_role("link", name="Software engineering skills 2026").click()
        matrix_heading = page.get_by_role("heading", level=1).inner_text()
        people = page.locator("table.matrix tbody th a").all_inner_texts()
        # Exact: the row's erase link is "Erase all results of Ada Lovelace".
        page.get_by_role("link", name="Ada Lovelace", exact=True).click()
        result_heading = page.get_by_role("heading", level=1).inner_text()
        page.go_back()
        with page.expect_download() as download:
            page.get_by_role("link", name="Download all results (CSV)").click()
        exported = list(csv.reader(StringIO(download.value.path().read_text())))
        page.get_by_role("button", name="Sign out").click()
        signed_out_heading = page.get_by_role("heading", level=1).inner_text()
        self.visit("/manage/")

        self.assertEqual(sent_to_sign_in, f"{self.live_server_url}/accounts/login/?next=/manage/")
        self.assertEqual(matrix_heading, "Team skills: Software engineering skills 2026")
        self.assertCountEqual(people, ["Ada Lovelace", "Alan Turing"])
        self.assertEqual(result_heading, "Results for Ada Lovelace")
        self.assertEqual(exported[0][:4], ["id", "name", "version", "submitted at"])
        self.assertCountEqual([row[1] for row in exported[1:]], ["Ada Lovelace", "Alan Turing"])
        self.assertEqual(signed_out_heading, "You are signed out")
        self.assertEqual(page.url, f"{self.live_server_url}/accounts/login/?next=/manage/")

    def test_a_manager_erases_a_person_after_confirming_how_many_results_go(self):
        page = self.page
        self.sign_in(self.create_manager("root", PASSWORD))

        self.visit("/manage/engineering-2026/")
        matrix = page.locator("table.matrix")
        matrix.get_by_role("row", name="Alan Turing").get_by_role("link", name="Erase").click()
        confirmation = page.get_by_role("main").inner_text()
        page.get_by_role("button", name="Erase 1 result").click()
        message = page.get_by_role("status").inner_text()
        people = page.locator("table.matrix tbody th a").all_inner_texts()

        self.assertIn("1 result of Alan Turing", confirmation)
        self.assertEqual(message, "1 result of Alan Turing was erased.")
        self.assertEqual(people, ["Ada Lovelace"])


class MatrixCellsTests(BrowserTestCase):
    def test_every_reader_finds_each_rating_a_level_up_wish_and_a_missing_rating_as_text(self):
        assessment = Assessment.objects.create(
            name="Sports",
            slug="sports",
            assessment={
                "categories": [["Jumping", "jumping"], ["Running", "running"]],
                "ratings": ["Good", "Better", "Best"],
            },
        )
        record_result(
            assessment=assessment, name="Ada", current={"jumping": 1}, desired={"jumping": 2}
        )
        self.sign_in(self.create_manager("grace", PASSWORD))

        self.visit("/manage/sports/")
        row = self.page.locator("table.matrix").get_by_role("row", name="Ada")
        spoken = [cell.aria_snapshot() for cell in row.get_by_role("cell").all()]
        shown = row.get_by_role("cell").all_inner_texts()

        # Earlier results, source, age; then Jumping and Running, whose marks are text in the
        # page (issue 20), so copying, searching and screen readers find the same words; then
        # the erase link.
        self.assertEqual(shown[:5], ["0", "public link", "0\xa0minutes ago", "1 ▲", "—"])
        self.assertEqual(spoken[3:5], ['- cell "1 ▲"', '- cell "—"'])
        self.assertIn('link "Erase"', spoken[5])
        legend = self.page.get_by_role("list", name="Legend").inner_text()
        self.assertIn("▲ wants to level up", legend)
        self.assertIn("— no rating", legend)
