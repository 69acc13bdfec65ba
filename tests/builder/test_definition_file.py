"""A definition file that is too big, too deep, too long a number or not JSON: 400 with the
builder's form and a message saying which, never a 500."""

import json
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase

from assessments.models import Assessment
from tests.factories import make_user

NEW = "/manage/assessments/new/"
# The limits the README promises, written out so that moving one fails here.
BUILDER_BYTES = 4 * 1024 * 1024
MAX_NESTING = 32
MAX_DIGITS = 100
SAMPLE = json.loads(Path("samples/engineering-2026-levels.json").read_text())


def nested_lists(depth: int) -> str:
    return "[" * depth + "]" * depth


def definition_with(**changes) -> dict:
    return {"name": "Sample", "slug": "sample", **SAMPLE, **changes}


class DefinitionFileTests(TestCase):
    def setUp(self):
        self.client.force_login(make_user(manager=True))

    def upload(self, content: bytes):
        upload = SimpleUploadedFile("definition.json", content, "application/json")
        return self.client.post(NEW, {"import": "1", "definition_file": upload})

    def assertRefused(self, response, message: str) -> None:
        self.assertContains(response, message, status_code=400)
        self.assertContains(response, 'name="definition_file"', status_code=400)
        self.assertFalse(Assessment.objects.exists())

    def test_a_file_over_the_builders_size_limit_is_refused_naming_the_limit(self):
        content = json.dumps(definition_with()).encode().ljust(BUILDER_BYTES + 1)

        response = self.upload(content)

        self.assertRefused(response, "This file is bigger than 4.0\xa0MB")

    def test_a_file_at_the_builders_size_limit_is_read(self):
        content = json.dumps(definition_with()).encode().ljust(BUILDER_BYTES)

        response = self.upload(content)

        self.assertContains(response, 'value="Python and Django"')

    def test_a_post_far_past_the_size_limit_is_refused_before_it_is_read(self):
        with self.assertLogs("django.security.RequestDataTooBig", "ERROR"):
            response = self.upload(b" " * (BUILDER_BYTES + 1024 * 1024))

        self.assertEqual(response.status_code, 413)

    def test_a_document_deeper_than_pythons_stack_is_refused_as_too_deep(self):
        response = self.upload(nested_lists(100_000).encode())

        self.assertRefused(response, f"deeper than {MAX_NESTING} levels")

    def test_a_definition_nested_one_level_too_deep_is_refused_as_too_deep(self):
        deep = definition_with(description=json.loads(nested_lists(MAX_NESTING)))

        response = self.upload(json.dumps(deep).encode())

        self.assertRefused(response, f"deeper than {MAX_NESTING} levels")

    def test_an_integer_of_thousands_of_digits_is_refused_as_too_long(self):
        response = self.upload(b'{"ratings": ' + b"9" * 5000 + b"}")

        self.assertRefused(response, f"a number longer than {MAX_DIGITS} digits")

    def test_an_integer_one_digit_too_long_is_refused_as_too_long(self):
        role = {"name": "Lead", "slug": "lead", "targets": {"python-django": 10**MAX_DIGITS}}

        response = self.upload(json.dumps(definition_with(roles=[role])).encode())

        self.assertRefused(response, f"a number longer than {MAX_DIGITS} digits")

    def test_a_file_that_is_not_json_is_refused_as_such_whatever_its_bytes(self):
        text = json.dumps(definition_with(name="Café ✓"), ensure_ascii=False)
        for label, content in [
            # The sample's texts in other languages hold characters Latin-1 lacks.
            ("latin-1", text.replace(" ✓", "").encode("latin-1", errors="ignore")),
            ("utf-16", text.encode("utf-16")),
            ("binary", bytes(range(256))),
            ("a lone surrogate", json.dumps(definition_with(name="\ud800")).encode()),
            ("NaN", json.dumps(definition_with(x=float("nan"))).encode()),
        ]:
            with self.subTest(label):
                response = self.upload(content)

                self.assertRefused(response, "This file is not valid JSON.")

    def test_a_utf8_file_with_a_byte_order_mark_is_read(self):
        content = json.dumps(definition_with(name="Café ✓"), ensure_ascii=False)

        response = self.upload(content.encode("utf-8-sig"))

        self.assertContains(response, 'value="Café ✓"')
