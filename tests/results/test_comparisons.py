"""What counts as a change between two results (who may compare them: test_visibility.py)."""

from datetime import timedelta

from django.test import TestCase
from django.utils import timezone

from assessments.versions import save_as_new_version
from results.comparisons import CategoryChange, category_changes
from tests.factories import JUMPING_RUNNING, make_assessment, make_result

NOW = timezone.now()


def days_ago(days: int):
    return NOW - timedelta(days=days)


class CategoryChangesTests(TestCase):
    def test_each_category_moves_up_down_or_stays_by_whole_steps(self):
        assessment = make_assessment(
            assessment={
                "categories": [
                    ["Jumping", "jumping"],
                    ["Running", "running"],
                    ["Diving", "diving"],
                ],
                "ratings": ["Good", "Better", "Best"],
            }
        )
        earlier = make_result(assessment, current={"jumping": 1, "running": 3, "diving": 2})
        later = make_result(assessment, current={"jumping": 3, "running": 2, "diving": 2})

        changes = category_changes(earlier=earlier, later=later)

        self.assertEqual(
            changes,
            [
                CategoryChange("Jumping", "jumping", "Good", "Best", "up", 2),
                CategoryChange("Running", "running", "Best", "Better", "down", 1),
                CategoryChange("Diving", "diving", "Better", "Better", "unchanged", 0),
            ],
        )
        self.assertEqual(
            [change.summary for change in changes], ["Up 2 steps", "Down 1 step", "Unchanged"]
        )

    def test_categories_in_only_one_version_are_added_or_removed(self):
        old = make_assessment(slug="sports-2025", assessment=JUMPING_RUNNING)
        new = save_as_new_version(old, name="Sports", slug="sports-2026")
        new.assessment = {
            **JUMPING_RUNNING,
            "categories": [["Running", "running"], ["Swim", "swim"]],
        }
        new.save()
        earlier = make_result(old, current={"jumping": 2, "running": 1})
        later = make_result(new, current={"running": 1, "swim": 3})

        changes = category_changes(earlier=earlier, later=later)

        self.assertEqual(
            changes,
            [
                CategoryChange("Running", "running", "Good", "Good", "unchanged"),
                CategoryChange("Swim", "swim", None, "Best", "added"),
                CategoryChange("Jumping", "jumping", "Better", None, "removed"),
            ],
        )
        self.assertEqual([change.summary for change in changes[1:]], ["Added", "Removed"])

    def test_a_category_without_a_stored_rating_on_either_side_is_not_rated(self):
        assessment = make_assessment(assessment=JUMPING_RUNNING)
        earlier = make_result(assessment, current={"jumping": 2})
        later = make_result(assessment, current={"jumping": 2, "running": 1})

        running = category_changes(earlier=earlier, later=later)[1]

        self.assertEqual(running, CategoryChange("Running", "running", None, "Good", "unrated"))
        self.assertEqual(running.summary, "Not rated in both")
