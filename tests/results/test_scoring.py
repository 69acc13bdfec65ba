from django.test import SimpleTestCase

from results.scoring import clamp_rating, current_and_desired


class ClampRatingTests(SimpleTestCase):
    def test_rating_inside_the_scale_is_kept(self):
        self.assertEqual(clamp_rating(2, top=3), 2)

    def test_zero_is_clamped_to_the_bottom(self):
        self.assertEqual(clamp_rating(0, top=3), 1)

    def test_negative_rating_is_clamped_to_the_bottom(self):
        self.assertEqual(clamp_rating(-4, top=3), 1)

    def test_rating_above_the_scale_is_clamped_to_the_top(self):
        self.assertEqual(clamp_rating(99, top=3), 3)


class CurrentAndDesiredTests(SimpleTestCase):
    def test_levelup_raises_desired_one_step_above_current(self):
        current, desired = current_and_desired(
            {"jumping": 2, "running": 1}, levelups=["running"], top=3
        )

        self.assertEqual(current, {"jumping": 2, "running": 1})
        self.assertEqual(desired, {"jumping": 2, "running": 2})

    def test_levelup_at_the_top_stays_at_the_top(self):
        current, desired = current_and_desired({"jumping": 3}, levelups=["jumping"], top=3)

        self.assertEqual((current, desired), ({"jumping": 3}, {"jumping": 3}))

    def test_out_of_scale_ratings_are_clamped_before_the_levelup(self):
        current, desired = current_and_desired(
            {"jumping": -4, "running": 99}, levelups=["jumping", "running"], top=3
        )

        self.assertEqual(current, {"jumping": 1, "running": 3})
        self.assertEqual(desired, {"jumping": 2, "running": 3})
