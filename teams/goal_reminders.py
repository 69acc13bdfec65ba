"""A member's goal due soon: one email about it, through the task queue, in their language.

Only invited members have an address: a plan made on a result of the public link (or answered
again from one) is nobody's to remind. A goal is reminded once, while it is still the plan the
member's latest answer carries and it is not reached.
"""

from datetime import date, timedelta

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_tasks import task

from plans.models import REMINDER_DAYS_AHEAD, Goal
from plans.progress import chain_plan
from results.models import AssessmentResult
from teams.emails import absolute_url
from teams.models import Member


def goals_due_soon(*, today: date) -> list[tuple[Goal, Member, AssessmentResult]]:
    """Unreminded goals due from today through REMINDER_DAYS_AHEAD days, each with the member
    it is for and their latest answer, which carries the goal and has not reached it."""
    goals = Goal.objects.filter(
        reminded_at__isnull=True,
        due__gte=today,
        due__lte=today + timedelta(days=REMINDER_DAYS_AHEAD),
        plan__result__team_scope__isnull=False,
    ).select_related("plan__result")
    due = []
    for goal in goals:
        planned_on = goal.plan.result
        member = member_of(planned_on)
        if member is None:
            continue
        latest = (
            AssessmentResult.objects.select_related("assessment")
            .filter(
                person=planned_on.person,
                team_scope=planned_on.team_scope,
                created__gte=planned_on.created,
            )
            .newest()
        )
        carried = chain_plan(result=latest)
        reached = (latest.assessment.rating(latest.current.get(goal.category)) or 0) >= goal.target
        if carried is not None and carried.pk == goal.plan_id and not reached:
            due.append((goal, member, latest))
    return due


def member_of(result: AssessmentResult) -> Member | None:
    """The current member of the result's team whose answers it is."""
    members = Member.current.filter(team_id=result.team_scope).exclude(email="")
    return next((member for member in members if member.person_key == result.person), None)


def remind_goals_due(*, today: date | None = None) -> int:
    """Queue one email per goal due soon; returns how many. A goal is marked reminded before its
    email is queued, so two runs at once cannot both send it."""
    today = today or timezone.localdate()
    queued = 0
    for goal, member, latest in goals_due_soon(today=today):
        marked = Goal.objects.filter(pk=goal.pk, reminded_at__isnull=True).update(
            reminded_at=timezone.now()
        )
        if marked:
            queued += 1
            transaction.on_commit(
                lambda goal_id=goal.pk, member_id=member.pk, result_id=latest.pk: (
                    send_goal_reminder.enqueue(
                        goal_id=goal_id, member_id=member_id, result_id=str(result_id)
                    )
                ),
                robust=True,
            )
    return queued


@task()
def send_goal_reminder(*, goal_id: int, member_id: int, result_id: str) -> str:
    goal = Goal.objects.filter(pk=goal_id).first()
    member = Member.objects.filter(pk=member_id).first()
    result = AssessmentResult.objects.select_related("assessment").filter(pk=result_id).first()
    if goal is None or member is None or result is None:
        return "gone"
    goal_reminder_message(goal=goal, member=member, result=result).send()
    return "sent"


def goal_reminder_message(
    *, goal: Goal, member: Member, result: AssessmentResult
) -> EmailMultiAlternatives:
    """The email in the language the member last used on their link, else the site's."""
    with translation.override(member.email_language):
        assessment = result.assessment
        names = {slug: name for name, slug in assessment.categories}
        context = {
            "member": member,
            "category": names.get(goal.category, goal.category),
            "target": assessment.rating_label(goal.target) or goal.target,
            "due": goal.due,
            "assessment": assessment.name_in_language,
            # The member's own latest result, where the plan and its progress show.
            "link": absolute_url(result.get_absolute_url()),
        }
        subject = _("Your goal in %(category)s is due on %(date)s") % {
            "category": context["category"],
            "date": date_format(goal.due, "DATE_FORMAT"),
        }
        return EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("teams/email/goal_reminder.txt", context),
            to=[f"{member.name} <{member.email}>"],
        )
