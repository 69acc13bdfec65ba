"""A round's life as its managers lead it: starting it, and closing, extending or cancelling it
(each asked on GET, done on POST and kept in the audit trail). Reminding is reviews' remind view,
which reminds the colleagues asked for reviews too.

Each view looks its team or round up through teams.access, so another team's rounds are 404s.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from audit.models import AuditEvent
from teams import rounds
from teams.access import managed_round_or_404, managed_team_or_404
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
