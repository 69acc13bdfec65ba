"""Property-based tests: whatever a manager's browser posts to the builder, never a 500, and an
assessment is saved whole or not at all."""

from urllib.parse import urlencode

from django.contrib.auth.models import User
from hypothesis import event, given
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from assessments.definition import validate_definition
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
