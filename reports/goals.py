"""Members' development plans as a round's managers read them: how many goals each member's
latest answer has reached, and the notes the member chose to share. Each result is read against
the plan its chain carries (plans/progress.py): what a holder of its address reads too, and
never another person's."""

from dataclasses import dataclass

from plans.models import Plan
from plans.progress import PlanProgress, Status, chain_plans, plan_progress
from results.models import AssessmentResult, newest_first_order
from teams.models import Response, Round


@dataclass(frozen=True)
class MemberGoals:
    member_id: int
    member_name: str
    progress: PlanProgress

    @property
    def total(self) -> int:
        return len(self.progress.goals)

    @property
    def reached(self) -> int:
        return self.progress.count(Status.REACHED)

    @property
    def on_the_way(self) -> int:
        return self.progress.count(Status.ON_THE_WAY)

    @property
    def notes_shared(self) -> bool:
        return self.progress.plan.share_notes


def carried_progress(results: list[AssessmentResult]) -> dict[object, PlanProgress]:
    """Each result that carries a plan with goals, by id, with the goals read against it."""
    plans = chain_plans(results)
    return {
        result.pk: plan_progress(plan=plan, result=result)
        for result in results
        if (plan := plans[result.pk]) is not None and plan.goals.all()
    }


def round_goals(*, team_round: Round) -> list[MemberGoals]:
    """Each member who answered the round and carries a plan, in name order, against their
    latest answer in the round. Read on every view: a plan changes at any time. A chain never
    leaves its person, so only the answers of people with a plan are read; asked first and
    apart, a round whose people have no plan (most rounds) costs one light query, not the
    answers' four-table read."""
    answered = Response.objects.filter(invitation__round=team_round)
    people_with_plans = set(
        Plan.objects.filter(result__person__in=answered.values("result__person")).values_list(
            "result__person", flat=True
        )
    )
    if not people_with_plans:
        return []
    responses = (
        answered.filter(result__person__in=people_with_plans)
        .select_related("invitation__member", "result__assessment")
        .order_by(
            "invitation__member__name",
            "invitation__member_id",
            *newest_first_order(through="result__"),
        )
    )
    latest: dict[int, Response] = {}
    for response in responses:
        latest.setdefault(response.invitation.member_id, response)
    progress = carried_progress([response.result for response in latest.values()])
    return [
        MemberGoals(
            member_id=response.invitation.member_id,
            member_name=response.invitation.member.name,
            progress=progress[response.result_id],
        )
        for response in latest.values()
        if response.result_id in progress
    ]


def goals_fingerprint(goals: list[MemberGoals]) -> str:
    """What the round page's goals column shows, for its cached content's key."""
    return ",".join(f"{member.member_id}:{member.reached}:{member.on_the_way}" for member in goals)


def goal_columns(*, results) -> tuple[list[str], dict]:
    """The round CSV's goals_reached and goals_total, by result id: each result against the
    plan its chain carries (0 and 0 without one)."""
    results = list(results.select_related("assessment"))
    progress = carried_progress(results)
    cells = {}
    for result in results:
        found = progress.get(result.pk)
        cells[result.pk] = [found.count(Status.REACHED), len(found.goals)] if found else [0, 0]
    return ["goals_reached", "goals_total"], cells
