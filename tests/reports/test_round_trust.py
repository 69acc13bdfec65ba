"""Trust on a team's pages: round reads audited, people erased from the round page, and a
manager's routes to a result closed to another team's managers."""

from django.test import TestCase

from audit.models import AuditEvent
from results.models import AssessmentResult
from tests.factories import answer_invitation, make_assessment, make_team, make_user, open_round


class RoundTrustTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.manager = make_user(manager=True, username="boss")
        cls.assessment = make_assessment(name="Sports", slug="sports")
        cls.team = make_team(name="Platform", managers=(cls.manager,))
        cls.round = open_round(team=cls.team, members=["Ada Lovelace"], assessment=cls.assessment)
        cls.result = answer_invitation(cls.round.invitations.get(), jumping=2)
        cls.round_url = f"/manage/rounds/{cls.round.pk}/"

    def setUp(self):
        self.client.force_login(self.manager)

    def test_reading_the_round_page_and_its_export_is_recorded_with_the_team(self):
        self.client.get(self.round_url)
        b"".join(self.client.get(f"{self.round_url}results.csv").streaming_content)

        self.assertEqual(
            list(
                AuditEvent.objects.exclude(action="signed_in")
                .order_by("id")
                .values_list("action", "assessment", "team", "actor_name")
            ),
            [
                ("round_read", "sports", self.team.slug, "boss"),
                ("csv_exported", "sports", self.team.slug, "boss"),
            ],
        )

    def test_the_round_page_offers_to_erase_each_person_and_comes_back_to_it(self):
        page = self.client.get(self.round_url)
        erase_url = f"/manage/results/{self.result.pk}/erase-person/?next={self.round_url}"

        confirmation = self.client.get(erase_url)
        response = self.client.post(erase_url.split("?")[0], {"next": self.round_url})

        self.assertContains(page, f'href="{erase_url}"')
        self.assertContains(confirmation, "1 result of Ada Lovelace")
        self.assertRedirects(response, self.round_url)
        self.assertFalse(AssessmentResult.objects.exists())

    def test_a_next_page_on_another_site_is_not_followed(self):
        response = self.client.post(
            f"/manage/results/{self.result.pk}/erase-person/", {"next": "https://evil.example/"}
        )

        self.assertRedirects(response, "/manage/sports/", fetch_redirect_response=False)

    def test_a_next_that_is_no_address_leads_back_to_the_matrix_after_erasing(self):
        # Django's redirect() reads a bare word as the name of a view to look up.
        erase_url = f"/manage/results/{self.result.pk}/erase-person/"

        response = self.client.post(erase_url, {"next": "1"})

        self.assertRedirects(response, "/manage/sports/", fetch_redirect_response=False)
        self.assertFalse(AssessmentResult.objects.exists())

    def test_a_next_that_is_no_address_is_not_offered_as_the_way_back(self):
        erase_url = f"/manage/results/{self.result.pk}/erase-person/"

        confirmation = self.client.get(erase_url, {"next": "1"})

        self.assertContains(confirmation, 'href="/manage/sports/"')
        self.assertNotContains(confirmation, 'href="1"')

    def test_another_teams_manager_can_neither_open_nor_erase_the_result(self):
        other = make_user(manager=True, username="other")
        make_team(name="Elsewhere", managers=(other,))
        self.client.force_login(other)

        opened = self.client.get(f"/manage/results/{self.result.pk}/")
        erased = self.client.post(f"/manage/results/{self.result.pk}/erase-person/")

        self.assertEqual((opened.status_code, erased.status_code), (404, 404))
        self.assertTrue(AssessmentResult.objects.exists())
        self.assertFalse(AuditEvent.objects.filter(action="result_opened").exists())
