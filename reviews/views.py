"""The review pages: the managers' review of a member and its sign-off (under /manage/), a
member's page to ask colleagues (/i/<token>/peers/), a colleague's review link (/r/<token>/),
and reminding a round's members and colleagues (/manage/rounds/<id>/remind/, named reviews:remind).

A round that asks for no reviews answers 404 on all of them, one without colleagues on theirs.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from audit.events import record_event
from audit.models import AuditEvent
from limits.rates import take_an_invitation_turn
from pages.cache import cached_html
from reviews import reminders, reviewing
from reviews.forms import AskPeersForm, ReviewForm, review_initial
from reviews.models import ManagerReview, PeerReview
from teams.access import managed_round_or_404
from teams.display_names import display_name
from teams.emails import REMINDER, message_in_active_language
from teams.models import Invitation, Member, Round, round_label
from teams.rounds import latest_answer

MANAGER_REVIEW_PAGE = "reviews/manager_review.html"
PEER_REVIEW_PAGE = "reviews/peer_review.html"
REVIEW_FIELDS = "reviews/review_fields.html"


def reviewed_invitation_or_404(request: HttpRequest, *, pk: int, member_id: int) -> Invitation:
    """The member's invitation in a round the viewer manages that asks for reviews."""
    round = managed_round_or_404(request.user, pk=pk)
    if not round.asks_manager:
        raise Http404("This round asks for no reviews.")
    # By the member's own key: a number past what the column holds then matches nothing (as a
    # foreign key's lookup would not: SQLite refuses to bind it).
    invitation = get_object_or_404(round.invitations.select_related("member"), member__pk=member_id)
    invitation.round = round
    return invitation


def own_rating_labels(invitation: Invitation) -> dict[str, str] | None:
    """The member's own latest ratings in the round, as labels by slug; None if not answered."""
    result = latest_answer(invitation=invitation)
    if result is None:
        return None
    assessment = invitation.round.assessment
    labels = {}
    for slug in assessment.category_slugs:
        step = assessment.rating(result.current.get(slug))
        labels[slug] = assessment.rating_label(step) or (
            _("Not applicable") if slug in result.current else ""
        )
    return labels


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def manager_review(request: HttpRequest, pk: int, member_id: int) -> HttpResponse:
    invitation = reviewed_invitation_or_404(request, pk=pk, member_id=member_id)
    round, member = invitation.round, invitation.member
    review = ManagerReview.objects.filter(round=round, member=member).first()
    assessment = round.assessment
    if request.method != "POST":
        record_event(
            action=AuditEvent.Action.REVIEW_READ,
            request=request,
            assessment=assessment.slug,
            team=round.team.slug,
        )
        form = ReviewForm(assessment=assessment, initial=review_initial(review))
        return manager_review_page(request, invitation, form, review)
    form = ReviewForm(request.POST, assessment=assessment)
    if not form.is_valid():
        return manager_review_page(request, invitation, form, review, status=400)
    reviewing.store_manager_review(
        round=round,
        member=member,
        ratings=form.ratings(),
        comments=form.comments(),
        comment=form.overall_comment(),
        written_by=request.user,
    )
    messages.success(
        request,
        _("The review of %(name)s is saved. %(name)s sees it once you share it.")
        % {"name": member.name},
    )
    return redirect(round)


def manager_review_page(
    request: HttpRequest,
    invitation: Invitation,
    form: ReviewForm,
    review: ManagerReview | None,
    *,
    status: int = 200,
) -> HttpResponse:
    context = {
        "round": invitation.round,
        "member": invitation.member,
        "form": form,
        "rows": form.rows(own_ratings=own_rating_labels(invitation)),
        "review": review,
        "written_by": display_name(review.written_by) if review and review.written_by else "",
    }
    return render(request, MANAGER_REVIEW_PAGE, context, status=status)


@require_POST
@login_required
def share_review(request: HttpRequest, pk: int, member_id: int) -> HttpResponse:
    invitation = reviewed_invitation_or_404(request, pk=pk, member_id=member_id)
    review = get_object_or_404(ManagerReview, round=invitation.round, member=invitation.member)
    reviewing.share_manager_review(review=review)
    messages.success(
        request, _("%(name)s can now see your review.") % {"name": invitation.member.name}
    )
    return redirect(invitation.round)


def colleagues_of(member: Member) -> list[Member]:
    return list(Member.current.filter(team=member.team_id).exclude(pk=member.pk))


@require_http_methods(["GET", "HEAD", "POST"])
def ask_peers(request: HttpRequest, token: str) -> HttpResponse:
    """After answering, a member asks colleagues for a second opinion; the page lists whom
    they asked and how many have answered, never who."""
    invitation = get_object_or_404(
        Invitation.objects.select_related("member__team", "round__assessment", "round__team"),
        token=token,
    )
    round, member = invitation.round, invitation.member
    if not round.asks_peers or not invitation.responses.exists():
        raise Http404("There is nobody to ask here.")
    if not round.is_open():
        return render(request, "reviews/round_closed.html", {"round": round}, status=410)
    asked = PeerReview.objects.filter(round=round, member=member)
    asked_ids = set(asked.values_list("reviewer_id", flat=True))
    colleagues = colleagues_of(member)
    data = request.POST if request.method == "POST" else None
    form = AskPeersForm(data, colleagues=colleagues, asked=asked_ids)
    if form.is_bound and form.is_valid():
        take_an_invitation_turn(invitation.token)
        new = reviewing.ask_colleagues(
            round=round, member=member, colleagues=form.cleaned_data["peers"]
        )
        messages.success(
            request,
            ngettext("%(count)d colleague asked.", "%(count)d colleagues asked.", len(new))
            % {"count": len(new)},
        )
        return redirect("reviews:ask_peers", token=token)
    context = {
        "invitation": invitation,
        "round": round,
        "form": form,
        "colleagues": [colleague for colleague in colleagues if colleague.pk not in asked_ids],
        "asked": Member.objects.filter(pk__in=asked_ids).order_by("name", "pk"),
        "answered_count": asked.filter(updated__isnull=False).count(),
        "most": settings.ASSESSOR_MAX_PEER_REVIEWS,
        "needed": settings.ASSESSOR_MIN_PEER_REVIEWS,
    }
    return render(request, "reviews/ask_peers.html", context, status=400 if form.is_bound else 200)


@require_http_methods(["GET", "HEAD", "POST"])
def peer_review(request: HttpRequest, token: str) -> HttpResponse:
    """A colleague's review link: the form naming whom they review. After the round: 410."""
    review = get_object_or_404(
        PeerReview.objects.select_related("member", "round__assessment", "round__team"),
        token=token,
        reviewer__isnull=False,
    )
    round: Round = review.round
    if not round.is_open():
        return render(request, "reviews/round_closed.html", {"round": round}, status=410)
    assessment = round.assessment
    if request.method != "POST":
        form = ReviewForm(
            assessment=assessment, initial=review_initial(review if review.answered else None)
        )
        return peer_review_page(request, review, form)
    form = ReviewForm(request.POST, assessment=assessment)
    if not form.is_valid():
        return peer_review_page(request, review, form, status=400)
    # Past ASSESSOR_SUBMIT_RATE for this link this raises RateLimited: 429, nothing stored.
    take_an_invitation_turn(review.token)
    reviewing.store_peer_review(
        review=review,
        ratings=form.ratings(),
        comments=form.comments(),
        comment=form.overall_comment(),
    )
    return redirect(review)


def peer_review_page(
    request: HttpRequest, review: PeerReview, form: ReviewForm, *, status: int = 200
) -> HttpResponse:
    context = {
        "review": review,
        "round": review.round,
        "member": review.member,
        "fields": peer_review_fields_html(form),
        "needed": settings.ASSESSOR_MIN_PEER_REVIEWS,
        # The error summary's.
        "form": form,
    }
    return render(request, PEER_REVIEW_PAGE, context, status=status)


def peer_review_fields_html(form: ReviewForm) -> SafeString:
    """A colleague's form fields (a radio group and a comment per category, the overall
    comment): the same for every blank review of an assessment, so rendered once; a refused
    review shows what was typed and a review being changed what was saved, so neither is
    cached. Whom the review is of, and the CSRF token, stay outside."""
    assessment = form.assessment

    def context() -> dict:
        return {"form": form, "rows": form.rows(), "show_own": False}

    if form.is_bound or form.initial:
        return render_to_string(REVIEW_FIELDS, context())
    return cached_html(
        key=f"review-fields:{assessment.pk}:{assessment.fingerprint}",
        template=REVIEW_FIELDS,
        context=context,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def remind(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: who will get a reminder, and its text; POST: send them."""
    team_round = managed_round_or_404(request.user, pk=pk)
    if request.method != "POST":
        return remind_preview(request, team_round)
    if not team_round.is_open():
        messages.warning(request, _("This round has closed, so nobody was reminded."))
        return redirect(team_round)
    reminded = reminders.remind_round(team_round=team_round)
    if reminded.members:
        messages.success(
            request,
            ngettext(
                "%(count)d person was reminded.",
                "%(count)d people were reminded.",
                reminded.members,
            )
            % {"count": reminded.members},
        )
    if reminded.colleagues:
        messages.success(
            request,
            ngettext(
                "%(count)d colleague was reminded of a review they were asked for.",
                "%(count)d colleagues were reminded of a review they were asked for.",
                reminded.colleagues,
            )
            % {"count": reminded.colleagues},
        )
    if not reminded.anyone:
        messages.info(
            request,
            _("Nobody was reminded: everyone has answered or was reminded in the last 24 hours."),
        )
    return redirect(team_round)


def remind_preview(request: HttpRequest, team_round: Round) -> HttpResponse:
    due = reminders.due_reminders(team_round=team_round)
    context = {"round": team_round, "round_name": round_label(team_round), "due": due}
    if due.members:
        # The first person's email shows the text; each gets it with their own name and link.
        sample = message_in_active_language(invitation=due.members[0], kind=REMINDER)
        context |= {"subject": sample.subject, "body": sample.body}
    return render(request, "reviews/round_remind.html", context)
