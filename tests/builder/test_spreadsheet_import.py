"""A spreadsheet of categories (.xlsx or .csv) as the builder's starting point: its rows become
the builder's category rows; a bad file gets 400 with the form and a message, never a 500."""

import csv
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from openpyxl import Workbook

from assessments.models import Assessment
from tests.factories import make_user

NEW = "/manage/assessments/new/"
BUILDER_BYTES = 4 * 1024 * 1024
HEADER = ["group", "name", "slug", "description", "level 1", "level 2", "level 3"]
ROWS = [
    ["Backend", "Python and Django", "python-django", "Views & models", "Read", "Write", "Teach"],
    ["", "Kubernetes", "", "", "", "", ""],
]


def xlsx_bytes(rows: list[list]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def csv_bytes(rows: list[list], encoding: str = "utf-8") -> bytes:
    output = io.StringIO()
    csv.writer(output).writerows(rows)
    return output.getvalue().encode(encoding)


def zip_bytes(members: dict[str, bytes]) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return output.getvalue()


class SpreadsheetImportTestCase(TestCase):
    def setUp(self):
        self.client.force_login(make_user(manager=True))

    def upload(self, filename: str, content: bytes):
        upload = SimpleUploadedFile(filename, content, "application/octet-stream")
        return self.client.post(NEW, {"import": "1", "definition_file": upload})

    def assertRefused(self, response, message: str) -> None:
        self.assertContains(response, message, status_code=400)
        self.assertContains(response, 'name="definition_file"', status_code=400)
        self.assertFalse(Assessment.objects.exists())


class RoundTripTests(SpreadsheetImportTestCase):
    def assertCategoriesInTheBuilder(self, response) -> None:
        self.assertEqual(response.status_code, 200)
        # The rows' texts in the site's language (the builder adds a field per other language).
        fields = ("name", "slug", "group", "description", "levels")
        rows = [
            {field: row[field] for field in fields}
            for row in response.context["builder"].categories.initial
        ]
        self.assertEqual(
            rows,
            [
                {
                    "name": "Python and Django",
                    "slug": "python-django",
                    "group": "Backend",
                    "description": "Views & models",
                    "levels": "Read\nWrite\nTeach",
                },
                {
                    "name": "Kubernetes",
                    "slug": "kubernetes",
                    "group": "",
                    "description": "",
                    "levels": "",
                },
            ],
        )
        self.assertContains(response, 'value="Python and Django"')
        self.assertContains(response, 'value="kubernetes"')
        self.assertContains(response, "Views &amp; models")

    def test_an_xlsx_file_fills_the_builders_category_rows(self):
        response = self.upload("skills.xlsx", xlsx_bytes([HEADER, *ROWS]))

        self.assertCategoriesInTheBuilder(response)

    def test_a_csv_file_fills_the_builders_category_rows(self):
        response = self.upload("skills.csv", csv_bytes([HEADER, *ROWS]))

        self.assertCategoriesInTheBuilder(response)

    def test_a_csv_with_a_byte_order_mark_an_upper_case_name_and_blank_rows_is_read(self):
        content = csv_bytes([HEADER, ["", "", ""], *ROWS, [""] * 7], encoding="utf-8-sig")

        response = self.upload("SKILLS.CSV", content)

        self.assertCategoriesInTheBuilder(response)

    def test_the_header_may_be_capitalised_and_numbers_are_read_as_their_text(self):
        header = ["Group", "Name", "Slug", "Description", "Level 1", "Level 2"]

        response = self.upload("s.xlsx", xlsx_bytes([header, ["", "Rust", "rust", "", 1, 2.0]]))

        rows = response.context["builder"].categories.initial
        self.assertEqual((rows[0]["name"], rows[0]["levels"]), ("Rust", "1\n2"))

    def test_the_builder_then_saves_it_once_a_scale_is_written(self):
        response = self.upload("skills.csv", csv_bytes([HEADER, *ROWS]))
        data = {
            "assessment-name": "Skills",
            "assessment-slug": "skills",
            "assessment-ratings": "Novice\nPractised\nExpert",
            "action": "save",
            "roles-TOTAL_FORMS": "0",
            "roles-INITIAL_FORMS": "0",
        }
        categories = response.context["builder"].categories.initial
        data["categories-TOTAL_FORMS"] = str(len(categories))
        data["categories-INITIAL_FORMS"] = "0"
        for number, row in enumerate(categories):
            data.update({f"categories-{number}-{key}": value for key, value in row.items()})

        self.client.post(NEW, data)

        self.assertEqual(
            Assessment.objects.get(slug="skills").category_slugs, ["python-django", "kubernetes"]
        )

    def test_one_hundred_categories_are_read(self):
        rows = [["", f"Skill {n}", f"skill-{n}", "", "", "", ""] for n in range(100)]

        response = self.upload("skills.csv", csv_bytes([HEADER, *rows]))

        self.assertEqual(len(response.context["builder"].categories.initial), 100)


class BadFileTests(SpreadsheetImportTestCase):
    def test_wrong_columns_are_refused_naming_the_header(self):
        for header in [
            ["name", "slug"],
            ["group", "name", "slug", "description", "level 2"],
            ["group", "name", "slug", "notes"],
            ["group", "name", "slug", "description", *(f"level {n}" for n in range(1, 22))],
        ]:
            for filename, content in [
                ("s.xlsx", xlsx_bytes([header, ROWS[1]])),
                ("s.csv", csv_bytes([header, ROWS[1]])),
            ]:
                with self.subTest(header=header, filename=filename):
                    response = self.upload(filename, content)

                    self.assertRefused(response, "The first row must be the header")

    def test_a_row_wider_than_the_header_is_refused(self):
        response = self.upload("s.csv", csv_bytes([HEADER, [*ROWS[0], "Lead"]]))

        self.assertRefused(response, "more cells than the header has columns")

    def test_a_row_with_some_level_texts_and_not_others_is_refused(self):
        row = ["", "Go", "go", "", "Read", "", "Teach"]

        response = self.upload("s.csv", csv_bytes([HEADER, row]))

        self.assertRefused(response, "fills some level columns and leaves others empty")

    def test_rows_the_definition_refuses_are_refused_with_its_messages(self):
        for rows, message in [
            ([ROWS[0], ROWS[0]], "is used by an earlier category"),
            ([["", "", "", "Only a description", "", "", ""]], "has an empty name"),
            ([["", "!!!", "", "", "", "", ""]], "is not a valid slug"),
        ]:
            with self.subTest(message=message):
                response = self.upload("s.csv", csv_bytes([HEADER, *rows]))

                self.assertRefused(response, message)

    def test_a_header_alone_or_an_empty_file_is_refused(self):
        for filename, content, message in [
            ("s.csv", csv_bytes([HEADER]), "no categories under its header row"),
            # Django's own message for a file of no bytes.
            ("s.csv", b"", "The submitted file is empty."),
            ("s.csv", b"\n\n", "This spreadsheet is empty."),
            ("s.xlsx", xlsx_bytes([]), "This spreadsheet is empty."),
        ]:
            with self.subTest(filename=filename, message=message):
                self.assertRefused(self.upload(filename, content), message)

    def test_a_file_over_the_builders_size_limit_is_refused_naming_the_limit(self):
        content = csv_bytes([HEADER, *ROWS]).ljust(BUILDER_BYTES + 1, b"\n")

        response = self.upload("s.csv", content)

        self.assertRefused(response, "This file is bigger than 4.0\xa0MB")

    def test_more_categories_than_an_assessment_may_have_are_refused(self):
        rows = [["", f"Skill {n}", f"skill-{n}", "", "", "", ""] for n in range(101)]
        for filename, content in [
            ("s.xlsx", xlsx_bytes([HEADER, *rows])),
            ("s.csv", csv_bytes([HEADER, *rows])),
        ]:
            with self.subTest(filename=filename):
                response = self.upload(filename, content)

                self.assertRefused(response, "at most 100 categories")

    def test_a_million_blank_rows_are_refused_without_reading_them_all(self):
        content = csv_bytes([HEADER, *ROWS]) + b"\n" * 10**6

        response = self.upload("s.csv", content)

        self.assertRefused(response, "more than 1000 rows")

    def test_a_file_that_is_no_workbook_is_refused_as_such(self):
        for label, content in [
            ("text", b"group,name,slug,description\n"),
            ("binary", bytes(range(256))),
            ("a zip of something else", zip_bytes({"notes.txt": b"hello"})),
            ("a workbook cut short", xlsx_bytes([HEADER, *ROWS])[:2000]),
        ]:
            with self.subTest(label):
                response = self.upload("s.xlsx", content)

                self.assertRefused(response, "This file is not an Excel workbook (.xlsx).")

    def test_a_zip_bomb_is_refused_before_it_is_unpacked(self):
        bomb = zip_bytes({"xl/worksheets/sheet1.xml": b"\0" * (40 * 1024 * 1024)})

        response = self.upload("bomb.xlsx", bomb)

        self.assertLess(len(bomb), 100_000)
        self.assertRefused(response, "This spreadsheet unpacks to more than 32.0\xa0MB")

    def test_a_csv_that_is_not_utf8_is_refused_as_such(self):
        content = csv_bytes([HEADER, ["", "Café", "cafe", "", "", "", ""]], encoding="latin-1")

        response = self.upload("s.csv", content)

        self.assertRefused(response, "This file is not CSV text in UTF-8.")

    def test_a_json_file_is_still_read_as_json(self):
        response = self.upload("s.json", b"not json")

        self.assertRefused(response, "This file is not valid JSON.")
