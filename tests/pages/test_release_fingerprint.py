"""The release fingerprint in every cache key changes with anything the rendered text depends on."""

import shutil
import tempfile
from pathlib import Path

from django.test import SimpleTestCase

from pages.cache import release_fingerprint


class ReleaseFingerprintTests(SimpleTestCase):
    def setUp(self):
        self.root = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.root)
        self.write("templates/page.html", "{% translate 'Save' %}")
        self.write("locale/de/LC_MESSAGES/django.po", 'msgid "Save"\nmsgstr "Speichern"\n')
        self.write("locale/de/LC_MESSAGES/django.mo", "compiled: Speichern")

    def write(self, relative_path: str, text: str) -> None:
        path = self.root / relative_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)

    def test_a_release_that_changes_only_the_compiled_wording_has_a_new_fingerprint(self):
        before = release_fingerprint(self.root)

        self.write("locale/de/LC_MESSAGES/django.mo", "compiled: Sichern")

        self.assertNotEqual(release_fingerprint(self.root), before)

    def test_a_release_that_changes_only_a_catalogue_has_a_new_fingerprint(self):
        before = release_fingerprint(self.root)

        self.write("locale/de/LC_MESSAGES/django.po", 'msgid "Save"\nmsgstr "Sichern"\n')

        self.assertNotEqual(release_fingerprint(self.root), before)

    def test_a_template_change_gives_a_new_fingerprint(self):
        before = release_fingerprint(self.root)

        self.write("templates/page.html", "{% translate 'Save now' %}")

        self.assertNotEqual(release_fingerprint(self.root), before)

    def test_the_same_files_give_the_same_fingerprint(self):
        self.assertEqual(release_fingerprint(self.root), release_fingerprint(self.root))
