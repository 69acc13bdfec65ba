"""The second-opinion pages in Chromium, at 1,280 and 375 px: the manager's review form, a
colleague's review form, a result page with the Self, Manager and Colleagues series, and the
team's trend and matrix in the managers' view have no serious or critical axe violation, and
nothing scrolls sideways at phone width."""

from io import StringIO

from axe_playwright_python.base import AXE_FILE_PATH
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import timezone

from assessments.models import Assessment
from reviews.models import ManagerReview, PeerReview
from tests.browser import test_accessibility
from tests.browser.chromium import BrowserTestCase
from tests.factories import answer_invitation, ask_peer, make_team, open_round, write_review

SAMPLE = "samples/engineering-2026.json"


class ReviewPagesTests(BrowserTestCase):
    # Through the module: a TestCase imported by name would be collected and run here too.
    blocking_violations = test_accessibility.AccessibilityTests.blocking_violations

    def setUp(self):
        super().setUp()
        call_command("load_assessment", SAMPLE, stdout=StringIO())
        assessment = Assessment.objects.get(slug="engineering-2026")
        slugs = assessment.category_slugs
        self.boss = User.objects.create_superuser("boss", "boss@example.com", "a-long-password-1")
        colleagues = ["Grace Hopper", "Linus Torvalds-Longname-Person", "Edsger Dijkstra"]
        team = make_team(
            name="Platform team",
            managers=(self.boss,),
            members=["Ada Lovelace", *colleagues, "Barbara Liskov"],
        )
        self.team = team
        self.round = open_round(team=team, assessment=assessment, reviews="peers")
        ada = self.round.invitations.get(member__name="Ada Lovelace")
        self.result = answer_invitation(ada, **dict.fromkeys(slugs, 1))
        self.ada = ada.member
        review = write_review(self.round, self.ada, **dict.fromkeys(slugs, 3))
        ManagerReview.objects.filter(pk=review.pk).update(
            comments={slugs[0]: "Leads every design review."}, comment="A strong round."
        )
        for name in colleagues:
            ask_peer(self.round, self.ada, team.members.get(name=name), **dict.fromkeys(slugs, 4))
        PeerReview.objects.filter(reviewer__name="Grace Hopper").update(
            comments={slugs[0]: "Explains things clearly."}, comment="Good to work with."
        )
        self.waiting = ask_peer(self.round, self.ada, team.members.get(name="Barbara Liskov"))
        PeerReview.objects.filter(updated__isnull=False).update(updated=timezone.now())

    def pages(self) -> dict[str, str]:
        return {
            "manager's review form": f"/manage/rounds/{self.round.pk}/reviews/{self.ada.pk}/",
            "colleague's review form": self.waiting.get_absolute_url(),
            "result with all three series": self.result.get_absolute_url(),
            "trend in the managers' view": f"/manage/teams/{self.team.slug}/trend/?view=manager",
            "matrix in the managers' view": (
                f"/manage/engineering-2026/?team={self.team.slug}&view=manager"
            ),
        }

    def check(self, width: int) -> dict[str, list[str]]:
        """axe on each page at `width`, and at phone width nothing wider than the screen."""
        self.page.set_viewport_size({"width": width, "height": 900})
        findings = {}
        for name, path in self.pages().items():
            self.visit(path)
            label = f"{name} at {width} px"
            findings[label] = self.blocking_violations(label)
            widths = self.page.evaluate(
                "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            if widths[0] > widths[1]:
                findings[label].append(f"scrolls sideways: {widths}")
        return findings

    def test_no_review_page_has_a_serious_or_critical_violation_at_either_width(self):
        self.page.add_init_script(path=AXE_FILE_PATH)
        self.reports: list[str] = []
        self.sign_in(self.boss)

        findings = {**self.check(1280), **self.check(375)}

        blocked = {name: found for name, found in findings.items() if found}
        self.assertEqual(blocked, {}, "\n".join(self.reports))

    def test_the_result_page_draws_self_manager_and_colleagues(self):
        self.visit(self.result.get_absolute_url())

        legend = self.page.locator("main").inner_text()

        for series in ["Self", "Manager", "Colleagues"]:
            self.assertIn(series, legend)
        self.assertIn("Explains things clearly.", legend)
        self.assertIn("Leads every design review.", legend)
