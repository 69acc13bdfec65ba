"""The audit trail: who read or erased people's results, who closed, extended or cancelled a
round, and who signed in, when and from where."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        MATRIX_READ = "matrix_read", _("Matrix read")
        ROUND_READ = "round_read", _("Round page read")
        CSV_EXPORTED = "csv_exported", _("CSV exported")
        XLSX_EXPORTED = "xlsx_exported", _("Spreadsheet (.xlsx) exported")
        RESULT_OPENED = "result_opened", _("Result opened from a manager page")
        REVIEW_READ = "review_read", _("Manager's review read")
        RESULT_ERASED = "result_erased", _("Result erased through its link")
        RESULTS_DELETED_IN_ADMIN = "results_deleted_in_admin", _("Results deleted in the admin")
        PERSON_ERASED = "person_erased", _("A person's results erased by a manager")
        RESULTS_PURGED = "results_purged", _("Results purged by retention")
        SIGNED_IN = "signed_in", _("Signed in")
        SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
        LOCKED_OUT = "locked_out", _("Sign-in locked out")
        ASSESSMENT_PUBLISHED = "assessment_published", _("Assessment published")
        API_READ = "api_read", _("Read through the API")
        ROUND_CLOSED = "round_closed", _("Round closed early")
        ROUND_EXTENDED = "round_extended", _("Round extended")
        ROUND_CANCELLED = "round_cancelled", _("Round cancelled")

    created = models.DateTimeField(default=timezone.now, db_index=True)
    action = models.CharField(max_length=40, choices=Action.choices)
    # What an event concerned is kept as text, so it outlives what it names: an erased result,
    # a deleted account or assessment. Never what anybody answered.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField(
        max_length=150, blank=True, help_text=_("The username at the time, or the one tried.")
    )
    assessment = models.CharField(max_length=50, blank=True)
    team = models.CharField(max_length=100, blank=True)
    result = models.CharField(max_length=36, blank=True)
    count = models.PositiveIntegerField(null=True, blank=True)
    client_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} by {self.actor_name or 'nobody signed in'}"

    def save(self, *args, **kwargs) -> None:
        # The trail is written once; only retention (a queryset delete) removes it.
        if self.pk is not None:
            raise ValueError("Audit events cannot be changed.")
        super().save(*args, **kwargs)
