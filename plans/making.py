"""Storing a plan: the goals replace whatever plan was made on the result before, whole or not
at all."""

from typing import Any

from django.db import transaction

from plans.models import Goal, Plan
from results.models import AssessmentResult


@transaction.atomic
def replace_plan(
    *, result: AssessmentResult, goals: list[dict[str, Any]], share_notes: bool
) -> Plan:
    """The plan made on `result` is now `goals` (category, target, due, note). A plan without
    goals is stored too: it replaces the plan the result carried from earlier in its chain,
    and shows as no plan."""
    Plan.objects.filter(result=result).delete()
    plan = Plan.objects.create(result=result, share_notes=share_notes)
    Goal.objects.bulk_create(
        Goal(
            plan=plan,
            position=position,
            category=goal["category"],
            target=goal["target"],
            due=goal["due"],
            note=goal["note"],
        )
        for position, goal in enumerate(goals, start=1)
    )
    return plan
