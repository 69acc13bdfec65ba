"""A stored answer to an assessment: one person's current and desired ratings."""

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.urls import reverse

from assessments.models import Assessment


def person_key(name: str, user_id: int | None) -> str:
    """Who a result belongs to: the account when signed in, else the name, trimmed, any case."""
    if user_id is not None:
        return f"user:{user_id}"
    return f"name:{name.strip().casefold()}"


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


class AssessmentResult(models.Model):
    # A random UUID, so a result's address can be neither guessed nor enumerated.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # No index of its own: both indexes below start with it, and each index costs every insert.
    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="results", db_index=False
    )
    assessment_version = models.CharField(max_length=50)
    name = models.CharField(max_length=100)
    current = models.JSONField(default=dict)
    desired = models.JSONField(default=dict)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assessment_results",
    )
    # Looked up only within an assessment, through the (assessment, person, created) index.
    person = models.CharField(max_length=120, editable=False)
    created = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created"]
        indexes = [
            models.Index(fields=["assessment", "person", "created"]),
            # Finds an assessment's latest result without sorting: the matrix's freshness check.
            models.Index(
                fields=["assessment", "created", "id"], name="result_latest_per_assessment"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.assessment_version}"

    def save(self, *args, **kwargs) -> None:
        self.person = person_key(self.name, self.user_id)
        if not self.assessment_version:
            self.assessment_version = self.assessment.slug
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("results:detail", kwargs={"pk": self.pk})

    def category_ratings(self) -> list[CategoryRating]:
        """Each category of the definition it was answered against, in the definition's order."""
        assessment = self.assessment
        rows = []
        for name, slug in assessment.categories:
            current = assessment.rating(self.current.get(slug))
            desired = assessment.rating(self.desired.get(slug))
            rows.append(
                CategoryRating(
                    name=name,
                    slug=slug,
                    current=current,
                    desired=desired,
                    current_label=assessment.rating_label(current),
                    desired_label=assessment.rating_label(desired),
                    levelup=self.wants_levelup(slug),
                )
            )
        return rows

    def wants_levelup(self, slug: str) -> bool:
        """Desired above current, both ratings on the scale: the level-up box was ticked."""
        current = self.assessment.rating(self.current.get(slug))
        desired = self.assessment.rating(self.desired.get(slug))
        return current is not None and desired is not None and desired > current
