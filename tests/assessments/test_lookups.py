"""The assessment lookups written as SQL give the same assessment the ORM would."""

import uuid

from django.http import Http404
from django.test import TestCase

from assessments.lookups import assessment_by_slug_or_404
from results.lookups import assessment_of_result_or_404
from tests.factories import TRIATHLON, make_assessment, make_result


class AssessmentLookupTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(name="Triathlon «2026»", slug="tri", assessment=TRIATHLON)
        make_assessment(slug="other")
        cls.result = make_result(cls.assessment)

    def assert_same_assessment(self, found):
        self.assertEqual(found.pk, self.assessment.pk)
        self.assertEqual(found.name, "Triathlon «2026»")
        self.assertEqual(found.categories, TRIATHLON["categories"])
        self.assertEqual(found.fingerprint, self.assessment.fingerprint)
        # Fields not selected load on first use.
        self.assertEqual(found.created, self.assessment.created)

    def test_by_slug_finds_the_assessment_a_link_names(self):
        self.assert_same_assessment(assessment_by_slug_or_404("tri"))

    def test_by_slug_is_404_for_an_unknown_version(self):
        with self.assertRaises(Http404):
            assessment_by_slug_or_404("unknown")

    def test_of_result_finds_the_assessment_a_result_answers(self):
        self.assert_same_assessment(assessment_of_result_or_404(self.result.pk))

    def test_of_result_is_404_for_an_unknown_result(self):
        with self.assertRaises(Http404):
            assessment_of_result_or_404(uuid.uuid4())

    def test_each_lookup_is_one_query(self):
        with self.assertNumQueries(2):
            assessment_by_slug_or_404("tri")
            assessment_of_result_or_404(self.result.pk)
