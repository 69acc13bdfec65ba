"""Which provider account signs in as which user of the site."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SignOnIdentity(models.Model):
    """A provider's account, named by its issuer and `sub`, that signs in as one user.

    The `sub` claim is the only name a provider promises never to give to someone else;
    an email address can change hands, so it never decides who signs in.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="sign_on_identities",
        verbose_name=_("user"),
    )
    issuer = models.CharField(_("issuer"), max_length=255)
    subject = models.CharField(_("subject (sub)"), max_length=255)
    created = models.DateTimeField(_("first signed in"), auto_now_add=True)
    last_signed_in = models.DateTimeField(_("last signed in"), auto_now=True)

    class Meta:
        verbose_name = _("single sign-on identity")
        verbose_name_plural = _("single sign-on identities")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="one_user_per_identity")
        ]

    def __str__(self) -> str:
        return f"{self.subject} at {self.issuer}"
