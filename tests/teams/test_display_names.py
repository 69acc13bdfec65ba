"""Display names: what a manager says they are called on /accounts/profile/ is what the team
page and the emails call them; without one, their username."""

from datetime import timedelta

from django.core import mail
from django.test import TestCase
from django.utils import timezone

from teams.display_names import display_name
from tests.factories import make_assessment, make_team, make_user, member_names


class DisplayNameInEmailsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.alice = make_user(username="alice", first_name="", last_name="", manager=True)
        cls.team = make_team(
            name="Platform", slug="platform", managers=(cls.alice,), members=member_names(1)
        )
        make_assessment(name="Sports 2026", slug="sports")

    def setUp(self):
        self.client.force_login(self.alice)

    def name_myself(self, first_name: str, last_name: str) -> None:
        self.client.post("/accounts/profile/", {"first_name": first_name, "last_name": last_name})

    def start_a_round(self):
        closes_on = (timezone.localdate() + timedelta(days=7)).isoformat()
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(
                "/manage/teams/platform/rounds/", {"assessment": "sports", "closes_on": closes_on}
            )

    def test_the_invitation_names_the_manager_by_the_name_they_gave(self):
        self.name_myself("Alice", "Smith")

        self.start_a_round()

        [message] = mail.outbox
        self.assertIn("Alice Smith asks you to answer", message.body)
        self.assertIn("Alice Smith asks you to answer", message.alternatives[0][0])
        self.assertIn("Sent by Alice Smith through Assessor.", message.body)

    def test_without_a_name_the_invitation_names_the_username(self):
        self.start_a_round()

        self.assertIn("alice asks you to answer", mail.outbox[0].body)

    def test_the_reminder_names_the_manager_too(self):
        self.start_a_round()
        self.name_myself("Alice", "Smith")
        mail.outbox.clear()
        team_round = self.team.rounds.get()

        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(f"/manage/rounds/{team_round.pk}/remind/")

        [message] = mail.outbox
        self.assertIn("Sent by Alice Smith through Assessor.", message.body)

    def test_the_co_manager_invitation_names_who_invited(self):
        self.name_myself("Alice", "Smith")

        with self.captureOnCommitCallbacks(execute=True):
            self.client.post("/manage/teams/platform/managers/", {"email": "bob@example.com"})

        [message] = mail.outbox
        self.assertEqual(message.subject, "Alice Smith added you as a manager of Platform")
        self.assertIn("Alice Smith added you as a manager of the team Platform", message.body)


class DisplayNameOnPagesTests(TestCase):
    def test_the_team_page_names_its_managers_by_their_names(self):
        alice = make_user(username="alice", first_name="Alice", last_name="Smith", manager=True)
        cody = make_user(username="cody", first_name="", last_name="", manager=True)
        make_team(slug="platform", managers=(alice, cody))
        self.client.force_login(alice)

        response = self.client.get("/manage/teams/platform/")

        self.assertContains(response, "<li>Alice Smith")
        self.assertContains(response, "Remove Alice Smith as manager")
        self.assertContains(response, "<li>cody")

    def test_adding_a_co_manager_names_them_in_the_message(self):
        alice = make_user(username="alice", manager=True)
        make_user(username="bob", first_name="Bob", last_name="Jones", manager=True)
        make_team(slug="platform", managers=(alice,))
        self.client.force_login(alice)

        response = self.client.post(
            "/manage/teams/platform/managers/", {"username": "bob"}, follow=True
        )

        self.assertContains(response, "Bob Jones manages this team now.")


class DisplayNameRuleTests(TestCase):
    def test_a_name_stored_over_several_lines_is_named_on_one(self):
        # A provider's claim or the admin may store what the profile form refuses; the name
        # still goes into email subjects, which hold one line.
        user = make_user(username="eve", first_name="Eve\r\nBcc: x@example.com", last_name="")

        self.assertEqual(display_name(user), "Eve Bcc: x@example.com")
