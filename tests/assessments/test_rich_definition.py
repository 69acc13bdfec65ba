"""Richer definitions: category objects, groups, level texts, not-applicable and roles."""

import json
import tempfile
from io import StringIO
from pathlib import Path

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import SimpleTestCase, TestCase

from assessments.definition import Category, Group, Role
from assessments.models import Assessment
from tests.assessments.test_definition import errors_for
from tests.factories import make_assessment, make_result

RATINGS = ["Learning", "Practising", "Confident"]
TESTING = {
    "name": "Automated testing",
    "slug": "testing",
    "description": "Writing tests that fail when the code is wrong.",
    "group": "Engineering practice",
    "levels": ["Runs the tests", "Writes tests", "Designs test suites"],
}
RICH = {
    "ratings": RATINGS,
    "categories": [TESTING, ["Python", "python"], {"name": "SQL", "slug": "sql"}],
    "not-applicable": True,
    "roles": [{"name": "Senior engineer", "slug": "senior", "targets": {"testing": 3}}],
}


class ValidateRichDefinitionTests(SimpleTestCase):
    def test_objects_and_pairs_mixed_with_not_applicable_and_roles_pass(self):
        self.assertEqual(errors_for(RICH), [])

    def test_a_group_or_description_that_is_not_text_is_refused_with_where(self):
        categories = [{**TESTING, "group": 3}, {**TESTING, "slug": "t2", "description": ["x"]}]

        self.assertEqual(
            errors_for({**RICH, "categories": categories, "roles": []}),
            [
                'Category 1 "group" must be text without NUL characters.',
                'Category 2 "description" must be text without NUL characters.',
            ],
        )

    def test_a_levels_list_of_the_wrong_length_is_refused(self):
        categories = [{**TESTING, "levels": ["Only one"]}]

        self.assertEqual(
            errors_for({**RICH, "categories": categories}),
            ['Category 1 has 1 level texts; "levels" needs one per rating (3).'],
        )

    def test_levels_that_are_not_texts_are_refused(self):
        categories = [{**TESTING, "levels": [1, 2, 3]}]

        self.assertEqual(
            errors_for({**RICH, "categories": categories}),
            ['Category 1 "levels" must be a list of texts, one per rating.'],
        )

    def test_a_category_object_without_a_slug_or_with_unknown_keys_is_refused(self):
        categories = [{"name": "Testing", "colour": "red"}]

        self.assertEqual(
            errors_for({**RICH, "categories": categories, "roles": []}),
            ["Category 1 has unknown keys: colour.", 'Category 1 needs a text "slug".'],
        )

    def test_a_target_outside_the_scale_is_refused(self):
        roles = [{"name": "Senior", "slug": "senior", "targets": {"testing": 4}}]

        self.assertEqual(
            errors_for({**RICH, "roles": roles}),
            ["Role 1 target for 'testing' must be a whole number from 1 to 3."],
        )

    def test_a_target_for_an_unknown_category_is_refused(self):
        roles = [{"name": "Senior", "slug": "senior", "targets": {"cooking": 2}}]

        self.assertEqual(
            errors_for({**RICH, "roles": roles}),
            ["Role 1 has a target for an unknown category 'cooking'."],
        )

    def test_duplicate_role_slugs_are_refused(self):
        roles = [{"name": "Senior", "slug": "senior"}, {"name": "Also senior", "slug": "senior"}]

        self.assertEqual(
            errors_for({**RICH, "roles": roles}),
            ["Role 2 slug 'senior' is used by an earlier role."],
        )

    def test_a_role_without_a_name_or_a_valid_slug_is_refused(self):
        roles = [{"name": " ", "slug": "not a slug", "targets": []}]

        self.assertEqual(
            errors_for({**RICH, "roles": roles}),
            [
                'Role 1 needs a non-empty text "name".',
                'Role 1 needs a "slug" of letters, numbers, hyphens, underscores.',
                'Role 1 "targets" must be an object of category slug: rating.',
            ],
        )

    def test_roles_that_are_not_a_list_of_objects_are_refused(self):
        self.assertEqual(
            errors_for({**RICH, "roles": ["senior"]}),
            ['"roles" must be a list of objects with "name", "slug" and "targets".'],
        )

    def test_not_applicable_must_be_a_boolean(self):
        self.assertEqual(
            errors_for({**RICH, "not-applicable": "yes"}),
            ['"not-applicable" must be true or false.'],
        )

    def test_role_is_a_reserved_category_slug_only_when_there_are_roles(self):
        categories = [["Role play", "role"]]

        with_roles = errors_for(
            {**RICH, "categories": categories, "roles": [{"name": "R", "slug": "r"}]}
        )
        without_roles = errors_for({"ratings": RATINGS, "categories": categories})

        self.assertEqual(
            with_roles, ["Category 1 slug 'role' collides with the form's own field of that name."]
        )
        self.assertEqual(without_roles, [])


class RichAssessmentTests(TestCase):
    def test_categories_stay_name_slug_pairs_whichever_form_is_written(self):
        assessment = make_assessment(assessment=RICH)

        self.assertEqual(
            assessment.categories,
            [["Automated testing", "testing"], ["Python", "python"], ["SQL", "sql"]],
        )

    def test_the_accessors_read_groups_not_applicable_and_roles(self):
        assessment = make_assessment(assessment=RICH)

        python, sql = Category("Python", "python"), Category("SQL", "sql")
        testing = Category(
            "Automated testing",
            "testing",
            TESTING["description"],
            TESTING["group"],
            tuple(TESTING["levels"]),
        )
        self.assertEqual(
            assessment.groups,
            [Group("", (python, sql)), Group("Engineering practice", (testing,))],
        )
        self.assertTrue(assessment.offers_not_applicable)
        self.assertEqual(assessment.roles, [Role("Senior engineer", "senior", {"testing": 3})])
        self.assertEqual(assessment.role("senior").name, "Senior engineer")
        self.assertIsNone(assessment.role(""))

    def test_a_seed_shape_definition_has_no_groups_roles_or_not_applicable(self):
        assessment = make_assessment()

        self.assertEqual([group.name for group in assessment.groups], [""])
        self.assertFalse(assessment.offers_not_applicable)
        self.assertEqual(assessment.roles, [])

    def test_reserved_slugs_are_refused_as_assessment_slugs(self):
        for slug in ["assessments", "teams", "rounds"]:
            with self.subTest(slug=slug):
                assessment = Assessment(name="X", slug=slug, assessment=RICH)

                with self.assertRaisesMessage(ValidationError, "reserved for the site's own pages"):
                    assessment.full_clean()


class AnsweredRichAssessmentTests(TestCase):
    def setUp(self):
        self.assessment = make_assessment(assessment=RICH)
        make_result(self.assessment)

    def changed(self, **changes) -> dict:
        return {**RICH, **changes}

    def test_descriptions_groups_levels_role_names_and_targets_may_change(self):
        testing = {**TESTING, "description": "New", "group": "Other", "levels": ["a", "b", "c"]}
        roles = [{"name": "Staff engineer", "slug": "senior", "targets": {"sql": 1}}]
        self.assessment.assessment = self.changed(
            categories=[
                testing,
                {"name": "Python", "slug": "python", "group": "G"},
                ["SQL", "sql"],
            ],
            roles=roles,
        )

        self.assessment.full_clean()
        self.assessment.save()

        self.assessment.refresh_from_db()
        self.assertEqual(self.assessment.roles[0].name, "Staff engineer")

    def test_what_an_answer_means_is_frozen(self):
        frozen_changes = {
            "category name": {
                "categories": [{**TESTING, "name": "Testing"}, *RICH["categories"][1:]]
            },
            "category slug": {
                "categories": [{**TESTING, "slug": "tests"}, *RICH["categories"][1:]]
            },
            "ratings": {"ratings": ["Low", "Mid", "High"]},
            "not-applicable": {"not-applicable": False},
            "role slugs": {"roles": [{"name": "Senior engineer", "slug": "staff"}]},
        }
        for what, change in frozen_changes.items():
            with self.subTest(what=what):
                self.assessment.assessment = self.changed(**change)

                with self.assertRaisesMessage(ValidationError, "Save it as a new version"):
                    self.assessment.save()


class RichSampleTests(TestCase):
    def test_the_rich_sample_loads_with_groups_levels_not_applicable_and_two_roles(self):
        call_command("load_assessment", "samples/engineering-2026-levels.json", stdout=StringIO())

        assessment = Assessment.objects.get(slug="engineering-2026-levels")
        self.assertGreater(len(assessment.groups), 1)
        self.assertTrue(all(category.levels for category in assessment.category_details))
        self.assertTrue(all(category.description for category in assessment.category_details))
        self.assertTrue(assessment.offers_not_applicable)
        self.assertEqual(len(assessment.roles), 2)

    def test_the_loader_refuses_a_reserved_slug(self):
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "teams.json"
            path.write_text(json.dumps({"name": "Teams", "slug": "teams", **RICH}))

            with self.assertRaisesMessage(CommandError, "reserved for the site's own pages"):
                call_command("load_assessment", str(path), stdout=StringIO())

        self.assertFalse(Assessment.objects.exists())


class ReservedSlugInTheAdminTests(TestCase):
    def setUp(self):
        self.client.force_login(User.objects.create_superuser("admin", "a@example.com", "pw"))

    def test_the_admin_refuses_a_reserved_slug_for_a_new_assessment_or_version(self):
        original = make_assessment(slug="sports")

        added = self.client.post(
            "/admin/assessments/assessment/add/",
            {"name": "Teams", "slug": "teams", "assessment": json.dumps(RICH)},
        )
        version = self.client.post(
            f"/admin/assessments/assessment/{original.pk}/new-version/",
            {"name": "Rounds", "slug": "rounds"},
        )

        self.assertContains(added, "reserved for the site&#x27;s own pages")
        self.assertContains(version, "reserved for the site&#x27;s own pages")
        self.assertEqual(Assessment.objects.count(), 1)
