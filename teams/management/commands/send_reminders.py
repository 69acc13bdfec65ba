"""`manage.py send_reminders`: remind everyone due a reminder in every open round (for cron)."""

from django.core.management.base import BaseCommand

from teams.models import round_label
from teams.rounds import open_rounds, remind_round


class Command(BaseCommand):
    help = (
        "Email a reminder to every member of an open round who has not answered and was not "
        "reminded in the last 24 hours."
    )

    def handle(self, *args, **options) -> None:
        total = 0
        for open_round in open_rounds():
            reminded = remind_round(team_round=open_round)
            total += reminded
            if reminded:
                self.stdout.write(
                    f"{open_round.team.name} — {round_label(open_round)} "
                    f"(closes {open_round.closes_on}): reminded {reminded}."
                )
        self.stdout.write(self.style.SUCCESS(f"Sent {total} reminder(s)."))
