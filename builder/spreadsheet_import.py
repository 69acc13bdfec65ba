"""Starting the builder from a spreadsheet of categories, .xlsx or .csv: the header row
`group, name, slug, description, level 1, …, level N`, then one row per category. What the file
holds becomes the builder's categories; the scale and the rest are typed in the builder."""

import csv
import io
import warnings
import zipfile
from collections.abc import Iterable, Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from assessments.definition import MAX_CATEGORIES, validate_definition
from builder.forms import suggested_slug
from builder.limits import MAX_BUILDER_BYTES, refuse_oversized_file

SPREADSHEET_SUFFIXES = (".xlsx", ".csv")
FIXED_COLUMNS = ("group", "name", "slug", "description")
LEVEL_COLUMN = "level {number}"
# No scale needs more; it also bounds the columns read from each row.
MAX_LEVELS = 20
# Rows read, blank ones included, before a file is refused as too long: a spreadsheet can hold a
# million rows that look empty.
MAX_ROWS_READ = 10 * MAX_CATEGORIES
# An .xlsx is a zip of XML: what it unpacks to is bounded before anything is unpacked, so a small
# file cannot unpack to gigabytes (a zip bomb). Python's zipfile never unpacks past the size a
# member declares. A real workbook of 100 categories unpacks to well under this.
MAX_UNPACKED_BYTES = 8 * MAX_BUILDER_BYTES
MAX_ZIP_MEMBERS = 100


def is_spreadsheet(filename: str) -> bool:
    """Recognised by the file's name, as the browser sends it."""
    return filename.lower().endswith(SPREADSHEET_SUFFIXES)


def read_category_sheet(upload: UploadedFile) -> dict:
    """The categories of the file, in the loader's format, or a ValidationError saying what is
    wrong with it."""
    refuse_oversized_file(upload)
    if upload.name.lower().endswith(".xlsx"):
        rows = list(xlsx_rows(upload))
    else:
        rows = list(csv_rows(upload))
    if not rows:
        raise ValidationError(_("This spreadsheet is empty."))
    header, *lines = rows
    levels = level_count(header)
    width = len(FIXED_COLUMNS) + levels
    entries = [category_entry(cells, width=width, levels=levels) for cells in lines]
    if not entries:
        raise ValidationError(_("This spreadsheet has no categories under its header row."))
    check_level_texts(entries, levels=levels)
    # The file has no scale, only its length (the level columns), which is all the checks need.
    scale = [str(step) for step in range(1, max(levels, 2) + 1)]
    validate_definition({"categories": entries, "ratings": scale})
    return {"categories": entries}


def level_count(header: list[str]) -> int:
    """N, from a header `group, name, slug, description, level 1, …, level N`."""
    header = trimmed(header)
    levels = len(header) - len(FIXED_COLUMNS)
    expected = [*FIXED_COLUMNS, *(LEVEL_COLUMN.format(number=n) for n in range(1, levels + 1))]
    if [cell.casefold() for cell in header] != expected or levels > MAX_LEVELS:
        raise ValidationError(
            _(
                "The first row must be the header “group, name, slug, description”, followed "
                "by “level 1”, “level 2” and so on for each rating (at most %(levels)d)."
            )
            % {"levels": MAX_LEVELS}
        )
    return levels


def trimmed(cells: list[str]) -> list[str]:
    """The row's cells without surrounding white space or empty cells at its end."""
    cells = [cell.strip() for cell in cells]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def category_entry(cells: list[str], *, width: int, levels: int) -> dict:
    cells = trimmed(cells)
    if len(cells) > width:
        raise ValidationError(
            _("A row has more cells than the header has columns: “%(name)s”.")
            % {"name": cells[1] if len(cells) > 1 else cells[0]}
        )
    group, name, slug, description, *texts = cells + [""] * (width - len(cells))
    entry: dict[str, Any] = {"name": name, "slug": slug or suggested_slug(name)}
    if group:
        entry["group"] = group
    if description:
        entry["description"] = description
    if any(texts):
        entry["levels"] = texts
    return entry


def check_level_texts(entries: list[dict], *, levels: int) -> None:
    """A category says what every rating means, or none: the builder has no empty line."""
    for entry in entries:
        if "" in entry.get("levels", []):
            raise ValidationError(
                _(
                    "“%(name)s” fills some level columns and leaves others empty: fill all "
                    "%(levels)d or none."
                )
                % {"name": entry["name"], "levels": levels}
            )


def data_rows(rows: Iterable[list[str]]) -> Iterator[list[str]]:
    """The header and the rows that hold anything; refused past the builder's categories, or
    past the rows read, blank ones included."""
    kept = 0
    for number, row in enumerate(rows, start=1):
        if number > MAX_ROWS_READ:
            raise ValidationError(
                _("This spreadsheet has more than %(rows)d rows.") % {"rows": MAX_ROWS_READ}
            )
        if not any(cell.strip() for cell in row):
            continue
        kept += 1
        # The header, and one row per category.
        if kept > 1 + MAX_CATEGORIES:
            raise ValidationError(
                _("An assessment can have at most %(limit)d categories.")
                % {"limit": MAX_CATEGORIES}
            )
        yield row


def csv_rows(upload: UploadedFile) -> Iterator[list[str]]:
    try:
        # CSV from a spreadsheet is UTF-8, often with a byte order mark.
        text = upload.read().decode("utf-8-sig")
        yield from data_rows(csv.reader(io.StringIO(text, newline="")))
    except (UnicodeError, csv.Error):
        raise ValidationError(_("This file is not CSV text in UTF-8.")) from None


def xlsx_rows(upload: UploadedFile) -> Iterator[list[str]]:
    refuse_zip_bomb(upload)
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles and extensions it does not read; none matter here.
            warnings.simplefilter("ignore")
            workbook = load_workbook(upload, read_only=True, data_only=True)
            try:
                sheet = workbook.worksheets[0]
                cells = sheet.iter_rows(
                    max_row=MAX_ROWS_READ + 1,
                    max_col=len(FIXED_COLUMNS) + MAX_LEVELS + 1,
                    values_only=True,
                )
                yield from data_rows([cell_text(value) for value in row] for row in cells)
            finally:
                workbook.close()
    except ValidationError:
        raise
    except Exception:
        # A damaged or hostile workbook makes openpyxl raise nearly anything (a missing part,
        # bad XML, an entity defusedxml forbids, a value of no known type): each means the
        # same to whoever uploaded it.
        raise not_a_workbook() from None


def refuse_zip_bomb(upload: UploadedFile) -> None:
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise not_a_workbook() from None
    unpacked = sum(member.file_size for member in members)
    if len(members) > MAX_ZIP_MEMBERS or unpacked > MAX_UNPACKED_BYTES:
        raise ValidationError(
            _("This spreadsheet unpacks to more than %(limit)s, the most the builder reads.")
            % {"limit": filesizeformat(MAX_UNPACKED_BYTES)}
        )


def not_a_workbook() -> ValidationError:
    return ValidationError(_("This file is not an Excel workbook (.xlsx)."))


def cell_text(value: Any) -> str:
    """A cell as text: a number typed into a slug or a level is the text it shows."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
