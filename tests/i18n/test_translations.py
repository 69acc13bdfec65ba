"""The shipped translations: complete, and saying each language's own words on the key pages.

Both wait for the translators: until every .po file is filled, these tests fail, naming what is
missing. KEYWORDS is the one table the translators are given (also in notes/I18N-KEYWORDS.md).
"""

import os
import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import reverse

from teams.emails import INVITATION, invitation_message
from tests.factories import (
    TRIATHLON,
    make_assessment,
    make_result,
    make_user,
    open_round,
)

TRANSLATED = [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
# The same folders `make messages` leaves out.
NOT_SCANNED = [".venv", "tests", "bench", "staticfiles"]
# What the copy leaves out: not scanned, or not source at all.
NOT_COPIED = [*NOT_SCANNED, ".git", "node_modules", ".hypothesis", "test-artifacts", "*.sqlite3"]

# Page -> (English source string, the words each translation must use for it).
KEYWORDS = {
    "form": ("Save my answers", {"de": "Antworten", "fr": "réponses", "es": "respuestas"}),
    "result": ("Desired", {"de": "Gewünscht", "fr": "Souhaité", "es": "Deseado"}),
    "matrix": ("Average", {"de": "Durchschnitt", "fr": "Moyenne", "es": "Promedio"}),
    "sign-in": ("Sign in", {"de": "Anmelden", "fr": "Se connecter", "es": "Iniciar sesión"}),
    "email": ("Hello %(name)s,", {"de": "Hallo", "fr": "Bonjour", "es": "Hola"}),
    "footer": ("Language", {"de": "Sprache", "fr": "Langue", "es": "Idioma"}),
}
ENGLISH_ON_PAGE = {"email": "Hello"}


def messages_missing(po_file: Path) -> str:
    """The untranslated and fuzzy entries of a .po file (gettext's msgattrib), empty if none."""
    untranslated = subprocess.run(
        ["msgattrib", "--untranslated", "--no-obsolete", str(po_file)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    fuzzy = subprocess.run(
        ["msgattrib", "--only-fuzzy", "--no-obsolete", str(po_file)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return (untranslated + fuzzy).strip()


class CompletenessTests(TestCase):
    def test_every_shipped_locale_translates_every_message_and_none_is_fuzzy(self):
        with tempfile.TemporaryDirectory() as folder:
            # A copy of the source with the repo's .po files, refreshed from the code there: a
            # string marked but never added to the .po files shows up untranslated. (makemessages
            # writes beside the code it reads, so it runs in the copy, never in the repo.)
            copy = Path(folder, "src")
            shutil.copytree(
                settings.BASE_DIR, copy, ignore=shutil.ignore_patterns(*NOT_COPIED, "*.mo")
            )
            with override_settings(LOCALE_PATHS=[copy / "locale"]):
                previous = os.getcwd()
                os.chdir(copy)
                try:
                    call_command(
                        "makemessages",
                        locale=TRANSLATED,
                        ignore_patterns=NOT_SCANNED,
                        no_location=True,
                        no_obsolete=True,
                        verbosity=0,
                    )
                finally:
                    os.chdir(previous)
            missing = {
                code: messages_missing(copy / "locale" / code / "LC_MESSAGES" / "django.po")
                for code in TRANSLATED
            }

        incomplete = {code: found for code, found in missing.items() if found}
        report = "\n\n".join(f"== {code} ==\n{found}" for code, found in incomplete.items())
        self.assertEqual(sorted(incomplete), [], f"untranslated or fuzzy:\n{report}")


class KeyWordsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(slug="tri", name="Triathlon", assessment=TRIATHLON)
        cls.result = make_result(cls.assessment, name="Ada")
        cls.manager = make_user(manager=True)
        team_round = open_round(
            members=["Ada"], assessment=cls.assessment, closes_on=date(2099, 3, 14)
        )
        cls.invitation = team_round.invitations.get()

    def page_text(self, page: str, language: str) -> str:
        headers = {"accept-language": language}
        if page == "email":
            self.client.get(self.invitation.get_absolute_url(), headers=headers)
            self.invitation.refresh_from_db()
            return invitation_message(invitation=self.invitation, kind=INVITATION).body
        if page == "matrix":
            self.client.force_login(self.manager)
        path = {
            "form": self.assessment.get_absolute_url(),
            "result": self.result.get_absolute_url(),
            "matrix": reverse("reports:matrix", args=["tri"]),
            "sign-in": reverse("accounts:login"),
            "footer": "/",
        }[page]
        response = self.client.get(path, headers=headers)
        self.assertContains(response, f'<html lang="{language}">')
        return response.content.decode()

    def test_the_site_language_shows_the_english_source(self):
        for page, (english, _) in KEYWORDS.items():
            with self.subTest(page=page):
                text = self.page_text(page, settings.LANGUAGE_CODE)

                self.assertTrue(ENGLISH_ON_PAGE.get(page, english) in text, f"{english!r} missing")

    def test_each_page_says_its_key_words_in_each_language(self):
        # English first, so the cached fragments are there for the other languages to miss.
        for page in KEYWORDS:
            self.page_text(page, settings.LANGUAGE_CODE)

        for page, (english, words) in KEYWORDS.items():
            for code in TRANSLATED:
                with self.subTest(page=page, language=code):
                    text = self.page_text(page, code)

                    english_words = ENGLISH_ON_PAGE.get(page, english)
                    self.assertTrue(words[code] in text, f"{words[code]!r} missing")
                    self.assertFalse(english_words in text, f"{english_words!r} still there")
