"""How a team changes round by round: per category the average current rating and how many
hold a top rating, over each member's latest result in each round, and the response rate; with
the managers' view, the average of their shared reviews too; and the chart of a few of those
categories, in either view."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from django.db.models import Count, F

from charts.trend import MAX_LINES, TrendChart, TrendLine, trend_chart
from reports.matrix import category_summaries, people_from_results
from reports.rounds import response_rate
from results.models import AssessmentResult
from reviews.manager_view import ManagerAverages, manager_averages
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
    # Asked for with the managers' view, and only for a round that asked for their review.
    manager: ManagerAverages | None = None

    @property
    def label(self) -> str:
        return round_label(self.round)

    @property
    def response_rate(self) -> int | None:
        return response_rate(invited=self.invited, answered=self.answered)


@dataclass(frozen=True)
class ManagerCell:
    """The managers' view of one category in one round: whether the round asked for it (a
    review, and this category), and the average of the shared reviews, None while there is none.
    """

    asked: bool
    average: float | None = None


@dataclass(frozen=True)
class CategoryColumn:
    """One category across the rounds, named as the latest version that asks it names it."""

    slug: str
    name: str
    figures: list[CategoryFigures | None]
    # With the managers' view: one cell per round.
    manager: list[ManagerCell] = field(default_factory=list)

    @property
    def averages(self) -> list[float | None]:
        return [cell.average if cell else None for cell in self.figures]

    @property
    def manager_averages(self) -> list[float | None]:
        return [cell.average for cell in self.manager]

    @property
    def change(self) -> float:
        """How far the average moved from the first round with one to the last, either way."""
        return change_of(self.averages)

    @property
    def manager_change(self) -> float:
        return change_of(self.manager_averages)


def change_of(averages: list[float | None]) -> float:
    known = [average for average in averages if average is not None]
    return abs(known[-1] - known[0]) if known else 0.0


@dataclass(frozen=True)
class TeamTrend:
    team: Team
    rounds: list[RoundFigures]
    categories: list[CategoryColumn]
    # Whether the managers' view was asked for (TeamTrend.rounds then carry it).
    with_manager: bool = False

    @property
    def has_reviews(self) -> bool:
        """Some round of the team asked for the managers' review."""
        return any(figure.round.asks_manager for figure in self.rounds)


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


def team_trend(*, team: Team, with_manager: bool = False) -> TeamTrend:
    """Every round of the team (a cancelled one is gone), oldest first; two queries, whatever the
    number of rounds, and a third for the managers' shared reviews `with_manager`."""
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
    if with_manager:
        averages = manager_averages(rounds)
        figures = [replace(figure, manager=averages.get(figure.round.pk)) for figure in figures]
    return TeamTrend(
        team=team,
        rounds=figures,
        categories=category_columns(figures, with_manager=with_manager),
        with_manager=with_manager,
    )


def category_columns(
    figures: list[RoundFigures], *, with_manager: bool = False
) -> list[CategoryColumn]:
    names: dict[str, str] = {}
    for figure in figures:
        for name, slug in figure.round.assessment.categories:
            # Later rounds come later, so their versions' names win.
            names[slug] = name
    return [
        CategoryColumn(
            slug=slug,
            name=name,
            figures=[figure.categories.get(slug) for figure in figures],
            manager=[manager_cell(figure, slug) for figure in figures] if with_manager else [],
        )
        for slug, name in names.items()
    ]


def manager_cell(figure: RoundFigures, slug: str) -> ManagerCell:
    if figure.manager is None or slug not in figure.manager.categories:
        return ManagerCell(asked=False)
    return ManagerCell(asked=True, average=figure.manager.categories[slug])


def largest_changes(
    categories: list[CategoryColumn], *, manager: bool = False
) -> list[CategoryColumn]:
    """The MAX_LINES categories whose average (the managers' with `manager`) moved most, in the
    table's order."""

    def change(column: CategoryColumn) -> float:
        return column.manager_change if manager else column.change

    ranked = sorted(categories, key=change, reverse=True)[:MAX_LINES]
    slugs = {column.slug for column in ranked}
    return [column for column in categories if column.slug in slugs]


def category_chart(trend: TeamTrend, *, chosen: Sequence[str] = ()) -> TrendCategoryChart:
    """The average current rating per category, round by round, on the latest round's scale, or
    with the managers' view the average of their shared reviews: for the categories `chosen`
    (slugs, at most MAX_LINES), or by default the largest changes.
    """
    manager = trend.with_manager
    if chosen:
        categories = [column for column in trend.categories if column.slug in chosen]
    else:
        categories = largest_changes(trend.categories, manager=manager)
    chart = None
    if trend.rounds:
        chart = trend_chart(
            rounds=[figure.label for figure in trend.rounds],
            ratings=trend.rounds[-1].round.assessment.ratings,
            lines=[
                TrendLine(
                    name=column.name,
                    values=column.manager_averages if manager else column.averages,
                )
                for column in categories
            ],
        )
    return TrendCategoryChart(
        chart=chart, categories=categories, chosen=bool(chosen), total=len(trend.categories)
    )


def trend_document(trend: TeamTrend) -> dict[str, Any]:
    """The figures as trend.json gives them; the README lists every key. The managers' view
    adds a `manager` key to each round and changes none of the others."""
    rounds = [round_document(figure) for figure in trend.rounds]
    if trend.with_manager:
        for document, figure in zip(rounds, trend.rounds, strict=True):
            document["manager"] = manager_document(figure.manager)
    return {"team": trend.team.slug, "rounds": rounds}


def manager_document(averages: ManagerAverages | None) -> dict[str, Any] | None:
    """None for a round that asked for no review."""
    if averages is None:
        return None
    return {
        "reviewed": averages.reviewed,
        "categories": {slug: {"average": average} for slug, average in averages.categories.items()},
    }


def round_document(figure: RoundFigures) -> dict[str, Any]:
    return {
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
