"""The one rule of what a manager may see: the teams they manage (superusers: every team).

Every query for a team, a round or anything under them starts from teams_managed_by(), so a
view cannot forget the rule; anything outside it is a 404, so other teams' ids and names never
leak.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from results.access import may_read_every_result
from teams.models import Invitation, Round, Team

User = AbstractBaseUser | AnonymousUser


def teams_managed_by(user: User) -> QuerySet[Team]:
    if not user.is_authenticated:
        return Team.objects.none()
    if user.is_superuser:
        return Team.objects.all()
    return Team.objects.filter(managers=user)


def may_create_teams(user: User) -> bool:
    """Managers (the Managers group) and superusers: the people who read results."""
    return may_read_every_result(user)


def may_co_manage(user: AbstractBaseUser) -> bool:
    """Who can be made a team's co-manager: an active manager (the Managers group) or superuser,
    since a co-manager reads the team's answers."""
    return user.is_active and may_read_every_result(user)


def managed_team_or_404(user: User, *, slug: str) -> Team:
    return get_object_or_404(teams_managed_by(user), slug=slug)


def managed_rounds(user: User) -> QuerySet[Round]:
    return Round.objects.filter(team__in=teams_managed_by(user))


def managed_round_or_404(user: User, *, pk: int) -> Round:
    return get_object_or_404(managed_rounds(user).select_related("team", "assessment"), pk=pk)


def managed_invitation_or_404(user: User, *, round_pk: int, pk: int) -> Invitation:
    invitations = Invitation.objects.filter(round__in=managed_rounds(user))
    return get_object_or_404(invitations.select_related("round", "member"), round=round_pk, pk=pk)


def visible_results_filter(user: User, *, through: str = "") -> Q:
    """Which results a manager reads on the company-wide pages: every result given through the
    public link, and the invitation results of the teams they manage (superusers: all).
    `through` is the path to the results from the model queried (e.g. "results")."""
    prefix = f"{through}__" if through else ""
    if user.is_superuser:
        return Q()
    public = Q(**{f"{prefix}invitation_response__isnull": True})
    if not user.is_authenticated:
        return public
    managed = {f"{prefix}invitation_response__invitation__round__team__in": teams_managed_by(user)}
    return public | Q(**managed)


def scope_key(user: User) -> str:
    """Names what visible_results_filter() lets the user see, for keys of cached pages."""
    if user.is_superuser:
        return "all"
    ids = sorted(teams_managed_by(user).order_by().values_list("pk", flat=True))
    return "teams:" + ",".join(map(str, ids))
