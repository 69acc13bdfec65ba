"""Invitations and reminders go out in the language the member last used on their link."""

from datetime import date

from django.test import TestCase

from teams.emails import INVITATION, REMINDER, invitation_message
from teams.models import Member
from tests.factories import make_assessment, open_round

# Month names come from Django's own catalogue, so they show the language without ours; the
# order and the words around them from the language's DATE_FORMAT.
MARCH_14 = {
    "en-gb": "14 March 2099",
    "de": "14. März 2099",
    "fr": "14 mars 2099",
    "es": "14 de marzo de 2099",
}


class EmailLanguageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.round = open_round(
            members=["Ada"], assessment=make_assessment(), closes_on=date(2099, 3, 14)
        )
        cls.invitation = cls.round.invitations.get()
        cls.member = cls.invitation.member

    def open_link(self, language: str):
        return self.client.get(
            self.invitation.get_absolute_url(), headers={"accept-language": language}
        )

    def email_text(self, kind: str = INVITATION) -> str:
        return self.email(kind).body

    def email(self, kind: str = INVITATION):
        self.invitation.refresh_from_db()
        return invitation_message(invitation=self.invitation, kind=kind)

    def test_a_member_who_never_opened_their_link_gets_the_site_language(self):
        self.assertIn("14 March 2099", self.email_text())

    def test_opening_the_link_remembers_the_language(self):
        self.open_link("fr")

        self.assertEqual(Member.objects.get(pk=self.member.pk).language, "fr")

    def test_the_invitation_and_the_reminder_follow_the_last_language_used(self):
        for code, long_date in MARCH_14.items():
            with self.subTest(language=code):
                self.open_link(code)

                self.assertIn(long_date, self.email_text(INVITATION))
                self.assertIn(long_date, self.email_text(REMINDER))

    def test_the_reminders_subject_gives_the_date_as_its_body_does(self):
        for code, long_date in MARCH_14.items():
            with self.subTest(language=code):
                self.open_link(code)

                reminder = self.email(REMINDER)

                self.assertIn(long_date, reminder.subject)
                self.assertIn(long_date, reminder.body)
                self.assertNotIn("2099-03-14", reminder.subject)

    def test_answering_through_the_link_remembers_the_language(self):
        slugs = self.round.assessment.category_slugs
        answer = {f"current_{slug}": "1" for slug in slugs} | {
            f"desired_{slug}": "1" for slug in slugs
        }

        self.client.post(
            self.invitation.get_absolute_url(), answer, headers={"accept-language": "es"}
        )

        self.assertEqual(Member.objects.get(pk=self.member.pk).language, "es")

    def test_building_the_email_leaves_the_active_language_alone(self):
        self.open_link("de")

        self.email_text()
        page = self.client.get("/")

        self.assertContains(page, '<html lang="en-gb">')
