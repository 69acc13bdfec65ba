"""Password reset through Django's own views, form and tokens: how often a client may ask, and
the email with the link, which a task sends in the language the request was made in."""

import logging
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from limits.addresses import client_address
from limits.rates import take_a_turn
from teams.display_names import display_name
from teams.emails import link_valid_days, set_password_link

logger = logging.getLogger(__name__)

# Each request may send an email to an address a stranger typed.
PASSWORD_RESET_RATE = (5, 3600)


def take_a_password_reset_turn(request: HttpRequest) -> None:
    """One request for a link, counted per client address whether or not it has an account
    (a refusal that came only for known addresses would tell which ones are); or RateLimited."""
    take_a_turn(scope="password-reset", key=client_address(request), rate=PASSWORD_RESET_RATE)


def queue_password_reset_emails(*, users: Iterable[AbstractUser], language: str) -> None:
    """One email per account, queued once the request's transaction commits. The request only
    queues, so known and unknown addresses take the same time to answer; the worker makes the
    link, so no token waits in the queue."""
    user_ids = [user.pk for user in users]

    def enqueue() -> None:
        for user_id in user_ids:
            send_password_reset_email.enqueue(user_id=user_id, language=language)

    transaction.on_commit(enqueue, robust=True)


@task()
def send_password_reset_email(*, user_id: int, language: str) -> str:
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    # Django's own rule (PasswordResetForm.get_users), asked again when the email leaves.
    if user is None or not user.has_usable_password():
        return "gone"
    with translation.override(language):
        message = password_reset_message(user=user)
    try:
        message.send()
    except Exception as error:  # The mail server's trouble is logged; the person may ask again.
        logger.warning("Password reset email to user %s failed: %r", user_id, error)
        return "failed"
    return "sent"


def password_reset_message(*, user: AbstractUser) -> EmailMultiAlternatives:
    """The email with Django's reset link, in the active language."""
    context = {
        "name": display_name(user),
        "username": user.get_username(),
        "link": set_password_link(user),
        "valid_days": link_valid_days(),
    }
    message = EmailMultiAlternatives(
        subject=_("Choose a new password for Assessor"),
        body=render_to_string("accounts/email/password_reset.txt", context),
        to=[user.email],
    )
    message.attach_alternative(
        render_to_string("accounts/email/password_reset.html", context), "text/html"
    )
    return message
