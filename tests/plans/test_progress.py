"""Progress shows by itself: the next result of the chain carries the plan, each goal's status
on the page and in the JSON."""

from datetime import timedelta

from django.test import TestCase
from django.utils import timezone

from plans.models import Goal
from tests.factories import (
    answer_invitation,
    make_assessment,
    make_result,
    make_team,
    make_user,
    open_round,
    plan_data,
    plan_url,
)


def again(client, result, **ratings):
    """Answer again from `result`'s page; the new result."""
    answers = {"v": result.assessment.slug, **{slug: str(step) for slug, step in ratings.items()}}
    response = client.post(f"/results/{result.pk}/again/", answers)
    assert response.status_code == 302, response.status_code
    return type(result).objects.get(previous=result)


class CarriedThroughAnswerAgainTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(slug="sports")
        cls.first = make_result(cls.assessment, name="Ada", current={"jumping": 1, "running": 1})
        cls.due = timezone.localdate() + timedelta(days=30)

    def setUp(self):
        goals = [
            {"category": "jumping", "target": 3, "due": self.due, "note": "Trampoline"},
            {"category": "running", "target": 3, "due": self.due, "note": ""},
        ]
        self.client.post(plan_url(self.first), plan_data(goals))

    def test_the_next_answer_shows_the_plan_with_each_goals_progress(self):
        later = again(self.client, self.first, jumping=3, running=2)

        page = self.client.get(later.get_absolute_url())

        self.assertContains(page, "Trampoline")
        self.assertContains(page, '<td class="goal-status" data-status="reached">reached</td>')
        self.assertContains(
            page, '<td class="goal-status" data-status="on_the_way">on the way</td>'
        )
        self.assertContains(page, f'<time datetime="{self.due.isoformat()}">')

    def test_a_rating_that_did_not_rise_is_not_yet(self):
        later = again(self.client, self.first, jumping=1, running=1)

        page = self.client.get(later.get_absolute_url())

        self.assertContains(page, 'data-status="not_yet"', count=2)

    def test_a_goal_past_its_date_is_overdue_until_reached(self):
        Goal.objects.update(due=timezone.localdate() - timedelta(days=1))

        later = again(self.client, self.first, jumping=3, running=2)
        page = self.client.get(later.get_absolute_url())

        self.assertContains(page, 'data-status="reached"', count=1)
        self.assertContains(page, 'data-status="overdue"', count=1)

    def test_the_json_gives_the_plan_with_exactly_the_issues_keys(self):
        later = again(self.client, self.first, jumping=3, running=1)

        document = self.client.get(f"/results/{later.pk}.json").json()

        self.assertEqual(
            document["plan"],
            {
                "goals": [
                    {
                        "category": "jumping",
                        "target": 3,
                        "due": self.due.isoformat(),
                        "note": "Trampoline",
                        "status": "reached",
                    },
                    {
                        "category": "running",
                        "target": 3,
                        "due": self.due.isoformat(),
                        "note": "",
                        "status": "not_yet",
                    },
                ]
            },
        )

    def test_on_the_result_it_was_made_on_the_goals_are_planned(self):
        document = self.client.get(f"/results/{self.first.pk}.json").json()

        self.assertEqual(
            [goal["status"] for goal in document["plan"]["goals"]], ["planned", "planned"]
        )

    def test_a_new_plan_on_the_later_result_replaces_the_carried_one_there_only(self):
        later = again(self.client, self.first, jumping=2, running=1)
        goals = [{"category": "running", "target": 2, "due": self.due, "note": "New"}]

        self.client.post(plan_url(later), plan_data(goals))

        later_goals = self.client.get(f"/results/{later.pk}.json").json()["plan"]["goals"]
        first_goals = self.client.get(f"/results/{self.first.pk}.json").json()["plan"]["goals"]
        self.assertEqual([goal["note"] for goal in later_goals], ["New"])
        self.assertEqual([goal["note"] for goal in first_goals], ["Trampoline", ""])


class NoPlanTests(TestCase):
    def test_a_result_without_a_plan_has_no_plan_key_in_its_json(self):
        result = make_result(make_assessment(slug="sports"), name="Ada")

        document = self.client.get(f"/results/{result.pk}.json").json()

        self.assertEqual(
            set(document),
            {
                "id",
                "assessment_name",
                "assessment_version",
                "name",
                "submitted_at",
                "ratings",
                "categories",
            },
        )

    def test_an_earlier_result_does_not_show_a_plan_made_later_in_its_chain(self):
        assessment = make_assessment(slug="sports")
        first = make_result(assessment, name="Ada")
        later = make_result(assessment, name="Ada", previous=first)
        goals = [{"category": "jumping", "target": 2, "due": timezone.localdate(), "note": ""}]
        self.client.post(plan_url(later), plan_data(goals))

        document = self.client.get(f"/results/{first.pk}.json").json()

        self.assertNotIn("plan", document)

    def test_a_stranger_with_the_same_name_does_not_carry_the_plan(self):
        assessment = make_assessment(slug="sports")
        first = make_result(assessment, name="Ada")
        goals = [{"category": "jumping", "target": 2, "due": timezone.localdate(), "note": ""}]
        self.client.post(plan_url(first), plan_data(goals))

        stranger = make_result(assessment, name="Ada")
        document = self.client.get(f"/results/{stranger.pk}.json").json()

        self.assertNotIn("plan", document)


class CarriedThroughTheNextRoundTests(TestCase):
    def test_the_members_next_invitation_answer_shows_the_plan_made_on_the_last(self):
        team = make_team(members=["Ada Lovelace"])
        assessment = make_assessment(slug="sports")
        first_round = open_round(team=team, assessment=assessment)
        first = answer_invitation(first_round.invitations.get(), jumping=1)
        due = timezone.localdate() + timedelta(days=60)
        goals = [{"category": "jumping", "target": 3, "due": due, "note": ""}]
        self.client.post(plan_url(first), plan_data(goals))
        first_round.closes_on = timezone.localdate() - timedelta(days=1)
        first_round.save()

        next_round = open_round(team=team, assessment=assessment)
        later = answer_invitation(next_round.invitations.get(), jumping=2)
        page = self.client.get(later.get_absolute_url())

        self.assertContains(page, 'data-status="on_the_way"')


class CarriedToTheOwnersNextAnswerTests(TestCase):
    def test_the_signed_in_owner_sees_the_plan_on_their_next_answer_a_holder_of_its_address_not(
        self,
    ):
        owner = make_user()
        assessment = make_assessment(slug="sports")
        first = make_result(assessment, name="Ada", user=owner)
        later = make_result(
            assessment,
            name="Ada",
            user=owner,
            current={"jumping": 3, "running": 1},
            created=timezone.now() + timedelta(minutes=1),
        )
        self.client.force_login(owner)
        goals = [{"category": "jumping", "target": 2, "due": timezone.localdate(), "note": ""}]
        self.client.post(plan_url(first), plan_data(goals))

        owners_page = self.client.get(later.get_absolute_url())
        self.client.logout()
        holders_page = self.client.get(later.get_absolute_url())

        self.assertContains(owners_page, 'data-status="reached"')
        self.assertNotContains(holders_page, "data-status=")
