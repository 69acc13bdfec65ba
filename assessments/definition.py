"""The shape of an assessment definition (categories and rating scale) and its validation."""

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_slug
from django.utils.translation import gettext

from assessments.texts import NUL, Text, chosen_text, language_codes, text_problem

# Names the answer form uses for itself; a category slug must not shadow them.
RESERVED_FIELD_NAMES = frozenset({"name", "v", "csrfmiddlewaretoken"})
LEVELUP_SUFFIX = "-levelup"
DEFINITION_KEYS = frozenset(
    {"name", "description", "categories", "ratings", "wide-category", "not-applicable", "roles"}
)
CATEGORY_KEYS = frozenset({"name", "slug", "description", "group", "levels", "resources"})
RESOURCE_KEYS = frozenset({"title", "url"})
# Learning resources: a few well-chosen links per category, not a library.
MAX_RESOURCES = 10
MAX_RESOURCE_TITLE_LENGTH = 200
MAX_RESOURCE_URL_LENGTH = 2000
RESOURCE_SCHEMES = ("http", "https")
ROLE_KEYS = frozenset({"name", "slug", "targets"})
# With roles, the answer form has a `role` field of its own.
ROLE_FIELD = "role"
# The value a category's radio group posts for "Not applicable".
NOT_APPLICABLE = "na"
MAX_SLUG_LENGTH = 50
# The answer form has two fields per category; settings.DATA_UPLOAD_MAX_NUMBER_FIELDS is
# sized so that the biggest allowed assessment still fits in one request.
MAX_CATEGORIES = 100
# Assessment.name holds at most this many characters, in every language.
MAX_NAME_LENGTH = 200


# Control characters (C0, DEL, C1) and the line and paragraph separators.
NOT_IN_ONE_LINE = frozenset({"Cc", "Zl", "Zp"})


def validate_one_line_name(name: str) -> None:
    """A name people are known by is one line of text: an assessment's, a team's or a member's
    name goes into email headers (a subject, an address), where a line break ends the header."""
    if any(unicodedata.category(character) in NOT_IN_ONE_LINE for character in name):
        raise ValidationError(
            gettext("A name must be one line, without line breaks or control characters."),
            code="not_one_line",
        )


def rating_on_scale(value: Any, *, top: int) -> int | None:
    """The one rule for reading a stored rating: a whole number from 1 to `top` is a rating;
    anything else (missing, out of range, text, a boolean) is no rating at all."""
    # bool is an int in Python, but True is not a rating.
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= top:
        return value
    return None


def ratings_on_scale(values: Iterable[Any], *, top: int) -> list[int | None]:
    """rating_on_scale for many values at once, for exports that read hundreds of thousands:
    the same rule (`type(...) is int` leaves booleans out) without a call per value."""
    return [value if type(value) is int and 1 <= value <= top else None for value in values]


def validate_definition(definition: Any) -> None:
    """Raise a ValidationError listing everything wrong with an assessment definition."""
    if not isinstance(definition, dict):
        raise ValidationError(
            gettext(
                'The definition must be a JSON object like {"categories": [...], "ratings": [...]}.'
            )
        )
    errors = []
    unknown = sorted(set(definition) - DEFINITION_KEYS)
    if unknown:
        errors.append(
            gettext("Unknown keys: %(unknown)s. Allowed: %(allowed)s.")
            % {"unknown": ", ".join(unknown), "allowed": ", ".join(sorted(DEFINITION_KEYS))}
        )
    rating_errors = _rating_errors(definition.get("ratings"))
    # Level texts and targets are checked against the scale only when there is one.
    top = None if rating_errors else len(definition["ratings"])
    roles = definition.get("roles", [])
    reserved = reserved_category_slugs(with_roles=bool(roles))
    errors += _category_errors(definition.get("categories"), top=top, reserved=reserved)
    errors += rating_errors
    for key in ["wide-category", "not-applicable"]:
        if not isinstance(definition.get(key, False), bool):
            errors.append(gettext('"%(key)s" must be true or false.') % {"key": key})
    errors += _role_errors(roles, categories=definition.get("categories"), top=top)
    errors += _name_errors(definition)
    if errors:
        raise ValidationError(errors)


def _category_errors(categories: Any, *, top: int | None, reserved: frozenset[str]) -> list[str]:
    if not isinstance(categories, list) or not categories:
        return [gettext('"categories" must be a non-empty list of [name, slug] pairs or objects.')]
    if len(categories) > MAX_CATEGORIES:
        return [
            gettext("An assessment can have at most %(limit)d categories.")
            % {"limit": MAX_CATEGORIES}
        ]
    errors = []
    seen: set[str] = set()
    for position, category in enumerate(categories, start=1):
        if isinstance(category, dict):
            errors += _category_object_errors(position, category, top=top)
            name, slug = category.get("name"), category.get("slug")
            if not isinstance(name, str | dict) or not isinstance(slug, str):
                continue
        elif (
            isinstance(category, list)
            and len(category) == 2
            and isinstance(category[0], str | dict)
            and isinstance(category[1], str)
        ):
            name, slug = category
        else:
            errors.append(
                gettext("Category %(position)d must be a [name, slug] pair of strings.")
                % {"position": position}
            )
            continue
        if isinstance(name, dict):
            where = gettext("Category %(position)d name") % {"position": position}
            errors += _text_errors(name, where=where)
        elif not name.strip():
            errors.append(
                gettext("Category %(position)d has an empty name.") % {"position": position}
            )
        elif NUL in name:
            errors.append(
                gettext("Category %(position)d name contains a NUL character.")
                % {"position": position}
            )
        errors += _slug_errors(position, slug, seen, reserved=reserved)
        seen.add(slug)
    return errors


def _category_object_errors(position: int, category: dict, *, top: int | None) -> list[str]:
    label = gettext("Category %(position)d") % {"position": position}
    errors = []
    unknown = sorted(set(category) - CATEGORY_KEYS)
    if unknown:
        errors.append(
            gettext("%(label)s has unknown keys: %(unknown)s.")
            % {"label": label, "unknown": ", ".join(unknown)}
        )
    for key, kind in [("name", str | dict), ("slug", str)]:
        if not isinstance(category.get(key), kind):
            errors.append(
                gettext('%(label)s needs a text "%(key)s".') % {"label": label, "key": key}
            )
    for key in ["description", "group"]:
        text = category.get(key, "")
        if isinstance(text, dict):
            errors += _text_errors(text, where=f'{label} "{key}"', may_be_empty=True)
        elif not _is_text(text):
            errors.append(
                gettext('%(label)s "%(key)s" must be text without NUL characters.')
                % {"label": label, "key": key}
            )
    errors += [
        gettext("%(label)s %(problem)s") % {"label": label, "problem": problem}
        for problem in resources_problems(category.get("resources", []))
    ]
    levels = category.get("levels")
    if levels is None:
        return errors
    if not isinstance(levels, list) or not all(
        _is_text(text) or isinstance(text, dict) for text in levels
    ):
        errors.append(
            gettext('%(label)s "levels" must be a list of texts, one per rating.')
            % {"label": label}
        )
        return errors
    for number, text in enumerate(levels, start=1):
        if isinstance(text, dict):
            where = gettext("%(label)s level text %(number)d") % {"label": label, "number": number}
            errors += _text_errors(text, where=where, may_be_empty=True)
    if errors:
        return errors
    elif top is not None and len(levels) != top:
        errors.append(
            gettext('%(label)s has %(count)d level texts; "levels" needs one per rating (%(top)d).')
            % {"label": label, "count": len(levels), "top": top}
        )
    return errors


def resources_problems(resources: Any) -> list[str]:
    """What is wrong with a category's learning resources ("resource 2 ..."), the same words
    for the loader, the admin and the builder: at most MAX_RESOURCES, each a title of one line
    and an http or https address."""
    if not isinstance(resources, list) or not all(isinstance(entry, dict) for entry in resources):
        return [gettext('"resources" must be a list of {"title": …, "url": …} objects.')]
    if len(resources) > MAX_RESOURCES:
        return [
            gettext("can list at most %(limit)d resources, not %(count)d.")
            % {"limit": MAX_RESOURCES, "count": len(resources)}
        ]
    problems = []
    for number, resource in enumerate(resources, start=1):
        unknown = sorted(set(resource) - RESOURCE_KEYS)
        if unknown:
            problems.append(
                gettext("resource %(number)d has unknown keys: %(unknown)s.")
                % {"number": number, "unknown": ", ".join(unknown)}
            )
        problem = resource_problem(resource.get("title"), resource.get("url"))
        if problem:
            problems.append(
                gettext("resource %(number)d %(problem)s") % {"number": number, "problem": problem}
            )
    return problems


def resource_problem(title: Any, url: Any) -> str | None:
    """What is wrong with one resource ("needs ..."), or None when nothing is."""
    if not _is_text(title) or not title.strip():
        return gettext("needs a title.")
    if len(title) > MAX_RESOURCE_TITLE_LENGTH:
        return gettext("has a title longer than %(limit)d characters.") % {
            "limit": MAX_RESOURCE_TITLE_LENGTH
        }
    if any(unicodedata.category(character) in NOT_IN_ONE_LINE for character in title):
        return gettext("has a title of more than one line.")
    if not is_resource_url(url):
        return gettext("needs an http:// or https:// address.")
    return None


def is_resource_url(url: Any) -> bool:
    """An absolute http or https address: never javascript:, data: or a path on this site."""
    if not isinstance(url, str) or len(url) > MAX_RESOURCE_URL_LENGTH:
        return False
    try:
        URLValidator(schemes=RESOURCE_SCHEMES)(url)
    except ValidationError:
        return False
    return True


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and NUL not in value


def _text_errors(text: Text, *, where: str, may_be_empty: bool = False) -> list[str]:
    """What is wrong with a text given per language, said of `where` ("Category 2 name")."""
    problem = text_problem(text, may_be_empty=may_be_empty)
    if problem is None:
        return []
    return [gettext("%(where)s %(problem)s") % {"where": where, "problem": problem}]


def _name_errors(definition: dict) -> list[str]:
    """The assessment's own name and description, when the definition gives them (per
    language); a plain name is usually the model's, not the definition's."""
    errors = []
    if "name" in definition:
        name = definition["name"]
        errors += _text_errors(name, where=gettext('"name"'))
        names = name.values() if isinstance(name, dict) else [name]
        if not errors and any(len(text) > MAX_NAME_LENGTH for text in names):
            errors.append(
                gettext('"name" can be at most %(limit)d characters long in every language.')
                % {"limit": MAX_NAME_LENGTH}
            )
        if not errors:
            try:
                for text in names:
                    validate_one_line_name(text)
            except ValidationError as error:
                errors += error.messages
    if "description" in definition:
        errors += _text_errors(
            definition["description"], where=gettext('"description"'), may_be_empty=True
        )
    return errors


def _slug_errors(
    position: int, slug: str, seen: set[str], *, reserved: frozenset[str]
) -> list[str]:
    problem = category_slug_problem(slug, earlier=seen, reserved=reserved)
    if problem is None:
        return []
    return [
        gettext("Category %(position)d slug %(slug)s %(problem)s")
        % {"position": position, "slug": repr(slug), "problem": problem}
    ]


def reserved_category_slugs(*, with_roles: bool) -> frozenset[str]:
    """The names a category slug must not take: the answer form's own fields."""
    return RESERVED_FIELD_NAMES | ({ROLE_FIELD} if with_roles else frozenset())


def category_slug_problem(slug: str, *, earlier: set[str], reserved: frozenset[str]) -> str | None:
    """What is wrong with a category's slug ("is ..."), or None when nothing is."""
    if not _is_valid_slug(slug):
        if len(slug) > MAX_SLUG_LENGTH:
            return gettext("is longer than %(limit)d characters.") % {"limit": MAX_SLUG_LENGTH}
        return gettext("is not a valid slug (letters, numbers, hyphens, underscores).")
    if slug in earlier:
        return gettext("is used by an earlier category.")
    if slug in reserved:
        return gettext("collides with the form's own field of that name.")
    if slug.endswith(LEVELUP_SUFFIX):
        return gettext("must not end in %(suffix)s.") % {"suffix": repr(LEVELUP_SUFFIX)}
    return None


def _role_errors(roles: Any, *, categories: Any, top: int | None) -> list[str]:
    if not isinstance(roles, list) or not all(isinstance(role, dict) for role in roles):
        return [gettext('"roles" must be a list of objects with "name", "slug" and "targets".')]
    known = {category_pair(entry)[1] for entry in _readable_categories(categories)}
    errors = []
    seen: set[str] = set()
    for position, role in enumerate(roles, start=1):
        label = gettext("Role %(position)d") % {"position": position}
        unknown = sorted(set(role) - ROLE_KEYS)
        if unknown:
            errors.append(
                gettext("%(label)s has unknown keys: %(unknown)s.")
                % {"label": label, "unknown": ", ".join(unknown)}
            )
        name, slug, targets = role.get("name"), role.get("slug"), role.get("targets", {})
        if isinstance(name, dict):
            errors += _text_errors(name, where=gettext("%(label)s name") % {"label": label})
        elif not _is_text(name) or not name.strip():
            errors.append(gettext('%(label)s needs a non-empty text "name".') % {"label": label})
        if not isinstance(slug, str) or not _is_valid_slug(slug):
            errors.append(
                gettext('%(label)s needs a "slug" of letters, numbers, hyphens, underscores.')
                % {"label": label}
            )
        elif slug in seen:
            errors.append(
                gettext("%(label)s slug %(slug)s is used by an earlier role.")
                % {"label": label, "slug": repr(slug)}
            )
        else:
            seen.add(slug)
        if not isinstance(targets, dict):
            errors.append(
                gettext('%(label)s "targets" must be an object of category slug: rating.')
                % {"label": label}
            )
            continue
        for category_slug, target in targets.items():
            if category_slug not in known:
                errors.append(
                    gettext("%(label)s has a target for an unknown category %(slug)s.")
                    % {"label": label, "slug": repr(category_slug)}
                )
            elif top is not None and rating_on_scale(target, top=top) is None:
                errors.append(
                    gettext(
                        "%(label)s target for %(slug)s must be a whole number from 1 to %(top)d."
                    )
                    % {"label": label, "slug": repr(category_slug), "top": top}
                )
    return errors


def _is_valid_slug(slug: str) -> bool:
    try:
        validate_slug(slug)
    except ValidationError:
        return False
    return len(slug) <= MAX_SLUG_LENGTH


def _rating_errors(ratings: Any) -> list[str]:
    if not isinstance(ratings, list) or len(ratings) < 2:
        return [gettext('"ratings" must be a list of at least two labels, lowest first.')]
    errors = []
    for number, label in enumerate(ratings, start=1):
        if isinstance(label, dict):
            where = gettext("Rating label %(number)d") % {"number": number}
            errors += _text_errors(label, where=where)
    if errors:
        return errors
    plain = [label for label in ratings if not isinstance(label, dict)]
    if not all(isinstance(label, str) and label.strip() for label in plain):
        return [gettext("Every rating label must be a non-empty string.")]
    if any(NUL in label for label in plain):
        return [gettext("Rating labels must not contain NUL characters.")]
    # Two steps with one label would be one choice to a reader of some language.
    for code in language_codes():
        labels = [chosen_text(label, language=code) for label in ratings]
        if len(set(labels)) != len(labels):
            return [gettext("Rating labels must be unique.")]
    return []


# Words the site's own addresses use after /manage/, so no assessment may be called one.
RESERVED_ASSESSMENT_SLUGS = frozenset({"assessments", "experts", "rounds", "teams"})


def validate_assessment_slug(slug: str) -> None:
    """Refuse an assessment slug that /manage/<slug>/ would confuse with one of the site's pages."""
    if slug in RESERVED_ASSESSMENT_SLUGS:
        raise ValidationError(
            gettext("%(slug)s is reserved for the site's own pages; choose another slug.")
            % {"slug": repr(slug)},
            code="reserved",
        )


@dataclass(frozen=True)
class Category:
    """One category with everything the definition says about it."""

    name: str
    slug: str
    description: str = ""
    group: str = ""
    levels: tuple[str, ...] = ()
    resources: tuple["Resource", ...] = ()


@dataclass(frozen=True)
class Resource:
    """A link to learn a category's skill from."""

    title: str
    url: str


@dataclass(frozen=True)
class Group:
    """Categories under one heading; the heading is empty for ungrouped categories."""

    name: str
    categories: tuple[Category, ...]


@dataclass(frozen=True)
class Role:
    """A role and the target rating (a 1-based step of the scale) it sets per category."""

    name: str
    slug: str
    targets: dict[str, int] = field(default_factory=dict)


def category_pair(entry: Any) -> list[Any]:
    """A category as the `[name, slug]` pair, whichever form the definition wrote it in; the
    name as stored (one text, or one per language)."""
    if isinstance(entry, dict):
        return [entry.get("name", ""), entry.get("slug", "")]
    return list(entry)


def category_details(entry: Any) -> Category:
    """A category with its texts in the reader's language (see chosen_text)."""
    if not isinstance(entry, dict):
        name, slug = entry
        return Category(name=chosen_text(name), slug=slug)
    return Category(
        name=chosen_text(entry["name"]),
        slug=entry["slug"],
        description=chosen_text(entry.get("description", "")),
        group=chosen_text(entry.get("group", "")),
        levels=tuple(chosen_text(text) for text in entry.get("levels") or ()),
        resources=tuple(
            Resource(title=resource["title"], url=resource["url"])
            for resource in entry.get("resources") or ()
        ),
    )


def grouped(categories: list[Category]) -> list[Group]:
    """Categories under their groups, in the order each group first appears; ungrouped first."""
    members: dict[str, list[Category]] = {"": []}
    for category in categories:
        members.setdefault(category.group, []).append(category)
    return [Group(name, tuple(found)) for name, found in members.items() if found]


def _readable_categories(categories: Any) -> list[Any]:
    """The entries of a possibly invalid category list that have a name and a slug."""
    if not isinstance(categories, list):
        return []
    return [
        entry
        for entry in categories
        if (isinstance(entry, dict) and isinstance(entry.get("slug"), str))
        or (isinstance(entry, list) and len(entry) == 2)
    ]
