"""A stored answer to an assessment: one person's current and desired ratings."""

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments.definition import Role
from assessments.models import Assessment
from results.scoring import TargetCheck, is_not_applicable, target_check


def person_key(name: str = "", user_id: int | None = None, *, member_id: int | None = None) -> str:
    """Who a result belongs to (README, "Identity"): the account when there is one; else the team
    member who was invited (results know members by this number only); else the name typed,
    trimmed, in any case."""
    if user_id is not None:
        return f"user:{user_id}"
    if member_id is not None:
        return f"member:{member_id}"
    return f"name:{name.strip().casefold()}"


def newest_first_order(through: str = "") -> list[str]:
    """The one rule for which result is the latest: the newest `created`, and of two saved at the
    same instant the greater id, an arbitrary but stable choice, so every page, export and email
    picks the same one. `through` is the path to the result from another model ("result__")."""
    return [f"-{through}created", f"-{through}id"]


@dataclass(frozen=True)
class CategoryRating:
    """One category of a result as every page and download shows it: ratings on the scale (or
    None) and their labels."""

    name: str
    slug: str
    current: int | None
    desired: int | None
    current_label: str | None
    desired_label: str | None
    levelup: bool
    # Answered "not applicable" (both ratings None).
    not_applicable: bool = False
    # The compared role's target here, if it sets one.
    target: TargetCheck | None = None


class ResultQuerySet(models.QuerySet):
    """Results, newest first by the one rule; and every write moves their `updated` stamp, so
    that a cache key made from it follows writes that no caller remembered to stamp: an
    `.update()` that re-keys people, a `bulk_update`. (`save()` stamps through `auto_now`.)"""

    def newest_first(self) -> "ResultQuerySet":
        """These results, the latest first (newest_first_order); keeping the first of each person
        while walking it gives each person's latest result."""
        return self.order_by(*newest_first_order())

    def newest(self) -> "AssessmentResult | None":
        """The latest of these results, or None when there are none."""
        return self.newest_first().first()

    def update(self, **kwargs) -> int:
        kwargs.setdefault("updated", timezone.now())
        return super().update(**kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs) -> int:
        objs = list(objs)
        now = timezone.now()
        for result in objs:
            result.updated = now
        return super().bulk_update(objs, [*fields, "updated"], *args, **kwargs)


class AssessmentResult(models.Model):
    # A random UUID, so a result's address can be neither guessed nor enumerated.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # No index of its own: both indexes below start with it, and each index costs every insert.
    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.PROTECT,
        related_name="results",
        db_index=False,
        verbose_name=_("assessment"),
    )
    assessment_version = models.CharField(max_length=50, verbose_name=_("assessment version"))
    name = models.CharField(max_length=100, verbose_name=_("name"))
    current = models.JSONField(default=dict, verbose_name=_("current"))
    desired = models.JSONField(default=dict, verbose_name=_("desired"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assessment_results",
        verbose_name=_("user"),
    )
    # The slug of the role the respondent compared themselves with; empty for none.
    role = models.CharField(max_length=50, blank=True, default="", verbose_name=_("role"))
    # Looked up only within an assessment, through the (assessment, person, created) index.
    # Groups a person's results for managers; never a key for anyone else (results/visibility.py).
    person = models.CharField(max_length=120, editable=False, verbose_name=_("person"))
    # The result this one was answered again from, or the member's previous invitation answer:
    # the chain whose earlier results this result's address also opens.
    previous = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("previous result"),
    )
    # The team whose managers may read it: set when it answers one of the team's invitations,
    # and kept by the answers made again from it. None: given through the public link. Results
    # know teams by this number only, so that this app imports nothing from theirs.
    team_scope = models.PositiveIntegerField(
        null=True, blank=True, editable=False, verbose_name=_("team")
    )
    created = models.DateTimeField(auto_now_add=True, db_index=True, verbose_name=_("created"))
    # Moved by every write (ResultQuerySet, auto_now): cached manager pages are keyed on its
    # latest value, so they follow re-keyed people and not only stored or erased results.
    updated = models.DateTimeField(auto_now=True, editable=False, verbose_name=_("updated"))

    objects = ResultQuerySet.as_manager()

    class Meta:
        verbose_name = _("assessment result")
        verbose_name_plural = _("assessment results")
        ordering = ["-created"]
        indexes = [
            models.Index(fields=["assessment", "person", "created"]),
            # Finds an assessment's latest result without sorting: the matrix's freshness check.
            models.Index(
                fields=["assessment", "created", "id"], name="result_latest_per_assessment"
            ),
            # The latest write to an assessment's results, for the keys of cached pages.
            models.Index(fields=["assessment", "updated"], name="result_updated_per_assessment"),
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.assessment_version}"

    def save(self, *args, **kwargs) -> None:
        # A caller that knows who the person is (an invitation's member) says so.
        self.person = self.person or person_key(self.name, self.user_id)
        if not self.assessment_version:
            self.assessment_version = self.assessment.slug
        # auto_now stamps only the fields saved: a partial save stamps too.
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "updated"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("results:detail", kwargs={"pk": self.pk})

    @property
    def keyed_by_caller(self) -> bool:
        """Whoever stored it said who the person is (record_result's `person`), other than by
        name or account: an invited team member without an account, so the result's page offers
        them one (results/account_offer.html)."""
        return self.person != person_key(self.name, self.user_id)

    @property
    def compared_role(self) -> Role | None:
        """The role this result compares with, while the assessment still has it."""
        return self.assessment.role(self.role) if self.role else None

    def category_ratings(self) -> list[CategoryRating]:
        """Each category of the definition it was answered against, in the definition's order."""
        assessment = self.assessment
        role = self.compared_role
        rows = []
        for name, slug in assessment.categories:
            current = assessment.rating(self.current.get(slug))
            desired = assessment.rating(self.desired.get(slug))
            not_applicable = is_not_applicable(self.current, slug)
            rows.append(
                CategoryRating(
                    name=name,
                    slug=slug,
                    current=current,
                    desired=desired,
                    current_label=assessment.rating_label(current),
                    desired_label=assessment.rating_label(desired),
                    levelup=self.wants_levelup(slug),
                    not_applicable=not_applicable,
                    target=target_check(
                        role,
                        slug,
                        current=current,
                        not_applicable=not_applicable,
                        ratings=assessment.ratings,
                    ),
                )
            )
        return rows

    def wants_levelup(self, slug: str) -> bool:
        """Desired above current, both ratings on the scale: the level-up box was ticked."""
        current = self.assessment.rating(self.current.get(slug))
        desired = self.assessment.rating(self.desired.get(slug))
        return current is not None and desired is not None and desired > current
