"""Reminding a round: the members who have not answered (teams.rounds) and, in a round that asks
colleagues, the colleagues asked who have not given their review (reviews.reviewing) — each at
most once per 24 hours. Composed here because teams may not know of reviews."""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from reviews.reviewing import peers_due_for_reminder, remind_peers
from teams import rounds
from teams.models import Invitation, Round


@dataclass(frozen=True)
class Reminded:
    members: int
    colleagues: int

    @property
    def anyone(self) -> bool:
        return bool(self.members or self.colleagues)


@dataclass(frozen=True)
class DueReminders:
    """Who a click on *Remind* would remind now. Colleagues are only counted: naming them would
    tell the managers who has reviewed whom."""

    members: list[Invitation]
    colleagues: int

    @property
    def anyone(self) -> bool:
        return bool(self.members or self.colleagues)


@transaction.atomic
def remind_round(*, team_round: Round, now: datetime | None = None) -> Reminded:
    """Remind everyone due a reminder in an open round, members and colleagues."""
    now = now or timezone.now()
    return Reminded(
        members=rounds.remind_round(team_round=team_round, now=now),
        colleagues=remind_peers(round=team_round, now=now),
    )


def due_reminders(*, team_round: Round, now: datetime | None = None) -> DueReminders:
    """What remind_round would send now: nothing once the round has closed."""
    now = now or timezone.now()
    if not team_round.is_open(now=now):
        return DueReminders(members=[], colleagues=0)
    members = list(
        rounds.due_for_reminder(team_round=team_round, now=now)
        .select_related("member", "round__team", "round__assessment", "round__started_by")
        .order_by("member__name", "pk")
    )
    colleagues = (
        peers_due_for_reminder(round=team_round, now=now).count() if team_round.asks_peers else 0
    )
    return DueReminders(members=members, colleagues=colleagues)
