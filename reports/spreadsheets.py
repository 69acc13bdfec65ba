"""The matrix as a workbook to open in a spreadsheet: one sheet of people by category, one of the
category summaries. Written in openpyxl's write-only mode, row by row, and its notes (the rating
labels) streamed into the file, so that its memory does not grow with the cells of a company-wide
matrix."""

import datetime
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape
from zipfile import ZIP_DEFLATED, ZipFile

from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments.comment_sheet import CommentSheet
from openpyxl.packaging.relationship import Relationship
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.writer.excel import ExcelWriter

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
    # What Workbook.save() does, with the writer that streams the notes.
    workbook.properties.modified = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
    NotesStreamingWriter(workbook, ZipFile(output, "w", ZIP_DEFLATED, allowZip64=True)).save()
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
    notes = Notes()
    rows = matrix_rows(
        sheet, assessment=assessment, people=people, has_roles=has_roles, notes=notes
    )
    for row in rows:
        sheet.append(row)
    notes.attach_to(sheet)


def matrix_rows(
    sheet: WriteOnlyWorksheet,
    *,
    assessment: Assessment,
    people: Sequence[Person],
    has_roles: bool,
    notes: "Notes",
) -> Iterator[list]:
    top = assessment.top_rating
    labels = [ILLEGAL_CHARACTERS_RE.sub("", label) for label in assessment.ratings]
    fills = {
        step: PatternFill(fill_type="solid", start_color=colour, end_color=colour)
        for step, colour in STEP_COLOURS.items()
    }
    light_text = Font(color="FFFFFF")
    wants_levelup = gettext("wants to level up")
    not_applicable = gettext("n/a")
    # The header is row 1, and the ratings start in the second column.
    for row_number, person in enumerate(people, start=2):
        row: list = [text_cell(sheet, person.name)]
        for column_number, slug in enumerate(assessment.category_slugs, start=2):
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
            notes.add(row=row_number, column=column_number, text=label)
            row.append(cell)
        if has_roles:
            role = person.result.compared_role
            row.append(text_cell(sheet, role.name) if role is not None else None)
        yield row


@dataclass
class Notes:
    """The notes of one sheet, kept small until the file is written: a cell's position and the
    number of its text, as tens of thousands of cells share a handful of texts."""

    texts: list[str] = field(default_factory=list)
    cells: list[tuple[int, int, int]] = field(default_factory=list)
    numbers: dict[str, int] = field(default_factory=dict)

    def add(self, *, row: int, column: int, text: str) -> None:
        number = self.numbers.setdefault(text, len(self.texts))
        if number == len(self.texts):
            self.texts.append(text)
        self.cells.append((row, column, number))

    def __len__(self) -> int:
        return len(self.cells)

    def attach_to(self, sheet: WriteOnlyWorksheet) -> None:
        """Before the sheet is closed, so that it refers to its notes' drawing."""
        if self.cells:
            sheet._comments = self
            sheet.legacy_drawing = "xl/drawings/commentsDrawing1.vml"


NOTES_XML_START = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    "<authors><author>{author}</author></authors><commentList>"
)
NOTE_XML = '<comment ref="{ref}" authorId="0"><text><t>{text}</t></text></comment>'
NOTES_XML_END = "</commentList></comments>"
# The notes' boxes, as openpyxl draws them (openpyxl.comments.shape_writer): Excel shows a note
# only with its box in this legacy drawing. Each block of 1024 shape ids is listed in the idmap.
VML_START = (
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"'
    ' xmlns:x="urn:schemas-microsoft-com:office:excel">'
    '<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="{blocks}"/></o:shapelayout>'
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202"'
    ' path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>'
    '<v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
)
VML_SHAPE = (
    '<v:shape id="_x0000_s{id:04d}" type="#_x0000_t202" style="position:absolute;'
    ' margin-left:59.25pt;margin-top:1.5pt;width:144px;height:79px;z-index:1;visibility:hidden"'
    ' fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/>'
    '<v:shadow color="black" obscured="t"/><v:path o:connecttype="none"/>'
    '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"/></v:textbox>'
    '<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>'
    "<x:AutoFill>False</x:AutoFill><x:Row>{row}</x:Row><x:Column>{column}</x:Column>"
    "</x:ClientData></v:shape>"
)
VML_END = "</xml>"
FIRST_SHAPE_ID = 1025


@dataclass(frozen=True)
class NotesPart:
    """The notes' part of the package, as the manifest lists it."""

    path: str
    mime_type: str = CommentSheet.mime_type


class NotesStreamingWriter(ExcelWriter):
    """openpyxl's writer, but a sheet's notes are written straight into the file, line by line.
    openpyxl builds an object per note and both XML trees whole, some 5 kB per note: a matrix of
    10,000 people would take gigabytes."""

    def _write_comment(self, ws: WriteOnlyWorksheet) -> None:
        notes: Notes = ws._comments
        part = NotesPart(path=f"/xl/comments/comment{len(self._comments) + 1}.xml")
        self._comments.append(part)
        self.manifest.append(part)
        texts = [escape(text) for text in notes.texts]
        with self._archive.open(part.path[1:], "w") as stream:
            stream.write(NOTES_XML_START.format(author=COMMENT_AUTHOR).encode())
            for row, column, number in notes.cells:
                ref = f"{get_column_letter(column)}{row}"
                stream.write(NOTE_XML.format(ref=ref, text=texts[number]).encode())
            stream.write(NOTES_XML_END.encode())
        ws.legacy_drawing = f"xl/drawings/commentsDrawing{len(self._comments)}.vml"
        last_block = (FIRST_SHAPE_ID + len(notes)) // 1024
        with self._archive.open(ws.legacy_drawing, "w") as stream:
            blocks = ",".join(str(block) for block in range(1, last_block + 1))
            stream.write(VML_START.format(blocks=blocks).encode())
            for shape_id, (row, column, _) in enumerate(notes.cells, start=FIRST_SHAPE_ID):
                # The drawing counts rows and columns from 0.
                shape = VML_SHAPE.format(id=shape_id, row=row - 1, column=column - 1)
                stream.write(shape.encode())
            stream.write(VML_END.encode())
        ws._rels.append(Relationship(Id="comments", type=CommentSheet._rel_type, Target=part.path))


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
