"""Signing on: the provider's claims about a person, matched to (or made into) a user."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import SignOnIdentity
from reports.access import make_manager, unmake_manager
from teams.membership import free_username, link_account
from teams.models import Member

logger = logging.getLogger(__name__)

NAME_LENGTH = get_user_model()._meta.get_field("first_name").max_length


class SignInRefused(Exception):
    """The provider vouched for the person, but the site will not sign them in; says why."""


@transaction.atomic
def sign_on(*, issuer: str, claims: dict) -> AbstractUser:
    """The user the provider's account signs in as, created on its first sign-in.

    The account is found by `sub` alone, so a changed email address still finds it. Its
    email and name follow the provider's; with OIDC_MANAGERS_GROUP set, so does Managers.
    Team members with its verified email become this account, their invitation results too.
    """
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject:
        raise SignInRefused(_("The provider did not say who you are."))
    identity = (
        SignOnIdentity.objects.select_related("user")
        .select_for_update()
        .filter(issuer=issuer, subject=subject)
        .first()
    )
    if identity is None:
        user = create_user_from_claims(claims=claims)
        identity = SignOnIdentity.objects.create(user=user, issuer=issuer, subject=subject)
        logger.info("single sign-on created user %s for %s at %s", user.pk, subject, issuer)
    else:
        user = identity.user
        if not user.is_active:
            raise SignInRefused(_("This account is switched off on this site."))
        update_user_from_claims(user=user, claims=claims)
        identity.save(update_fields=["last_signed_in"])
    link_members(user=user, claims=claims)
    if settings.OIDC_MANAGERS_GROUP:
        follow_managers_claim(user=user, claims=claims)
    return user


def verified_email(claims: dict) -> str | None:
    email = claims.get("email")
    # Some providers send the flag as the string "true".
    verified = claims.get("email_verified") in (True, "true")
    return email.strip() if verified and isinstance(email, str) and email.strip() else None


def create_user_from_claims(*, claims: dict) -> AbstractUser:
    email = verified_email(claims)
    if email is None:
        raise SignInRefused(
            _(
                "Your account at the provider has no verified email address, so this site "
                "cannot create an account for you. Verify your email address there, then try "
                "again."
            )
        )
    user_model = get_user_model()
    user = user_model(username=free_username(email=email), email=email)
    set_names(user=user, claims=claims)
    # Sign-in goes through the provider; a password here would be a second way in.
    user.set_unusable_password()
    user.save()
    return user


def update_user_from_claims(*, user: AbstractUser, claims: dict) -> None:
    email = verified_email(claims)
    if email is not None:
        user.email = email
    set_names(user=user, claims=claims)
    user.save(update_fields=["email", "first_name", "last_name"])


def set_names(*, user: AbstractUser, claims: dict) -> None:
    given, family = claims.get("given_name"), claims.get("family_name")
    name = claims.get("name")
    if isinstance(given, str) and given.strip():
        user.first_name = given.strip()[:NAME_LENGTH]
        user.last_name = family.strip()[:NAME_LENGTH] if isinstance(family, str) else ""
    elif isinstance(name, str) and name.strip():
        # A full name is not split: where the surname starts differs between cultures.
        user.first_name, user.last_name = name.strip()[:NAME_LENGTH], ""


def link_members(*, user: AbstractUser, claims: dict) -> None:
    """Team members invited at this verified address, not yet anyone's, become this account."""
    email = verified_email(claims)
    if email is None:
        return
    # At every sign-in, not only the first: a member may be added to a team later.
    for member in Member.objects.filter(email__iexact=email, user__isnull=True):
        moved = link_account(member=member, user=user)
        logger.info(
            "single sign-on linked member %s (%s results) to user %s", member.pk, moved, user.pk
        )


def follow_managers_claim(*, user: AbstractUser, claims: dict) -> None:
    groups = claims.get("groups") or []
    if isinstance(groups, str):
        groups = [groups]
    if settings.OIDC_MANAGERS_GROUP in groups:
        if make_manager(user=user):
            logger.info("single sign-on put user %s in Managers", user.pk)
    elif unmake_manager(user=user):
        logger.info("single sign-on took user %s out of Managers", user.pk)
