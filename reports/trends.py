"""How a team changes round by round: per category the average current rating and how many
hold a top rating, over each member's latest result in each round, and the response rate."""

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F

from charts.trend import TrendChart, TrendLine, trend_chart
from reports.matrix import category_summaries, people_from_results
from reports.rounds import response_rate
from results.models import AssessmentResult
from teams.models import Round, Team


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
    def response_rate(self) -> int | None:
        return response_rate(invited=self.invited, answered=self.answered)


@dataclass(frozen=True)
class CategoryColumn:
    """One category across the rounds, named as the latest version that asks it names it."""

    slug: str
    name: str
    figures: list[CategoryFigures | None]


@dataclass(frozen=True)
class TeamTrend:
    team: Team
    rounds: list[RoundFigures]
    categories: list[CategoryColumn]
    chart: TrendChart | None

    @property
    def rows(self) -> list[tuple[RoundFigures, list[CategoryFigures | None]]]:
        """Each round with its figures in the order of the category columns."""
        return [
            (figure, [column.figures[index] for column in self.categories])
            for index, figure in enumerate(self.rounds)
        ]


def round_figures(*, round: Round, results: list[AssessmentResult]) -> RoundFigures:
    assessment = round.assessment
    people = people_from_results(results)
    summaries = category_summaries(assessment=assessment, people=people)
    return RoundFigures(
        round=round,
        invited=round.invited,
        answered=len(people),
        categories={
            summary.slug: CategoryFigures(average=summary.average, top=summary.top_holders)
            for summary in summaries
        },
    )


def team_trend(*, team: Team) -> TeamTrend:
    """Every round of the team, oldest first; two queries, whatever the number of rounds."""
    rounds = list(
        team.rounds.select_related("assessment")
        .annotate(invited=Count("invitations"))
        .order_by("created", "pk")
    )
    by_round: dict[int, list[AssessmentResult]] = defaultdict(list)
    results = AssessmentResult.objects.filter(
        invitation_response__invitation__round__team=team
    ).annotate(round_id=F("invitation_response__invitation__round_id"))
    for result in results.order_by("-created", "-id"):
        by_round[result.round_id].append(result)
    figures = []
    for round in rounds:
        for result in by_round[round.pk]:
            result.assessment = round.assessment
        figures.append(round_figures(round=round, results=by_round[round.pk]))
    categories = category_columns(figures)
    return TeamTrend(
        team=team, rounds=figures, categories=categories, chart=chart_of(figures, categories)
    )


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


def chart_of(figures: list[RoundFigures], categories: list[CategoryColumn]) -> TrendChart | None:
    """The average current rating per category, round by round, on the latest round's scale."""
    if not figures:
        return None
    return trend_chart(
        rounds=[figure.round.closes_on.isoformat() for figure in figures],
        ratings=figures[-1].round.assessment.ratings,
        lines=[
            TrendLine(
                name=column.name,
                values=[cell.average if cell else None for cell in column.figures],
            )
            for column in categories
        ],
    )


def trend_document(trend: TeamTrend) -> dict[str, Any]:
    """The figures as trend.json gives them; the README lists every key."""
    return {
        "team": trend.team.slug,
        "rounds": [
            {
                "id": figure.round.pk,
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
