"""The one rule of what a manager may see: the teams they manage (superusers: every team).

Every query for a team, a round or anything under them starts from teams_managed_by(), so a
view cannot forget the rule; anything outside it is a 404, so other teams' ids and names never
leak.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from results.visibility import is_manager
from teams.models import Invitation, Round, Team

User = AbstractBaseUser | AnonymousUser


def teams_managed_by(user: User) -> QuerySet[Team]:
    """A team's managers manage it while they are managers at all (results.visibility)."""
    if not is_manager(user):
        return Team.objects.none()
    if user.is_superuser:
        return Team.objects.all()
    return Team.objects.filter(managers=user)


def may_create_teams(user: User) -> bool:
    """Managers (the Managers group) and superusers: the people who read results."""
    return is_manager(user)


def may_co_manage(user: AbstractBaseUser) -> bool:
    """Who can be made a team's co-manager: an active manager (the Managers group) or superuser,
    since a co-manager reads the team's answers."""
    return user.is_active and is_manager(user)


def managed_team_or_404(user: User, *, slug: str) -> Team:
    return get_object_or_404(teams_managed_by(user), slug=slug)


def managed_rounds(user: User) -> QuerySet[Round]:
    """A cancelled round is gone for its managers too: its pages are 404s like its links."""
    return Round.objects.not_cancelled().filter(team__in=teams_managed_by(user))


def managed_round_or_404(user: User, *, pk: int) -> Round:
    return get_object_or_404(managed_rounds(user).select_related("team", "assessment"), pk=pk)


def managed_invitation_or_404(user: User, *, round_pk: int, pk: int) -> Invitation:
    invitations = Invitation.objects.filter(round__in=managed_rounds(user))
    return get_object_or_404(invitations.select_related("round", "member"), round=round_pk, pk=pk)
