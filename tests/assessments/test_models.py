from django.core.exceptions import ValidationError
from django.test import TestCase

from assessments.models import Assessment
from tests.factories import JUMPING_RUNNING, make_assessment, make_result


class AssessmentModelTests(TestCase):
    def test_an_assessment_can_be_created_with_an_empty_definition(self):
        assessment = Assessment.objects.create(
            name="Test", slug="test-one", assessment={"categories": [], "ratings": []}
        )

        self.assertEqual((assessment.categories, assessment.ratings), ([], []))
        self.assertFalse(assessment.wide_category)

    def test_its_address_is_the_form_with_its_version(self):
        assessment = make_assessment(slug="backend-2026")

        self.assertEqual(assessment.get_absolute_url(), "/assessment/?v=backend-2026")

    def test_clean_reports_a_bad_definition(self):
        assessment = make_assessment(assessment={"categories": [], "ratings": ["Only"]})

        with self.assertRaisesMessage(ValidationError, "at least two labels"):
            assessment.clean()

    def test_rating_label_names_each_step_and_nothing_that_is_no_rating(self):
        assessment = make_assessment()

        labels = [assessment.rating_label(value) for value in [1, 3, 0, 4, None, True, "2", 2.0]]

        self.assertEqual(labels, ["Good", "Best", None, None, None, None, None, None])


class AnsweredAssessmentTests(TestCase):
    def setUp(self):
        self.assessment = make_assessment(name="Skills", assessment=JUMPING_RUNNING)
        make_result(self.assessment)

    def test_changing_the_categories_of_an_answered_assessment_is_refused(self):
        self.assessment.assessment = {**JUMPING_RUNNING, "categories": [["Swimming", "swimming"]]}

        with self.assertRaisesMessage(ValidationError, "Save it as a new version"):
            self.assessment.save()

        self.assessment.refresh_from_db()
        self.assertEqual(self.assessment.assessment, JUMPING_RUNNING)

    def test_changing_the_ratings_of_an_answered_assessment_is_refused(self):
        self.assessment.assessment = {**JUMPING_RUNNING, "ratings": ["Low", "High"]}

        with self.assertRaises(ValidationError):
            self.assessment.full_clean()

    def test_the_name_and_layout_hint_of_an_answered_assessment_can_change(self):
        self.assessment.name = "Renamed"
        self.assessment.assessment = {**JUMPING_RUNNING, "wide-category": True}

        self.assessment.save()

        self.assessment.refresh_from_db()
        self.assertEqual(self.assessment.name, "Renamed")
        self.assertTrue(self.assessment.wide_category)

    def test_an_unanswered_assessment_can_change_freely(self):
        fresh = make_assessment()
        fresh.assessment = {**JUMPING_RUNNING, "ratings": ["Low", "High"]}

        fresh.save()

        fresh.refresh_from_db()
        self.assertEqual(fresh.ratings, ["Low", "High"])
