"""`manage.py createmanager USERNAME`: create a manager account or promote an existing user."""

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from reports.access import MANAGERS_GROUP, make_manager

PASSWORD_VARIABLE = "DJANGO_MANAGER_PASSWORD"


class Command(BaseCommand):
    help = (
        f"Make USERNAME a manager (a member of the {MANAGERS_GROUP!r} group, who can read every "
        "result at /manage/). An existing user keeps their password; a new user is created "
        f"with a password typed at the prompt, or read from ${PASSWORD_VARIABLE} with --no-input."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--email", default="", help="E-mail address for a new user.")
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help=f"Do not prompt: a new user's password comes from ${PASSWORD_VARIABLE}.",
        )

    def handle(self, *args, username: str, email: str, interactive: bool, **options) -> None:
        if not Group.objects.filter(name=MANAGERS_GROUP).exists():
            raise CommandError(
                f"There is no {MANAGERS_GROUP!r} group. Run `python manage.py migrate` first."
            )
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None:
            self.create_manager(User(username=username, email=email), interactive=interactive)
            self.stdout.write(
                self.style.SUCCESS(
                    f"Created user {username!r} and added them to the {MANAGERS_GROUP!r} group. "
                    "They can sign in at /accounts/login/ and read results at /manage/."
                )
            )
        elif make_manager(user=user):
            self.stdout.write(
                self.style.SUCCESS(
                    f"Added the existing user {username!r} to the {MANAGERS_GROUP!r} group; "
                    "their password is unchanged."
                )
            )
        else:
            self.stdout.write(
                f"{username!r} is already in the {MANAGERS_GROUP!r} group; nothing changed."
            )

    def create_manager(self, user, *, interactive: bool) -> None:
        try:
            user.full_clean(exclude=["password"])
        except ValidationError as error:
            problems = " ".join(error.messages)
            raise CommandError(f"Cannot create {user.username!r}: {problems}") from error
        password = self.new_password(user, interactive=interactive)
        user.set_password(password)
        with transaction.atomic():
            user.save()
            make_manager(user=user)

    def new_password(self, user, *, interactive: bool) -> str:
        password = os.environ.get(PASSWORD_VARIABLE, "")
        if not password:
            if not interactive:
                raise CommandError(
                    f"{user.username!r} does not exist yet and needs a password: set "
                    f"${PASSWORD_VARIABLE} or run without --no-input to be asked for one."
                )
            password = getpass.getpass(f"Password for {user.username}: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The two passwords differ; nothing was created.")
        try:
            validate_password(password, user)
        except ValidationError as error:
            problems = "\n".join(f"  - {message}" for message in error.messages)
            raise CommandError(
                f"That password is too weak; nothing was created:\n{problems}"
            ) from error
        return password
