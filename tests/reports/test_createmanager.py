"""The createmanager management command."""

import os
from io import StringIO
from unittest import mock

from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from django.test import TestCase

from reports.access import MANAGERS_GROUP
from results.visibility import MANAGE_RESULTS as VIEW_RESULTS_PERMISSION
from tests.factories import make_user

GOOD_PASSWORD = "quiet-otter-lantern-42"


def run(*args: str, password: str | None = None, typed: list[str] | None = None) -> str:
    out = StringIO()
    # patch.dict puts the environment back as it was, whatever happens inside.
    with mock.patch.dict(os.environ), mock.patch("getpass.getpass", side_effect=typed or []):
        os.environ.pop("DJANGO_MANAGER_PASSWORD", None)
        if password is not None:
            os.environ["DJANGO_MANAGER_PASSWORD"] = password
        call_command("createmanager", *args, stdout=out)
    return out.getvalue()


class CreateManagerTests(TestCase):
    def test_a_new_user_is_created_with_the_password_from_the_environment(self):
        output = run("ada", "--no-input", "--email", "ada@example.com", password=GOOD_PASSWORD)

        user = User.objects.get(username="ada")
        self.assertTrue(user.check_password(GOOD_PASSWORD))
        self.assertEqual(user.email, "ada@example.com")
        self.assertTrue(user.has_perm(VIEW_RESULTS_PERMISSION))
        self.assertIn("Created user 'ada' and added them to the 'Managers' group", output)

    def test_a_new_users_password_can_be_typed_at_the_prompt(self):
        output = run("ada", typed=[GOOD_PASSWORD, GOOD_PASSWORD])

        self.assertTrue(User.objects.get(username="ada").check_password(GOOD_PASSWORD))
        self.assertIn("Created user 'ada'", output)

    def test_an_existing_user_is_promoted_and_keeps_their_password(self):
        user = User.objects.create_user("grace", password="her-own-password-1")

        output = run("grace", "--no-input", password=GOOD_PASSWORD)

        user.refresh_from_db()
        self.assertTrue(user.check_password("her-own-password-1"))
        self.assertTrue(user.groups.filter(name=MANAGERS_GROUP).exists())
        self.assertIn("Added the existing user 'grace' to the 'Managers' group", output)

    def test_promoting_a_manager_again_changes_nothing_and_says_so(self):
        make_user(username="grace", manager=True)

        output = run("grace")

        self.assertIn("'grace' is already in the 'Managers' group; nothing changed.", output)

    def test_a_new_user_without_a_password_is_refused_in_no_input_mode(self):
        with self.assertRaisesMessage(CommandError, "set $DJANGO_MANAGER_PASSWORD"):
            run("ada", "--no-input")

        self.assertFalse(User.objects.filter(username="ada").exists())

    def test_two_different_typed_passwords_are_refused(self):
        with self.assertRaisesMessage(CommandError, "The two passwords differ"):
            run("ada", typed=[GOOD_PASSWORD, GOOD_PASSWORD + "x"])

        self.assertFalse(User.objects.filter(username="ada").exists())

    def test_a_weak_password_is_refused_with_the_reasons(self):
        with self.assertRaisesMessage(CommandError, "too short"):
            run("ada", "--no-input", password="abc")

        self.assertFalse(User.objects.filter(username="ada").exists())

    def test_an_invalid_username_is_refused(self):
        with self.assertRaisesMessage(CommandError, "Enter a valid username"):
            run("not a name!", "--no-input", password=GOOD_PASSWORD)

        self.assertFalse(User.objects.exists())

    def test_without_the_group_the_command_says_to_migrate(self):
        Group.objects.filter(name=MANAGERS_GROUP).delete()

        with self.assertRaisesMessage(CommandError, "Run `python manage.py migrate`"):
            run("ada", "--no-input", password=GOOD_PASSWORD)

        self.assertFalse(User.objects.exists())
