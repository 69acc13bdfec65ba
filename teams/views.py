"""The team pages under /manage/teams/ (a round's own actions are in round_views), and signing
up from an invitation.

Each view looks its team or round up through teams.access, so another team's pages are 404s.
"""

import math

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from limits.rates import RateLimited
from teams import co_managers, membership
from teams.access import (
    managed_team_or_404,
    may_create_teams,
    teams_managed_by,
)
from teams.display_names import display_name
from teams.forms import (
    AddMembersForm,
    CoManagerForm,
    RoundForm,
    SignupForm,
    SignupFromForm,
    TeamForm,
)
from teams.models import RESTORE_HOURS, Invitation, Member, Team

TEAM_PAGE = "teams/team_detail.html"


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def team_list(request: HttpRequest) -> HttpResponse:
    may_create = may_create_teams(request.user)
    if request.method == "POST" and not may_create:
        raise PermissionDenied(_("Only managers may create teams."))
    form = TeamForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        team = membership.create_team(
            name=form.cleaned_data["name"],
            members=form.cleaned_data["members"],
            creator=request.user,
        )
        messages.success(request, _("Team “%(name)s” created.") % {"name": team.name})
        return redirect(team)
    teams = teams_managed_by(request.user).annotate(
        member_count=Count("members", filter=Q(members__removed_at__isnull=True), distinct=True),
        round_count=Count("rounds", filter=Q(rounds__cancelled_at__isnull=True), distinct=True),
    )
    return render(
        request,
        "teams/team_list.html",
        {"teams": teams, "form": form if may_create else None},
        status=400 if form.is_bound else 200,
    )


def team_page(request: HttpRequest, team: Team, *, status: int = 200, **forms) -> HttpResponse:
    """The team page, with any form that came back with errors in place of its blank one."""
    team_rounds = (
        team.rounds.not_cancelled()
        .select_related("assessment")
        .annotate(
            invited=Count("invitations", distinct=True),
            answered=Count(
                "invitations", filter=Q(invitations__responses__isnull=False), distinct=True
            ),
        )
    )
    context = {
        "team": team,
        "members": Member.current.filter(team=team),
        "restorable": membership.restorable_members(team=team),
        "managers": team.managers.order_by("username"),
        "rounds": team_rounds,
        "members_form": forms.get("members_form") or AddMembersForm(team=team),
        "manager_form": forms.get("manager_form") or CoManagerForm(),
        "round_form": forms.get("round_form") or RoundForm(team=team),
    }
    return render(request, TEAM_PAGE, context, status=status)


@require_http_methods(["GET", "HEAD"])
@login_required
def team_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return team_page(request, managed_team_or_404(request.user, slug=slug))


@require_POST
@login_required
def add_members(request: HttpRequest, slug: str) -> HttpResponse:
    team = managed_team_or_404(request.user, slug=slug)
    form = AddMembersForm(request.POST, team=team)
    if not form.is_valid():
        return team_page(request, team, status=400, members_form=form)
    added = membership.add_members(team=team, members=form.cleaned_data["members"])
    messages.success(
        request,
        ngettext("%(count)d member added.", "%(count)d members added.", len(added))
        % {"count": len(added)},
    )
    return redirect(team)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def remove_member(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """GET asks; POST removes, and the team page offers the undo for a while."""
    team = managed_team_or_404(request.user, slug=slug)
    member = get_object_or_404(Member.current, team=team, pk=pk)
    if request.method != "POST":
        context = {"team": team, "member": member, "restore_hours": RESTORE_HOURS}
        return render(request, "teams/member_remove.html", context)
    membership.remove_member(member=member)
    messages.success(
        request,
        _("%(name)s is no longer a member; their results stay. You can undo this on this page.")
        % {"name": member.name},
    )
    return redirect(team)


@require_POST
@login_required
def restore_member(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    team = managed_team_or_404(request.user, slug=slug)
    member = get_object_or_404(membership.restorable_members(team=team), pk=pk)
    try:
        membership.restore_member(member=member)
    except membership.EmailTaken:
        messages.error(
            request,
            _("%(email)s belongs to a current member already, so %(name)s was not restored.")
            % {"email": member.email, "name": member.name},
        )
        return team_page(request, team, status=400)
    messages.success(request, _("%(name)s is a member again.") % {"name": member.name})
    return redirect(team)


@require_POST
@login_required
def add_manager(request: HttpRequest, slug: str) -> HttpResponse:
    team = managed_team_or_404(request.user, slug=slug)
    form = CoManagerForm(request.POST)
    if not form.is_valid():
        return team_page(request, team, status=400, manager_form=form)
    if form.cleaned_data["email"]:
        return invite_manager(request, team, form)
    user = form.cleaned_data["username"]
    team.managers.add(user)
    messages.success(request, _("%(name)s manages this team now.") % {"name": display_name(user)})
    return redirect(team)


def invite_manager(request: HttpRequest, team: Team, form: CoManagerForm) -> HttpResponse:
    """The invitation by email: one answer whether or not the address had an account."""
    email = form.cleaned_data["email"]
    try:
        co_managers.take_an_invitation_turn(team)
    except RateLimited as limited:
        minutes = math.ceil(limited.retry_after / 60)
        form.add_error(
            "email",
            ngettext(
                "This team has sent as many invitations as it may for now. Try again in a minute.",
                "This team has sent as many invitations as it may for now. Try again in "
                "%(minutes)d minutes.",
                minutes,
            )
            % {"minutes": minutes},
        )
        response = team_page(request, team, status=429, manager_form=form)
        response["Retry-After"] = str(limited.retry_after)
        return response
    co_managers.invite_co_manager(
        team=team, email=email, invited_by=request.user, language=get_language()
    )
    messages.success(
        request,
        _("If %(email)s can be a co-manager, they manage this team now and an email tells them.")
        % {"email": email},
    )
    return redirect(team)


@require_POST
@login_required
def remove_manager(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    team = managed_team_or_404(request.user, slug=slug)
    manager = get_object_or_404(team.managers, pk=pk)
    if team.managers.count() == 1:
        messages.error(request, _("A team needs at least one manager: add another one first."))
        return team_page(request, team, status=400)
    team.managers.remove(manager)
    messages.success(
        request, _("%(name)s no longer manages this team.") % {"name": display_name(manager)}
    )
    if not teams_managed_by(request.user).filter(pk=team.pk).exists():
        return redirect("teams:list")
    return redirect(team)


def invitation_from_query(request: HttpRequest) -> Invitation:
    """The invitation named by `?invitation=<token>` (the personal link's); anything else is a
    404."""
    query = SignupFromForm(request.GET)
    if not query.is_valid():
        raise Http404(_("Accounts are made from an invitation link."))
    invitations = Invitation.objects.filter(round__cancelled_at__isnull=True).select_related(
        "member", "round__assessment", "round__team"
    )
    return get_object_or_404(invitations, token=query.cleaned_data["invitation"])


@require_http_methods(["GET", "HEAD", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    """An account for an invited member (there is no open registration), while the invitation's
    round is open: an old link that leaked must not claim the member's results."""
    invitation = invitation_from_query(request)
    if not invitation.round.is_open():
        context = {"round": invitation.round}
        return render(request, "teams/signup_closed.html", context, status=410)
    member = invitation.member
    if member.user_id is not None:
        return render(request, "teams/signup.html", {"member": member, "has_account": True})
    form = SignupForm(request.POST if request.method == "POST" else None, member=member)
    if form.is_bound and form.is_valid():
        with transaction.atomic():
            user = form.save()
            membership.link_account(member=member, user=user)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Your account is ready; your results are kept together."))
        return redirect("results:profile")
    status = 400 if form.is_bound else 200
    return render(request, "teams/signup.html", {"member": member, "form": form}, status=status)
