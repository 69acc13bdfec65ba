"""Second opinions where the member reads their answers: the result page and its JSON."""

from django.test import TestCase, override_settings
from django.urls import reverse

from tests.factories import (
    TRIATHLON,
    answer_invitation,
    ask_peer,
    make_assessment,
    make_result,
    make_team,
    make_user,
    open_round,
    write_review,
)


@override_settings(ASSESSOR_MIN_PEER_REVIEWS=3)
class ResultOpinionsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.manager = make_user(manager=True)
        team = make_team(
            managers=(cls.manager,), members=["Ana", "Bea Reviewer", "Cy Reviewer", "Di Reviewer"]
        )
        cls.assessment = make_assessment(slug="tri", assessment=TRIATHLON)
        cls.round = open_round(team=team, assessment=cls.assessment, reviews="peers")
        invitation = cls.round.invitations.get(member__name="Ana")
        cls.member = invitation.member
        cls.reviewers = [m for m in team.members.all() if m.name.endswith("Reviewer")]
        cls.result = answer_invitation(invitation, swimming=3, cycling=1, running=2)

    def page(self):
        return self.client.get(self.result.get_absolute_url())

    def document(self):
        return self.client.get(reverse("results:json", args=[self.result.pk])).json()

    def test_an_unshared_review_is_nowhere_for_the_member(self):
        review = write_review(self.round, self.member, shared=False, swimming=1)
        review.comment = "Secret draft"
        review.save()

        page, document = self.page(), self.document()

        self.assertContains(page, "not shared yet")
        self.assertNotContains(page, "Secret draft")
        self.assertNotContains(page, 'id="opinions-chart-title"')
        self.assertIsNone(document["reviews"]["manager"])

    def test_a_shared_review_shows_its_series_columns_differences_and_words(self):
        review = write_review(self.round, self.member, swimming=1, cycling=3, running=2)
        review.comments = {"cycling": "Rides to work daily"}
        review.comment = "A strong round"
        review.save()

        page, document = self.page(), self.document()

        self.assertContains(page, 'id="opinions-chart-title"')
        self.assertContains(page, "Manager")
        self.assertContains(page, "Blind spots")
        self.assertContains(page, "Swimming (Manager: -2.0)")
        self.assertContains(page, "Hidden strengths")
        self.assertContains(page, "Cycling (Manager: +2.0)")
        self.assertContains(page, "Rides to work daily")
        self.assertContains(page, "A strong round")
        self.assertEqual(
            document["reviews"]["manager"],
            {
                "categories": {"swimming": 1, "cycling": 3, "running": 2},
                "comments": {"cycling": "Rides to work daily"},
                "comment": "A strong round",
            },
        )

    def test_the_threshold_two_colleagues_show_nothing_the_third_shows_averages(self):
        first, second, third = self.reviewers
        ask_peer(self.round, self.member, first, swimming=1, cycling=3, running=2)
        ask_peer(self.round, self.member, second, swimming=2, cycling=3, running=2)
        pending = ask_peer(self.round, self.member, third)

        page, document = self.page(), self.document()

        self.assertContains(page, "2 of 3 needed")
        self.assertNotContains(page, "Colleagues</th>")
        self.assertIsNone(document["reviews"]["peers"])

        pending.ratings = {"swimming": 1, "cycling": 2, "running": None}
        pending.comments = {"running": "Hidden remark", "swimming": "Aa first"}
        pending.updated = pending.asked
        pending.save()

        page, document = self.page(), self.document()

        self.assertNotContains(page, "needed")
        self.assertEqual(document["reviews"]["peers"]["count"], 3)
        average = document["reviews"]["peers"]["average"]
        self.assertAlmostEqual(average["swimming"], 4 / 3)
        self.assertAlmostEqual(average["cycling"], 8 / 3)
        # Running was rated by two only: no average, and its comment stays hidden.
        self.assertIsNone(average["running"])
        self.assertContains(page, "not enough ratings")
        self.assertNotContains(page, "Hidden remark")
        self.assertEqual(document["reviews"]["peers"]["comments"], {"swimming": ["Aa first"]})

    def test_a_result_of_a_round_without_reviews_has_no_reviews_key(self):
        plain = open_round(team=self.round.team, assessment=self.assessment)
        result = answer_invitation(plain.invitations.get(member=self.member))

        document = self.client.get(reverse("results:json", args=[result.pk])).json()

        self.assertNotIn("reviews", document)
        self.assertNotContains(self.client.get(result.get_absolute_url()), "Second opinions")

    def test_a_public_result_json_is_as_it_always_was(self):
        result = make_result(self.assessment, name="Ana")

        document = self.client.get(reverse("results:json", args=[result.pk])).json()

        self.assertNotIn("reviews", document)

    def test_every_answer_of_the_member_in_the_round_shows_them(self):
        write_review(self.round, self.member)
        invitation = self.round.invitations.get(member=self.member)
        later = answer_invitation(invitation, swimming=1, cycling=1, running=1)

        response = self.client.get(later.get_absolute_url())

        self.assertContains(response, 'id="opinions-chart-title"')

    def test_no_reviewers_name_on_the_page_or_in_the_json(self):
        for reviewer in self.reviewers:
            ask_peer(self.round, self.member, reviewer, swimming=2, cycling=2, running=2)
        write_review(self.round, self.member)

        page, document = (
            self.page(),
            self.client.get(reverse("results:json", args=[self.result.pk])),
        )

        for reviewer in self.reviewers:
            self.assertNotContains(page, reviewer.name)
            self.assertNotContains(document, reviewer.name)
            self.assertNotContains(page, reviewer.email)
