"""What managers read: each person's latest result, per-category aggregates, gaps and mentors."""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from django.core.paginator import Page
from django.db.models import Count, Max, Q, QuerySet
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from assessments.definition import rating_on_scale
from assessments.models import Assessment
from charts.radar import RadarChart, Series, radar_chart
from results.models import AssessmentResult
from results.scoring import is_not_applicable, target_check, targets_met
from teams.models import Round

DEFAULT_MIN_TOP = 2
# The colour steps in static/css/site.css (.s1 lightest .. .s5 darkest): short class names,
# since a matrix has thousands of cells.
COLOUR_STEPS = 5
# Beside a rating in the matrix: the person wants to level up (the legend and caption say so).
LEVELUP_MARK = "▲"


@dataclass(frozen=True)
class Person:
    """One person: their latest result and how many results they saved before it."""

    key: str
    result: AssessmentResult
    earlier: int

    @property
    def name(self) -> str:
        return self.result.name


@dataclass(frozen=True)
class RatingStep:
    """One rating of the scale with the colour step that shows it."""

    value: int
    label: str
    css_class: str


@dataclass(frozen=True)
class Cell:
    """One cell of the matrix, ready to print: the rating's number on its colour step, or
    None where the person has no rating, and the cell's text. The text is in the page rather
    than added by the style sheet, so that copying, searching and every screen reader find it:
    the number with ▲ for a wish to level up, "n/a", or a dash for no rating."""

    value: int | None
    css_class: str
    text: str = ""

    @cached_property
    def html(self) -> SafeString:
        """The cell's markup, made once per kind of cell (matrix_rows shares them)."""
        return format_html('<td class="{}">{}</td>', self.css_class, self.text)


@dataclass(frozen=True)
class RoleTargets:
    """The role a person compared themselves with, and how many of its targets they meet."""

    name: str
    met: int
    counted: int


@dataclass(frozen=True)
class MatrixRow:
    person: Person
    cells: list[Cell]
    role: RoleTargets | None = None
    # On an assessment's matrix (reports.matrix_page): where the answer came from (a team's
    # name or the public link), how old it is in words, and whether that is stale.
    source: str = ""
    age: str = ""
    stale: bool = False
    # In the managers' view (rows_in_managers_view): whose ratings the cells are, MANAGER_RATED
    # or SELF_RATED.
    rated_by: str = ""

    @property
    def cells_html(self) -> SafeString:
        """The row's cells in one piece: a page of the matrix has thousands, and the template
        engine costs more per cell than joining their markup."""
        return mark_safe("".join(cell.html for cell in self.cells))


@dataclass(frozen=True)
class CategorySummary:
    """One category across the team: `distribution[i]` counts the people rated i + 1."""

    name: str
    slug: str
    average: float | None
    desired_average: float | None
    distribution: list[int]
    levelups: int
    top_holders: int
    # People who answered "not applicable": not counted in any figure above.
    not_applicable: int = 0


@dataclass(frozen=True)
class MentorMatch:
    """People who want to level up in a category next to people who could mentor them.

    With `each_other`, the learners (who all hold a top rating) could also mentor one
    another: every learner's mentors are `mentors` plus the other learners, never themself.
    """

    learners: list[Person]
    mentors: list[Person]
    each_other: bool = False

    @property
    def learner_names(self) -> str:
        return ", ".join(person.name for person in self.learners)

    @property
    def mentor_names(self) -> str:
        names = ", ".join(person.name for person in self.mentors)
        if not self.each_other:
            return names
        if not names:
            # Translators: the people who want to level up could mentor one another.
            return gettext("each other")
        # Translators: who could mentor the people wanting to level up: these names, and the
        # learners one another.
        return gettext("%(names)s, and each other") % {"names": names}


@dataclass(frozen=True)
class CategoryMentors:
    category: str
    matches: list[MentorMatch]


@dataclass(frozen=True)
class TeamMatrix:
    assessment: Assessment
    people: list[Person]
    scale: list[RatingStep]
    top_labels: list[str]
    rows: list[MatrixRow]
    summaries: list[CategorySummary]
    gaps: list[CategorySummary]
    # None where too many people are selected to name them (the page counts them instead).
    mentor_matches: list[CategoryMentors] | None
    min_top: int
    chart: RadarChart | None
    # Whether the matrix has a role column, and the summary a "not applicable" one.
    has_roles: bool = False
    offers_not_applicable: bool = False
    # An assessment's matrix is paged (reports.matrix_page): its rows are one page of the
    # `selected` people, `stale` of whom have a stale latest result; a category's experts are
    # those rated `expert_rating` or higher. A round's matrix shows everyone on one page.
    page: Page | None = None
    selected: int | None = None
    stale: int = 0
    expert_rating: int | None = None
    # The managers' view (`?view=manager`): the round whose shared reviews the rows show.
    review_round: Round | None = None


def assessments_with_counts(*, visible: Q | None = None) -> QuerySet[Assessment]:
    """Every assessment with its number of results, of distinct people, and its latest result;
    counting only the results `visible` picks (a condition on `results__…`) when given."""
    return Assessment.objects.only("name", "slug", "assessment", "created", "draft").annotate(
        result_count=Count("results", filter=visible),
        people_count=Count("results__person", distinct=True, filter=visible),
        latest_result=Max("results__created", filter=visible),
    )


def results_freshness(
    *, assessment: Assessment, results: QuerySet[AssessmentResult] | None = None
) -> str:
    """Changes whenever a result of the assessment (or of `results`) is stored, changed or
    removed: their count and their latest `updated` stamp, which every write moves (even an
    `.update()` that re-keys people: see ResultQuerySet), read from the (assessment, updated)
    index."""
    if results is None:
        results = assessment.results.all()
    figures = results.order_by().aggregate(count=Count("pk"), latest=Max("updated"))
    latest = figures["latest"].isoformat() if figures["latest"] else "none"
    return f"{figures['count']}:{latest}"


def latest_result_per_person(
    *, assessment: Assessment, results: QuerySet[AssessmentResult] | None = None
) -> list[Person]:
    """Each person's latest result among `results` (by default every result of the assessment),
    ordered by name; one query, one pass over the results.

    A person is the result's person key: the account when signed in, else the name compared
    without case or surrounding white space, or the team member it came from through an
    invitation. Two results of one person saved at the same instant are told apart by id (the
    greater id counts as the later one), an arbitrary but stable rule, so every page and export
    picks the same one.
    """
    # Through the related manager, each result knows its assessment without a query.
    if results is None:
        results = assessment.results.all()
    return people_from_results(results.newest_first())


def people_from_results(results: Iterable[AssessmentResult]) -> list[Person]:
    """Each person's latest result, from results given newest first."""
    latest: dict[str, AssessmentResult] = {}
    earlier: Counter[str] = Counter()
    for result in results:
        if result.person in latest:
            earlier[result.person] += 1
        else:
            latest[result.person] = result
    people = [Person(key=key, result=last, earlier=earlier[key]) for key, last in latest.items()]
    people.sort(key=lambda person: (person.name.casefold(), person.key))
    return people


def rating_of(person: Person, slug: str, *, top: int, field: str = "current") -> int | None:
    """The person's latest rating in a category, or None when it is no rating on the scale."""
    return rating_on_scale(getattr(person.result, field).get(slug), top=top)


def top_ratings(*, assessment: Assessment) -> frozenset[int]:
    """The two highest ratings of the scale, which make someone a possible mentor."""
    top = assessment.top_rating
    return frozenset(range(max(1, top - 1), top + 1))


def colour_step(value: int, *, top: int) -> int:
    """Spread a scale of any length over the colour steps, lightest for 1, darkest for top."""
    if top <= 1:
        return COLOUR_STEPS
    return 1 + round((value - 1) * (COLOUR_STEPS - 1) / (top - 1))


def rating_scale(*, assessment: Assessment) -> list[RatingStep]:
    top = assessment.top_rating
    return [
        RatingStep(value=value, label=label, css_class=f"s{colour_step(value, top=top)}")
        for value, label in enumerate(assessment.ratings, start=1)
    ]


@dataclass(frozen=True)
class CellKinds:
    """One Cell per kind (each rating, with or without a wish to level up; none; not
    applicable), shared by every row."""

    rated: dict[tuple[int, bool], Cell]
    unrated: Cell
    not_applicable: Cell

    def of(self, value: int | None, *, stored: dict, slug: str, wish: bool = False) -> Cell:
        if value is None:
            return self.not_applicable if is_not_applicable(stored, slug) else self.unrated
        return self.rated[value, wish]


def cell_kinds(scale: Sequence[RatingStep]) -> CellKinds:
    return CellKinds(
        rated={
            (step.value, wish): Cell(
                value=step.value,
                css_class=f"{step.css_class} up" if wish else step.css_class,
                text=f"{step.value} {LEVELUP_MARK}" if wish else str(step.value),
            )
            for step in scale
            for wish in (False, True)
        },
        unrated=Cell(value=None, css_class="unrated", text="—"),
        # Translators: "not applicable", in a cell of the team matrix: a few letters.
        not_applicable=Cell(value=None, css_class="not-applicable", text=gettext("n/a")),
    )


def matrix_rows(*, assessment: Assessment, people: Sequence[Person]) -> list[MatrixRow]:
    """One row per person, one cell per category, with each cell's class and text precomputed."""
    scale = rating_scale(assessment=assessment)
    top = len(scale)
    kinds = cell_kinds(scale)
    has_roles = bool(assessment.roles)
    rows = []
    for person in people:
        current = person.result.current
        cells = [
            kinds.of(
                rating_of(person, slug, top=top),
                stored=current,
                slug=slug,
                wish=person.result.wants_levelup(slug),
            )
            for slug in assessment.category_slugs
        ]
        role = role_targets(assessment=assessment, person=person) if has_roles else None
        rows.append(MatrixRow(person=person, cells=cells, role=role))
    return rows


MANAGER_RATED, SELF_RATED = "manager", "self"


def rows_in_managers_view(
    rows: Sequence[MatrixRow], *, assessment: Assessment, reviews: dict[str, dict[str, object]]
) -> list[MatrixRow]:
    """The rows with the managers' ratings (`reviews`: a shared review's ratings by the person's
    key) where there are some, else the person's own, each row saying which. A review wishes
    nothing, so its cells carry no level-up mark."""
    top = assessment.top_rating
    kinds = cell_kinds(rating_scale(assessment=assessment))
    shown = []
    for row in rows:
        ratings = reviews.get(row.person.key)
        if ratings is None:
            shown.append(replace(row, rated_by=SELF_RATED))
            continue
        cells = [
            kinds.of(rating_on_scale(ratings.get(slug), top=top), stored=ratings, slug=slug)
            for slug in assessment.category_slugs
        ]
        shown.append(replace(row, cells=cells, rated_by=MANAGER_RATED))
    return shown


def role_targets(*, assessment: Assessment, person: Person) -> RoleTargets | None:
    """The person's role and "meets N of M targets", as their results page counts them."""
    role = person.result.compared_role
    if role is None:
        return None
    top, ratings = assessment.top_rating, assessment.ratings
    met, counted = targets_met(
        target_check(
            role,
            slug,
            current=rating_of(person, slug, top=top),
            not_applicable=is_not_applicable(person.result.current, slug),
            ratings=ratings,
        )
        for slug in role.targets
    )
    return RoleTargets(name=role.name, met=met, counted=counted)


def category_summaries(
    *, assessment: Assessment, people: Sequence[Person]
) -> list[CategorySummary]:
    """Per category: average current rating, how many hold each rating, want to level up,
    and hold a top rating. People without a rating in a category are left out of its numbers."""
    top = assessment.top_rating
    tops = top_ratings(assessment=assessment)
    summaries = []
    for name, slug in assessment.categories:
        ratings = [rating_of(person, slug, top=top) for person in people]
        rated = [value for value in ratings if value is not None]
        wanted = [
            desired
            for person in people
            if (desired := rating_of(person, slug, top=top, field="desired")) is not None
        ]
        summaries.append(
            CategorySummary(
                name=name,
                slug=slug,
                average=sum(rated) / len(rated) if rated else None,
                desired_average=sum(wanted) / len(wanted) if wanted else None,
                distribution=[rated.count(value) for value in range(1, top + 1)],
                levelups=sum(1 for person in people if person.result.wants_levelup(slug)),
                top_holders=sum(1 for value in rated if value in tops),
                not_applicable=sum(
                    1 for person in people if is_not_applicable(person.result.current, slug)
                ),
            )
        )
    return summaries


def coverage_gaps(*, summaries: Sequence[CategorySummary], min_top: int) -> list[CategorySummary]:
    """Categories where fewer than min_top people hold a top rating."""
    return [summary for summary in summaries if summary.top_holders < min_top]


def mentor_matches(*, assessment: Assessment, people: Sequence[Person]) -> list[CategoryMentors]:
    """For each category someone wants to level up in: who could mentor them.

    Learners who do not hold a top rating share one match with every top-rated person.
    Learners who already hold one share a second match with the other top-rated people and
    each other, so nobody is ever offered as their own mentor. Two matches per category at
    most, so the page grows with the number of people, not with its square.
    """
    top = assessment.top_rating
    tops = top_ratings(assessment=assessment)
    categories = []
    for name, slug in assessment.categories:
        learners = [person for person in people if person.result.wants_levelup(slug)]
        if not learners:
            continue
        mentors = [person for person in people if rating_of(person, slug, top=top) in tops]
        mentor_keys = {mentor.key for mentor in mentors}
        matches = []
        if others := [learner for learner in learners if learner.key not in mentor_keys]:
            matches.append(MentorMatch(learners=others, mentors=mentors))
        if top_rated := [learner for learner in learners if learner.key in mentor_keys]:
            learner_keys = {learner.key for learner in top_rated}
            matches.append(
                MentorMatch(
                    learners=top_rated,
                    mentors=[mentor for mentor in mentors if mentor.key not in learner_keys],
                    each_other=len(top_rated) > 1,
                )
            )
        categories.append(CategoryMentors(category=name, matches=matches))
    return categories


def team_matrix(
    *,
    assessment: Assessment,
    min_top: int = DEFAULT_MIN_TOP,
    results: QuerySet[AssessmentResult] | None = None,
    people: Sequence[Person] | None = None,
) -> TeamMatrix:
    """Everything the matrix page shows, from one query: over every result of the assessment,
    or only `results` (a manager's scope, a round), or people already picked."""
    if people is None:
        people = latest_result_per_person(assessment=assessment, results=results)
    summaries = category_summaries(assessment=assessment, people=people)
    scale = rating_scale(assessment=assessment)
    tops = top_ratings(assessment=assessment)
    return TeamMatrix(
        assessment=assessment,
        people=people,
        scale=scale,
        top_labels=[step.label for step in scale if step.value in tops],
        rows=matrix_rows(assessment=assessment, people=people),
        summaries=summaries,
        gaps=coverage_gaps(summaries=summaries, min_top=min_top),
        mentor_matches=mentor_matches(assessment=assessment, people=people),
        min_top=min_top,
        chart=team_chart(assessment=assessment, summaries=summaries),
        has_roles=bool(assessment.roles),
        offers_not_applicable=assessment.offers_not_applicable,
    )


def team_chart(
    *, assessment: Assessment, summaries: Sequence[CategorySummary]
) -> RadarChart | None:
    """The team's shape: average current and average desired rating per category."""
    return radar_chart(
        categories=assessment.categories,
        ratings=assessment.ratings,
        series=[
            Series(
                name=gettext("Team average, current"),
                values={summary.slug: summary.average for summary in summaries},
            ),
            Series(
                name=gettext("Team average, desired"),
                values={summary.slug: summary.desired_average for summary in summaries},
                style="dashed",
            ),
        ],
    )
