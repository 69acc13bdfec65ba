"""A round's life as its managers lead it: starting it, reminding who has not answered (after
a preview), and closing, extending or cancelling it (each asked on GET, done on POST and kept in
the audit trail).

Each view looks its team or round up through teams.access, so another team's rounds are 404s.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from audit.models import AuditEvent
from teams import rounds
from teams.access import managed_round_or_404, managed_team_or_404
from teams.emails import REMINDER, message_in_active_language
from teams.forms import ExtendRoundForm, RoundForm
from teams.models import Round, round_label
from teams.views import team_page


@require_POST
@login_required
def start_round(request: HttpRequest, slug: str) -> HttpResponse:
    team = managed_team_or_404(request.user, slug=slug)
    form = RoundForm(request.POST, team=team)
    if not form.is_valid():
        return team_page(request, team, status=400, round_form=form)
    try:
        new_round = rounds.start_round(
            team=team,
            assessment=form.cleaned_data["assessment"],
            closes_on=form.cleaned_data["closes_on"],
            started_by=request.user,
            name=form.cleaned_data["name"],
            message=form.cleaned_data["message"],
            reviews=form.cleaned_data["reviews"],
        )
    except rounds.RoundAlreadyOpen as refused:
        form.refuse_while_open(refused.open_round)
        return team_page(request, team, status=400, round_form=form)
    invited = new_round.invitations.count()
    messages.success(
        request,
        ngettext(
            "Round started: %(count)d invitation is on its way.",
            "Round started: %(count)d invitations are on their way.",
            invited,
        )
        % {"count": invited},
    )
    return redirect(new_round)


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
    reminded = rounds.remind_round(team_round=team_round)
    if reminded:
        messages.success(
            request,
            ngettext("%(count)d person was reminded.", "%(count)d people were reminded.", reminded)
            % {"count": reminded},
        )
    else:
        messages.info(
            request,
            _("Nobody was reminded: everyone has answered or was reminded in the last 24 hours."),
        )
    return redirect(team_round)


def remind_preview(request: HttpRequest, team_round: Round) -> HttpResponse:
    context = {"round": team_round, "round_name": round_label(team_round), "due": []}
    if not team_round.is_open():
        return render(request, "teams/round_remind.html", context)
    due = list(
        rounds.due_for_reminder(team_round=team_round, now=timezone.now())
        .select_related("member", "round__team", "round__assessment", "round__started_by")
        .order_by("member__name", "pk")
    )
    # The first person's email shows the text; each gets it with their own name and link.
    sample = message_in_active_language(invitation=due[0], kind=REMINDER) if due else None
    context["due"] = due
    if sample is not None:
        context |= {"subject": sample.subject, "body": sample.body}
    return render(request, "teams/round_remind.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def close(request: HttpRequest, pk: int) -> HttpResponse:
    team_round = managed_round_or_404(request.user, pk=pk)
    context = {"round": team_round, "round_name": round_label(team_round)}
    if not team_round.is_open():
        context["refusal"] = _("This round is closed already.")
        status = 400 if request.method == "POST" else 200
        return render(request, "teams/round_close.html", context, status=status)
    if request.method != "POST":
        return render(request, "teams/round_close.html", context)
    rounds.close_round(team_round=team_round)
    rounds.record_round_event(
        AuditEvent.Action.ROUND_CLOSED, request=request, team_round=team_round
    )
    messages.success(
        request,
        _("“%(name)s” is closed: its links take no more answers.")
        % {"name": round_label(team_round)},
    )
    return redirect(team_round)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def extend(request: HttpRequest, pk: int) -> HttpResponse:
    team_round = managed_round_or_404(request.user, pk=pk)
    form = ExtendRoundForm(
        request.POST if request.method == "POST" else None, team_round=team_round
    )
    if form.is_bound and form.is_valid():
        try:
            told = rounds.extend_round(
                team_round=team_round,
                closes_on=form.cleaned_data["closes_on"],
                notify=form.cleaned_data["notify"],
            )
        except rounds.RoundAlreadyOpen as refused:
            form.add_error(
                None,
                _("“%(name)s” is open for this team now: only one round of it is open at a time.")
                % {"name": round_label(refused.open_round)},
            )
        else:
            rounds.record_round_event(
                AuditEvent.Action.ROUND_EXTENDED, request=request, team_round=team_round
            )
            messages.success(request, extended_message(team_round, told=told))
            return redirect(team_round)
    context = {"round": team_round, "round_name": round_label(team_round), "form": form}
    return render(request, "teams/round_extend.html", context, status=400 if form.is_bound else 200)


def extended_message(team_round: Round, *, told: int) -> str:
    extended = _("“%(name)s” is open for longer.") % {"name": round_label(team_round)}
    if not told:
        return extended
    return (
        extended
        + " "
        + ngettext(
            "%(count)d member who has not answered is told by email.",
            "%(count)d members who have not answered are told by email.",
            told,
        )
        % {"count": told}
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    team_round = managed_round_or_404(request.user, pk=pk)
    context = {"round": team_round, "round_name": round_label(team_round)}
    if request.method != "POST":
        context["has_answers"] = rounds.has_answers(team_round)
        return render(request, "teams/round_cancel.html", context)
    try:
        rounds.cancel_round(team_round=team_round)
    except rounds.RoundHasAnswers:
        context["has_answers"] = True
        return render(request, "teams/round_cancel.html", context, status=400)
    rounds.record_round_event(
        AuditEvent.Action.ROUND_CANCELLED, request=request, team_round=team_round
    )
    messages.success(
        request,
        _("“%(name)s” is cancelled: its links no longer work.") % {"name": round_label(team_round)},
    )
    return redirect(team_round.team)
