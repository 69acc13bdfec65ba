"""A development plan: up to three goals someone sets themselves on one of their results.

A plan is made on one result and belongs to that result's chain: the later results of the chain
show it, with each goal's progress (plans/progress.py). Erasing the result erases its plan.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from results.models import AssessmentResult

MAX_GOALS = 3
MAX_NOTE_LENGTH = 1000
# A goal is due from today through this many days ahead.
MAX_DAYS_AHEAD = 365
# A member with a goal due this many days ahead or fewer is reminded of it, once.
REMINDER_DAYS_AHEAD = 14


class Plan(models.Model):
    # Made on this result, and erased with it (and with every way a result goes: its address,
    # a manager's erasure of a person, the admin, retention).
    result = models.OneToOneField(
        AssessmentResult, on_delete=models.CASCADE, related_name="plan", verbose_name=_("result")
    )
    # "Share my notes with my manager": the team's managers read the notes only when ticked.
    share_notes = models.BooleanField(default=False, verbose_name=_("notes shared with managers"))
    updated = models.DateTimeField(auto_now=True, verbose_name=_("updated"))

    class Meta:
        verbose_name = _("development plan")
        verbose_name_plural = _("development plans")

    def __str__(self) -> str:
        return f"plan {self.pk}"


class Goal(models.Model):
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="goals", verbose_name=_("plan")
    )
    position = models.PositiveSmallIntegerField(verbose_name=_("position"))
    # A category slug of the result's assessment.
    category = models.CharField(max_length=50, verbose_name=_("category"))
    # A 1-based step of the scale, above the rating the plan was made from.
    target = models.PositiveSmallIntegerField(verbose_name=_("target"))
    due = models.DateField(verbose_name=_("due"))
    note = models.TextField(blank=True, max_length=MAX_NOTE_LENGTH, verbose_name=_("note"))
    # When the member was emailed that the goal is due soon: at most once per goal.
    reminded_at = models.DateTimeField(null=True, blank=True, verbose_name=_("reminded at"))

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["plan", "position"]
        indexes = [models.Index(fields=["due"], name="goal_due")]

    def __str__(self) -> str:
        return f"{self.category} → {self.target} by {self.due}"
