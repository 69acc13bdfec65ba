"""Making, using and revoking personal API tokens."""

import hashlib
import secrets

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from api.models import ApiToken


def token_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(*, user: AbstractBaseUser, name: str) -> tuple[ApiToken, str]:
    """A new token and its secret, which is returned this once and stored only as a digest."""
    secret = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, digest=token_digest(secret))
    return token, secret


def revoke_token(*, token: ApiToken) -> None:
    """From now on the token opens nothing; revoking it again changes nothing."""
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())


def use_token(secret: str) -> ApiToken | None:
    """The token a request presents, if it is in use (not revoked, its owner's account active),
    now marked as used; else None."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is not None:
        token.last_used = timezone.now()
        ApiToken.objects.filter(pk=token.pk).update(last_used=token.last_used)
    return token
