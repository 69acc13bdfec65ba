"""Erasing a result erases the plan made on it, by every way a result goes."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from plans.models import Goal, Plan
from tests.factories import make_assessment, make_result, plan_data, plan_url


class PlanErasureTests(TestCase):
    def setUp(self):
        self.assessment = make_assessment(slug="sports")
        self.first = make_result(
            self.assessment, name="Ada", created=timezone.now() - timedelta(days=400)
        )
        self.later = make_result(self.assessment, name="Ada", previous=self.first)
        goal = {"category": "jumping", "target": 3, "due": timezone.localdate(), "note": "secret"}
        self.client.post(plan_url(self.first), plan_data([goal]))

    def test_erasing_the_result_through_its_address_erases_its_plan_and_later_pages_forget_it(
        self,
    ):
        shown_before = self.client.get(self.later.get_absolute_url())

        self.client.post(f"/results/{self.first.pk}/delete/")
        shown_after = self.client.get(self.later.get_absolute_url())
        document = self.client.get(f"/results/{self.later.pk}.json").json()

        self.assertContains(shown_before, "secret")
        self.assertFalse(Plan.objects.exists())
        self.assertFalse(Goal.objects.exists())
        self.assertNotContains(shown_after, "secret")
        self.assertNotIn("plan", document)

    def test_retention_erases_the_plans_of_the_results_it_purges(self):
        call_command("purge_results", "--older-than", "365", stdout=StringIO())

        self.assertFalse(Plan.objects.exists())
        self.assertFalse(Goal.objects.exists())
