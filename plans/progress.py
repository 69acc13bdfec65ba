"""A plan's goals read against a result: which plan a result carries, and how far each goal got.

A plan is made on one result. A result shows the plan of the nearest result it may show that
has one: itself, else the newest of its earlier results (results/visibility.py
earlier_results: its chain, and for the signed-in owner their earlier results). So answering
again, the member's next invitation answer and the owner's next answer carry the plan forward,
and the plan is read with the same rule as the results it was made on.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plans.models import Goal, Plan
from results.models import AssessmentResult
from results.visibility import Viewer, chain, chains, earlier_results


class Status:
    """What became of a goal, as the JSON names it."""

    PLANNED = "planned"
    REACHED = "reached"
    ON_THE_WAY = "on_the_way"
    NOT_YET = "not_yet"
    OVERDUE = "overdue"


STATUS_LABELS = {
    Status.PLANNED: _("planned"),
    Status.REACHED: _("reached"),
    Status.ON_THE_WAY: _("on the way"),
    Status.NOT_YET: _("not yet"),
    Status.OVERDUE: _("overdue"),
}


@dataclass(frozen=True)
class GoalProgress:
    """One goal as a result's page shows it."""

    goal: Goal
    category_name: str
    target_label: str
    status: str

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def reached(self) -> bool:
        return self.status == Status.REACHED


@dataclass(frozen=True)
class PlanProgress:
    """A plan read on a result: `made_here` when the result is the one it was made on."""

    plan: Plan
    result: AssessmentResult
    made_here: bool
    goals: list[GoalProgress]
    # False for a manager reading a member's plan whose notes are not shared with them.
    notes_shown: bool = True

    def count(self, status: str) -> int:
        return sum(1 for goal in self.goals if goal.status == status)


plans_with_goals = Plan.objects.select_related("result__assessment").prefetch_related(
    Prefetch("goals", queryset=Goal.objects.order_by("position"))
)


def carried_plan(*, result: AssessmentResult, viewer: Viewer) -> Plan | None:
    """The plan `result` shows to `viewer`: its own, else the newest of the earlier results the
    viewer may open with it."""
    # A chain, and an account's results, never leave one person: most people have no plan, and
    # then one query answers.
    plans = {
        plan.result_id: plan
        for plan in plans_with_goals.filter(
            result__person=result.person, result__created__lte=result.created
        )
    }
    if not plans or result.pk in plans:
        return plans.get(result.pk)
    steps = earlier_results(viewer=viewer, result=result)
    return next((plans[step.pk] for step in steps if step.pk in plans), None)


def chain_plan(*, result: AssessmentResult) -> Plan | None:
    """The plan of `result`'s chain alone, as a manager reads it beside the result."""
    return nearest_plan([result, *chain(result)])


def chain_plans(results: list[AssessmentResult]) -> dict[object, Plan | None]:
    """chain_plan() of each of `results` (of one name family), by result id, in a constant
    number of queries: for the manager's pages that list many people."""
    earlier = chains(results)
    steps = {result.pk: [result, *earlier[result.pk]] for result in results}
    plans = {
        plan.result_id: plan
        for plan in plans_with_goals.filter(
            result__in={step.pk for walk in steps.values() for step in walk}
        )
    }
    return {
        pk: next((plans[step.pk] for step in walk if step.pk in plans), None)
        for pk, walk in steps.items()
    }


def nearest_plan(steps: list[AssessmentResult]) -> Plan | None:
    """Of `steps` (newest first), the plan of the first that has one; one query."""
    plans = {plan.result_id: plan for plan in plans_with_goals.filter(result__in=steps)}
    return next((plans[step.pk] for step in steps if step.pk in plans), None)


def goal_status(
    goal: Goal, *, planned_from: int | None, now: int | None, made_here: bool, today: date
) -> str:
    """reached: the rating is at or above the target; overdue: the date passed before that;
    on the way: it rose since the plan, not enough yet; not yet: it did not rise. On the result
    the plan was made on, the goal is planned (or overdue once its date has passed)."""
    if not made_here and now is not None and now >= goal.target:
        return Status.REACHED
    if goal.due < today:
        return Status.OVERDUE
    if made_here:
        return Status.PLANNED
    if now is not None and now > (planned_from or 0):
        return Status.ON_THE_WAY
    return Status.NOT_YET


def plan_progress(*, plan: Plan, result: AssessmentResult) -> PlanProgress:
    """Each goal of `plan` against `result`'s ratings."""
    made_here = plan.result_id == result.pk
    planned_on = result if made_here else plan.result
    assessment = result.assessment
    names = {slug: name for name, slug in assessment.categories}
    today = timezone.localdate()
    goals = []
    for goal in plan.goals.all():
        status = goal_status(
            goal,
            planned_from=planned_on.assessment.rating(planned_on.current.get(goal.category)),
            now=assessment.rating(result.current.get(goal.category)),
            made_here=made_here,
            today=today,
        )
        goals.append(
            GoalProgress(
                goal=goal,
                # A later version may have dropped the category: its slug stands for it.
                category_name=names.get(goal.category, goal.category),
                target_label=assessment.rating_label(goal.target) or str(goal.target),
                status=status,
            )
        )
    return PlanProgress(plan=plan, result=result, made_here=made_here, goals=goals)


def plan_document(progress: PlanProgress) -> dict[str, Any]:
    """The JSON's "plan" key."""
    return {
        "goals": [
            {
                "category": entry.goal.category,
                "target": entry.goal.target,
                "due": entry.goal.due.isoformat(),
                "note": entry.goal.note if progress.notes_shown else "",
                "status": entry.status,
            }
            for entry in progress.goals
        ]
    }
