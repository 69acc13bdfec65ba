"""The rules of change over time: whose results compare, and what counts as a change."""

from datetime import timedelta

from django.contrib.auth.models import AnonymousUser, Permission, User
from django.test import TestCase
from django.utils import timezone

from assessments.versions import save_as_new_version
from results.comparisons import CategoryChange, category_changes, earlier_results, may_compare
from tests.factories import JUMPING_RUNNING, make_assessment, make_result

NOW = timezone.now()


def days_ago(days: int):
    return NOW - timedelta(days=days)


class EarlierResultsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.v1 = make_assessment(slug="sports-2025")
        cls.v2 = save_as_new_version(cls.v1, name="Sports", slug="sports-2026")
        cls.user = User.objects.create_user("ada")

    def test_the_same_name_in_any_case_and_spacing_is_the_same_person(self):
        older = make_result(self.v1, name="  ADA lovelace ", created=days_ago(30))
        result = make_result(self.v1, name="Ada Lovelace", created=days_ago(1))

        self.assertEqual(earlier_results(result=result), [older])

    def test_a_signed_in_person_is_matched_by_account_whatever_name_they_typed(self):
        older = make_result(self.v1, name="A. Lovelace", user=self.user, created=days_ago(30))
        make_result(self.v1, name="Ada", created=days_ago(20))
        result = make_result(self.v1, name="Ada", user=self.user, created=days_ago(1))

        self.assertEqual(earlier_results(result=result), [older])

    def test_other_people_are_left_out(self):
        make_result(self.v1, name="Grace", created=days_ago(30))
        result = make_result(self.v1, name="Ada", created=days_ago(1))

        self.assertEqual(earlier_results(result=result), [])

    def test_only_results_stored_before_this_one_count_newest_first(self):
        oldest = make_result(self.v1, name="Ada", created=days_ago(90))
        older = make_result(self.v1, name="Ada", created=days_ago(30))
        result = make_result(self.v1, name="Ada", created=days_ago(10))
        make_result(self.v1, name="Ada", created=days_ago(1))

        self.assertEqual(earlier_results(result=result), [older, oldest])

    def test_other_versions_of_the_assessment_count_and_unrelated_ones_do_not(self):
        on_v1 = make_result(self.v1, name="Ada", created=days_ago(30))
        make_result(make_assessment(slug="cooking"), name="Ada", created=days_ago(20))
        result = make_result(self.v2, name="Ada", created=days_ago(1))

        self.assertEqual(earlier_results(result=result), [on_v1])


class MayCompareTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment()
        cls.ada_then = make_result(cls.assessment, name="Ada", created=days_ago(30))
        cls.ada_now = make_result(cls.assessment, name="ada ", created=days_ago(1))
        cls.grace = make_result(cls.assessment, name="Grace", created=days_ago(2))
        cls.manager = User.objects.create_user("manager")
        cls.manager.user_permissions.add(Permission.objects.get(codename="view_assessmentresult"))
        cls.member = User.objects.create_user("member")

    def test_a_person_may_compare_their_own_results(self):
        self.assertTrue(
            may_compare(viewer=AnonymousUser(), first=self.ada_then, second=self.ada_now)
        )

    def test_results_of_different_people_are_refused_to_everyone_but_managers(self):
        for viewer in [AnonymousUser(), self.member]:
            with self.subTest(viewer=viewer):
                self.assertFalse(may_compare(viewer=viewer, first=self.ada_now, second=self.grace))

        self.assertTrue(may_compare(viewer=self.manager, first=self.ada_now, second=self.grace))

    def test_a_result_is_not_compared_with_itself(self):
        self.assertFalse(may_compare(viewer=self.manager, first=self.ada_now, second=self.ada_now))

    def test_results_of_unrelated_assessments_are_refused_even_to_managers(self):
        other = make_result(make_assessment(slug="cooking"), name="Ada")

        self.assertFalse(may_compare(viewer=AnonymousUser(), first=self.ada_now, second=other))
        self.assertFalse(may_compare(viewer=self.manager, first=self.ada_now, second=other))


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
