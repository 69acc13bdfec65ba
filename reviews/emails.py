"""The email that asks a colleague for a second opinion (or reminds them), with their review
link, in the language the colleague last used."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from reviews.models import PeerReview
from teams.emails import absolute_url


def peer_review_message(*, review: PeerReview, kind: str) -> EmailMultiAlternatives:
    reviewer = review.reviewer
    with translation.override(reviewer.email_language):
        round = review.round
        context = {
            "reviewer": reviewer,
            "member": review.member,
            "team": round.team,
            "assessment": round.assessment,
            "closes_on": round.closes_on,
            "link": absolute_url(review.get_absolute_url()),
            "reminder": kind == "reminder",
            "needed": settings.ASSESSOR_MIN_PEER_REVIEWS,
        }
        subject = _("%(name)s asks for your view: %(assessment)s") % {
            "name": review.member.name,
            "assessment": round.assessment.name_in_language,
        }
        if kind == "reminder":
            subject = _("Reminder: %(subject)s") % {"subject": subject}
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("reviews/email/peer_review.txt", context),
            to=[f"{reviewer.name} <{reviewer.email}>"],
        )
        message.attach_alternative(
            render_to_string("reviews/email/peer_review.html", context), "text/html"
        )
    return message
