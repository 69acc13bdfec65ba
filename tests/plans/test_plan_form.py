"""Making a plan on a result: /results/<id>/plan/, its every refusal, and who may plan."""

from datetime import timedelta

from django.test import TestCase
from django.utils import timezone

from plans.models import Goal, Plan
from tests.factories import make_assessment, make_result, make_user, plan_data, plan_url


class PlanFormTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(slug="sports")
        cls.result = make_result(cls.assessment, name="Ada", current={"jumping": 1, "running": 2})
        cls.in_a_month = timezone.localdate() + timedelta(days=30)

    def test_the_form_offers_three_goals_and_the_share_box(self):
        response = self.client.get(plan_url(self.result))

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'name="form-TOTAL_FORMS" value="3"')
        for number in range(3):
            self.assertContains(response, f'name="form-{number}-category"')
            self.assertContains(response, f'name="form-{number}-target"')
            self.assertContains(response, f'name="form-{number}-due"')
            self.assertContains(response, f'name="form-{number}-note"')
        self.assertContains(response, 'name="share_notes"')
        self.assertEqual(response["Cache-Control"], "private, no-store")

    def test_saving_stores_the_goals_and_returns_to_the_result_which_shows_them(self):
        goals = [
            {"category": "jumping", "target": 3, "due": self.in_a_month, "note": "Trampoline"},
            {"category": "running", "target": 3, "due": self.in_a_month, "note": ""},
        ]

        response = self.client.post(plan_url(self.result), plan_data(goals, share_notes=True))

        self.assertRedirects(response, self.result.get_absolute_url())
        plan = Plan.objects.get(result=self.result)
        self.assertTrue(plan.share_notes)
        self.assertEqual(
            list(plan.goals.values_list("category", "target", "due", "note")),
            [
                ("jumping", 3, self.in_a_month, "Trampoline"),
                ("running", 3, self.in_a_month, ""),
            ],
        )
        page = self.client.get(self.result.get_absolute_url())
        self.assertContains(page, "Trampoline")
        self.assertContains(page, 'data-status="planned"', count=2)

    def test_saving_again_replaces_the_plan(self):
        first = [{"category": "jumping", "target": 2, "due": self.in_a_month, "note": "Old"}]
        self.client.post(plan_url(self.result), plan_data(first))
        second = [{"category": "running", "target": 3, "due": self.in_a_month, "note": "New"}]

        self.client.post(plan_url(self.result), plan_data(second))

        self.assertEqual(list(Goal.objects.values_list("category", "note")), [("running", "New")])

    def test_the_form_starts_from_the_stored_plan(self):
        goals = [{"category": "jumping", "target": 3, "due": self.in_a_month, "note": "Hop"}]
        self.client.post(plan_url(self.result), plan_data(goals, share_notes=True))

        response = self.client.get(plan_url(self.result))

        self.assertContains(response, '<option value="jumping" selected>')
        self.assertContains(response, f'value="{self.in_a_month.isoformat()}"')
        self.assertContains(response, 'id="id_share_notes" checked')


class PlanRefusalTests(TestCase):
    """Each refusal is a 400 with the form and its message, and nothing is stored."""

    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(slug="sports")
        cls.result = make_result(cls.assessment, name="Ada", current={"jumping": 2, "running": 1})
        cls.today = timezone.localdate()

    def assert_refused(self, goals, message, **extra):
        response = self.client.post(plan_url(self.result), {**plan_data(goals), **extra})

        self.assertEqual(response.status_code, 400)
        self.assertContains(response, message, status_code=400)
        self.assertContains(response, 'name="form-TOTAL_FORMS"', status_code=400)
        self.assertFalse(Plan.objects.exists())
        self.assertFalse(Goal.objects.exists())

    def goal(self, **fields):
        return {"category": "running", "target": 3, "due": self.today, "note": "", **fields}

    def test_a_target_at_the_current_rating_is_refused(self):
        self.assert_refused(
            [self.goal(category="jumping", target=2)],
            "Choose a target above your current rating (Better).",
        )

    def test_a_target_below_the_current_rating_is_refused(self):
        self.assert_refused(
            [self.goal(category="jumping", target=1)],
            "Choose a target above your current rating (Better).",
        )

    def test_an_unknown_category_is_refused(self):
        self.assert_refused([self.goal(category="swimming")], "Select a valid choice.")

    def test_a_due_date_before_today_is_refused(self):
        self.assert_refused(
            [self.goal(due=self.today - timedelta(days=1))], "The due date cannot be before today."
        )

    def test_a_due_date_after_a_year_ahead_is_refused(self):
        self.assert_refused(
            [self.goal(due=self.today + timedelta(days=366))],
            "The due date can be at most a year ahead",
        )

    def test_a_note_over_1000_characters_is_refused(self):
        self.assert_refused(
            [self.goal(note="x" * 1001)], "Ensure this value has at most 1000 characters"
        )

    def test_more_than_three_goals_are_refused(self):
        goals = [self.goal(), self.goal(category="jumping", target=3), self.goal(), self.goal()]

        self.assert_refused(goals, "Please submit at most 3 forms.")

    def test_a_target_off_the_scale_is_refused(self):
        self.assert_refused([self.goal(target=4)], "Select a valid choice.")

    def test_a_date_in_another_format_is_refused(self):
        self.assert_refused([self.goal(due="1/2/2030")], "Enter a valid date.")

    def test_a_post_without_the_management_form_is_refused(self):
        response = self.client.post(plan_url(self.result), {"form-0-category": "running"})

        self.assertEqual(response.status_code, 400)
        self.assertFalse(Plan.objects.exists())

    def test_the_last_day_of_the_year_ahead_and_today_are_accepted(self):
        goals = [
            self.goal(due=self.today),
            self.goal(category="jumping", target=3, due=self.today + timedelta(days=365)),
        ]

        response = self.client.post(plan_url(self.result), plan_data(goals))

        self.assertEqual(response.status_code, 302)
        self.assertEqual(Goal.objects.count(), 2)


class WhoMayPlanTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(slug="sports")
        cls.owner = make_user()
        cls.owned = make_result(cls.assessment, name="Ada", user=cls.owner)
        cls.goal = {
            "category": "jumping",
            "target": 2,
            "due": timezone.localdate() + timedelta(days=7),
            "note": "",
        }

    def test_an_accounts_result_is_planned_only_by_that_account(self):
        stranger = make_user()
        self.client.force_login(stranger)

        response = self.client.post(plan_url(self.owned), plan_data([self.goal]))

        self.assertEqual(response.status_code, 403)
        self.assertFalse(Plan.objects.exists())

    def test_the_signed_in_owner_plans_on_their_result(self):
        self.client.force_login(self.owner)

        response = self.client.post(plan_url(self.owned), plan_data([self.goal]))

        self.assertEqual(response.status_code, 302)
        self.assertTrue(Plan.objects.filter(result=self.owned).exists())

    def test_an_unknown_result_is_404(self):
        response = self.client.get("/results/00000000-0000-4000-8000-000000000000/plan/")

        self.assertEqual(response.status_code, 404)
