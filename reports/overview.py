"""What /manage/ leads with: the manager's teams, each with its open rounds (the main workflow),
before the results per assessment."""

from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Q

from teams.access import teams_managed_by
from teams.models import Round, Team, round_label
from teams.rounds import open_rounds


@dataclass(frozen=True)
class OpenRound:
    round: Round
    label: str


@dataclass(frozen=True)
class TeamOverview:
    team: Team
    member_count: int
    open_rounds: list[OpenRound]


def teams_overview(user: AbstractBaseUser) -> list[TeamOverview]:
    """The teams the user manages, by name, with their open rounds, soonest closing first: two
    queries whatever the number of teams."""
    teams = list(
        teams_managed_by(user)
        .annotate(member_count=Count("members", filter=Q(members__removed_at__isnull=True)))
        .order_by("name", "pk")
    )
    rounds = open_rounds().filter(team__in=[team.pk for team in teams]).order_by("closes_on", "pk")
    by_team: dict[int, list[OpenRound]] = defaultdict(list)
    for team_round in rounds:
        by_team[team_round.team_id].append(
            OpenRound(round=team_round, label=round_label(team_round))
        )
    return [
        TeamOverview(team=team, member_count=team.member_count, open_rounds=by_team[team.pk])
        for team in teams
    ]
