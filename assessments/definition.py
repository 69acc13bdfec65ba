"""The shape of an assessment definition (categories and rating scale) and its validation."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug

# Names the answer form uses for itself; a category slug must not shadow them.
RESERVED_FIELD_NAMES = frozenset({"name", "v", "csrfmiddlewaretoken"})
LEVELUP_SUFFIX = "-levelup"
DEFINITION_KEYS = frozenset({"categories", "ratings", "wide-category"})
MAX_SLUG_LENGTH = 50
# The answer form has two fields per category; settings.DATA_UPLOAD_MAX_NUMBER_FIELDS is
# sized so that the biggest allowed assessment still fits in one request.
MAX_CATEGORIES = 100
# PostgreSQL cannot store it, and no label needs it.
NUL = "\x00"


def rating_on_scale(value: Any, *, top: int) -> int | None:
    """The one rule for reading a stored rating: a whole number from 1 to `top` is a rating;
    anything else (missing, out of range, text, a boolean) is no rating at all."""
    # bool is an int in Python, but True is not a rating.
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= top:
        return value
    return None


def validate_definition(definition: Any) -> None:
    """Raise a ValidationError listing everything wrong with an assessment definition."""
    if not isinstance(definition, dict):
        raise ValidationError(
            'The definition must be a JSON object like {"categories": [...], "ratings": [...]}.'
        )
    errors = []
    unknown = sorted(set(definition) - DEFINITION_KEYS)
    if unknown:
        errors.append(
            f"Unknown keys: {', '.join(unknown)}. Allowed: categories, ratings, wide-category."
        )
    errors += _category_errors(definition.get("categories"))
    errors += _rating_errors(definition.get("ratings"))
    if not isinstance(definition.get("wide-category", False), bool):
        errors.append('"wide-category" must be true or false.')
    if errors:
        raise ValidationError(errors)


def _category_errors(categories: Any) -> list[str]:
    if not isinstance(categories, list) or not categories:
        return ['"categories" must be a non-empty list of [name, slug] pairs.']
    if len(categories) > MAX_CATEGORIES:
        return [f"An assessment can have at most {MAX_CATEGORIES} categories."]
    errors = []
    seen: set[str] = set()
    for position, category in enumerate(categories, start=1):
        if (
            not isinstance(category, list)
            or len(category) != 2
            or not all(isinstance(part, str) for part in category)
        ):
            errors.append(f"Category {position} must be a [name, slug] pair of strings.")
            continue
        name, slug = category
        if not name.strip():
            errors.append(f"Category {position} has an empty name.")
        if NUL in name:
            errors.append(f"Category {position} name contains a NUL character.")
        errors += _slug_errors(position, slug, seen)
        seen.add(slug)
    return errors


def _slug_errors(position: int, slug: str, seen: set[str]) -> list[str]:
    label = f"Category {position} slug {slug!r}"
    try:
        validate_slug(slug)
    except ValidationError:
        return [f"{label} is not a valid slug (letters, numbers, hyphens, underscores)."]
    if len(slug) > MAX_SLUG_LENGTH:
        return [f"{label} is longer than {MAX_SLUG_LENGTH} characters."]
    if slug in seen:
        return [f"{label} is used by an earlier category."]
    if slug in RESERVED_FIELD_NAMES:
        return [f"{label} collides with the form's own field of that name."]
    if slug.endswith(LEVELUP_SUFFIX):
        return [f"{label} must not end in {LEVELUP_SUFFIX!r}."]
    return []


def _rating_errors(ratings: Any) -> list[str]:
    if not isinstance(ratings, list) or len(ratings) < 2:
        return ['"ratings" must be a list of at least two labels, lowest first.']
    if not all(isinstance(label, str) and label.strip() for label in ratings):
        return ["Every rating label must be a non-empty string."]
    if any(NUL in label for label in ratings):
        return ["Rating labels must not contain NUL characters."]
    if len(set(ratings)) != len(ratings):
        return ["Rating labels must be unique."]
    return []
