"""An assessment's results as CSV rows, safe to open in a spreadsheet, produced as a stream."""

import csv
import re
from collections.abc import Iterable, Iterator
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import slugify

from assessments.definition import ratings_on_scale
from assessments.models import Assessment
from assessments.texts import chosen_text
from reports.sources import AnswerSources
from results.models import AssessmentResult
from teams.models import Round, round_label

# Spreadsheets treat a cell starting with one of these as a formula (or, for tab
# and carriage return, strip it and then look again): OWASP "CSV injection".
# A set of one-character strings: looked up once per text cell of an export.
FORMULA_STARTS = frozenset({"=", "+", "-", "@", "\t", "\r"})
CHUNK_SIZE = 2000
LINES_PER_CHUNK = 200


def neutralise_formula(value: str) -> str:
    """Prefix a single quote to text a spreadsheet would run as a formula."""
    return f"'{value}" if value[:1] in FORMULA_STARTS else value


def csv_header(*, assessment: Assessment) -> list[str]:
    """The columns, in English like the rest of the header, with the categories named in the
    site's language: the same file whoever downloads it, for spreadsheets that read it again."""
    header = ["id", "name", "version", "submitted at"]
    for name, _ in assessment.stored_categories:
        site_name = chosen_text(name, language=settings.LANGUAGE_CODE)
        header += [f"{site_name} current", f"{site_name} desired"]
    if assessment.roles:
        header.append("role")
    # Last, so that the columns before it stay where spreadsheets built on them expect them.
    header.append("source")
    return header


def csv_rows(
    *,
    assessment: Assessment,
    results: QuerySet[AssessmentResult] | None = None,
    sources: AnswerSources,
) -> Iterator[list[Any]]:
    """The header, then one row per result (every result of the assessment, or `results`),
    oldest first, read from the database in chunks as plain values (no model per row: the
    export streams tens of thousands), each ending with where the answer came from."""
    yield csv_header(assessment=assessment)
    slugs = assessment.category_slugs
    top = assessment.top_rating
    has_roles = bool(assessment.roles)
    if results is None:
        results = AssessmentResult.objects.filter(assessment=assessment)
    values = results.order_by("created", "id").values_list(
        "id",
        "name",
        "assessment_version",
        "created",
        "current",
        "desired",
        "role",
        "team_scope",
        "user_id",
    )
    local = timezone.get_current_timezone()
    source_of = sources.of
    for pk, name, version, created, current, desired, role, team_scope, user_id in values.iterator(
        chunk_size=CHUNK_SIZE
    ):
        row = [str(pk), name, version, created.astimezone(local).isoformat(timespec="seconds")]
        stored = [answers.get(slug) for slug in slugs for answers in (current, desired)]
        # An empty cell where the result has no rating on the scale, "not applicable" too.
        row += ["" if rating is None else rating for rating in ratings_on_scale(stored, top=top)]
        if has_roles:
            row.append(role)
        row.append(source_of(team_scope=team_scope, user_id=user_id))
        yield row


class Echo:
    """A file-like object that hands back what is written, so csv.writer can feed a stream."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[list[Any]]) -> Iterator[str]:
    """The rows as CSV, with every text cell neutralised, LINES_PER_CHUNK lines at a time: the
    server writes each piece a stream yields on its own, so a piece per line would cost a
    write per row."""
    writer = csv.writer(Echo())
    lines = []
    for row in rows:
        lines.append(
            writer.writerow(
                [neutralise_formula(cell) if cell.__class__ is str else cell for cell in row]
            )
        )
        if len(lines) == LINES_PER_CHUNK:
            yield "".join(lines)
            lines = []
    if lines:
        yield "".join(lines)


def csv_filename(*, assessment: Assessment) -> str:
    """`<slug>-results.csv`, made only of safe characters whatever the slug holds."""
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", assessment.slug).strip("-") or "assessment"
    return f"{safe}-results.csv"


def round_csv_filename(team_round: Round) -> str:
    """`<round name>-results.csv`, the name slugified (its letters kept, accents and all: the
    download header encodes them)."""
    named = slugify(round_label(team_round), allow_unicode=True) or f"round-{team_round.pk}"
    return f"{named}-results.csv"
