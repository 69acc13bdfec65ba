"""The round CSV's review columns, and erasure: a member's answers go with the reviews of them."""

import csv
import io

from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import reverse

from results.models import AssessmentResult
from reviews.models import ManagerReview, PeerReview
from tests.factories import (
    TRIATHLON,
    answer_invitation,
    ask_peer,
    make_assessment,
    make_team,
    make_user,
    open_round,
    write_review,
)


def csv_table(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


@override_settings(ASSESSOR_MIN_PEER_REVIEWS=3)
class RoundCsvTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.manager = make_user(manager=True)
        team = make_team(managers=(cls.manager,), members=["Ana", "Ben", "Cy", "Di"])
        cls.assessment = make_assessment(slug="tri", assessment=TRIATHLON)
        cls.round = open_round(team=team, assessment=cls.assessment, reviews="peers")
        cls.ana, cls.ben, cls.cy, cls.di = team.members.order_by("name")
        answer_invitation(cls.round.invitations.get(member=cls.ana), swimming=2)
        cls.url = reverse("reports:round_csv", args=[cls.round.pk])

    def setUp(self):
        self.client.force_login(self.manager)

    def test_review_rounds_add_manager_and_colleague_columns(self):
        write_review(self.round, self.ana, shared=False, swimming=3, cycling=2, running=1)

        header, row = csv_table(self.client.get(self.url))

        self.assertEqual(
            header[-6:],
            [
                *["manager_swimming", "manager_cycling", "manager_running"],
                *["colleagues_swimming", "colleagues_cycling", "colleagues_running"],
            ],
        )
        self.assertEqual(row[-6:], ["3", "2", "1", "", "", ""])

    def test_colleague_averages_appear_only_with_the_third_answer(self):
        ask_peer(self.round, self.ana, self.ben, swimming=1, cycling=2, running=3)
        ask_peer(self.round, self.ana, self.cy, swimming=2, cycling=2, running=3)
        self.assertEqual(csv_table(self.client.get(self.url))[1][-3:], ["", "", ""])

        ask_peer(self.round, self.ana, self.di, swimming=2, cycling=3, running=3)

        self.assertEqual(csv_table(self.client.get(self.url))[1][-3:], ["1.67", "2.33", "3.00"])

    def test_a_round_without_reviews_has_the_csv_of_today(self):
        plain = open_round(team=self.round.team, assessment=self.assessment)

        header = csv_table(self.client.get(reverse("reports:round_csv", args=[plain.pk])))[0]

        self.assertFalse([name for name in header if name.startswith(("manager_", "colleagues_"))])


class ErasureTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.manager = make_user(manager=True)
        team = make_team(managers=(cls.manager,), members=["Ana", "Ben"])
        assessment = make_assessment(slug="tri", assessment=TRIATHLON)
        cls.round = open_round(team=team, assessment=assessment, reviews="peers")
        cls.ana, cls.ben = team.members.order_by("name")
        cls.invitation = cls.round.invitations.get(member=cls.ana)

    def setUp(self):
        self.result = answer_invitation(self.invitation)
        write_review(self.round, self.ana)
        ask_peer(self.round, self.ana, self.ben, swimming=2)
        # Reviews Ben is the subject of stay when Ana's answers go.
        write_review(self.round, self.ben)

    def test_a_manager_erasing_the_person_erases_the_reviews_of_them(self):
        self.client.force_login(self.manager)

        self.client.post(reverse("reports:erase_person", args=[self.result.pk]))

        self.assertFalse(ManagerReview.objects.filter(member=self.ana).exists())
        self.assertFalse(PeerReview.objects.exists())
        self.assertTrue(ManagerReview.objects.filter(member=self.ben).exists())

    def test_erasing_one_of_two_answers_keeps_the_reviews_the_last_takes_them(self):
        later = answer_invitation(self.invitation)

        self.client.post(reverse("results:delete", args=[self.result.pk]))
        self.assertTrue(ManagerReview.objects.filter(member=self.ana).exists())
        self.client.post(reverse("results:delete", args=[later.pk]))

        self.assertFalse(ManagerReview.objects.filter(member=self.ana).exists())
        self.assertFalse(PeerReview.objects.exists())

    def test_retention_erases_the_reviews_and_who_gave_them_with_the_answers(self):
        AssessmentResult.objects.update(created="2000-01-01T00:00Z")

        call_command("purge_results", older_than=30, stdout=io.StringIO())

        self.assertFalse(PeerReview.objects.exists())
        self.assertFalse(ManagerReview.objects.filter(member=self.ana).exists())
