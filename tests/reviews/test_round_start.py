"""Starting a round that asks for second opinions: the `reviews` field."""

from datetime import timedelta

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from teams.models import Reviews, Round
from tests.factories import make_assessment, make_team, make_user


class StartRoundWithReviewsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.manager = make_user(username="maria", manager=True)
        cls.team = make_team(managers=(cls.manager,), members=["Ana", "Ben"])
        cls.assessment = make_assessment(slug="skills-v1")
        cls.url = reverse("teams:start_round", args=[cls.team.slug])

    def setUp(self):
        self.client.force_login(self.manager)

    def start(self, **extra):
        in_a_week = timezone.localdate() + timedelta(days=7)
        return self.client.post(
            self.url, {"assessment": "skills-v1", "closes_on": in_a_week.isoformat(), **extra}
        )

    def test_without_the_field_a_round_asks_only_the_members_themselves(self):
        response = self.start()

        round = Round.objects.get()
        self.assertRedirects(response, round.get_absolute_url(), fetch_redirect_response=False)
        self.assertEqual(round.reviews, Reviews.SELF)

    def test_each_kind_is_stored_and_the_round_page_says_which(self):
        for kind, words in [
            ("self", "Only the members themselves"),
            ("manager", "The members and the team's managers"),
            ("peers", "The members, the team's managers and colleagues"),
        ]:
            with self.subTest(kind=kind):
                # One open round per assessment family: the one before is closed first.
                Round.objects.update(closed_at=timezone.now())
                response = self.start(reviews=kind)

                round = Round.objects.latest("pk")
                self.assertEqual(round.reviews, kind)
                page = self.client.get(response["Location"])
                self.assertContains(page, escape(words))

    def test_any_other_value_is_a_400_and_no_round_starts(self):
        for value in ["everyone", "SELF", "peer"]:
            with self.subTest(value=value):
                response = self.start(reviews=value)

                self.assertEqual(response.status_code, 400)
                self.assertContains(response, "Select a valid choice", status_code=400)
                self.assertFalse(Round.objects.exists())
