"""The invitation, reminder and extension emails: plain text and HTML, with the member's
personal link; the email that tells the managers everyone has answered; and the email that
tells a new co-manager about their team."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.formats import date_format
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from teams.display_names import display_name
from teams.models import Invitation, Round, Team, round_label

INVITATION = "invitation"
REMINDER = "reminder"
# The round is open for longer than the invitation said.
EXTENSION = "extension"


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def sender_name(invitation: Invitation) -> str:
    starter = invitation.round.started_by
    if starter is None:
        return invitation.round.team.name
    return display_name(starter)


def set_password_link(user: AbstractUser) -> str:
    """Django's password-reset link for the account: it works once, for PASSWORD_RESET_TIMEOUT,
    and no longer once the password has changed."""
    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return absolute_url(path)


def link_valid_days() -> int:
    return max(settings.PASSWORD_RESET_TIMEOUT // 86400, 1)


def invitation_message(*, invitation: Invitation, kind: str) -> EmailMultiAlternatives:
    """The email in the language the member last used on their link, else the site's default."""
    with translation.override(invitation.member.email_language):
        return message_in_active_language(invitation=invitation, kind=kind)


def message_in_active_language(*, invitation: Invitation, kind: str) -> EmailMultiAlternatives:
    team_round = invitation.round
    context = {
        "member": invitation.member,
        "team": team_round.team,
        "assessment": team_round.assessment,
        "round_name": round_label(team_round),
        "closes_on": team_round.closes_on,
        "link": absolute_url(invitation.get_absolute_url()),
        "sender": sender_name(invitation),
        "kind": kind,
        # The manager's own words go with the invitation, not with every reminder.
        "message": team_round.message if kind == INVITATION else "",
    }
    # The subject names the assessment in the member's language; the body names the round too
    # (its name is the site's, in LANGUAGE_CODE).
    assessment_name = team_round.assessment.name_in_language
    if kind == REMINDER:
        subject = _("Reminder: %(assessment)s closes on %(date)s") % {
            "assessment": assessment_name,
            # The same date as the body's (DATE_FORMAT, in the member's language).
            "date": date_format(team_round.closes_on, "DATE_FORMAT"),
        }
    elif kind == EXTENSION:
        subject = _("%(assessment)s: open until %(date)s") % {
            "assessment": assessment_name,
            "date": date_format(team_round.closes_on, "DATE_FORMAT"),
        }
    else:
        subject = _("%(assessment)s: your self-assessment for %(team)s") % {
            "assessment": assessment_name,
            "team": team_round.team.name,
        }
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("teams/email/invitation.txt", context),
        to=[f"{invitation.member.name} <{invitation.member.email}>"],
    )
    message.attach_alternative(
        render_to_string("teams/email/invitation.html", context), "text/html"
    )
    return message


def all_answered_messages(*, team_round: Round) -> list[EmailMultiAlternatives]:
    """One email to each of the team's managers who has an address, in the site's language:
    every member invited has answered."""
    managers = team_round.team.managers.filter(is_active=True).exclude(email="").order_by("pk")
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "round_name": round_label(team_round),
            "team": team_round.team,
            "round_link": absolute_url(team_round.get_absolute_url()),
        }
        subject = _("%(round)s: everyone in %(team)s has answered") % {
            "round": context["round_name"],
            "team": team_round.team.name,
        }
        text = render_to_string("teams/email/all_answered.txt", context)
        html = render_to_string("teams/email/all_answered.html", context)
    messages = []
    for manager in managers:
        message = EmailMultiAlternatives(subject=subject, body=text, to=[manager.email])
        message.attach_alternative(html, "text/html")
        messages.append(message)
    return messages


def co_manager_message(
    *, user: AbstractUser, team: Team, invited_by: AbstractUser, with_password_link: bool
) -> EmailMultiAlternatives:
    """The email to someone who now manages `team`, in the active language; an account that has
    never had a password gets a link to choose one."""
    context = {
        "team": team,
        "sender": display_name(invited_by),
        "username": user.get_username(),
        "team_link": absolute_url(team.get_absolute_url()),
        "password_link": set_password_link(user) if with_password_link else None,
        "valid_days": link_valid_days(),
    }
    message = EmailMultiAlternatives(
        subject=_("%(sender)s added you as a manager of %(team)s")
        % {"sender": context["sender"], "team": team.name},
        body=render_to_string("teams/email/co_manager.txt", context),
        to=[user.email],
    )
    message.attach_alternative(
        render_to_string("teams/email/co_manager.html", context), "text/html"
    )
    return message
