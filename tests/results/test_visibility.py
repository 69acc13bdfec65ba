"""The one rule of who may open a result (results/visibility.py), function by function."""

from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.test import TestCase
from django.utils import timezone

from assessments.versions import save_as_new_version
from results.visibility import (
    chain,
    earlier_results,
    may_answer_again,
    may_compare,
    visible_results,
)
from tests.factories import make_assessment, make_result, make_team, make_user

NOW = timezone.now()


def days_ago(days: int):
    return NOW - timedelta(days=days)


class ChainTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.v1 = make_assessment(slug="sports-2025")
        cls.v2 = save_as_new_version(cls.v1, name="Sports", slug="sports-2026")

    def test_the_same_typed_name_is_not_a_chain(self):
        make_result(self.v1, name="Victoria Public", created=days_ago(30))
        mallory = make_result(self.v1, name="  VICTORIA public ", created=days_ago(1))

        self.assertEqual(chain(mallory), [])

    def test_answers_made_again_chain_back_newest_first_across_versions(self):
        first = make_result(self.v1, name="Ada", created=days_ago(90))
        second = make_result(self.v1, name="Ada", previous=first, created=days_ago(30))
        third = make_result(self.v2, name="Ada", previous=second, created=days_ago(1))

        self.assertEqual(chain(third), [second, first])
        self.assertEqual(chain(second), [first])
        self.assertEqual(chain(first), [])


class EarlierResultsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment()
        cls.ada = make_user(username="ada")

    def test_the_owner_signed_in_sees_every_earlier_result_of_the_account(self):
        older = make_result(self.assessment, name="A. L.", user=self.ada, created=days_ago(30))
        result = make_result(self.assessment, name="Ada", user=self.ada, created=days_ago(1))

        self.assertEqual(earlier_results(viewer=self.ada, result=result), [older])

    def test_anyone_else_holding_the_address_sees_only_the_chain(self):
        make_result(self.assessment, name="Ada", user=self.ada, created=days_ago(30))
        result = make_result(self.assessment, name="Ada", user=self.ada, created=days_ago(1))

        for viewer in [AnonymousUser(), make_user(username="eve"), make_user(manager=True)]:
            with self.subTest(viewer=viewer):
                self.assertEqual(earlier_results(viewer=viewer, result=result), [])


class MayCompareTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment()
        cls.ada_then = make_result(cls.assessment, name="Ada", created=days_ago(30))
        cls.ada_now = make_result(
            cls.assessment, name="Ada", previous=cls.ada_then, created=days_ago(1)
        )
        cls.namesake = make_result(cls.assessment, name="ada", created=days_ago(2))
        cls.manager = make_user(manager=True)

    def test_one_chain_compares_in_either_order_for_anyone(self):
        for first, second in [(self.ada_then, self.ada_now), (self.ada_now, self.ada_then)]:
            with self.subTest(first=first):
                self.assertTrue(may_compare(viewer=AnonymousUser(), first=first, second=second))

    def test_a_namesake_outside_the_chain_is_refused_to_everyone_but_managers(self):
        self.assertFalse(
            may_compare(viewer=AnonymousUser(), first=self.ada_now, second=self.namesake)
        )

        self.assertTrue(may_compare(viewer=self.manager, first=self.ada_now, second=self.namesake))

    def test_a_manager_is_refused_results_of_a_team_they_do_not_manage(self):
        other_team = make_team()
        team_result = make_result(self.assessment, name="Ada", team_scope=other_team.pk)

        self.assertFalse(may_compare(viewer=self.manager, first=self.ada_now, second=team_result))

    def test_a_result_is_not_compared_with_itself(self):
        self.assertFalse(may_compare(viewer=self.manager, first=self.ada_now, second=self.ada_now))

    def test_results_of_unrelated_assessments_are_refused_even_to_managers(self):
        other = make_result(make_assessment(slug="cooking"), name="Ada", previous=self.ada_now)

        self.assertFalse(may_compare(viewer=AnonymousUser(), first=self.ada_now, second=other))
        self.assertFalse(may_compare(viewer=self.manager, first=self.ada_now, second=other))


class ScopeTests(TestCase):
    def test_a_manager_reads_the_public_link_and_the_teams_they_manage(self):
        assessment = make_assessment()
        manager = make_user(manager=True)
        managed, other = make_team(managers=[manager]), make_team()
        public = make_result(assessment, name="Pat")
        mine = make_result(assessment, name="Mo", team_scope=managed.pk)
        make_result(assessment, name="Ben", team_scope=other.pk)

        self.assertCountEqual(visible_results(manager), [public, mine])

    def test_a_team_manager_outside_the_managers_group_reads_nothing(self):
        assessment = make_assessment()
        lead = make_user()
        team = make_team(managers=[lead])
        make_result(assessment, name="Mo", team_scope=team.pk)
        make_result(assessment, name="Pat")

        self.assertCountEqual(visible_results(lead), [])

    def test_an_account_owned_result_is_answered_again_only_by_that_account(self):
        ada = make_user()
        result = make_result(make_assessment(), name="Ada", user=ada)

        self.assertTrue(may_answer_again(viewer=ada, result=result))
        self.assertFalse(may_answer_again(viewer=AnonymousUser(), result=result))
        self.assertFalse(may_answer_again(viewer=make_user(manager=True), result=result))
