"""Co-managers, through the client and the outbox: only managers can be one, by username or by
email; unknown names and addresses get the answer the others get; 3 invitations per team an hour."""

import re

from django.contrib.auth.models import User
from django.core import mail
from django.test import TestCase, override_settings

from reports.access import MANAGERS_GROUP
from tests.accounts.provider import sign_on_settings
from tests.factories import make_team, make_user

SET_PASSWORD_LINK = re.compile(r"http://127\.0\.0\.1:8000(/accounts/reset/[^/\s]+/[^/\s]+/)")
PASSWORD = "amber-kettle-harbour-93"


def is_manager(user: User) -> bool:
    return user.groups.filter(name=MANAGERS_GROUP).exists()


class CoManagerTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.maria = make_user(
            username="maria", first_name="Maria", last_name="Manager", manager=True
        )
        cls.team = make_team(name="Platform", slug="platform", managers=(cls.maria,))
        cls.url = "/manage/teams/platform/managers/"

    def setUp(self):
        self.client.force_login(self.maria)

    def post(self, **data: str):
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(self.url, data)

    def managers(self) -> list[str]:
        return sorted(self.team.managers.values_list("username", flat=True))


class ByUsernameTests(CoManagerTestCase):
    def test_a_manager_is_added_by_username(self):
        make_user(username="cody", manager=True)

        response = self.post(username="cody")

        self.assertRedirects(response, self.team.get_absolute_url(), fetch_redirect_response=False)
        self.assertEqual(self.managers(), ["cody", "maria"])

    def test_a_superuser_is_added_by_username(self):
        make_user(username="root", is_superuser=True)

        self.post(username="root")

        self.assertEqual(self.managers(), ["maria", "root"])

    def test_unknown_non_manager_and_switched_off_usernames_get_one_answer(self):
        make_user(username="member")
        make_user(username="leaver", manager=True, is_active=False)
        answers = {}
        for username in ["nobody", "member", "leaver"]:
            response = self.post(username=username)
            errors = response.context["manager_form"].errors.as_data()["username"]
            # The same words, with the name as typed.
            answers[username] = (
                response.status_code,
                [str(error.message) for error in errors],
                [error.params for error in errors],
            )

        self.assertEqual(
            answers["nobody"],
            (400, ["There is no manager with the username “%(name)s”."], [{"name": "nobody"}]),
        )
        for username in ["member", "leaver"]:
            self.assertEqual(
                answers[username][:2], answers["nobody"][:2], f"{username} is told apart"
            )
        self.assertEqual(self.managers(), ["maria"])

    def test_the_page_says_who_can_be_a_co_manager_and_that_the_answer_tells_nothing(self):
        response = self.client.get(self.team.get_absolute_url())

        self.assertContains(response, "Only members of the Managers group can be co-managers.")
        self.assertContains(response, "the answer is the same as for a username nobody has")

    def test_neither_or_both_fields_are_a_400(self):
        make_user(username="cody", manager=True)

        neither = self.post()
        both = self.post(username="cody", email="cody@example.com")

        self.assertContains(neither, "Give a username or an email address.", status_code=400)
        self.assertContains(both, "not both", status_code=400)
        self.assertEqual(self.managers(), ["maria"])
        self.assertEqual(mail.outbox, [])


class ByEmailTests(CoManagerTestCase):
    def test_a_new_address_gets_an_account_in_managers_and_a_link_to_choose_its_password(self):
        response = self.post(email="Bob@Example.com")

        self.assertRedirects(response, self.team.get_absolute_url(), fetch_redirect_response=False)
        bob = User.objects.get(email="Bob@Example.com")
        self.assertEqual(bob.username, "Bob@Example.com")
        self.assertFalse(bob.has_usable_password())
        self.assertTrue(is_manager(bob))
        self.assertEqual(self.managers(), ["Bob@Example.com", "maria"])
        [message] = mail.outbox
        self.assertEqual(message.to, ["Bob@Example.com"])
        self.assertIn("Maria Manager added you as a manager of the team Platform", message.body)
        self.assertIn("http://127.0.0.1:8000/manage/teams/platform/", message.body)

    def test_the_link_in_the_email_sets_a_password_that_opens_the_team(self):
        self.post(email="bob@example.com")
        link = SET_PASSWORD_LINK.search(mail.outbox[0].body)[1]
        self.client.logout()

        form = self.client.get(link, follow=True)
        self.client.post(
            form.redirect_chain[-1][0], {"new_password1": PASSWORD, "new_password2": PASSWORD}
        )

        self.assertTrue(self.client.login(username="bob@example.com", password=PASSWORD))
        self.assertContains(self.client.get("/manage/teams/platform/"), "Platform")

    def test_a_manager_with_an_account_is_added_and_told_without_a_password_link(self):
        cody = make_user(username="cody", email="cody@example.com", manager=True)
        cody.set_password("codys-own-password-41")
        cody.save()

        self.post(email="CODY@example.com")

        self.assertEqual(self.managers(), ["cody", "maria"])
        self.assertEqual(User.objects.filter(email__iexact="cody@example.com").count(), 1)
        [message] = mail.outbox
        self.assertEqual(message.to, ["cody@example.com"])
        self.assertIsNone(SET_PASSWORD_LINK.search(message.body))
        self.assertIn("Sign in as cody to see the team", message.body)

    def test_an_account_outside_managers_is_neither_added_nor_promoted_nor_emailed(self):
        member = make_user(username="ben", email="ben@example.com")

        self.post(email="ben@example.com")

        self.assertEqual(self.managers(), ["maria"])
        self.assertFalse(is_manager(member))
        self.assertEqual(User.objects.filter(email="ben@example.com").count(), 1)
        self.assertEqual(mail.outbox, [])

    def test_the_answer_is_the_same_whether_or_not_the_address_had_an_account(self):
        make_user(username="cody", email="cody@example.com", manager=True)
        make_user(username="ben", email="ben@example.com")
        answers = {}
        for email in ["new@example.com", "cody@example.com", "ben@example.com"]:
            with self.captureOnCommitCallbacks(execute=True):
                response = self.client.post(self.url, {"email": email}, follow=True)
            messages = [str(message) for message in response.context["messages"]]
            answers[email] = (
                response.redirect_chain,
                [text.replace(email, "…") for text in messages],
            )

        self.assertEqual(
            answers["new@example.com"],
            (
                [("/manage/teams/platform/", 302)],
                ["If … can be a co-manager, they manage this team now and an email tells them."],
            ),
        )
        self.assertEqual(answers["cody@example.com"], answers["new@example.com"])
        self.assertEqual(answers["ben@example.com"], answers["new@example.com"])

    def test_inviting_an_account_that_never_chose_its_password_sends_a_fresh_link(self):
        self.post(email="bob@example.com")
        mail.outbox.clear()

        self.post(email="bob@example.com")

        self.assertEqual(User.objects.filter(email="bob@example.com").count(), 1)
        self.assertIsNotNone(SET_PASSWORD_LINK.search(mail.outbox[0].body))

    def test_a_wrong_address_is_a_400_creating_nothing(self):
        response = self.post(email="not an address")

        self.assertEqual(response.status_code, 400)
        self.assertEqual(User.objects.count(), 1)
        self.assertEqual(mail.outbox, [])

    def test_no_email_leaves_before_the_request_commits(self):
        self.client.post(self.url, {"email": "bob@example.com"})

        self.assertEqual(mail.outbox, [])


class InvitationLimitTests(CoManagerTestCase):
    def test_the_fourth_invitation_in_an_hour_is_a_429_creating_and_sending_nothing(self):
        for number in range(3):
            self.assertEqual(self.post(email=f"new{number}@example.com").status_code, 302)

        refused = self.post(email="new3@example.com")

        self.assertContains(
            refused, "This team has sent as many invitations as it may for now", status_code=429
        )
        self.assertTrue(3500 <= int(refused["Retry-After"]) <= 3600)
        self.assertFalse(User.objects.filter(email="new3@example.com").exists())
        self.assertEqual(len(mail.outbox), 3)

    def test_invitations_to_known_addresses_count_as_well(self):
        make_user(username="ben", email="ben@example.com")
        for _ in range(3):
            self.post(email="ben@example.com")

        self.assertEqual(self.post(email="new@example.com").status_code, 429)

    def test_another_team_has_invitations_of_its_own(self):
        make_team(slug="data", managers=(self.maria,))
        for number in range(3):
            self.post(email=f"new{number}@example.com")

        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post("/manage/teams/data/managers/", {"email": "x@example.com"})

        self.assertEqual(response.status_code, 302)

    def test_adding_by_username_takes_no_turn(self):
        make_user(username="cody", manager=True)
        for _ in range(3):
            self.post(username="cody")

        self.assertEqual(self.post(email="new@example.com").status_code, 302)


@override_settings(**sign_on_settings(issuer="http://127.0.0.1:9", OIDC_ONLY=True))
class WithOidcOnlyTests(CoManagerTestCase):
    def test_nobody_is_invited_by_email_and_the_page_does_not_offer_it(self):
        page = self.client.get(self.team.get_absolute_url())
        response = self.post(email="bob@example.com")

        self.assertNotContains(page, 'name="email"')
        self.assertContains(response, "add a co-manager by username", status_code=400)
        self.assertFalse(User.objects.filter(email="bob@example.com").exists())
        self.assertEqual(mail.outbox, [])
