"""A stored answer to an assessment: one person's current and desired ratings."""

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Lower
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


# The fields that decide which result is the latest of its person (newest_first_order): a write
# to one of them moves the person's `latest_of_person` mark.
LATEST_DEPENDS_ON = frozenset({"assessment", "assessment_id", "person", "created"})
# People re-marked, or results looked up by id, in one statement: bounded, so that a bulk write
# stays within every database's limit of parameters.
PER_STATEMENT = 500

Person = tuple[int, str]  # (assessment id, person key)


def mark_latest_of_people(people: Iterable[Person]) -> None:
    """Marks, of each person's results in the assessment, the latest by the one rule
    (newest_first_order) and only it: called by every write that stores, removes or re-keys
    results, in its transaction. A person with no result left has nothing to mark. (A new
    answer takes a shorter path: AssessmentResult.insert_as_latest.)"""
    by_assessment: dict[int, set[str]] = defaultdict(set)
    for assessment_id, person in people:
        by_assessment[assessment_id].add(person)
    later = AssessmentResult.objects.filter(
        assessment=OuterRef("assessment"), person=OuterRef("person")
    ).filter(
        Q(created__gt=OuterRef("created")) | Q(created=OuterRef("created"), pk__gt=OuterRef("pk"))
    )
    for assessment_id, persons in by_assessment.items():
        ordered = sorted(persons)
        for start in range(0, len(ordered), PER_STATEMENT):
            some = ordered[start : start + PER_STATEMENT]
            AssessmentResult.objects.filter(assessment_id=assessment_id, person__in=some).update(
                latest_of_person=~Exists(later)
            )


def people_of(ids: list) -> set[Person]:
    """Whose results these (by id) are."""
    people: set[Person] = set()
    for start in range(0, len(ids), PER_STATEMENT):
        people |= AssessmentResult.objects.filter(
            pk__in=ids[start : start + PER_STATEMENT]
        ).people()
    return people


class ResultQuerySet(models.QuerySet):
    """Results, newest first by the one rule; and every write moves their `updated` stamp, so
    that a cache key made from it follows writes that no caller remembered to stamp: an
    `.update()` that re-keys people, a `bulk_update`. (`save()` stamps through `auto_now`.)
    Likewise every write that stores, removes or re-keys results moves their people's
    `latest_of_person` mark (mark_latest_of_people), in the same transaction."""

    def newest_first(self) -> "ResultQuerySet":
        """These results, the latest first (newest_first_order); keeping the first of each person
        while walking it gives each person's latest result."""
        return self.order_by(*newest_first_order())

    def newest(self) -> "AssessmentResult | None":
        """The latest of these results, or None when there are none."""
        return self.newest_first().first()

    def people(self) -> set[Person]:
        """Whose results these are: (assessment id, person key) pairs."""
        return set(self.order_by().values_list("assessment_id", "person").distinct())

    def update(self, **kwargs) -> int:
        kwargs.setdefault("updated", timezone.now())
        if LATEST_DEPENDS_ON.isdisjoint(kwargs):
            return super().update(**kwargs)
        with transaction.atomic(savepoint=False):
            # The rows by id: once re-keyed, they may no longer match this query's filters.
            ids = list(self.values_list("pk", flat=True))
            before = self.people()
            updated = super().update(**kwargs)
            mark_latest_of_people(before | people_of(ids))
        return updated

    def bulk_update(self, objs, fields, *args, **kwargs) -> int:
        objs = list(objs)
        now = timezone.now()
        for result in objs:
            result.updated = now
        if LATEST_DEPENDS_ON.isdisjoint(fields):
            return super().bulk_update(objs, [*fields, "updated"], *args, **kwargs)
        with transaction.atomic(savepoint=False):
            ids = [result.pk for result in objs]
            before = people_of(ids)
            updated = super().bulk_update(objs, [*fields, "updated"], *args, **kwargs)
            mark_latest_of_people(before | people_of(ids))
        return updated

    def bulk_create(self, objs, *args, **kwargs) -> list["AssessmentResult"]:
        with transaction.atomic(savepoint=False):
            created = super().bulk_create(objs, *args, **kwargs)
            mark_latest_of_people((result.assessment_id, result.person) for result in created)
        return created

    def delete(self) -> tuple[int, dict[str, int]]:
        with transaction.atomic(savepoint=False):
            before = self.people()
            deleted = super().delete()
            mark_latest_of_people(before)
        return deleted


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
    # The latest of its person's results of the assessment, all scopes together (one person, one
    # mark), kept by every write (ResultQuerySet, save, delete): the matrix reads each person's
    # latest result through it rather than comparing every result with every other
    # (reports/selection.py latest_results, which says when it equals the viewer's latest).
    latest_of_person = models.BooleanField(
        default=False, editable=False, verbose_name=_("latest of its person")
    )

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
            # Each person's latest result in the matrix's order: a page of it without sorting
            # everyone, and the summaries' rows without reading the earlier results.
            models.Index(
                "assessment",
                Lower("name"),
                "person",
                "id",
                condition=Q(latest_of_person=True),
                name="result_latest_of_person",
            ),
            # Each person's marked result, found without reading their others: what an answer's
            # save looks at to move the mark.
            models.Index(
                fields=["assessment", "person"],
                condition=Q(latest_of_person=True),
                name="result_latest_by_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.assessment_version}"

    def save(self, *args, **kwargs) -> None:
        # A caller that knows who the person is (an invitation's member) says so.
        self.person = self.person or person_key(self.name, self.user_id)
        if not self.assessment_version:
            self.assessment_version = self.assessment.slug
        # auto_now stamps only the fields saved: a partial save stamps too.
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "updated"}
        moves_mark = update_fields is None or not LATEST_DEPENDS_ON.isdisjoint(update_fields)
        with transaction.atomic(savepoint=False):
            if self._state.adding:
                self.insert_as_latest(*args, **kwargs)
                return
            before = AssessmentResult.objects.filter(pk=self.pk).people() if moves_mark else set()
            super().save(*args, **kwargs)
            if moves_mark:
                mark_latest_of_people(before | {(self.assessment_id, self.person)})

    def get_absolute_url(self) -> str:
        return reverse("results:detail", kwargs={"pk": self.pk})

    def insert_as_latest(self, *args, **kwargs) -> None:
        """Stores a new result and moves its person's mark (an answer's path, kept to two
        simple queries more than the INSERT: a correlated UPDATE's compiling alone would cost
        more than the INSERT). Only the result marked so far can be later than a new one."""
        marked = list(
            AssessmentResult.objects.filter(
                assessment_id=self.assessment_id, person=self.person, latest_of_person=True
            ).values_list("created", "pk")
        )
        self.latest_of_person = True
        super().save(*args, **kwargs)
        # newest_first_order: the newest `created`, then the greater id.
        if any(earlier > (self.created, self.pk) for earlier in marked):
            AssessmentResult.objects.filter(pk=self.pk).update(latest_of_person=False)
            self.latest_of_person = False
        elif marked:
            AssessmentResult.objects.filter(pk__in=[pk for _, pk in marked]).update(
                latest_of_person=False
            )

    def delete(self, *args, **kwargs) -> tuple[int, dict[str, int]]:
        with transaction.atomic(savepoint=False):
            # Read before the row goes: a page may have loaded the result without its person.
            whose = (self.assessment_id, self.person)
            deleted = super().delete(*args, **kwargs)
            mark_latest_of_people({whose})
        return deleted

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
