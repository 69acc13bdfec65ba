"""Property-based tests: whatever is sent to the assessment form, it never answers with a 500."""

from urllib.parse import urlencode

from django.conf import settings
from hypothesis import event, given
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from assessments.models import Assessment
from results.models import AssessmentResult
from tests.hostile_input import (
    CHARSETS,
    AnswerBody,
    FormEncoding,
    QueryParameterProperties,
    answer_bodies,
    client_with_csrf_cookie,
    form_encodings,
)

FORM_URL = "/assessment/"
VERSION = "sports-2026"
DEFINITION = {
    "categories": [["Jumping", "jumping"], ["Running", "running"], ["Swimming", "swimming"]],
    "ratings": ["Learning", "Practising", "Confident", "Expert"],
}
SLUGS = [slug for _, slug in DEFINITION["categories"]]
TOP = len(DEFINITION["ratings"])


class AnswerBodyProperties(TestCase):
    @classmethod
    def setUpTestData(cls):
        Assessment.objects.create(name="Sports", slug=VERSION, assessment=DEFINITION)

    def assert_stored_whole_or_not_at_all(self, response, *, body_size: int) -> None:
        over_limit = body_size > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        # Shown by --hypothesis-show-statistics: how often each outcome was exercised.
        event(f"status {response.status_code}")
        self.assertIn(response.status_code, {413} if over_limit else {302, 400, 404})
        if response.status_code != 302:
            self.assertFalse(AssessmentResult.objects.exists())
            return
        result = AssessmentResult.objects.get()
        self.assertEqual(response["Location"], result.get_absolute_url())
        self.assertEqual(set(result.current), set(SLUGS))
        self.assertEqual(set(result.desired), set(SLUGS))
        for slug in SLUGS:
            current, desired = result.current[slug], result.desired[slug]
            self.assertTrue(1 <= current <= desired <= min(current + 1, TOP), (slug, result))

    @given(body=answer_bodies(version=VERSION, category_slugs=SLUGS))
    def test_any_form_body_is_stored_whole_or_refused_never_a_server_error(self, body: AnswerBody):
        encoded = urlencode(body.pairs)

        response = self.client.post(
            FORM_URL, encoded, content_type="application/x-www-form-urlencoded"
        )

        self.assert_stored_whole_or_not_at_all(response, body_size=len(encoded.encode()))
        if body.is_valid_answer and response.status_code != 413:
            self.assertEqual(response.status_code, 302)
            answer = dict(body.pairs)
            result = AssessmentResult.objects.get()
            self.assertEqual(result.name, answer["name"].strip())
            self.assertEqual(
                result.current, {slug: max(1, min(int(answer[slug]), TOP)) for slug in SLUGS}
            )

    @given(body=answer_bodies(version=VERSION, category_slugs=SLUGS), encoding=form_encodings())
    def test_a_form_body_naming_any_charset_is_read_as_utf_8_or_refused_never_a_server_error(
        self, body: AnswerBody, encoding: FormEncoding
    ):
        # With a CSRF cookie, as a browser holds one, the CSRF check reads the body first.
        client, token = client_with_csrf_cookie()
        encoded = encoding.encode(urlencode([*body.pairs, ("csrfmiddlewaretoken", token)]))

        response = client.generic("POST", FORM_URL, encoded, content_type=encoding.content_type)

        if encoding.is_read:
            self.assert_stored_whole_or_not_at_all(response, body_size=len(encoded))
        else:
            self.assertEqual(response.status_code, 400)
            self.assertFalse(AssessmentResult.objects.exists())

    @given(
        raw=st.binary(max_size=4096),
        content_type=st.sampled_from(
            [
                "application/x-www-form-urlencoded",
                *[f"application/x-www-form-urlencoded; charset={name}" for name in CHARSETS],
                "multipart/form-data; boundary=xyz",
                "multipart/form-data",
                "multipart/form-data; boundary=xyz; charset=utf-16",
                "text/plain",
                "text/plain; charset=utf-16",
                "application/json",
            ]
        ),
    )
    def test_any_raw_body_of_any_type_is_refused_never_a_server_error(self, raw, content_type):
        client, token = client_with_csrf_cookie()

        # generic() sends the bytes as they are; post() would re-encode them for the charset.
        response = client.generic(
            "POST", FORM_URL, raw, content_type=content_type, HTTP_X_CSRFTOKEN=token
        )

        self.assert_stored_whole_or_not_at_all(response, body_size=len(raw))


class VersionParameterProperties(QueryParameterProperties, TestCase):
    path = FORM_URL
    parameter = "v"
    statuses = frozenset({200, 404})

    @classmethod
    def setUpTestData(cls):
        Assessment.objects.create(name="Sports", slug=VERSION, assessment=DEFINITION)

    def known_values(self) -> list[str]:
        return [VERSION, f" {VERSION}", VERSION.upper(), f"{VERSION}\x00"]

    def check_answer(self, values, response) -> None:
        super().check_answer(values, response)
        # The last of repeated values is the one read; surrounding white space is forgiven.
        self.assertEqual(response.status_code == 200, values[-1].strip() == VERSION)

    @given(data=st.data())
    def test_any_version_gets_the_form_or_404_never_a_server_error(self, data):
        self.assert_any_value_gets_an_answer(data)
