"""The invitation and reminder emails: plain text and HTML, with the member's personal link."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from teams.models import Invitation

INVITATION = "invitation"
REMINDER = "reminder"


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def sender_name(invitation: Invitation) -> str:
    starter = invitation.round.started_by
    if starter is None:
        return invitation.round.team.name
    return starter.get_full_name() or starter.get_username()


def invitation_message(*, invitation: Invitation, kind: str) -> EmailMultiAlternatives:
    """The email in the language the member last used on their link, else the site's default."""
    with translation.override(invitation.member.email_language):
        return message_in_active_language(invitation=invitation, kind=kind)


def message_in_active_language(*, invitation: Invitation, kind: str) -> EmailMultiAlternatives:
    round = invitation.round
    assessment = round.assessment
    context = {
        "member": invitation.member,
        "team": round.team,
        "assessment": assessment,
        "closes_on": round.closes_on,
        "link": absolute_url(invitation.get_absolute_url()),
        "sender": sender_name(invitation),
        "reminder": kind == REMINDER,
    }
    if kind == REMINDER:
        subject = _("Reminder: %(assessment)s closes on %(date)s") % {
            "assessment": assessment.name,
            "date": round.closes_on.isoformat(),
        }
    else:
        subject = _("%(assessment)s: your self-assessment for %(team)s") % {
            "assessment": assessment.name,
            "team": round.team.name,
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
