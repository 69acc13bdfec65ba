"""The matrix as a workbook to open in a spreadsheet: one sheet of people by category, one of the
category summaries. Written in openpyxl's write-only mode, row by row, so that its memory does not
grow with the cells of a company-wide matrix."""

import io
from collections.abc import Iterator, Sequence

from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from assessments.models import Assessment
from reports.export import csv_filename
from reports.matrix import CategorySummary, Person, colour_step, rating_of
from results.scoring import is_not_applicable

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The colour steps of the matrix page (.s1 to .s5 in static/css/site.css), light text on the
# two darkest as there; a test holds the two files to the same colours.
STEP_COLOURS = {1: "EFF3FF", 2: "C6DBEF", 3: "6BAED6", 4: "2171B5", 5: "08306B"}
LIGHT_TEXT_STEPS = frozenset({4, 5})
COMMENT_AUTHOR = "Assessor"
# Excel's limit for a sheet's title.
MAX_TITLE_LENGTH = 31


def results_workbook(
    *, assessment: Assessment, people: Sequence[Person], summaries: Sequence[CategorySummary]
) -> bytes:
    """The workbook's file. Its rows wait in openpyxl's temporary files, not in memory; only
    the compressed file is held, a few megabytes for ten thousand people."""
    workbook = Workbook(write_only=True)
    write_matrix_sheet(
        workbook.create_sheet(sheet_title(gettext("Matrix"))), assessment=assessment, people=people
    )
    write_summary_sheet(
        workbook.create_sheet(sheet_title(gettext("Summaries"))),
        assessment=assessment,
        summaries=summaries,
    )
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def xlsx_filename(*, assessment: Assessment) -> str:
    """`<slug>-results.xlsx`, as safe as the CSV's name."""
    return csv_filename(assessment=assessment).removesuffix(".csv") + ".xlsx"


def sheet_title(title: str) -> str:
    return title[:MAX_TITLE_LENGTH]


def text_cell(sheet: WriteOnlyWorksheet, text: str) -> WriteOnlyCell:
    """Text kept as text: a value starting with = + - @ is written unchanged as a string cell, so
    no spreadsheet runs it as a formula, and it gains no apostrophe. Characters no workbook may
    hold (control characters) are left out."""
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", text))
    # openpyxl takes text starting with "=" for a formula; a string cell is never one.
    cell.data_type = "s"
    return cell


def header_cells(sheet: WriteOnlyWorksheet, texts: Sequence[str]) -> list[WriteOnlyCell]:
    bold = Font(bold=True)
    cells = []
    for text in texts:
        cell = text_cell(sheet, text)
        cell.font = bold
        cells.append(cell)
    return cells


def write_matrix_sheet(
    sheet: WriteOnlyWorksheet, *, assessment: Assessment, people: Sequence[Person]
) -> None:
    """One row per person: their name, then per category the rating's number on the matrix's
    colour step with the rating's label as a comment; with roles, the role they compared with."""
    # The header row and the name column stay in view while the rest scrolls.
    sheet.freeze_panes = "B2"
    has_roles = bool(assessment.roles)
    header = [gettext("Person"), *(name for name, _ in assessment.categories)]
    if has_roles:
        header.append(gettext("Role"))
    sheet.append(header_cells(sheet, header))
    for row in matrix_rows(sheet, assessment=assessment, people=people, has_roles=has_roles):
        sheet.append(row)


def matrix_rows(
    sheet: WriteOnlyWorksheet,
    *,
    assessment: Assessment,
    people: Sequence[Person],
    has_roles: bool,
) -> Iterator[list]:
    top = assessment.top_rating
    labels = assessment.ratings
    fills = {
        step: PatternFill(fill_type="solid", start_color=colour, end_color=colour)
        for step, colour in STEP_COLOURS.items()
    }
    light_text = Font(color="FFFFFF")
    wants_levelup = gettext("wants to level up")
    not_applicable = gettext("n/a")
    for person in people:
        row: list = [text_cell(sheet, person.name)]
        for slug in assessment.category_slugs:
            value = rating_of(person, slug, top=top)
            if value is None:
                # "Not applicable" in words, as the page says it; nothing where there is no rating.
                row.append(
                    not_applicable if is_not_applicable(person.result.current, slug) else None
                )
                continue
            step = colour_step(value, top=top)
            label = labels[value - 1]
            if person.result.wants_levelup(slug):
                label = f"{label}, {wants_levelup}"
            cell = WriteOnlyCell(sheet, value=value)
            cell.fill = fills[step]
            if step in LIGHT_TEXT_STEPS:
                cell.font = light_text
            cell.comment = Comment(ILLEGAL_CHARACTERS_RE.sub("", label), COMMENT_AUTHOR)
            row.append(cell)
        if has_roles:
            role = person.result.compared_role
            row.append(text_cell(sheet, role.name) if role is not None else None)
        yield row


def write_summary_sheet(
    sheet: WriteOnlyWorksheet, *, assessment: Assessment, summaries: Sequence[CategorySummary]
) -> None:
    """One row per category: the averages, how many hold each rating, want to level up, hold a
    top rating (and answered "not applicable" where it is offered), as under the matrix."""
    sheet.freeze_panes = "B2"
    header = [
        gettext("Category"),
        gettext("Average"),
        gettext("Average desired"),
        *assessment.ratings,
        gettext("Want to level up"),
        gettext("Top rating"),
    ]
    offers_not_applicable = assessment.offers_not_applicable
    if offers_not_applicable:
        header.append(gettext("Not applicable"))
    sheet.append(header_cells(sheet, header))
    for summary in summaries:
        row = [
            text_cell(sheet, summary.name),
            rounded(summary.average),
            rounded(summary.desired_average),
            *summary.distribution,
            summary.levelups,
            summary.top_holders,
        ]
        if offers_not_applicable:
            row.append(summary.not_applicable)
        sheet.append(row)


def rounded(average: float | None) -> float | None:
    """An average to two places, as a number the spreadsheet can sum; empty when nobody rated."""
    return None if average is None else round(average, 2)
