"""The admin: validated definitions, frozen answered assessments, save as new version."""

import json

from django.contrib.auth.models import User
from django.test import TestCase

from assessments.models import Assessment
from results.models import AssessmentResult
from tests.factories import JUMPING_RUNNING, make_assessment, make_result


class AssessmentAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = User.objects.create_superuser("admin", "admin@example.com", "pw")

    def setUp(self):
        self.client.force_login(self.admin)

    def post_change(self, assessment, definition, **fields):
        data = {
            "name": assessment.name,
            "slug": assessment.slug,
            "assessment": json.dumps(definition),
        }
        data.update(fields)
        return self.client.post(f"/admin/assessments/assessment/{assessment.pk}/change/", data)

    def test_adding_an_assessment_with_a_good_definition_works(self):
        response = self.client.post(
            "/admin/assessments/assessment/add/",
            {"name": "Sports", "slug": "sports", "assessment": json.dumps(JUMPING_RUNNING)},
        )

        self.assertEqual(response.status_code, 302)
        self.assertEqual(Assessment.objects.get().categories, JUMPING_RUNNING["categories"])

    def test_a_bad_definition_is_refused_with_what_is_wrong(self):
        response = self.client.post(
            "/admin/assessments/assessment/add/",
            {"name": "Sports", "slug": "sports", "assessment": json.dumps({"categories": []})},
        )

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "must be a non-empty list of [name, slug] pairs")
        self.assertFalse(Assessment.objects.exists())

    def test_a_definition_with_a_nul_character_is_refused_with_what_is_wrong(self):
        definition = {**JUMPING_RUNNING, "ratings": ["Good\x00", "Better"]}

        response = self.client.post(
            "/admin/assessments/assessment/add/",
            {"name": "Sports", "slug": "sports", "assessment": json.dumps(definition)},
        )

        self.assertContains(response, "Rating labels must not contain NUL characters.")
        self.assertFalse(Assessment.objects.exists())

    def test_an_unanswered_assessment_can_be_edited(self):
        assessment = make_assessment()

        response = self.post_change(assessment, {**JUMPING_RUNNING, "ratings": ["Low", "High"]})

        self.assertEqual(response.status_code, 302)
        assessment.refresh_from_db()
        self.assertEqual(assessment.ratings, ["Low", "High"])

    def test_an_answered_assessment_shows_its_definition_read_only(self):
        assessment = make_assessment()
        make_result(assessment)

        response = self.client.get(f"/admin/assessments/assessment/{assessment.pk}/change/")

        self.assertNotContains(response, 'name="assessment"')
        self.assertContains(response, "Save as new version")

    def test_an_answered_assessment_ignores_a_posted_definition(self):
        assessment = make_assessment()
        make_result(assessment)

        self.post_change(
            assessment, {"categories": [["Swimming", "swimming"]], "ratings": ["a", "b"]}
        )

        assessment.refresh_from_db()
        self.assertEqual(assessment.assessment, JUMPING_RUNNING)

    def test_save_as_new_version_copies_the_definition_under_a_new_slug(self):
        assessment = make_assessment(name="Sports", slug="sports")
        make_result(assessment)

        response = self.client.post(
            f"/admin/assessments/assessment/{assessment.pk}/new-version/",
            {"name": "Sports 2027", "slug": "sports-2027"},
        )

        copy = Assessment.objects.get(slug="sports-2027")
        self.assertRedirects(response, f"/admin/assessments/assessment/{copy.pk}/change/")
        self.assertEqual(copy.assessment, assessment.assessment)
        self.assertEqual(copy.based_on, assessment)
        self.assertFalse(copy.results.exists())

    def test_save_as_new_version_refuses_a_slug_in_use(self):
        assessment = make_assessment(slug="sports")

        response = self.client.post(
            f"/admin/assessments/assessment/{assessment.pk}/new-version/",
            {"name": "Again", "slug": "sports"},
        )

        self.assertContains(response, "already exists")
        self.assertEqual(Assessment.objects.count(), 1)

    def test_the_new_version_form_suggests_a_slug(self):
        assessment = make_assessment(slug="sports")

        response = self.client.get(f"/admin/assessments/assessment/{assessment.pk}/new-version/")

        self.assertContains(response, 'value="sports-2"')

    def test_a_staff_member_without_add_permission_cannot_make_a_version(self):
        staff = User.objects.create_user("staff", password="pw", is_staff=True)
        self.client.force_login(staff)
        assessment = make_assessment()

        response = self.client.get(f"/admin/assessments/assessment/{assessment.pk}/new-version/")

        self.assertEqual(response.status_code, 403)

    def test_the_list_shows_how_many_results_each_assessment_has(self):
        assessment = make_assessment(name="Sports")
        make_result(assessment)
        make_result(assessment)

        response = self.client.get("/admin/assessments/assessment/")

        self.assertEqual(response.context["cl"].result_list.get().result_count, 2)


class ResultAdminTests(TestCase):
    def test_results_are_read_only_though_they_can_be_deleted(self):
        admin = User.objects.create_superuser("admin", "admin@example.com", "pw")
        self.client.force_login(admin)
        result = make_result(make_assessment(), name="Ada")

        view = self.client.get(f"/admin/results/assessmentresult/{result.pk}/change/")
        change = self.client.post(
            f"/admin/results/assessmentresult/{result.pk}/change/", {"name": "Changed"}
        )
        add = self.client.get("/admin/results/assessmentresult/add/")

        self.assertContains(view, "Ada")
        # Erasure (issue 14): the admin deletes results, see tests/results/test_erasure.py.
        self.assertContains(view, f"/admin/results/assessmentresult/{result.pk}/delete/")
        self.assertEqual(change.status_code, 403)
        self.assertEqual(add.status_code, 403)
        self.assertEqual(AssessmentResult.objects.get().name, "Ada")
