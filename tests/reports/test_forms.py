"""The ?min=K form of the matrix page: bad values fall back to the default."""

from django.http import QueryDict
from django.test import SimpleTestCase

from reports.forms import CoverageForm


def min_top(query: str) -> int:
    return CoverageForm(QueryDict(query)).min_top()


class CoverageFormTests(SimpleTestCase):
    def test_a_whole_number_is_used(self):
        for query, expected in [("min=0", 0), ("min=3", 3), ("min=+4", 4), ("min=1000", 1000)]:
            with self.subTest(query=query):
                self.assertEqual(min_top(query), expected)

    def test_a_missing_or_empty_value_means_the_default_of_two(self):
        for query in ["", "min=", "other=5"]:
            with self.subTest(query=query):
                self.assertEqual(min_top(query), 2)

    def test_a_bad_value_falls_back_to_two(self):
        bad = ["min=x", "min=-1", "min=1.5", "min=1001", "min=" + "9" * 5000, "min=%00", "min=1e3"]
        for query in bad:
            with self.subTest(query=query[:20]):
                self.assertEqual(min_top(query), 2)
