"""Personal API tokens: a manager's key for a BI tool, stored as a digest only."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=100)
    # The sha256 of the token, in hex: the token itself is shown once and never stored, so a copy
    # of the database opens no API.
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    last_used = models.DateTimeField(null=True, blank=True, verbose_name=_("last used"))
    # Kept after revoking, so its owner still sees when it was last used.
    revoked_at = models.DateTimeField(null=True, blank=True, verbose_name=_("revoked"))

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
