"""The team pages in Chromium: axe finds no serious or critical violation, nothing scrolls
sideways at phone width, and a manager runs a round from start to finish with the mouse."""

import re
from datetime import timedelta
from io import StringIO

from axe_playwright_python.base import AXE_FILE_PATH
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from assessments.models import Assessment
from teams.models import Invitation, Round
from tests.browser import test_accessibility
from tests.browser.chromium import BrowserTestCase
from tests.factories import answer_invitation, closed_round, make_team, open_round

SAMPLE = "samples/engineering-2026.json"


class TeamPagesTestCase(BrowserTestCase):
    def setUp(self):
        super().setUp()
        call_command("load_assessment", SAMPLE, stdout=StringIO())
        self.assessment = Assessment.objects.get(slug="engineering-2026")
        self.boss = User.objects.create_superuser("boss", "boss@example.com", "a-long-password-1")
        self.team = make_team(
            name="Platform team",
            slug="platform",
            managers=(self.boss,),
            members=["Ada Lovelace", "Grace Hopper", "Linus Torvalds-Longname-Person"],
        )
        self.old_round = open_round(team=self.team, assessment=self.assessment)
        for invitation in self.old_round.invitations.all()[:2]:
            answer_invitation(invitation, **dict.fromkeys(self.assessment.category_slugs, 3))
        self.round = open_round(team=self.team, assessment=self.assessment)
        self.ada = self.round.invitations.get(member__name="Ada Lovelace")
        answer_invitation(self.ada, **dict.fromkeys(self.assessment.category_slugs, 2))
        self.closed = closed_round(team=self.team, assessment=self.assessment)
        Invitation.objects.filter(round=self.round, member__name="Grace Hopper").update(
            delivery="failed", delivery_error="Connection refused"
        )

    def public_pages(self) -> dict[str, str]:
        grace = self.round.invitations.get(member__name="Grace Hopper")
        return {
            "personal link": grace.get_absolute_url(),
            "closed round": self.closed.invitations.first().get_absolute_url(),
            "signup": f"/accounts/signup/?invitation={grace.token}",
            "invitation result": self.ada.responses.first().result.get_absolute_url(),
        }

    def manager_pages(self) -> dict[str, str]:
        return {
            "teams": "/manage/teams/",
            "team": "/manage/teams/platform/",
            "round": f"/manage/rounds/{self.round.pk}/",
            "trend": "/manage/teams/platform/trend/",
            "remind preview": f"/manage/rounds/{self.round.pk}/remind/",
            "close round": f"/manage/rounds/{self.round.pk}/close/",
            "extend round": f"/manage/rounds/{self.round.pk}/extend/",
            "cancel round (refused)": f"/manage/rounds/{self.round.pk}/cancel/",
            "remove member": f"/manage/teams/platform/members/{self.ada.member.pk}/remove/",
        }


class TeamAccessibilityTests(TeamPagesTestCase):
    # The same check as the other pages': axe's serious and critical findings, with a report.
    # (Through the module: a TestCase imported by name would be collected and run here too.)
    blocking_violations = test_accessibility.AccessibilityTests.blocking_violations

    def test_no_team_page_has_a_serious_or_critical_violation(self):
        self.page.add_init_script(path=AXE_FILE_PATH)
        self.reports: list[str] = []
        findings = {}

        for name, path in self.public_pages().items():
            self.visit(path)
            findings[name] = self.blocking_violations(name)
        self.visit(self.public_pages()["personal link"])
        self.page.locator("form.assessment-form").evaluate("form => form.noValidate = true")
        self.page.get_by_role("button", name="Save my answers").click()
        self.page.get_by_role("alert").wait_for()
        findings["personal link with errors"] = self.blocking_violations("personal link errors")
        self.visit(self.public_pages()["signup"])
        self.page.get_by_label("Username").fill("grace")
        self.page.locator("main form").evaluate("form => form.noValidate = true")
        self.page.get_by_role("button", name="Create my account").click()
        self.page.get_by_role("alert").wait_for()
        findings["signup with errors"] = self.blocking_violations("signup errors")
        self.sign_in(self.boss)
        for name, path in self.manager_pages().items():
            self.visit(path)
            findings[name] = self.blocking_violations(name)
        self.visit("/manage/teams/")
        self.page.get_by_label("Team name").fill("Broken")
        self.page.get_by_label("Members").fill("no email on this line")
        self.page.get_by_role("button", name="Create the team").click()
        self.page.get_by_role("alert").wait_for()
        findings["new team with errors"] = self.blocking_violations("new team errors")

        blocked = {name: found for name, found in findings.items() if found}
        self.assertEqual(blocked, {}, "\n".join(self.reports))

    def test_no_team_page_scrolls_sideways_at_phone_width(self):
        self.page.set_viewport_size({"width": 375, "height": 812})
        self.sign_in(self.boss)

        for path in [*self.public_pages().values(), *self.manager_pages().values()]:
            self.visit(path)
            widths = self.page.evaluate(
                "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )

            self.assertLessEqual(widths[0], widths[1], f"{path} scrolls sideways: {widths}")


class RunningARoundTests(TeamPagesTestCase):
    def test_a_manager_starts_a_round_and_a_member_answers_through_their_link(self):
        self.sign_in(self.boss)
        self.visit("/manage/teams/")
        self.page.get_by_label("Team name").fill("Data team")
        self.page.get_by_label("Members").fill(
            "Edsger Dijkstra <edsger@example.com>\nBarbara Liskov, barbara@example.com"
        )
        self.page.get_by_role("button", name="Create the team").click()
        self.page.get_by_role("heading", name="Data team").wait_for()
        self.page.get_by_label("Closes on").fill(
            (timezone.localdate() + timedelta(days=7)).isoformat()
        )
        self.page.get_by_role("button", name="Start the round and email everyone").click()
        self.page.get_by_text("0 of 2 invited have answered").wait_for()

        link = self.page.get_by_label("Personal link of Edsger Dijkstra").input_value()
        self.assertRegex(link, r"/i/[A-Za-z0-9_-]{43}/$")
        member_page = self.page.context.new_page()
        member_page.goto(self.live_server_url + re.sub(r"^https?://[^/]+", "", link))
        member_page.get_by_text("Edsger Dijkstra").first.wait_for()
        for fieldset in member_page.locator("fieldset.category").all():
            fieldset.get_by_role("radio").nth(1).check()
        member_page.get_by_role("button", name="Save my answers").click()
        member_page.get_by_role("heading", name="Results for Edsger Dijkstra").wait_for()
        member_page.get_by_text("Open your personal link again").wait_for()
        member_page.goto(self.live_server_url + re.sub(r"^https?://[^/]+", "", link))
        member_page.get_by_role(
            "link", name="Create an account to keep your results together"
        ).wait_for()
        self.page.reload()

        self.page.get_by_text("1 of 2 invited have answered").wait_for()
        team_round = Round.objects.get(team__name="Data team")
        self.assertEqual(team_round.invitations.filter(responses__isnull=False).count(), 1)


class CopyButtonTests(TeamPagesTestCase):
    def test_the_copy_button_appears_with_javascript_and_copies_the_whole_link(self):
        self.page.context.grant_permissions(["clipboard-read", "clipboard-write"])
        self.sign_in(self.boss)
        self.visit(f"/manage/rounds/{self.round.pk}/")
        field = self.page.get_by_label("Personal link of Ada Lovelace")
        button = self.page.get_by_role("button", name="Copy the personal link of Ada Lovelace")

        button.click()

        self.page.get_by_role("button", name="Copied the personal link of Ada Lovelace").wait_for()
        copied = self.page.evaluate("() => navigator.clipboard.readText()")
        self.assertEqual(copied, field.input_value())
        self.assertTrue(copied.endswith(self.ada.get_absolute_url()))

    def test_without_javascript_the_field_holds_the_whole_link_and_no_button_shows(self):
        context = self.browser.new_context(java_script_enabled=False)
        self.addCleanup(context.close)
        client = Client()
        client.force_login(self.boss)
        session = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies(
            [{"name": session.key, "value": session.value, "url": self.live_server_url}]
        )
        page = context.new_page()
        page.goto(self.live_server_url + f"/manage/rounds/{self.round.pk}/")

        link = page.get_by_label("Personal link of Ada Lovelace").input_value()

        self.assertTrue(link.endswith(self.ada.get_absolute_url()))
        copy = page.get_by_role("button", name="Copy the personal link of Ada Lovelace")
        self.assertEqual(copy.count(), 0)
