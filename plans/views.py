"""The plan form of a result, at /results/<uuid>/plan/: whoever may open the result by its
address plans on it (an account's result only that account, signed in; never a manager reading
a member's result, plans/result_sections.py may_plan)."""

from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from plans.forms import ShareNotesForm, goal_formset
from plans.making import replace_plan
from plans.progress import carried_plan
from plans.result_sections import may_plan
from results.models import AssessmentResult

PLAN_PAGE = "plans/plan_form.html"


@require_http_methods(["GET", "HEAD", "POST"])
def plan_edit(request: HttpRequest, pk: UUID) -> HttpResponse:
    result = get_object_or_404(AssessmentResult.objects.select_related("assessment"), pk=pk)
    # Nobody adds to another person's account, and a manager neither reads the notes the member
    # did not share nor changes the member's plan.
    if not may_plan(viewer=request.user, result=result):
        return render(request, "plans/plan_refused.html", {"result": result}, status=403)
    if request.method != "POST":
        plan = carried_plan(result=result, viewer=request.user)
        goals = goal_formset(result=result, initial=starting_goals(plan, result=result))
        share = ShareNotesForm(initial={"share_notes": plan.share_notes if plan else False})
        return render(request, PLAN_PAGE, plan_page_context(result, goals, share))
    goals = goal_formset(result=result, data=request.POST)
    share = ShareNotesForm(request.POST)
    if not (goals.is_valid() and share.is_valid()):
        return render(request, PLAN_PAGE, plan_page_context(result, goals, share), status=400)
    replace_plan(result=result, goals=goals.goals(), share_notes=share.cleaned_data["share_notes"])
    return redirect(result)


def plan_page_context(result: AssessmentResult, goals, share: ShareNotesForm) -> dict:
    return {"result": result, "goals": goals, "share": share, "formsets": [goals]}


def starting_goals(plan, *, result: AssessmentResult) -> list[dict]:
    """The form starts from the plan the result carries, without the goals it has reached."""
    if plan is None:
        return []
    assessment = result.assessment
    return [
        {"category": goal.category, "target": goal.target, "due": goal.due, "note": goal.note}
        for goal in plan.goals.all()
        if goal.category in assessment.category_slugs
        and goal.target > (assessment.rating(result.current.get(goal.category)) or 0)
    ]
