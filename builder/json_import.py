"""Starting the builder from a definition file: JSON within the builder's limits (or a
spreadsheet of categories, builder/spreadsheet_import.py), or a message saying what is wrong with
the file."""

import json
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessments.definition import validate_definition
from builder.forms import BuilderForm
from builder.limits import refuse_oversized_file
from builder.spreadsheet_import import is_spreadsheet, read_category_sheet

# A definition nests four levels (the object, its categories, a category, its levels); a
# document far deeper is not one, and Python's parser would run out of stack on it.
MAX_NESTING = 32
# Steps and targets are small numbers; Python would spend quadratic time on a long one.
MAX_DIGITS = 100


class TooManyDigits(ValueError):
    pass


class NotJson(ValueError):
    pass


class ImportForm(BuilderForm):
    """A definition file (as the loader reads, or as the builder downloads) to start from."""

    definition_file = forms.FileField(
        label=gettext_lazy("Start from a file"),
        help_text=gettext_lazy(
            "A JSON file as “Download as JSON” gives it, or as load_assessment reads it; or a "
            "spreadsheet of categories (.xlsx or .csv) whose first row is group, name, slug, "
            "description, level 1, level 2, … and then one row per category."
        ),
    )

    def clean_definition_file(self) -> dict:
        upload = self.cleaned_data["definition_file"]
        if is_spreadsheet(upload.name):
            return read_category_sheet(upload)
        data = read_definition_file(upload)
        if not isinstance(data, dict):
            raise ValidationError(_("The file must hold one JSON object."))
        name = data.get("name", "")
        if not isinstance(name, str | dict) or not isinstance(data.get("slug", ""), str):
            raise ValidationError(_("The file's name and slug must be text."))
        # A name per language is checked with the definition; a plain one as the builder's field.
        definition = {key: value for key, value in data.items() if key != "slug"}
        if isinstance(name, str):
            definition.pop("name", None)
        validate_definition(definition)
        return data


def read_definition_file(upload: UploadedFile) -> Any:
    """The file's JSON document, or a ValidationError saying why there is none."""
    refuse_oversized_file(upload)
    try:
        # JSON travels as UTF-8; a byte order mark, as some editors write, is allowed.
        document = json.loads(
            upload.read().decode("utf-8-sig"),
            parse_int=whole_number,
            parse_constant=refuse_constant,
        )
        # A lone surrogate (a "\ud800" escape) is no character: no page or database takes it.
        json.dumps(document, ensure_ascii=False).encode()
    except TooManyDigits:
        raise ValidationError(
            _("This file holds a number longer than %(digits)d digits.") % {"digits": MAX_DIGITS}
        ) from None
    except RecursionError:
        # Deeper than Python's stack, so far deeper than the limit.
        raise too_deep() from None
    except (UnicodeError, NotJson, json.JSONDecodeError):
        raise ValidationError(_("This file is not valid JSON.")) from None
    if nesting(document) > MAX_NESTING:
        raise too_deep()
    return document


def too_deep() -> ValidationError:
    return ValidationError(
        _("This file nests lists and objects deeper than %(levels)d levels.")
        % {"levels": MAX_NESTING}
    )


def whole_number(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise TooManyDigits(digits[:10])
    return int(digits)


def refuse_constant(name: str) -> float:
    """NaN and Infinity are JavaScript, not JSON."""
    raise NotJson(name)


def nesting(document: Any) -> int:
    """How many lists and objects deep the document goes (a number or text alone is 0)."""
    deepest, waiting = 0, [(document, 1)]
    while waiting:
        value, depth = waiting.pop()
        if isinstance(value, dict):
            value = list(value.values())
        if isinstance(value, list):
            deepest = max(deepest, depth)
            waiting.extend((child, depth + 1) for child in value)
    return deepest
