"""Stored results and the team matrix are rendered once and then served from the cache."""

import re
from datetime import timedelta

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from results.models import AssessmentResult
from teams.membership import link_account, remove_member
from tests.factories import (
    TRIATHLON,
    answer_invitation,
    make_assessment,
    make_result,
    make_team,
    make_user,
    open_round,
)


def without_csrf_token(response) -> str:
    """The page with its CSRF token (masked afresh on every request) taken out."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())


def rendered(response) -> list[str]:
    return [template.name for template in response.templates]


class ResultPageCacheTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(name="Triathlon", assessment=TRIATHLON)
        cls.result = make_result(cls.assessment, name="Ada")

    def test_a_second_visit_is_served_from_the_cache_with_two_queries(self):
        first = self.client.get(self.result.get_absolute_url())

        # The result with its assessment and the person's plans (none): the ratings themselves
        # are not read again, and a result answered from nothing has no earlier results to look
        # for.
        with self.assertNumQueries(2):
            second = self.client.get(self.result.get_absolute_url())

        self.assertIn("results/result_content.html", rendered(first))
        self.assertNotIn("results/result_content.html", rendered(second))
        self.assertEqual(without_csrf_token(first), without_csrf_token(second))

    def test_a_second_visit_to_an_answer_given_again_reads_its_chain_in_four_queries(self):
        earlier = make_result(
            self.assessment, name="Ada", created=self.result.created - timedelta(days=1)
        )
        AssessmentResult.objects.filter(pk=self.result.pk).update(previous=earlier)
        self.client.get(self.result.get_absolute_url())

        # The result with its assessment, the version links and the earlier results, read on
        # every view (an earlier result may be erased at any time), and the person's plans.
        with self.assertNumQueries(4):
            response = self.client.get(self.result.get_absolute_url())

        self.assertContains(response, f"/results/{self.result.pk}/compare/{earlier.pk}/")

    def test_an_erased_earlier_result_leaves_the_cached_page_at_once(self):
        earlier = make_result(
            self.assessment, name="Ada", created=self.result.created - timedelta(days=1)
        )
        AssessmentResult.objects.filter(pk=self.result.pk).update(previous=earlier)
        compare = f"/results/{self.result.pk}/compare/{earlier.pk}/"
        self.assertContains(self.client.get(self.result.get_absolute_url()), compare)

        earlier.delete()
        response = self.client.get(self.result.get_absolute_url())

        self.assertNotContains(response, compare)
        self.assertNotContains(response, "Change over time")

    def test_a_renamed_assessment_shows_its_new_name_at_once(self):
        self.client.get(self.result.get_absolute_url())
        self.assessment.name = "Duathlon"
        self.assessment.save()

        response = self.client.get(self.result.get_absolute_url())

        self.assertContains(response, "Duathlon ·")


class MatrixCacheTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(slug="tri", assessment=TRIATHLON)
        make_result(cls.assessment, name="Ada")
        cls.manager = make_user(manager=True)

    def setUp(self):
        self.client.force_login(self.manager)
        self.url = reverse("reports:matrix", args=["tri"])

    def test_a_second_visit_is_served_from_the_cache(self):
        first = self.client.get(self.url)

        second = self.client.get(self.url)

        self.assertIn("reports/matrix_content.html", rendered(first))
        self.assertNotIn("reports/matrix_content.html", rendered(second))
        self.assertContains(second, ">Ada</a>")

    def test_a_cached_matrix_costs_five_queries_beyond_sign_in_whatever_the_team(self):
        for number in range(20):
            make_result(self.assessment, name=f"Person {number}")
        self.client.get(self.url)

        # Session, user, two permission lookups; then the assessment, the audit event of the
        # read, the results' freshness, the fingerprint of the viewer's teams and members (the
        # sources and `?team=`), the teams the viewer manages (whose invitation results they may
        # read); the filter form is part of the cached content.
        with self.assertNumQueries(9):
            response = self.client.get(self.url)

        self.assertContains(response, ">Person 19</a>")

    def test_a_new_result_shows_at_once(self):
        self.client.get(self.url)

        make_result(self.assessment, name="Grace")
        response = self.client.get(self.url)

        self.assertContains(response, ">Grace</a>")

    def test_a_new_result_of_someone_already_shown_replaces_theirs_at_once(self):
        self.client.get(self.url)

        make_result(self.assessment, name="ada", current={"swimming": 3})
        response = self.client.get(self.url)

        self.assertContains(response, ">ada</a>")
        self.assertNotContains(response, ">Ada</a>")

    def test_a_removed_result_that_was_not_the_latest_disappears_at_once(self):
        grace = make_result(self.assessment, name="Grace", created=timezone.now() - timedelta(1))
        self.client.get(self.url)

        grace.delete()
        response = self.client.get(self.url)

        self.assertNotContains(response, ">Grace</a>")
        self.assertContains(response, ">Ada</a>")

    def test_linking_a_members_answers_to_their_account_shows_them_once_at_once(self):
        team = make_team(managers=[self.manager], members=["Grace Hopper"])
        member = team.members.get()
        answer_invitation(open_round(team=team, assessment=self.assessment).invitations.get())
        grace = make_user(username="grace")
        make_result(self.assessment, name="Grace Hopper", user=grace)
        self.assertContains(self.client.get(self.url), ">Grace Hopper</a>", count=2)

        # Signing up from an invitation re-keys the member's results with one .update().
        link_account(member=member, user=grace)
        response = self.client.get(self.url)

        self.assertContains(response, ">Grace Hopper</a>", count=1)

    def test_a_renamed_team_is_the_new_source_at_once(self):
        team = make_team(name="Red", managers=[self.manager], members=["Grace Hopper"])
        answer_invitation(open_round(team=team, assessment=self.assessment).invitations.get())
        self.assertContains(self.client.get(self.url), '<td class="source">Red</td>', html=True)

        team.name = "Blue"
        team.save()
        response = self.client.get(self.url)

        self.assertContains(response, '<td class="source">Blue</td>', html=True)

    def test_a_member_who_leaves_the_team_leaves_its_filtered_matrix_at_once(self):
        team = make_team(name="Red", slug="red", managers=[self.manager], members=["Grace"])
        answer_invitation(open_round(team=team, assessment=self.assessment).invitations.get())
        self.assertContains(self.client.get(self.url, {"team": "red"}), ">Grace</a>")

        remove_member(member=team.members.get())
        response = self.client.get(self.url, {"team": "red"})

        self.assertNotContains(response, ">Grace</a>")

    def test_each_minimum_is_cached_apart(self):
        self.client.get(self.url, {"min": "0"})

        response = self.client.get(self.url, {"min": "5"})

        self.assertContains(response, "<strong>Swimming</strong>: 0 with a top rating", html=True)

    def test_a_refused_minimum_is_cached_apart_from_the_default(self):
        self.client.get(self.url)

        response = self.client.get(self.url, {"min": "lots"})

        self.assertContains(response, "so the default of 2 is used")
