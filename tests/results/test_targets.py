"""Targets of a role against a result's ratings: results/scoring.py, called directly."""

from django.test import SimpleTestCase

from assessments.definition import Role
from results.scoring import current_and_desired, is_not_applicable, target_check, targets_met

COACH = Role(name="Coach", slug="coach", targets={"jumping": 2, "running": 3})
RATINGS = ["Good", "Better", "Best"]


class TargetTests(SimpleTestCase):
    def check(self, slug, current, not_applicable=False):
        return target_check(
            COACH, slug, current=current, not_applicable=not_applicable, ratings=RATINGS
        )

    def test_a_rating_at_or_above_the_target_meets_it(self):
        self.assertTrue(self.check("jumping", 2).met)
        self.assertTrue(self.check("jumping", 3).met)

    def test_a_rating_below_the_target_says_how_many_steps_short(self):
        check = self.check("running", 1)

        self.assertEqual((check.met, check.steps_short, check.label), (False, 2, "Best"))

    def test_no_role_or_no_target_in_a_category_is_no_check(self):
        self.assertIsNone(self.check("swimming", 3))
        self.assertIsNone(
            target_check(None, "jumping", current=3, not_applicable=False, ratings=RATINGS)
        )

    def test_not_applicable_targets_are_left_out_of_meets_n_of_m(self):
        checks = [self.check("jumping", None, not_applicable=True), self.check("running", 3), None]

        self.assertEqual(targets_met(checks), (1, 1))

    def test_not_applicable_is_stored_as_null_and_told_apart_from_missing(self):
        current, desired = current_and_desired({"jumping": None, "running": 2}, ["jumping"], top=3)

        self.assertEqual(
            (current, desired), ({"jumping": None, "running": 2}, {"jumping": None, "running": 2})
        )
        self.assertTrue(is_not_applicable(current, "jumping"))
        self.assertFalse(is_not_applicable(current, "swimming"))
