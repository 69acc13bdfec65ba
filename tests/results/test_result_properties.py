"""Property-based tests: no result address but a stored result's own id opens it (page, JSON,
erasure page), and no erasure post but its own erases anything."""

from urllib.parse import quote

from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from results.models import AssessmentResult
from tests.factories import make_assessment, make_result
from tests.hostile_input import hostile_text


class ResultAddressProperties(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.result = make_result(make_assessment())

    @given(data=st.data())
    def test_any_address_is_404_unless_it_is_a_stored_results_id(self, data):
        stored = str(self.result.pk)
        near_misses = st.sampled_from(
            [stored.upper(), stored.replace("-", ""), f"{{{stored}}}", stored[:-1], stored + "0"]
        )
        address = data.draw(
            st.one_of(
                st.just(stored),
                near_misses,
                st.uuids().map(str),
                st.integers(min_value=0).map(str),
                hostile_text(),
            ),
            label="address",
        )

        quoted = quote(address, safe="")

        page = self.client.get(f"/results/{quoted}/")
        download = self.client.get(f"/results/{quoted}.json")
        erasure = self.client.get(f"/results/{quoted}/delete/")

        expected = 200 if address == stored else 404
        self.assertEqual(
            (page.status_code, download.status_code, erasure.status_code), (expected,) * 3
        )

    @given(address=st.one_of(st.uuids().map(str), hostile_text()))
    def test_an_erasure_post_to_any_other_address_is_404_and_erases_nothing(self, address):
        response = self.client.post(f"/results/{quote(address, safe='')}/delete/")

        self.assertEqual(response.status_code, 404)
        self.assertTrue(AssessmentResult.objects.filter(pk=self.result.pk).exists())
