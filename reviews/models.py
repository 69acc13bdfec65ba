"""Second opinions on a member's answers in a round: their managers' review and colleagues'."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from teams.models import Member, Round, new_token


class Review(models.Model):
    """Ratings by category slug (a step on the scale, or None for "not applicable"), an
    optional comment per category and an overall one."""

    ratings = models.JSONField(default=dict, verbose_name=_("ratings"))
    # Only the categories with a comment.
    comments = models.JSONField(default=dict, verbose_name=_("comments"))
    comment = models.TextField(blank=True, verbose_name=_("comment"))
    updated = models.DateTimeField(null=True, blank=True, verbose_name=_("updated"))

    class Meta:
        abstract = True


class ManagerReview(Review):
    """The team's managers' view of one member in one round: one per member and round, which
    any of the team's managers may write or change."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="manager_reviews", verbose_name=_("round")
    )
    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="manager_reviews", verbose_name=_("member")
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("written by"),
    )
    # Set by the sign-off; any later change clears it, so the member never sees a half-edit.
    shared_at = models.DateTimeField(null=True, blank=True, verbose_name=_("shared at"))

    class Meta:
        verbose_name = _("manager's review")
        verbose_name_plural = _("managers' reviews")
        constraints = [
            models.UniqueConstraint(fields=["round", "member"], name="one_manager_review")
        ]

    def __str__(self) -> str:
        return f"{self.member.name} — {self.round}"


class PeerReview(Review):
    """One colleague asked by a member for a second opinion, and their review once given.

    Who reviewed is kept only so the reviewer can change their review through the link; no
    page shows it, and it goes with the reviews about the member when their answers go.
    """

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="peer_reviews", verbose_name=_("round")
    )
    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="peer_reviews", verbose_name=_("member")
    )
    reviewer = models.ForeignKey(
        Member,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewer"),
    )
    token = models.CharField(
        max_length=64, unique=True, default=new_token, editable=False, verbose_name=_("token")
    )
    asked = models.DateTimeField(auto_now_add=True, verbose_name=_("asked"))
    reminded_at = models.DateTimeField(null=True, blank=True, verbose_name=_("reminded at"))

    class Meta:
        verbose_name = _("colleague's review")
        verbose_name_plural = _("colleagues' reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "member", "reviewer"], name="one_peer_review_per_reviewer"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member.name} — {self.round}"

    def get_absolute_url(self) -> str:
        return reverse("reviews:peer_review", kwargs={"token": self.token})

    @property
    def answered(self) -> bool:
        return self.updated is not None
