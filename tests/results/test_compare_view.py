"""The comparison page at /results/<id>/compare/<other_id>/."""

import uuid
from datetime import timedelta

from django.contrib.auth.models import Permission, User
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from assessments.versions import save_as_new_version
from tests.factories import TRIATHLON, make_assessment, make_result


def compare_url(first, second) -> str:
    return f"/results/{first.pk}/compare/{second.pk}/"


def change_row(name: str, status: str, summary: str, before: str, after: str) -> str:
    return (
        f'<tr><th scope="row">{name}</th><td class="change-{status}">'
        f'<span aria-hidden="true" class="change-mark"></span>{summary}</td>'
        f"<td>{before}</td><td>{after}</td></tr>"
    )


class ComparePageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        now = timezone.now()
        cls.v1 = make_assessment(name="Triathlon", slug="tri-2025", assessment=TRIATHLON)
        cls.v2 = save_as_new_version(cls.v1, name="Triathlon", slug="tri-2026")
        cls.earlier = make_result(
            cls.v1,
            name="Ada",
            current={"swimming": 1, "cycling": 3, "running": 2},
            created=now - timedelta(days=200),
        )
        cls.later = make_result(
            cls.v2,
            name="Ada",
            current={"swimming": 3, "cycling": 2, "running": 2},
            previous=cls.earlier,
            created=now - timedelta(days=1),
        )
        cls.grace = make_result(cls.v2, name="Grace", created=now)

    def test_the_url_is_named(self):
        self.assertEqual(
            reverse("results:compare", args=[self.later.pk, self.earlier.pk]),
            compare_url(self.later, self.earlier),
        )

    def test_the_table_shows_each_categorys_change_in_steps(self):
        response = self.client.get(compare_url(self.later, self.earlier))

        self.assertEqual(response.status_code, 200)
        for row in [
            change_row("Swimming", "up", "Up 2 steps", "Good", "Best"),
            change_row("Cycling", "down", "Down 1 step", "Best", "Better"),
            change_row("Running", "unchanged", "Unchanged", "Better", "Better"),
        ]:
            self.assertContains(response, row, html=True)

    def test_the_chart_shows_earlier_and_later_current_ratings(self):
        response = self.client.get(compare_url(self.later, self.earlier))

        chart = response.context["chart"]
        self.assertEqual(
            [(s.name, s.style) for s in chart.series], [("Earlier", "dashed"), ("Later", "solid")]
        )
        # Swimming, cycling, running: Good, Best, Better earlier; Best, Better, Better later.
        self.assertContains(response, 'points="0,-46.67 121.24,70 -80.83,46.67"')
        self.assertContains(response, 'points="0,-140 80.83,46.67 -80.83,46.67"')
        self.assertContains(response, 'aria-labelledby="compare-chart-title compare-chart-desc"')

    def test_either_order_in_the_url_shows_the_older_result_as_earlier(self):
        forwards = self.client.get(compare_url(self.later, self.earlier))
        backwards = self.client.get(compare_url(self.earlier, self.later))

        for response in [forwards, backwards]:
            self.assertEqual(response.context["earlier"], self.earlier)
            self.assertEqual(response.context["later"], self.later)

    def test_categories_in_only_one_version_are_listed_as_added_or_removed(self):
        v3 = save_as_new_version(self.v2, name="Triathlon", slug="tri-2027")
        v3.assessment = {
            **TRIATHLON,
            "categories": TRIATHLON["categories"][1:] + [["Rowing", "rowing"]],
        }
        v3.save()
        newest = make_result(
            v3,
            name="Ada",
            current={"cycling": 1, "running": 2, "rowing": 3},
            previous=self.later,
        )

        response = self.client.get(compare_url(newest, self.earlier))

        self.assertContains(
            response, change_row("Rowing", "added", "Added", "—", "Best"), html=True
        )
        self.assertContains(
            response, change_row("Swimming", "removed", "Removed", "Good", "—"), html=True
        )
        self.assertContains(response, "The two versions do not have the same categories")
        # Two shared categories are too few for a chart: the table alone.
        self.assertIsNone(response.context["chart"])
        self.assertNotContains(response, "<svg")

    def test_the_page_takes_three_queries(self):
        # Both results with their assessments, the version links, then the person's chain.
        with self.assertNumQueries(3):
            self.client.get(compare_url(self.later, self.earlier))

    def test_a_namesake_outside_the_chain_is_not_found(self):
        namesake = make_result(self.v2, name="ada", created=timezone.now())

        response = self.client.get(compare_url(namesake, self.earlier))

        self.assertContains(response, "Not found", status_code=404)

    def test_results_of_different_people_are_not_found(self):
        response = self.client.get(compare_url(self.grace, self.earlier))

        self.assertContains(response, "Not found", status_code=404)

    def test_a_manager_may_compare_results_of_different_people(self):
        manager = User.objects.create_user("manager")
        manager.user_permissions.add(Permission.objects.get(codename="view_assessmentresult"))
        self.client.force_login(manager)

        response = self.client.get(compare_url(self.grace, self.earlier))

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Grace")

    def test_a_signed_in_member_without_the_permission_is_refused_too(self):
        self.client.force_login(User.objects.create_user("member"))

        response = self.client.get(compare_url(self.grace, self.earlier))

        self.assertEqual(response.status_code, 404)

    def test_unknown_ids_are_not_found(self):
        for first, second in [
            (uuid.uuid4(), self.earlier.pk),
            (self.later.pk, uuid.uuid4()),
            (uuid.uuid4(), uuid.uuid4()),
        ]:
            with self.subTest(first=first, second=second):
                response = self.client.get(f"/results/{first}/compare/{second}/")

                self.assertEqual(response.status_code, 404)

    def test_a_result_compared_with_itself_is_not_found(self):
        response = self.client.get(compare_url(self.later, self.later))

        self.assertEqual(response.status_code, 404)

    def test_results_of_unrelated_assessments_are_not_found(self):
        cooking = make_result(make_assessment(slug="cooking", assessment=TRIATHLON), name="Ada")

        response = self.client.get(compare_url(cooking, self.earlier))

        self.assertEqual(response.status_code, 404)

    def test_malformed_ids_are_not_found(self):
        response = self.client.get(f"/results/{self.later.pk}/compare/nope/")

        self.assertEqual(response.status_code, 404)

    def test_post_is_405(self):
        response = self.client.post(compare_url(self.later, self.earlier))

        self.assertEqual(response.status_code, 405)

    def test_names_are_escaped(self):
        hostile_earlier = make_result(
            self.v1, name="<b>Ada</b>", created=timezone.now() - timedelta(days=1)
        )
        hostile = make_result(
            self.v2, name="<b>Ada</b>", current={"swimming": 1}, previous=hostile_earlier
        )

        response = self.client.get(compare_url(hostile, hostile_earlier))

        self.assertNotContains(response, "<b>Ada</b>")
        self.assertContains(response, "&lt;b&gt;Ada&lt;/b&gt;")
