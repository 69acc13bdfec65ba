"""`teams`, `rounds` and `experts` are pages under /manage/, so no assessment may take them."""

import json
import tempfile
from io import StringIO
from pathlib import Path

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import TestCase

from assessments.models import Assessment
from tests.factories import JUMPING_RUNNING, make_assessment

RESERVED = ["teams", "rounds", "experts"]


class ReservedSlugTests(TestCase):
    def test_clean_refuses_them(self):
        for slug in RESERVED:
            with self.subTest(slug=slug), self.assertRaisesMessage(ValidationError, "reserved"):
                Assessment(name="X", slug=slug, assessment=JUMPING_RUNNING).full_clean()

    def test_the_loader_refuses_them(self):
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "teams.json"
            path.write_text(json.dumps({"name": "X", "slug": "teams", **JUMPING_RUNNING}))

            with self.assertRaisesMessage(CommandError, "reserved for the site"):
                call_command("load_assessment", str(path), stdout=StringIO())
        self.assertFalse(Assessment.objects.exists())

    def test_the_admin_refuses_them_when_adding_and_making_a_new_version(self):
        self.client.force_login(User.objects.create_superuser("admin", "a@example.com", "pw"))
        original = make_assessment(slug="sports")

        added = self.client.post(
            "/admin/assessments/assessment/add/",
            {"name": "X", "slug": "rounds", "assessment": json.dumps(JUMPING_RUNNING)},
        )
        copied = self.client.post(
            f"/admin/assessments/assessment/{original.pk}/new-version/",
            {"name": "X", "slug": "teams"},
        )

        self.assertContains(added, "reserved for the site")
        self.assertContains(copied, "reserved for the site")
        self.assertEqual(list(Assessment.objects.values_list("slug", flat=True)), ["sports"])
