"""`manage.py send_reminders`: remind everyone due a reminder in every open round, members and
the colleagues asked for reviews, and members with a goal due soon (for cron)."""

from django.core.management.base import BaseCommand

from reviews.reminders import remind_round
from teams.goal_reminders import remind_goals_due
from teams.models import round_label
from teams.rounds import open_rounds


class Command(BaseCommand):
    help = (
        "Email a reminder to every member of an open round who has not answered, and every "
        "colleague asked for a review who has not given it, at most once per 24 hours each; and "
        "every member with a goal due in the next 14 days, once per goal."
    )

    def handle(self, *args, **options) -> None:
        total = 0
        for open_round in open_rounds():
            reminded = remind_round(team_round=open_round)
            total += reminded.members + reminded.colleagues
            if reminded.anyone:
                # Colleagues are counted, never named: who reviews whom is not for the log.
                self.stdout.write(
                    f"{open_round.team.name} — {round_label(open_round)} "
                    f"(closes {open_round.closes_on}): reminded {reminded.members}"
                    + (f", colleagues {reminded.colleagues}" if reminded.colleagues else "")
                    + "."
                )
        self.stdout.write(self.style.SUCCESS(f"Sent {total} reminder(s)."))
        # Development plans' goals due in the next 14 days, once per goal.
        goals = remind_goals_due()
        self.stdout.write(self.style.SUCCESS(f"Sent {goals} goal reminder(s)."))
