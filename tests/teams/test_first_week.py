"""A team lead's first week, walked through the pages as one story (issue 21): a new assessment
checked as a draft and published, two teams, two rounds, a round started twice, members answering
in German and changing one answer, a public answer under a member's name, reminders, the
all-answered email, a round closed early, and the matrix telling the answers apart."""

import re
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from assessments.models import Assessment
from results.models import AssessmentResult
from teams.models import Round
from tests.factories import make_user

SAMPLE = Path(settings.BASE_DIR, "samples", "engineering-2026.json")
SLUG = "engineering-2026"
GERMAN = {"HTTP_ACCEPT_LANGUAGE": "de"}
GERMAN_MONTHS = "Januar Februar März April Mai Juni Juli August September Oktober November Dezember"


def in_days(days: int):
    return timezone.localdate() + timedelta(days=days)


def german_date(day) -> str:
    return f"{day.day}. {GERMAN_MONTHS.split()[day.month - 1]} {day.year}"


def sent_to(message) -> str:
    """The one address a message went to, without the name in front of it."""
    [recipient] = message.to
    return re.search(r"[\w.+-]+@[\w.-]+", recipient).group(0)


def personal_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/i/[\w-]+/)", message.body).group(1)


class FirstWeekTests(TestCase):
    def setUp(self):
        self.maria = make_user(username="maria", manager=True, email="maria@example.com")
        self.maria.first_name, self.maria.last_name = "Maria", "Keller"
        self.maria.save()
        self.client.force_login(self.maria)

    def post(self, url: str, data: dict, **headers):
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(url, data, **headers)

    def answer(self, client, link: str, rating: str, **extra):
        """Every category at `rating` (1-based), through the link's form."""
        slugs = client.get(link, **GERMAN).context["form"].assessment.category_slugs
        with self.captureOnCommitCallbacks(execute=True):
            return client.post(link, {**dict.fromkeys(slugs, rating), **extra}, **GERMAN)

    def test_the_first_week(self):
        # Monday: the assessment arrives as a draft; nobody sees it until Maria publishes it.
        call_command("load_assessment", str(SAMPLE), "--draft", verbosity=0)
        self.assertNotContains(self.client.get("/", **GERMAN), f"?v={SLUG}")
        anonymous = self.client_class()
        self.assertEqual(anonymous.get(f"/assessment/?v={SLUG}").status_code, 404)
        published = self.post(f"/manage/assessments/{SLUG}/publish/", {})
        self.assertEqual(published.status_code, 302)
        home = self.client.get("/", **GERMAN)
        self.assertContains(home, "Kompetenzen in der Softwareentwicklung 2026")

        # Two teams, each with two people.
        for name, people in (
            ("Plattform", "Ada Lovelace, ada@example.com\nBob Baker, bob@example.com"),
            ("Daten", "Chen Li, chen@example.com\nDana Roy, dana@example.com"),
        ):
            created = self.post("/manage/teams/", {"name": name, "members": people}, **GERMAN)
            self.assertEqual(created.status_code, 302)

        # Tuesday: a round for each team, with a message; the second start of the same round
        # is refused, names the open one and sends nothing more.
        closes_on = in_days(14)
        for team in ("plattform", "daten"):
            started = self.post(
                f"/manage/teams/{team}/rounds/",
                {"assessment": SLUG, "closes_on": closes_on.isoformat(), "message": "Danke!"},
                **GERMAN,
            )
            self.assertEqual(started.status_code, 302)
        self.assertEqual(len(mail.outbox), 4)
        again = self.post(
            "/manage/teams/plattform/rounds/",
            {"assessment": SLUG, "closes_on": closes_on.isoformat()},
            **GERMAN,
        )
        platform_round = Round.objects.get(team__slug="plattform")
        self.assertContains(again, f"/manage/rounds/{platform_round.pk}/close/", status_code=400)
        self.assertEqual(len(mail.outbox), 4)

        # The invitations name Maria by her name, carry her message and the round's name.
        ada_mail = next(m for m in mail.outbox if sent_to(m) == "ada@example.com")
        self.assertIn("Maria Keller", ada_mail.body)
        self.assertIn("Danke!", ada_mail.body)
        self.assertIn(platform_round.name, ada_mail.body)
        links = {sent_to(m): personal_link(m) for m in mail.outbox}

        # Wednesday: Ada answers in German, then reopens her link to change one answer and
        # finds her ratings filled in; nothing is stored by opening it.
        ada = self.client_class()
        self.assertEqual(self.answer(ada, links["ada@example.com"], "3").status_code, 302)
        reopened = ada.get(links["ada@example.com"], **GERMAN)
        self.assertContains(reopened, 'value="3" required checked', count=11, html=False)
        self.assertContains(reopened, german_date(closes_on))
        self.assertEqual(AssessmentResult.objects.count(), 1)

        # Someone types "Bob Baker" into the public form: a separate answer, from the public link.
        public = self.client_class().post(
            "/assessment/",
            {"v": SLUG, "name": "Bob Baker", **dict.fromkeys(self.category_slugs(), "1")},
        )
        self.assertEqual(public.status_code, 302)

        # Thursday: the reminder's preview names Bob (not Ada, who answered), then it is sent,
        # its date the same in subject and body.
        preview = self.client.get(f"/manage/rounds/{platform_round.pk}/remind/", **GERMAN)
        self.assertContains(preview, "Bob Baker")
        self.assertNotContains(preview, "Ada Lovelace")
        mail.outbox.clear()
        self.post(f"/manage/rounds/{platform_round.pk}/remind/", {}, **GERMAN)
        [reminder] = mail.outbox
        self.assertEqual(sent_to(reminder), "bob@example.com")

        # Bob answers: the round is complete, and Maria hears so once.
        mail.outbox.clear()
        self.answer(self.client_class(), links["bob@example.com"], "2")
        self.assertEqual([sent_to(m) for m in mail.outbox], ["maria@example.com"])
        self.answer(self.client_class(), links["bob@example.com"], "4")
        self.assertEqual(len(mail.outbox), 1)

        # The matrix tells the two Bob Bakers apart by where their answers came from, and the
        # team filter leaves the public one out.
        matrix = self.client.get(f"/manage/{SLUG}/")
        self.assertContains(matrix, "Bob Baker", count=2)
        self.assertContains(matrix, "public link")
        platform_only = self.client.get(f"/manage/{SLUG}/", {"team": "plattform"})
        self.assertContains(platform_only, "Bob Baker", count=1)

        # Friday: the data team's round is closed early; its links answer 410 from then on.
        data_round = Round.objects.get(team__slug="daten")
        closed = self.post(f"/manage/rounds/{data_round.pk}/close/", {})
        self.assertEqual(closed.status_code, 302)
        late = self.client_class().get(links["chen@example.com"])
        self.assertEqual(late.status_code, 410)

        # The team page names the round, and the trend labels it by that name.
        team_page = self.client.get("/manage/teams/plattform/")
        self.assertContains(team_page, platform_round.name)
        trend = self.client.get("/manage/teams/plattform/trend.json").json()
        self.assertIn(platform_round.name, str(trend))

    def category_slugs(self) -> list[str]:
        return Assessment.objects.get(slug=SLUG).category_slugs
