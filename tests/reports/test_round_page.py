"""A round's page and export: who answered and who has not, personal links, the round's matrix."""

import csv
import io

from django.test import TestCase

from audit.models import AuditEvent
from reports.rounds import round_status
from teams.models import Member, Round
from tests.factories import (
    TRIATHLON,
    answer_invitation,
    make_assessment,
    make_result,
    make_team,
    make_user,
    member_names,
    open_round,
)


class RoundPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.manager = make_user(username="maria", manager=True)
        cls.assessment = make_assessment(name="Triathlon", slug="tri", assessment=TRIATHLON)
        cls.team = make_team(name="Platform", managers=(cls.manager,))
        cls.round = open_round(
            team=cls.team, members=["Ada", "Grace", "Linus"], assessment=cls.assessment
        )
        cls.url = f"/manage/rounds/{cls.round.pk}/"
        cls.ada = cls.round.invitations.get(member__name="Ada")
        cls.grace = cls.round.invitations.get(member__name="Grace")

    def setUp(self):
        self.client.force_login(self.manager)

    def test_the_context_says_who_answered_and_who_has_not(self):
        answer_invitation(self.ada, swimming=3)

        response = self.client.get(self.url)

        self.assertEqual([m.name for m in response.context["answered"]], ["Ada"])
        self.assertEqual([m.name for m in response.context["not_answered"]], ["Grace", "Linus"])
        self.assertTrue(all(isinstance(m, Member) for m in response.context["not_answered"]))
        self.assertContains(response, "1 of 3 invited have answered (33 %).")

    def test_each_answer_links_to_the_latest_result_and_each_member_has_a_personal_link(self):
        answer_invitation(self.ada, swimming=1)
        latest = answer_invitation(self.ada, swimming=3)

        response = self.client.get(self.url)

        self.assertContains(response, f'href="{latest.get_absolute_url()}"')
        for invitation in self.round.invitations.all():
            self.assertContains(response, f'value="http://127.0.0.1:8000/i/{invitation.token}/"')

    def test_the_matrix_is_over_each_members_latest_answer_in_this_round_only(self):
        answer_invitation(self.ada, swimming=1)
        answer_invitation(self.ada, swimming=3)
        answer_invitation(self.grace, swimming=2)
        make_result(self.assessment, name="Public person")
        other_round = open_round(team=self.team, assessment=self.assessment)
        answer_invitation(other_round.invitations.get(member__name="Linus"))

        response = self.client.get(self.url)

        matrix = response.context["content"]
        self.assertIn(">Ada</a>", matrix)
        self.assertIn(">Grace</a>", matrix)
        self.assertNotIn("Public person", matrix)
        self.assertNotIn(">Linus</a>", matrix)
        # Average of Ada's latest (3) and Grace's (2).
        self.assertIn("2.5", matrix)
        # The shared matrix template's own notes stay notes.
        self.assertNotIn("coverage_action", matrix)
        self.assertIn(f'action="/manage/rounds/{self.round.pk}/#gaps"', matrix)

    def test_a_new_answer_shows_at_once_though_the_content_is_cached(self):
        self.client.get(self.url)

        answer_invitation(self.grace)
        response = self.client.get(self.url)

        self.assertEqual([m.name for m in response.context["answered"]], ["Grace"])
        self.assertIn(">Grace</a>", response.context["content"])

    def test_with_nobody_answered_the_page_says_so(self):
        response = self.client.get(self.url)

        self.assertContains(response, "Nobody has answered yet.")
        self.assertContains(response, "0 of 3 invited have answered (0 %).")

    def test_the_page_answers_in_a_constant_number_of_queries(self):
        for size in [2, 40]:
            team = make_team(managers=(self.manager,), members=member_names(size))
            round = open_round(team=team, assessment=self.assessment)
            for invitation in list(round.invitations.all())[: size // 2]:
                answer_invitation(invitation)
            with self.subTest(members=size):
                # Session, user; the round (through its team's access rule); the audit event of
                # the read; each invitation's state and the round's answers; drawing the content:
                # the invitations with their members and latest results, and the round's results
                # for the matrix; the user's and their groups' permissions for the header's
                # Manage link; the members' goals, read on every view (here one query: nobody
                # who answered has a plan).
                with self.assertNumQueries(11):
                    self.client.get(f"/manage/rounds/{round.pk}/")
                # Once drawn, the content comes from the cache.
                with self.assertNumQueries(9):
                    self.client.get(f"/manage/rounds/{round.pk}/")

    def test_the_cached_content_changes_with_any_invitations_state(self):
        self.client.get(self.url)
        grace = self.round.invitations.get(member__name="Grace")

        Member.objects.filter(name="Linus").update(name="Linus T.")
        grace.__class__.objects.filter(pk=grace.pk).update(delivery="failed", delivery_error="No")
        response = self.client.get(self.url)

        self.assertIn("Linus T.", response.context["content"])
        self.assertContains(response, "Send to Grace again")

    def test_send_again_is_one_form_whose_buttons_each_post_to_their_own_invitation(self):
        linus = self.round.invitations.get(member__name="Linus")
        answer_invitation(self.ada)

        response = self.client.get(self.url)

        form = response.content.decode().split('<form method="post" class="send-again">')[1]
        form = form.split("</form>")[0]
        self.assertEqual(form.count("csrfmiddlewaretoken"), 1)
        self.assertNotIn("Send to Ada again", form)
        for invitation in (self.grace, linus):
            address = f"/manage/rounds/{self.round.pk}/invitations/{invitation.pk}/send/"
            self.assertIn(f'formaction="{address}"', form)
            self.assertIn(f"Send to {invitation.member.name} again", form)

    def test_the_send_again_list_follows_an_answer_and_a_member_leaving(self):
        self.client.get(self.url)

        answer_invitation(self.grace)
        Member.objects.filter(name="Linus").update(removed_at="2026-01-01T00:00Z")
        response = self.client.get(self.url)

        self.assertNotContains(response, "Send to Grace again")
        self.assertNotContains(response, "Send to Linus again")
        self.assertContains(response, "Send to Ada again")

    def test_the_csv_is_the_rounds_results_in_the_existing_format(self):
        first = answer_invitation(self.ada, swimming=1)
        second = answer_invitation(self.ada, swimming=3)
        make_result(self.assessment, name="Public person")

        response = self.client.get(f"{self.url}results.csv")

        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
        self.assertEqual(rows[0][:4], ["id", "name", "version", "submitted at"])
        self.assertEqual([row[0] for row in rows[1:]], [str(first.pk), str(second.pk)])
        self.assertEqual([row[1] for row in rows[1:]], ["Ada", "Ada"])
        self.assertIn('filename="triathlon-', response["Content-Disposition"])

    def test_the_csv_file_is_named_after_the_round(self):
        Round.objects.filter(pk=self.round.pk).update(name="Spring check-in: März")

        response = self.client.get(f"{self.url}results.csv")

        self.assertIn(
            "filename*=utf-8''spring-check-in-m%C3%A4rz-results.csv",
            response["Content-Disposition"],
        )


class RoundStatusTests(TestCase):
    def test_a_round_without_invitations_has_no_response_rate(self):
        empty_round = open_round(assessment=make_assessment())

        self.assertIsNone(round_status(team_round=empty_round).response_rate)

    def test_a_response_is_named_after_its_result(self):
        round = open_round(members=["Ada"], assessment=make_assessment(slug="x"))
        result = answer_invitation(round.invitations.get())

        self.assertEqual(str(result.invitation_response), str(result))


class RoundAuditTests(TestCase):
    def test_reading_the_round_and_exporting_it_are_in_the_audit_trail(self):
        manager = make_user(username="maria", manager=True)
        team = make_team(name="Platform", managers=(manager,), members=["Ada", "Grace"])
        round = open_round(team=team, assessment=make_assessment(slug="tri", assessment=TRIATHLON))
        self.client.force_login(manager)

        self.client.get(f"/manage/rounds/{round.pk}/")
        self.client.get(f"/manage/rounds/{round.pk}/results.csv")

        events = (
            AuditEvent.objects.exclude(action="signed_in")
            .order_by("pk")
            .values_list("action", "actor_name", "assessment", "team")
        )
        self.assertEqual(
            list(events),
            [
                ("round_read", "maria", "tri", team.slug),
                ("csv_exported", "maria", "tri", team.slug),
            ],
        )
