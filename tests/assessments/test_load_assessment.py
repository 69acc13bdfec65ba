"""The load_assessment management command."""

import json
import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import TestCase

from assessments.models import Assessment
from tests.factories import make_result

DEFINITION = {
    "name": "Sports",
    "slug": "sports",
    "categories": [["Jumping", "jumping"], ["Running", "running"]],
    "ratings": ["Good", "Better", "Best"],
}


class LoadAssessmentTests(TestCase):
    def setUp(self):
        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        self.directory = Path(directory.name)

    def write(self, content) -> Path:
        path = self.directory / "assessment.json"
        text = content if isinstance(content, str) else json.dumps(content)
        path.write_text(text, encoding="utf-8")
        return path

    def load(self, content) -> str:
        out = StringIO()
        call_command("load_assessment", str(self.write(content)), stdout=out)
        return out.getvalue()

    def test_a_good_file_creates_the_assessment(self):
        output = self.load(DEFINITION)

        assessment = Assessment.objects.get(slug="sports")
        self.assertEqual(assessment.name, "Sports")
        self.assertEqual(assessment.ratings, ["Good", "Better", "Best"])
        self.assertIn("Created assessment 'sports'", output)
        self.assertIn("/assessment/?v=sports", output)

    def test_loading_the_same_file_again_changes_nothing(self):
        self.load(DEFINITION)

        output = self.load(DEFINITION)

        self.assertIn("Unchanged", output)
        self.assertEqual(Assessment.objects.count(), 1)

    def test_a_changed_file_updates_the_assessment(self):
        self.load(DEFINITION)

        output = self.load({**DEFINITION, "name": "Sport", "ratings": ["Low", "High"]})

        assessment = Assessment.objects.get(slug="sports")
        self.assertEqual((assessment.name, assessment.ratings), ("Sport", ["Low", "High"]))
        self.assertIn("Updated assessment 'sports'", output)

    def test_a_bad_definition_is_refused_with_what_is_wrong(self):
        with self.assertRaisesMessage(CommandError, "at least two labels"):
            self.load({**DEFINITION, "ratings": ["Only"]})

        self.assertFalse(Assessment.objects.exists())

    def test_nul_characters_are_refused_with_what_is_wrong(self):
        # PostgreSQL could not store them: the loader must say so, not crash.
        with self.assertRaisesMessage(CommandError, "The name must not contain NUL characters."):
            self.load({**DEFINITION, "name": "Sports\x00"})
        with self.assertRaisesMessage(CommandError, "Category 1 name contains a NUL character."):
            self.load({**DEFINITION, "categories": [["Jumping\x00", "jumping"]]})

        self.assertFalse(Assessment.objects.exists())

    def test_a_bad_slug_is_refused(self):
        with self.assertRaisesMessage(CommandError, "is not a valid assessment"):
            self.load({**DEFINITION, "slug": "not a slug"})

    def test_a_file_without_name_or_slug_is_refused(self):
        with self.assertRaisesMessage(CommandError, "needs a string 'name' and a string 'slug'"):
            self.load({"categories": DEFINITION["categories"], "ratings": ["a", "b"]})

    def test_a_file_that_is_not_json_is_refused(self):
        with self.assertRaisesMessage(CommandError, "is not valid JSON"):
            self.load("{not json")

    def test_a_file_that_is_not_an_object_is_refused(self):
        with self.assertRaisesMessage(CommandError, "top level must be a JSON object"):
            self.load("[1, 2]")

    def test_a_missing_file_is_refused(self):
        with self.assertRaisesMessage(CommandError, "Cannot read"):
            call_command("load_assessment", str(self.directory / "missing.json"))

    def test_changing_the_categories_of_an_answered_assessment_is_refused(self):
        self.load(DEFINITION)
        make_result(Assessment.objects.get(slug="sports"))

        with self.assertRaisesMessage(CommandError, "Save it as a new version"):
            self.load({**DEFINITION, "categories": [["Swimming", "swimming"]]})

    def test_the_shipped_sample_loads(self):
        out = StringIO()

        call_command("load_assessment", "samples/engineering-2026.json", stdout=out)

        assessment = Assessment.objects.get(slug="engineering-2026")
        self.assertGreaterEqual(len(assessment.categories), 8)
        self.assertEqual(assessment.ratings, ["Learning", "Practising", "Confident", "Expert"])
