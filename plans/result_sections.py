"""What plans add to a result's page and its JSON: the plan it carries with each goal's
progress, and where to learn. The page is composed above (reviews/result_pages.py), so results
imports nothing of plans."""

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from plans.learning import learning_categories
from plans.progress import PlanProgress, carried_plan, plan_document, plan_progress
from results.models import AssessmentResult
from results.visibility import Viewer, may_answer_again, results_in_manager_scope


def shown_plan(*, result: AssessmentResult, viewer: Viewer) -> PlanProgress | None:
    """The plan the result carries for this viewer, read against it; None without goals."""
    plan = carried_plan(result=result, viewer=viewer)
    if plan is None or not plan.goals.all():
        return None
    progress = plan_progress(plan=plan, result=result)
    if not plan.share_notes and reads_as_manager(viewer=viewer, result=result):
        return replace(progress, notes_shown=False)
    return progress


def reads_as_manager(*, viewer: Viewer, result: AssessmentResult) -> bool:
    """A manager reading a result of their scope that is not their own: the notes of its plan
    are theirs to read only when the member shares them."""
    if not viewer.is_authenticated or result.user_id == viewer.pk:
        return False
    return results_in_manager_scope(viewer).filter(pk=result.pk).exists()


def may_plan(*, viewer: Viewer, result: AssessmentResult) -> bool:
    """Who may open the plan form of a result: who may answer it again, but not a manager
    reading a result of their scope that is not their own. The form holds the notes, which are
    theirs to read only when the member shares them, and the plan is the member's to change."""
    return may_answer_again(viewer=viewer, result=result) and not reads_as_manager(
        viewer=viewer, result=result
    )


def plan_context(
    *,
    result: AssessmentResult,
    viewer: Viewer,
    blind_spots: Callable[[], Iterable[str]] = tuple,
) -> dict[str, Any]:
    """The result page's plan section and its resources under the categories to grow in.
    `blind_spots` gives the reviews' blind spots, asked only when there are resources to offer
    (finding them compares the result's ratings with the reviews)."""
    assessment = result.assessment
    resources = {category.slug: category.resources for category in assessment.category_details}
    learning = []
    if any(resources.values()):
        learning = learning_categories(
            rows=result.category_ratings(), resources=resources, also=blind_spots()
        )
    return {
        "plan": shown_plan(result=result, viewer=viewer),
        "learning": learning,
        "may_plan": may_plan(viewer=viewer, result=result),
    }


def add_plan(document: dict[str, Any], *, result: AssessmentResult, viewer: Viewer) -> None:
    """The JSON's "plan" key, only when the result carries a plan with goals."""
    progress = shown_plan(result=result, viewer=viewer)
    if progress is not None:
        document["plan"] = plan_document(progress)
