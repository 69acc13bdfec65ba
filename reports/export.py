"""An assessment's results as CSV rows, safe to open in a spreadsheet, produced as a stream."""

import csv
import re
from collections.abc import Iterable, Iterator
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import slugify

from assessments.models import Assessment
from assessments.texts import chosen_text
from results.models import AssessmentResult
from teams.models import Round, round_label

# Spreadsheets treat a cell starting with one of these as a formula (or, for tab
# and carriage return, strip it and then look again): OWASP "CSV injection".
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CHUNK_SIZE = 500


def neutralise_formula(value: str) -> str:
    """Prefix a single quote to text a spreadsheet would run as a formula."""
    return f"'{value}" if value.startswith(FORMULA_PREFIXES) else value


def csv_header(*, assessment: Assessment) -> list[str]:
    """The columns, in English like the rest of the header, with the categories named in the
    site's language: the same file whoever downloads it, for spreadsheets that read it again."""
    header = ["id", "name", "version", "submitted at"]
    for name, _ in assessment.stored_categories:
        site_name = chosen_text(name, language=settings.LANGUAGE_CODE)
        header += [f"{site_name} current", f"{site_name} desired"]
    if assessment.roles:
        header.append("role")
    return header


def csv_rows(
    *, assessment: Assessment, results: QuerySet[AssessmentResult] | None = None
) -> Iterator[list[Any]]:
    """The header, then one row per result (every result of the assessment, or `results`),
    oldest first, read from the database in chunks."""
    yield csv_header(assessment=assessment)
    slugs = assessment.category_slugs
    has_roles = bool(assessment.roles)
    if results is None:
        results = AssessmentResult.objects.filter(assessment=assessment)
    results = results.only(
        "id", "name", "assessment_version", "created", "current", "desired", "role"
    ).order_by("created", "id")
    for result in results.iterator(chunk_size=CHUNK_SIZE):
        row = [
            str(result.id),
            result.name,
            result.assessment_version,
            timezone.localtime(result.created).isoformat(timespec="seconds"),
        ]
        for slug in slugs:
            current, desired = result.current.get(slug), result.desired.get(slug)
            # An empty cell where the result has no rating on the scale, "not applicable" too.
            row += [assessment.rating(current) or "", assessment.rating(desired) or ""]
        if has_roles:
            row.append(result.role)
        yield row


class Echo:
    """A file-like object that hands back what is written, so csv.writer can feed a stream."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[list[Any]]) -> Iterator[str]:
    """Each row as one line of CSV, with every text cell neutralised."""
    writer = csv.writer(Echo())
    for row in rows:
        yield writer.writerow(
            [neutralise_formula(cell) if isinstance(cell, str) else cell for cell in row]
        )


def csv_filename(*, assessment: Assessment) -> str:
    """`<slug>-results.csv`, made only of safe characters whatever the slug holds."""
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", assessment.slug).strip("-") or "assessment"
    return f"{safe}-results.csv"


def round_csv_filename(team_round: Round) -> str:
    """`<round name>-results.csv`, the name slugified (its letters kept, accents and all: the
    download header encodes them)."""
    named = slugify(round_label(team_round), allow_unicode=True) or f"round-{team_round.pk}"
    return f"{named}-results.csv"
