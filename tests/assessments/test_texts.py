"""Texts per language in a definition: which one a reader reads, and what the definition accepts."""

from django.core.exceptions import ValidationError
from django.test import SimpleTestCase, override_settings
from django.utils import translation

from assessments.definition import validate_definition
from assessments.texts import chosen_text

JUMPING = {"en": "Jumping", "de": "Springen", "fr": "Sauter"}
GOOD = {"categories": [["Jumping", "jumping"]], "ratings": ["Good", "Better"]}


def errors_for(definition) -> list[str]:
    try:
        validate_definition(definition)
    except ValidationError as error:
        return error.messages
    return []


class ChosenTextTests(SimpleTestCase):
    def test_a_reader_reads_the_entry_for_their_language(self):
        with translation.override("de"):
            self.assertEqual(chosen_text(JUMPING), "Springen")

    def test_a_regional_language_reads_its_base_languages_entry(self):
        self.assertEqual(chosen_text(JUMPING, language="de-at"), "Springen")
        self.assertEqual(chosen_text(JUMPING, language="en-gb"), "Jumping")

    def test_a_regional_entry_serves_its_own_region_before_the_base_language(self):
        text = {"en": "Colour", "en-us": "Color"}

        self.assertEqual(chosen_text(text, language="en-us"), "Color")
        self.assertEqual(chosen_text(text, language="en-gb"), "Colour")

    def test_a_language_without_an_entry_reads_the_site_languages_base(self):
        self.assertEqual(chosen_text(JUMPING, language="es"), "Jumping")

    @override_settings(LANGUAGE_CODE="fr")
    def test_the_site_language_is_whatever_language_code_says(self):
        self.assertEqual(chosen_text(JUMPING, language="es"), "Sauter")

    def test_without_the_site_languages_entry_the_first_given_is_read(self):
        self.assertEqual(chosen_text({"fr": "Sauter", "de": "Springen"}, language="es"), "Sauter")

    def test_a_plain_string_is_every_languages_text(self):
        for language in ["en-gb", "de", "fr", "es"]:
            with self.subTest(language=language), translation.override(language):
                self.assertEqual(chosen_text("Jumping"), "Jumping")


class DefinitionTextsTests(SimpleTestCase):
    def test_texts_per_language_are_accepted_wherever_a_text_stands(self):
        definition = {
            "name": {"en": "Sports", "de": "Sport"},
            "description": {"en": "How you move.", "de": ""},
            "categories": [
                [JUMPING, "jumping"],
                {
                    "name": {"en-gb": "Running", "es": "Correr"},
                    "slug": "running",
                    "group": {"de": "Laufbahn"},
                    "description": {"fr": "Vite."},
                    "levels": [{"en": "Jogs", "de": "Joggt"}, "Runs"],
                },
            ],
            "ratings": [{"en": "Good", "de": "Gut"}, "Better"],
            "roles": [{"name": {"en": "Runner", "de": "Läuferin"}, "slug": "runner"}],
        }

        self.assertEqual(errors_for(definition), [])

    def test_a_language_the_site_does_not_offer_is_refused_naming_the_codes_it_has(self):
        messages = errors_for({**GOOD, "categories": [[{"en": "Jumping", "it": "Salto"}, "j"]]})

        self.assertEqual(
            messages,
            [
                "Category 1 name uses unknown language codes it; "
                "the site's are en-gb, en, de, fr, es."
            ],
        )

    def test_an_empty_name_or_label_in_any_language_is_refused(self):
        messages = errors_for(
            {
                "categories": [[{"en": "Jumping", "de": " "}, "jumping"]],
                "ratings": [{"en": "Good", "fr": ""}, "Better"],
                "roles": [{"name": {"de": ""}, "slug": "r"}],
            }
        )

        self.assertEqual(
            messages,
            [
                "Category 1 name must not be empty in any language.",
                "Rating label 1 must not be empty in any language.",
                "Role 1 name must not be empty in any language.",
            ],
        )

    def test_an_object_without_any_language_or_with_no_text_is_refused(self):
        messages = errors_for(
            {**GOOD, "categories": [[{}, "jumping"], {"name": {"de": 3}, "slug": "other"}]}
        )

        self.assertEqual(
            messages,
            [
                "Category 1 name must give a text for at least one language.",
                'Category 2 name must be text, or an object of language: text like {"en": "…", '
                '"de": "…"}.',
            ],
        )

    def test_labels_that_read_alike_in_one_language_are_refused(self):
        ratings = [{"en": "Good", "de": "Gut"}, {"en": "Better", "de": "Gut"}]

        self.assertEqual(
            errors_for({**GOOD, "ratings": ratings}), ["Rating labels must be unique."]
        )

    def test_nul_characters_in_a_language_are_refused(self):
        messages = errors_for({**GOOD, "name": {"en": "Sports", "de": "Sp\x00ort"}})

        self.assertEqual(messages, ['"name" must not contain NUL characters.'])

    def test_a_name_on_two_lines_or_too_long_in_any_language_is_refused(self):
        on_two_lines = errors_for({**GOOD, "name": {"en": "Sports", "de": "Sport\nfest"}})
        too_long = errors_for({**GOOD, "name": {"en": "Sports", "fr": "s" * 201}})

        self.assertEqual(
            on_two_lines, ["A name must be one line, without line breaks or control characters."]
        )
        self.assertEqual(too_long, ['"name" can be at most 200 characters long in every language.'])

    def test_level_texts_per_language_keep_to_one_per_rating(self):
        categories = [{"name": "Jumping", "slug": "jumping", "levels": [{"de": "Hüpft"}]}]

        self.assertEqual(
            errors_for({**GOOD, "categories": categories}),
            ['Category 1 has 1 level texts; "levels" needs one per rating (2).'],
        )
