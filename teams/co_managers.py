"""Co-managers of a team: who may be one, adding one by username, inviting one by email.

Only who teams.access.may_co_manage() can be one; anyone else gets the answer a name nobody has
gets, so the team page cannot be used to find out who has an account here.
"""

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.db import transaction
from django.utils import translation
from django_tasks import task

from limits.rates import take_a_turn
from results.managers import make_manager
from teams.access import may_co_manage
from teams.emails import co_manager_message
from teams.membership import free_username
from teams.models import Team

logger = logging.getLogger(__name__)

# Each invitation by email may make an account and sends an email to an address typed by hand.
INVITATION_RATE = (3, 3600)


def take_an_invitation_turn(team: Team) -> None:
    """One invitation by email for the team, at most INVITATION_RATE; or RateLimited."""
    take_a_turn(scope="co-manager-invitation", key=str(team.pk), rate=INVITATION_RATE)


@transaction.atomic
def invite_co_manager(*, team: Team, email: str, invited_by: AbstractUser, language: str) -> None:
    """The account with this email address manages the team from now on, or a new one made for
    it (in the Managers group, without a password yet); an email in `language` tells them.

    An address whose accounts may not co-manage changes nothing and gets nothing, and the caller
    cannot tell that from the other two.
    """
    accounts = list(get_user_model().objects.filter(email__iexact=email).order_by("pk"))
    if accounts:
        user = next((account for account in accounts if may_co_manage(account)), None)
        if user is None:
            logger.info(
                "team %s: %s account(s) with that address may not co-manage", team.pk, len(accounts)
            )
            return
    else:
        user = create_co_manager_account(email=email)
    team.managers.add(user)
    email_ids = {"user_id": user.pk, "team_id": team.pk, "invited_by_id": invited_by.pk}
    transaction.on_commit(
        lambda: send_co_manager_email.enqueue(**email_ids, language=language), robust=True
    )


def create_co_manager_account(*, email: str) -> AbstractUser:
    user = get_user_model()(username=free_username(email=email), email=email)
    # Its owner chooses the password through the link in the email (Django's password reset).
    user.set_unusable_password()
    user.save()
    make_manager(user=user)
    return user


def has_never_had_a_password(user: AbstractUser) -> bool:
    """An account made by an invitation whose owner has not chosen a password yet.

    Accounts made by single sign-on have no password either, but have signed in: a password
    would be a second way into them.
    """
    return not user.has_usable_password() and user.last_login is None


@task()
def send_co_manager_email(*, user_id: int, team_id: int, invited_by_id: int, language: str) -> str:
    users = get_user_model().objects.in_bulk([user_id, invited_by_id])
    team = Team.objects.filter(pk=team_id).first()
    user, invited_by = users.get(user_id), users.get(invited_by_id)
    if team is None or user is None or invited_by is None or not user.is_active:
        return "gone"
    with translation.override(language):
        message = co_manager_message(
            user=user,
            team=team,
            invited_by=invited_by,
            with_password_link=has_never_had_a_password(user),
        )
    try:
        message.send()
    except Exception as error:  # The mail server's trouble is logged; the manager may invite again.
        logger.warning("Email to new co-manager %s of team %s failed: %r", user_id, team_id, error)
        return "failed"
    return "sent"
