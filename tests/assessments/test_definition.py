from django.core.exceptions import ValidationError
from django.test import SimpleTestCase

from assessments.definition import rating_on_scale, validate_definition


def errors_for(definition) -> list[str]:
    try:
        validate_definition(definition)
    except ValidationError as error:
        return error.messages
    return []


GOOD = {"categories": [["Jumping", "jumping"]], "ratings": ["Good", "Better"]}


class ValidateDefinitionTests(SimpleTestCase):
    def test_a_well_formed_definition_passes(self):
        self.assertEqual(errors_for({**GOOD, "wide-category": True}), [])

    def test_a_definition_that_is_not_an_object_is_refused(self):
        self.assertIn("must be a JSON object", errors_for(["jumping"])[0])

    def test_unknown_keys_are_named(self):
        self.assertIn("Unknown keys: colour", errors_for({**GOOD, "colour": "red"})[0])

    def test_missing_categories_are_refused(self):
        self.assertIn(
            '"categories" must be a non-empty list', errors_for({"ratings": ["a", "b"]})[0]
        )

    def test_more_categories_than_the_form_can_carry_are_refused(self):
        categories = [[f"Skill {n}", f"skill-{n}"] for n in range(101)]

        self.assertEqual(
            errors_for({**GOOD, "categories": categories}),
            ["An assessment can have at most 100 categories."],
        )

    def test_a_category_that_is_not_a_pair_is_refused(self):
        messages = errors_for({**GOOD, "categories": [["Jumping"]]})

        self.assertEqual(messages, ["Category 1 must be a [name, slug] pair of strings."])

    def test_a_category_with_an_empty_name_is_refused(self):
        self.assertEqual(
            errors_for({**GOOD, "categories": [["  ", "jumping"]]}),
            ["Category 1 has an empty name."],
        )

    def test_an_invalid_slug_is_refused(self):
        messages = errors_for({**GOOD, "categories": [["Jumping", "jump ing"]]})

        self.assertIn("is not a valid slug", messages[0])

    def test_an_overlong_slug_is_refused(self):
        messages = errors_for({**GOOD, "categories": [["Jumping", "j" * 51]]})

        self.assertIn("longer than 50 characters", messages[0])

    def test_duplicate_slugs_are_refused(self):
        messages = errors_for({**GOOD, "categories": [["Jumping", "jump"], ["Leaping", "jump"]]})

        self.assertEqual(messages, ["Category 2 slug 'jump' is used by an earlier category."])

    def test_slugs_that_collide_with_the_forms_own_fields_are_refused(self):
        for reserved in ["name", "v", "csrfmiddlewaretoken"]:
            with self.subTest(reserved=reserved):
                messages = errors_for({**GOOD, "categories": [["X", reserved]]})

                self.assertIn("collides with the form's own field", messages[0])

    def test_slugs_ending_in_levelup_are_refused(self):
        messages = errors_for({**GOOD, "categories": [["X", "jumping-levelup"]]})

        self.assertIn("must not end in '-levelup'", messages[0])

    def test_fewer_than_two_ratings_are_refused(self):
        self.assertIn("at least two labels", errors_for({**GOOD, "ratings": ["Only"]})[0])

    def test_empty_rating_labels_are_refused(self):
        self.assertIn("non-empty string", errors_for({**GOOD, "ratings": ["Good", ""]})[0])

    def test_nul_characters_in_category_names_and_rating_labels_are_refused(self):
        messages = errors_for({"categories": [["Jump\x00", "jumping"]], "ratings": ["a\x00", "b"]})

        self.assertEqual(
            messages,
            [
                "Category 1 name contains a NUL character.",
                "Rating labels must not contain NUL characters.",
            ],
        )

    def test_duplicate_rating_labels_are_refused(self):
        self.assertIn("must be unique", errors_for({**GOOD, "ratings": ["Good", "Good"]})[0])

    def test_wide_category_must_be_a_boolean(self):
        self.assertIn("true or false", errors_for({**GOOD, "wide-category": "yes"})[0])

    def test_every_problem_is_reported_at_once(self):
        messages = errors_for({"categories": [["X", "name"]], "ratings": ["Only"]})

        self.assertEqual(len(messages), 2)


class RatingOnScaleTests(SimpleTestCase):
    def test_only_whole_numbers_from_one_to_the_top_are_ratings(self):
        values = [2, 1, 3, 0, 4, -1, "2", True, False, 2.0, None, [2]]

        ratings = [rating_on_scale(value, top=3) for value in values]

        self.assertEqual(ratings, [2, 1, 3] + [None] * 9)
