"""How a team changes round by round: per category the average current rating and how many
hold a top rating, over each member's latest result in each round, and the response rate; and
the chart of a few of those categories."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F

from charts.trend import MAX_LINES, TrendChart, TrendLine, trend_chart
from reports.matrix import category_summaries, people_from_results
from reports.rounds import response_rate
from results.models import AssessmentResult
from teams.models import Round, Team, round_label


@dataclass(frozen=True)
class CategoryFigures:
    average: float | None
    top: int


@dataclass(frozen=True)
class RoundFigures:
    round: Round
    invited: int
    answered: int
    # By category slug; categories are matched by slug across the versions of an assessment.
    categories: dict[str, CategoryFigures]

    @property
    def label(self) -> str:
        return round_label(self.round)

    @property
    def response_rate(self) -> int | None:
        return response_rate(invited=self.invited, answered=self.answered)


@dataclass(frozen=True)
class CategoryColumn:
    """One category across the rounds, named as the latest version that asks it names it."""

    slug: str
    name: str
    figures: list[CategoryFigures | None]

    @property
    def averages(self) -> list[float | None]:
        return [cell.average if cell else None for cell in self.figures]

    @property
    def change(self) -> float:
        """How far the average moved from the first round with one to the last, either way."""
        known = [average for average in self.averages if average is not None]
        return abs(known[-1] - known[0]) if known else 0.0


@dataclass(frozen=True)
class TeamTrend:
    team: Team
    rounds: list[RoundFigures]
    categories: list[CategoryColumn]


@dataclass(frozen=True)
class TrendCategoryChart:
    """The chart of some of a trend's categories, and why those."""

    chart: TrendChart | None
    categories: list[CategoryColumn]
    # Whether the manager chose them, rather than the largest changes.
    chosen: bool
    # How many categories the trend has, on the chart or not.
    total: int

    @property
    def partial(self) -> bool:
        return len(self.categories) < self.total

    @property
    def slugs(self) -> set[str]:
        return {column.slug for column in self.categories}


def round_figures(*, team_round: Round, results: list[AssessmentResult]) -> RoundFigures:
    assessment = team_round.assessment
    people = people_from_results(results)
    summaries = category_summaries(assessment=assessment, people=people)
    return RoundFigures(
        round=team_round,
        invited=team_round.invited,
        answered=len(people),
        categories={
            summary.slug: CategoryFigures(average=summary.average, top=summary.top_holders)
            for summary in summaries
        },
    )


def team_trend(*, team: Team) -> TeamTrend:
    """Every round of the team (a cancelled one is gone), oldest first; two queries, whatever the
    number of rounds."""
    rounds = list(
        team.rounds.not_cancelled()
        .select_related("assessment")
        .annotate(invited=Count("invitations"))
        .order_by("created", "pk")
    )
    by_round: dict[int, list[AssessmentResult]] = defaultdict(list)
    results = AssessmentResult.objects.filter(
        invitation_response__invitation__round__team=team
    ).annotate(round_id=F("invitation_response__invitation__round_id"))
    for result in results.newest_first():
        by_round[result.round_id].append(result)
    figures = []
    for team_round in rounds:
        for result in by_round[team_round.pk]:
            result.assessment = team_round.assessment
        figures.append(round_figures(team_round=team_round, results=by_round[team_round.pk]))
    return TeamTrend(team=team, rounds=figures, categories=category_columns(figures))


def category_columns(figures: list[RoundFigures]) -> list[CategoryColumn]:
    names: dict[str, str] = {}
    for figure in figures:
        for name, slug in figure.round.assessment.categories:
            # Later rounds come later, so their versions' names win.
            names[slug] = name
    return [
        CategoryColumn(
            slug=slug, name=name, figures=[figure.categories.get(slug) for figure in figures]
        )
        for slug, name in names.items()
    ]


def largest_changes(categories: list[CategoryColumn]) -> list[CategoryColumn]:
    """The MAX_LINES categories whose average moved most, in the table's order."""
    ranked = sorted(categories, key=lambda column: column.change, reverse=True)[:MAX_LINES]
    slugs = {column.slug for column in ranked}
    return [column for column in categories if column.slug in slugs]


def category_chart(trend: TeamTrend, *, chosen: Sequence[str] = ()) -> TrendCategoryChart:
    """The average current rating per category, round by round, on the latest round's scale:
    for the categories `chosen` (slugs, at most MAX_LINES), or by default the largest changes.
    """
    if chosen:
        categories = [column for column in trend.categories if column.slug in chosen]
    else:
        categories = largest_changes(trend.categories)
    chart = None
    if trend.rounds:
        chart = trend_chart(
            rounds=[figure.label for figure in trend.rounds],
            ratings=trend.rounds[-1].round.assessment.ratings,
            lines=[TrendLine(name=column.name, values=column.averages) for column in categories],
        )
    return TrendCategoryChart(
        chart=chart, categories=categories, chosen=bool(chosen), total=len(trend.categories)
    )


def trend_document(trend: TeamTrend) -> dict[str, Any]:
    """The figures as trend.json gives them; the README lists every key."""
    return {
        "team": trend.team.slug,
        "rounds": [
            {
                "id": figure.round.pk,
                "name": figure.label,
                "assessment_version": figure.round.assessment.slug,
                "closes_on": figure.round.closes_on.isoformat(),
                "invited": figure.invited,
                "answered": figure.answered,
                "categories": {
                    slug: {"average": cell.average, "top": cell.top}
                    for slug, cell in figure.categories.items()
                },
            }
            for figure in trend.rounds
        ],
    }
