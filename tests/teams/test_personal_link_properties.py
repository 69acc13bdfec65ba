"""Property-based tests: whatever is sent to a personal link, or to the members text area, the
answer is a redirect or a clear 400, never a 500, and a refused request stores nothing."""

from urllib.parse import urlencode

from django.conf import settings
from hypothesis import event, given
from hypothesis.extra.django import TestCase

from results.models import AssessmentResult
from teams.models import Member, Response, Team
from tests.factories import make_assessment, make_user, open_round
from tests.hostile_input import (
    AnswerBody,
    FormEncoding,
    answer_bodies,
    client_with_csrf_cookie,
    form_encodings,
    hostile_text,
)

DEFINITION = {
    "categories": [["Jumping", "jumping"], ["Running", "running"]],
    "ratings": ["Learning", "Practising", "Confident"],
}


class PersonalLinkProperties(TestCase):
    @classmethod
    def setUpTestData(cls):
        assessment = make_assessment(slug="sports", assessment=DEFINITION)
        invitation = open_round(members=["Ada"], assessment=assessment).invitations.get()
        cls.url = invitation.get_absolute_url()

    @given(body=answer_bodies(version="sports", category_slugs=["jumping", "running"]))
    def test_any_body_is_stored_under_the_member_or_refused(self, body: AnswerBody):
        encoded = urlencode(body.pairs)

        response = self.client.post(
            self.url, encoded, content_type="application/x-www-form-urlencoded"
        )

        event(f"status {response.status_code}")
        over_limit = len(encoded.encode()) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        self.assertIn(response.status_code, {413} if over_limit else {302, 400})
        if response.status_code == 302:
            result = AssessmentResult.objects.get()
            self.assertEqual(result.name, "Ada")
            self.assertTrue(Response.objects.filter(result=result).exists())
        else:
            self.assertFalse(AssessmentResult.objects.exists())

    @given(
        body=answer_bodies(version="sports", category_slugs=["jumping", "running"]),
        encoding=form_encodings(),
    )
    def test_a_body_naming_another_charset_is_refused(self, body, encoding: FormEncoding):
        client, token = client_with_csrf_cookie()
        encoded = encoding.encode(urlencode([*body.pairs, ("csrfmiddlewaretoken", token)]))

        response = client.generic("POST", self.url, encoded, content_type=encoding.content_type)

        event(f"status {response.status_code}")
        if encoding.is_read:
            self.assertIn(response.status_code, {302, 400, 413})
        else:
            self.assertEqual(response.status_code, 400)
            self.assertFalse(AssessmentResult.objects.exists())


class MembersTextProperties(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.manager = make_user(manager=True)

    @given(name=hostile_text(), members=hostile_text())
    def test_any_team_form_creates_the_team_whole_or_refuses_it(self, name: str, members: str):
        self.client.force_login(self.manager)

        response = self.client.post("/manage/teams/", {"name": name, "members": members})

        event(f"status {response.status_code}")
        self.assertIn(response.status_code, {302, 400, 413})
        if response.status_code != 302:
            self.assertFalse(Team.objects.exists())
            self.assertFalse(Member.objects.exists())

    @given(name=hostile_text(), members=hostile_text(), encoding=form_encodings())
    def test_a_team_form_naming_another_charset_is_refused(self, name, members, encoding):
        client, token = client_with_csrf_cookie()
        client.force_login(self.manager)
        encoded = encoding.encode(
            urlencode({"name": name, "members": members, "csrfmiddlewaretoken": token})
        )

        response = client.generic(
            "POST",
            "/manage/teams/",
            encoded,
            content_type=encoding.content_type,
        )

        event(f"status {response.status_code}")
        self.assertIn(response.status_code, {302, 400, 413} if encoding.is_read else {400})
        if response.status_code != 302:
            self.assertFalse(Team.objects.exists())
