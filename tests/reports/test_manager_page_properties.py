"""Property-based tests for the manager pages: any ?min= is answered; no CSV cell is a formula."""

import csv
import io

from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from tests.factories import make_assessment, make_result, make_user
from tests.hostile_input import QueryParameterProperties

# What spreadsheets run as a formula when a cell starts with it (OWASP, "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
typed_text = st.one_of(
    st.builds(str.__add__, st.sampled_from(FORMULA_STARTS), st.text(max_size=30)),
    st.text(min_size=1, max_size=100),
).filter(lambda text: text.strip() and "\x00" not in text)


class MatrixMinimumProperties(QueryParameterProperties, TestCase):
    path = "/manage/sports/"
    parameter = "min"

    @classmethod
    def setUpTestData(cls):
        make_result(make_assessment(slug="sports"), name="Ada")
        cls.manager = make_user(manager=True)

    def known_values(self) -> list[str]:
        return ["0", "1", "2", "1000", "1001", "-1", "", "2.5"]

    def sign_in(self) -> None:
        self.client.force_login(self.manager)

    @given(data=st.data())
    def test_any_min_gets_the_matrix_never_a_server_error(self, data):
        self.assert_any_value_gets_an_answer(data)


class CsvExportProperties(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.manager = make_user(manager=True)

    @given(person=typed_text, category=typed_text)
    def test_no_cell_of_the_export_starts_a_formula_whatever_was_typed(self, person, category):
        assessment = make_assessment(
            slug="typed", assessment={"categories": [[category, "skill"]], "ratings": ["Lo", "Hi"]}
        )
        make_result(assessment, name=person, current={"skill": 1})
        self.client.force_login(self.manager)

        response = self.client.get("/manage/typed/results.csv")

        text = b"".join(response.streaming_content).decode()
        header, row = csv.reader(io.StringIO(text, newline=""))
        self.assertIn(row[1], {person, f"'{person}"})
        for cell in header + row:
            self.assertFalse(cell.startswith(FORMULA_STARTS), repr(cell))
