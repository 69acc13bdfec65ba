"""Property-based tests: whatever a manager's browser posts to the builder, never a 500, and an
assessment is saved whole or not at all."""

import json
from urllib.parse import urlencode

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import event, given
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from assessments.definition import (
    CATEGORY_KEYS,
    DEFINITION_KEYS,
    ROLE_KEYS,
    validate_definition,
)
from assessments.models import Assessment
from tests.hostile_input import hostile_text

FIELDS = [
    "assessment-name", "assessment-slug", "assessment-ratings", "assessment-not_applicable",
    "assessment-based_on", "categories-TOTAL_FORMS", "categories-INITIAL_FORMS",
    "categories-0-name", "categories-0-slug", "categories-0-group", "categories-0-levels",
    "categories-1-name", "categories-1-DELETE", "roles-TOTAL_FORMS", "roles-INITIAL_FORMS",
    "roles-0-name", "roles-0-targets", "action",
]  # fmt: skip
PLAUSIBLE = {
    "assessment-name": st.sampled_from(["Sports", ""]),
    "assessment-ratings": st.sampled_from(["Good\nBest", "Good", "Good\nGood\n"]),
    "categories-TOTAL_FORMS": st.sampled_from(["0", "1", "2", "9999", "-1", "x"]),
    "categories-INITIAL_FORMS": st.sampled_from(["0", "1", "x"]),
    "roles-TOTAL_FORMS": st.sampled_from(["0", "1", "50"]),
    "roles-INITIAL_FORMS": st.just("0"),
    "categories-0-name": st.sampled_from(["Jumping", "role", ""]),
    "categories-0-levels": st.sampled_from(["", "a\nb", "a"]),
    "roles-0-targets": st.sampled_from(["Jumping: Best", "x: 1", "jumping: 9", ""]),
    "action": st.sampled_from(["save", "preview", "more", ""]),
}


@st.composite
def builder_bodies(draw: st.DrawFn) -> list[tuple[str, str]]:
    pairs = []
    for key in FIELDS:
        choice = draw(st.integers(0, 5))
        if choice == 0:
            continue
        value = draw(hostile_text() if choice == 1 else PLAUSIBLE.get(key, st.text(max_size=20)))
        pairs.append((key, value))
    return pairs


class BuilderBodyProperties(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = User.objects.create_superuser("admin", "a@example.com", "pw")

    @given(body=builder_bodies())
    def test_any_builder_body_saves_a_valid_assessment_or_nothing(self, body):
        # Each example gets a fresh client.
        self.client.force_login(self.admin)
        response = self.client.post(
            "/manage/assessments/new/",
            urlencode(body),
            content_type="application/x-www-form-urlencoded",
        )

        event(f"status {response.status_code}")
        self.assertIn(response.status_code, {200, 302, 400, 413})
        saved = list(Assessment.objects.all())
        self.assertEqual(len(saved), 1 if response.status_code == 302 else 0)
        for assessment in saved:
            validate_definition(assessment.assessment)


# Keys a definition file has, so that documents get past the first checks and into the rest.
KEYS = sorted(DEFINITION_KEYS | CATEGORY_KEYS | ROLE_KEYS | {"name", "slug"})
JSON_SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | hostile_text()
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), children, max_size=5)
    ),
    max_leaves=30,
)


class DefinitionFileProperties(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = User.objects.create_superuser("admin", "a@example.com", "pw")

    def upload(self, content: bytes):
        self.client.force_login(self.admin)
        upload = SimpleUploadedFile("definition.json", content, "application/json")
        return self.client.post(
            "/manage/assessments/new/", {"import": "1", "definition_file": upload}
        )

    @given(document=JSON_VALUES)
    def test_any_json_document_starts_the_builder_or_is_refused_with_the_form(self, document):
        response = self.upload(json.dumps(document).encode())

        event(f"status {response.status_code}")
        self.assertIn(response.status_code, {200, 400})
        self.assertFalse(Assessment.objects.exists())

    @given(content=st.binary(max_size=200))
    def test_any_bytes_start_the_builder_or_are_refused_with_the_form(self, content):
        response = self.upload(content)

        self.assertIn(response.status_code, {200, 400})
        self.assertContains(response, 'name="definition_file"', status_code=response.status_code)
