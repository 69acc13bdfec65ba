"""Who a manager's view of an assessment shows: each person's latest result in the viewer's scope,
narrowed by the matrix's filters. The matrix page, its spreadsheet and the read API ask here."""

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Concat, Lower
from django.db.models.lookups import GreaterThanOrEqual
from django.utils import timezone

from assessments.models import Assessment
from results.models import AssessmentResult
from results.visibility import Viewer, managed_results
from teams.access import teams_managed_by
from teams.models import Member, Team


@dataclass(frozen=True)
class MatrixFilters:
    """The filters of a matrix page, validated (reports.forms.MatrixFilterForm): each one left
    at its default selects everyone."""

    team: Team | None = None
    role: str = ""
    q: str = ""
    category: str = ""
    at_least: int | None = None


EVERYONE = MatrixFilters()


def teams_fingerprint(viewer: Viewer) -> str:
    """Names the teams in the viewer's scope as a matrix page shows them (their names, as the
    source of answers, and their members, whom `?team=` selects): one query, for cache keys."""
    teams = (
        teams_managed_by(viewer)
        .order_by("pk")
        .annotate(
            member_count=Count("members"),
            accounts=Count("members__user"),
            account_sum=Sum("members__user_id"),
            removed=Count("members__removed_at"),
            last_removed=Max("members__removed_at"),
            last_member=Max("members__pk"),
        )
    )
    shown = teams.values_list(
        "pk",
        "name",
        "member_count",
        "accounts",
        "account_sum",
        "removed",
        "last_removed",
        "last_member",
    )
    return hashlib.sha256(repr(list(shown)).encode()).hexdigest()[:16]


def latest_results(*, viewer: Viewer, assessment: Assessment) -> QuerySet[AssessmentResult]:
    """Each person's latest result of the assessment among the results the viewer may read.

    A result is the latest of its person when no result of that person in the same scope is
    later by the one rule (results.models.newest_first_order: the newest `created`, then the
    greater id), written here as a condition so that the database keeps one row per person.
    """
    scope = assessment.results.filter(managed_results(viewer))
    later = scope.filter(person=OuterRef("person")).filter(
        Q(created__gt=OuterRef("created")) | Q(created=OuterRef("created"), pk__gt=OuterRef("pk"))
    )
    return scope.filter(~Exists(later))


def selected_latest_results(
    *, viewer: Viewer, assessment: Assessment, filters: MatrixFilters = EVERYONE
) -> QuerySet[AssessmentResult]:
    """The latest result of each person the filters select, in the viewer's scope, ordered by
    name (without case), then person: the rows of the matrix, before paging."""
    results = latest_results(viewer=viewer, assessment=assessment)
    if filters.team is not None:
        results = results.filter(person__in=member_person_keys(team=filters.team))
    if filters.role:
        results = results.filter(role=filters.role)
    if filters.q:
        results = results.filter(name__icontains=filters.q)
    if filters.category and filters.at_least is not None:
        rating = StoredRating("current", filters.category, top=assessment.top_rating)
        results = results.filter(GreaterThanOrEqual(rating, filters.at_least))
    return results.order_by(Lower("name"), "person", "pk")


def member_person_keys(*, team: Team) -> QuerySet[Member]:
    """The person keys of the team's current members, in the database (Member.person_key's rule):
    their account's once they have one, else the member's own."""
    key = Case(
        When(user__isnull=False, then=Concat(Value("user:"), Cast("user_id", CharField()))),
        default=Concat(Value("member:"), Cast("pk", CharField())),
        output_field=CharField(),
    )
    return Member.current.filter(team=team).annotate(key=key).values("key")


def stale_before(*, now: datetime | None = None) -> datetime:
    """A latest result stored before this is stale (settings.STALE_AFTER_DAYS)."""
    return (now or timezone.now()) - timedelta(days=settings.STALE_AFTER_DAYS)


class StoredRating(Func):
    """A stored rating read in the database by the one rule (assessments.definition's
    rating_on_scale): a whole number from 1 to `top` in the JSON field's `slug`, else NULL."""

    output_field = IntegerField()

    def __init__(self, field: str, slug: str, *, top: int) -> None:
        super().__init__(F(field))
        self.slug, self.top = slug, int(top)

    def as_sqlite(self, compiler, connection, **extra):
        column, params = compiler.compile(self.source_expressions[0])
        path = json_path(self.slug)
        value = f"json_extract({column}, %s)"
        sql = (
            f"(CASE WHEN json_type({column}, %s) = 'integer' AND {value} BETWEEN 1 AND {self.top}"
            f" THEN {value} END)"
        )
        return sql, (*params, path, *params, path, *params, path)

    def as_postgresql(self, compiler, connection, **extra):
        column, params = compiler.compile(self.source_expressions[0])
        text = f"({column} ->> %s)"
        # The inner CASE casts only what the outer one found to be digits.
        sql = (
            f"(CASE WHEN jsonb_typeof({column} -> %s) = 'number' AND {text} ~ '^[0-9]{{1,9}}$'"
            f" THEN (CASE WHEN {text}::integer BETWEEN 1 AND {self.top}"
            f" THEN {text}::integer END) END)"
        )
        return sql, (*params, self.slug, *params, self.slug, *params, self.slug, *params, self.slug)


def json_path(slug: str) -> str:
    """SQLite's JSON path to a key, quoted, since slugs hold hyphens."""
    return '$."' + slug.replace("\\", "\\\\").replace('"', '\\"') + '"'
