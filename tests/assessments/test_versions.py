"""Versions of an assessment and the name family that links them."""

from django.test import TestCase

from assessments.versions import name_family_ids, save_as_new_version
from tests.factories import make_assessment


class NameFamilyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        # 2025 -> 2026 -> 2027, and 2026 also -> 2026-design; 2024 was copied from nothing.
        cls.v2025 = make_assessment(slug="skills-2025")
        cls.v2026 = save_as_new_version(cls.v2025, name="Skills", slug="skills-2026")
        cls.v2027 = save_as_new_version(cls.v2026, name="Skills", slug="skills-2027")
        cls.design = save_as_new_version(cls.v2026, name="Design", slug="skills-2026-design")
        cls.unrelated = make_assessment(slug="cooking")

    def test_the_family_holds_ancestors_descendants_and_siblings(self):
        everyone = {self.v2025.pk, self.v2026.pk, self.v2027.pk, self.design.pk}

        for member in [self.v2025, self.v2026, self.v2027, self.design]:
            with self.subTest(slug=member.slug):
                self.assertEqual(name_family_ids(assessment_id=member.pk), everyone)

    def test_an_assessment_never_copied_is_a_family_of_one(self):
        self.assertEqual(name_family_ids(assessment_id=self.unrelated.pk), {self.unrelated.pk})

    def test_the_family_costs_one_query_however_long_the_chain(self):
        save_as_new_version(self.v2027, name="Skills", slug="skills-2028")

        with self.assertNumQueries(1):
            family = name_family_ids(assessment_id=self.v2025.pk)

        self.assertEqual(len(family), 5)
