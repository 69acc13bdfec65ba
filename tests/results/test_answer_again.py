"""Answering again from a result's page: /results/<id>/again/."""

from django.contrib.auth.models import AnonymousUser
from django.test import TestCase

from assessments.versions import save_as_new_version
from results.models import AssessmentResult
from tests.factories import (
    JUMPING_RUNNING,
    answer_invitation,
    make_assessment,
    make_result,
    make_round,
    make_team,
    make_user,
)

NA_AND_ROLES = {
    **JUMPING_RUNNING,
    "not-applicable": True,
    "roles": [{"name": "Coach", "slug": "coach", "targets": {"jumping": 2}}],
}


def again_url(result) -> str:
    return f"/results/{result.pk}/again/"


def answers(**ratings: str) -> dict[str, str]:
    return {"v": "sports", "name": "Mallory", **ratings}


class AnswerAgainTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(slug="sports", assessment=NA_AND_ROLES)
        cls.earlier = make_result(
            cls.assessment,
            name="Ada",
            current={"jumping": 1, "running": None},
            desired={"jumping": 3, "running": None},
            role="coach",
        )

    def test_the_form_starts_from_the_results_answers_with_the_name_fixed(self):
        response = self.client.get(again_url(self.earlier))

        self.assertContains(
            response, '<input type="radio" name="jumping" value="1" required checked>'
        )
        self.assertContains(
            response, '<input type="radio" name="running" value="na" required checked>'
        )
        self.assertContains(response, '<input type="checkbox" name="jumping-levelup" checked>')
        self.assertContains(response, '<option value="coach" selected>')
        self.assertContains(response, "<strong>Ada</strong>")
        self.assertNotContains(response, 'name="name"')
        self.assertEqual(response["Cache-Control"], "private, no-store")

    def test_saving_stores_a_new_result_under_the_same_name_chained_to_the_earlier_one(self):
        response = self.client.post(again_url(self.earlier), answers(jumping="2", running="3"))

        new = AssessmentResult.objects.exclude(pk=self.earlier.pk).get()
        self.assertRedirects(response, new.get_absolute_url())
        self.assertEqual(new.name, "Ada")
        self.assertEqual(new.previous, self.earlier)
        self.assertEqual(
            (new.current, new.desired), ({"jumping": 2, "running": 3}, {"jumping": 2, "running": 3})
        )

    def test_the_new_page_offers_the_comparison_which_opens_in_either_order(self):
        self.client.post(again_url(self.earlier), answers(jumping="2", running="3"))
        new = AssessmentResult.objects.exclude(pk=self.earlier.pk).get()

        page = self.client.get(new.get_absolute_url())
        forward = self.client.get(f"/results/{new.pk}/compare/{self.earlier.pk}/")
        backward = self.client.get(f"/results/{self.earlier.pk}/compare/{new.pk}/")

        self.assertContains(page, f'href="/results/{new.pk}/compare/{self.earlier.pk}/"')
        self.assertEqual((forward.status_code, backward.status_code), (200, 200))

    def test_ratings_are_clamped_and_validated_as_on_the_public_form(self):
        clamped = self.client.post(again_url(self.earlier), answers(jumping="99", running="-4"))
        refused = self.client.post(again_url(self.earlier), answers(jumping="lots"))

        self.assertEqual(clamped.status_code, 302)
        self.assertEqual(
            AssessmentResult.objects.latest("created").current, {"jumping": 3, "running": 1}
        )
        self.assertContains(refused, "must be a whole number", status_code=400)
        self.assertEqual(AssessmentResult.objects.count(), 2)

    def test_the_latest_version_of_the_family_is_answered(self):
        newer = save_as_new_version(self.assessment, name="Sports", slug="sports-2027")

        page = self.client.get(again_url(self.earlier))
        self.client.post(
            again_url(self.earlier), answers(v="sports-2027", jumping="2", running="2")
        )

        self.assertContains(page, 'name="v" value="sports-2027"')
        self.assertEqual(AssessmentResult.objects.latest("created").assessment, newer)

    def test_an_unknown_result_is_not_found(self):
        response = self.client.get("/results/00000000-0000-4000-8000-000000000000/again/")

        self.assertEqual(response.status_code, 404)


class OwnershipTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(slug="sports", assessment=JUMPING_RUNNING)
        cls.ada = make_user(username="ada")
        cls.owned = make_result(cls.assessment, name="Ada", user=cls.ada)

    def test_only_the_owning_account_signed_in_may_answer_again(self):
        for viewer in [None, make_user(username="eve"), make_user(manager=True)]:
            with self.subTest(viewer=viewer or AnonymousUser()):
                if viewer:
                    self.client.force_login(viewer)
                page = self.client.get(again_url(self.owned))
                post = self.client.post(again_url(self.owned), answers(jumping="2", running="2"))

                self.assertContains(page, "/accounts/login/?next=", status_code=403)
                self.assertEqual(post.status_code, 403)
        self.assertEqual(AssessmentResult.objects.count(), 1)

    def test_the_owner_adds_to_their_account(self):
        self.client.force_login(self.ada)

        self.client.post(again_url(self.owned), answers(jumping="2", running="2"))

        new = AssessmentResult.objects.latest("created")
        self.assertEqual(
            (new.user, new.person, new.previous), (self.ada, self.owned.person, self.owned)
        )

    def test_an_invitation_answer_made_again_stays_with_the_member_and_the_team(self):
        team = make_team(members=1)
        invitation = make_round(team, self.assessment).invitations.get()
        invited = answer_invitation(invitation)

        self.client.post(again_url(invited), answers(jumping="2", running="2"))

        new = AssessmentResult.objects.latest("created")
        self.assertEqual((new.person, new.team_scope), (invited.person, team.pk))


class InvitationChainTests(TestCase):
    def test_a_members_next_invitation_answer_chains_to_their_previous_one_in_the_team(self):
        assessment = make_assessment(slug="sports", assessment=JUMPING_RUNNING)
        team = make_team(members=1)
        first = answer_invitation(make_round(team, assessment).invitations.get())
        second = answer_invitation(make_round(team, assessment).invitations.get())

        page = self.client.get(second.get_absolute_url())

        self.assertEqual(second.previous, first)
        self.assertContains(page, f'href="/results/{second.pk}/compare/{first.pk}/"')
