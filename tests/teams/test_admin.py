"""Teams, members, rounds and invitations in the admin."""

from django.contrib.auth.models import User
from django.test import TestCase

from tests.factories import make_assessment, make_team, open_round


class TeamsAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = User.objects.create_superuser("admin", "admin@example.com", "pw")
        cls.team = make_team(name="Platform", members=["Ada", "Grace"])
        cls.round = open_round(team=cls.team, assessment=make_assessment(slug="sports"))

    def setUp(self):
        self.client.force_login(self.admin)

    def test_every_list_and_change_page_opens(self):
        invitation = self.round.invitations.first()
        for url in [
            "/admin/teams/team/",
            f"/admin/teams/team/{self.team.pk}/change/",
            "/admin/teams/member/",
            f"/admin/teams/member/{invitation.member_id}/change/",
            "/admin/teams/round/",
            f"/admin/teams/round/{self.round.pk}/change/",
            "/admin/teams/invitation/",
            f"/admin/teams/invitation/{invitation.pk}/change/",
        ]:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)

    def test_the_token_is_never_shown_and_invitations_are_not_added_by_hand(self):
        invitation = self.round.invitations.first()

        page = self.client.get(f"/admin/teams/invitation/{invitation.pk}/change/")
        round_page = self.client.get(f"/admin/teams/round/{self.round.pk}/change/")

        self.assertNotContains(page, invitation.token)
        self.assertNotContains(round_page, invitation.token)
        self.assertEqual(self.client.get("/admin/teams/invitation/add/").status_code, 403)

    def test_a_members_account_is_shown_but_linked_only_by_signing_up(self):
        member = self.team.members.get(name="Ada")
        other = User.objects.create_user("someone")

        self.client.post(
            f"/admin/teams/member/{member.pk}/change/",
            {"name": "Ada", "email": member.email, "team": self.team.pk, "user": other.pk},
        )

        member.refresh_from_db()
        self.assertIsNone(member.user)
