"""The team pages through the client: creating a team, its members, co-managers, a new round."""

from datetime import timedelta

from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from teams.models import Invitation, Member, Round, Team
from tests.factories import add_members, make_assessment, make_team, make_user, open_round

TEAMS = "/manage/teams/"


class TeamListTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.manager = make_user(username="maria", manager=True)

    def setUp(self):
        self.client.force_login(self.manager)

    def test_the_routes_are_the_contracts(self):
        team = make_team(slug="platform")

        self.assertEqual(reverse("teams:list"), TEAMS)
        self.assertEqual(team.get_absolute_url(), "/manage/teams/platform/")
        self.assertEqual(
            reverse("teams:add_members", args=["platform"]), "/manage/teams/platform/members/"
        )
        self.assertEqual(
            reverse("teams:start_round", args=["platform"]), "/manage/teams/platform/rounds/"
        )

    def test_a_manager_sees_only_the_teams_they_manage_and_a_form_to_create_one(self):
        make_team(name="Platform", managers=(self.manager,))
        make_team(name="Secret squad")

        response = self.client.get(TEAMS)

        self.assertContains(response, "Platform")
        self.assertNotContains(response, "Secret squad")
        self.assertContains(response, 'name="members"')

    def test_a_superuser_sees_every_team(self):
        make_team(name="Secret squad")
        self.client.force_login(make_user(is_superuser=True))

        response = self.client.get(TEAMS)

        self.assertContains(response, "Secret squad")

    def test_someone_who_is_not_a_manager_sees_no_team_no_form_and_may_not_create(self):
        user = make_user(username="cody")
        make_team(name="Co-managed", managers=(user,))
        self.client.force_login(user)

        page = self.client.get(TEAMS)
        refused = self.client.post(TEAMS, {"name": "Mine", "members": ""})

        self.assertNotContains(page, "Co-managed")
        self.assertNotContains(page, 'name="members"')
        self.assertEqual(refused.status_code, 403)
        self.assertFalse(Team.objects.filter(name="Mine").exists())

    def test_creating_a_team_saves_its_members_makes_the_creator_a_manager_and_redirects(self):
        response = self.client.post(
            TEAMS,
            {
                "name": "Platform Team",
                "members": "Ada Lovelace <ada@example.com>\nGrace Hopper, grace@example.com",
            },
        )

        team = Team.objects.get()
        self.assertRedirects(
            response, "/manage/teams/platform-team/", fetch_redirect_response=False
        )
        self.assertEqual(list(team.managers.all()), [self.manager])
        self.assertEqual(
            sorted(team.members.values_list("name", "email")),
            [("Ada Lovelace", "ada@example.com"), ("Grace Hopper", "grace@example.com")],
        )

    def test_slugs_are_unique_and_made_from_the_name(self):
        make_team(slug="platform")
        make_team(slug="platform-2")

        self.client.post(TEAMS, {"name": "Platform", "members": ""})
        self.client.post(TEAMS, {"name": "東京", "members": ""})

        self.assertTrue(Team.objects.filter(name="Platform", slug="platform-3").exists())
        self.assertTrue(Team.objects.filter(name="東京", slug="team").exists())

    def test_a_bad_line_is_a_400_naming_it_keeping_what_was_typed_and_saving_nothing(self):
        typed = "Ada Lovelace <ada@example.com>\nno email here\nAda twice, ADA@example.com"

        response = self.client.post(TEAMS, {"name": "Platform", "members": typed})

        self.assertContains(response, "Line 2: write", status_code=400)
        self.assertContains(
            response, "Line 3: ADA@example.com is already on line 1.", status_code=400
        )
        self.assertContains(response, "no email here", status_code=400)
        self.assertEqual(Team.objects.count(), 0)
        self.assertEqual(Member.objects.count(), 0)

    def test_a_missing_team_name_is_a_400(self):
        response = self.client.post(TEAMS, {"name": "", "members": "Ada, ada@example.com"})

        self.assertEqual(response.status_code, 400)
        self.assertEqual(Team.objects.count(), 0)

    def test_other_methods_are_refused(self):
        response = self.client.put(TEAMS)

        self.assertEqual(response.status_code, 405)


class TeamPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.manager = make_user(username="maria", manager=True)
        cls.team = make_team(name="Platform", slug="platform", managers=(cls.manager,))
        [cls.ada] = add_members(cls.team, "Ada Lovelace")
        cls.assessment = make_assessment(name="Sports 2026", slug="sports")
        cls.url = cls.team.get_absolute_url()

    def setUp(self):
        self.client.force_login(self.manager)

    def test_the_page_shows_members_with_their_account_state_rounds_and_the_forms(self):
        open_round(team=self.team, assessment=self.assessment, closes_on=timezone.localdate())
        add_members(self.team, "Grace Hopper", user=make_user())

        response = self.client.get(self.url)

        self.assertContains(response, "ada@example.com")
        self.assertEqual(
            [(m.name, m.user_id is not None) for m in response.context["members"]],
            [("Ada Lovelace", False), ("Grace Hopper", True)],
        )
        self.assertEqual([(r.invited, r.answered) for r in response.context["rounds"]], [(1, 0)])
        self.assertContains(response, "0 / 1")
        for action in ["members/", "rounds/", "managers/"]:
            self.assertContains(response, f'action="/manage/teams/platform/{action}"')

    def test_adding_members_keeps_the_others_and_refuses_a_current_members_email(self):
        added = self.client.post(
            f"{self.url}members/", {"members": "Grace Hopper, grace@example.com"}
        )
        refused = self.client.post(
            f"{self.url}members/", {"members": "Ada again <ADA@example.com>"}
        )

        self.assertRedirects(added, self.url, fetch_redirect_response=False)
        self.assertContains(refused, "Line 1: ADA@example.com is already a member", status_code=400)
        self.assertEqual(Member.current.filter(team=self.team).count(), 2)

    def test_adding_no_members_is_a_400(self):
        response = self.client.post(f"{self.url}members/", {"members": "  \n"})

        self.assertEqual(response.status_code, 400)

    def test_a_removed_member_leaves_the_team_but_keeps_their_invitations(self):
        ada_round = open_round(team=self.team, assessment=self.assessment)

        response = self.client.post(f"{self.url}members/{self.ada.pk}/remove/")

        self.assertRedirects(response, self.url, fetch_redirect_response=False)
        self.assertFalse(Member.current.filter(pk=self.ada.pk).exists())
        self.assertEqual(ada_round.invitations.count(), 1)
        page = self.client.get(self.url)
        self.assertNotContains(page, f"members/{self.ada.pk}/remove/")
        self.assertContains(page, f"members/{self.ada.pk}/restore/")

    def test_removing_asks_first_and_get_removes_nobody(self):
        url = f"{self.url}members/{self.ada.pk}/remove/"

        response = self.client.get(url)

        self.assertContains(response, f'<form method="post" action="{url}">')
        self.assertContains(response, "Remove Ada")
        self.assertTrue(Member.current.filter(pk=self.ada.pk).exists())

    def test_a_member_removed_today_is_restored_from_the_team_page(self):
        self.client.post(f"{self.url}members/{self.ada.pk}/remove/")

        response = self.client.post(f"{self.url}members/{self.ada.pk}/restore/", follow=True)

        self.assertRedirects(response, self.url)
        self.assertContains(response, "is a member again")
        self.assertTrue(Member.current.filter(pk=self.ada.pk).exists())
        self.assertContains(response, f"members/{self.ada.pk}/remove/")

    def test_after_a_day_the_undo_is_gone(self):
        Member.objects.filter(pk=self.ada.pk).update(
            removed_at=timezone.now() - timedelta(hours=25)
        )

        page = self.client.get(self.url)
        response = self.client.post(f"{self.url}members/{self.ada.pk}/restore/")

        self.assertNotContains(page, "restore/")
        self.assertEqual(response.status_code, 404)
        self.assertFalse(Member.current.filter(pk=self.ada.pk).exists())

    def test_restoring_a_member_whose_address_was_added_again_is_a_400(self):
        self.client.post(f"{self.url}members/{self.ada.pk}/remove/")
        self.client.post(f"{self.url}members/", {"members": "Ada Again, ada@example.com"})

        response = self.client.post(f"{self.url}members/{self.ada.pk}/restore/")

        self.assertContains(response, "belongs to a current member already", status_code=400)
        self.assertFalse(Member.current.filter(pk=self.ada.pk).exists())

    def test_a_current_member_cannot_be_restored(self):
        response = self.client.post(f"{self.url}members/{self.ada.pk}/restore/")

        self.assertEqual(response.status_code, 404)

    def test_a_removed_member_may_be_added_again(self):
        self.client.post(f"{self.url}members/{self.ada.pk}/remove/")

        response = self.client.post(f"{self.url}members/", {"members": "Ada, ada@example.com"})

        self.assertEqual(response.status_code, 302)
        self.assertEqual(Member.current.filter(team=self.team).count(), 1)

    def test_a_co_manager_is_added_and_removed_by_username(self):
        make_user(username="cody", manager=True)

        added = self.client.post(f"{self.url}managers/", {"username": "cody"})
        cody = self.team.managers.get(username="cody")
        removed = self.client.post(f"{self.url}managers/{cody.pk}/remove/")

        self.assertRedirects(added, self.url, fetch_redirect_response=False)
        self.assertRedirects(removed, self.url, fetch_redirect_response=False)
        self.assertEqual(list(self.team.managers.values_list("username", flat=True)), ["maria"])

    def test_an_unknown_username_is_a_400(self):
        response = self.client.post(f"{self.url}managers/", {"username": "nobody"})

        self.assertContains(
            response, "There is no manager with the username “nobody”.", status_code=400
        )

    def test_the_last_manager_cannot_be_removed(self):
        response = self.client.post(f"{self.url}managers/{self.manager.pk}/remove/")

        self.assertContains(response, "at least one manager", status_code=400)
        self.assertEqual(self.team.managers.count(), 1)

    def test_removing_oneself_leads_back_to_the_list(self):
        self.team.managers.add(make_user(username="cody"))

        response = self.client.post(f"{self.url}managers/{self.manager.pk}/remove/")

        self.assertRedirects(response, TEAMS, fetch_redirect_response=False)


class StartRoundTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.manager = make_user(
            username="maria", first_name="Maria", last_name="Manager", manager=True
        )
        cls.team = make_team(
            name="Platform",
            slug="platform",
            managers=(cls.manager,),
            members=["Ada Lovelace", "Grace Hopper"],
        )
        cls.assessment = make_assessment(name="Sports 2026", slug="sports")
        cls.url = "/manage/teams/platform/rounds/"
        cls.closes_on = timezone.localdate() + timedelta(days=14)

    def setUp(self):
        self.client.force_login(self.manager)

    def start(self, **data):
        data = {"assessment": "sports", "closes_on": self.closes_on.isoformat(), **data}
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(self.url, data)

    def test_a_round_invites_every_current_member_with_a_token_of_their_own_and_redirects(self):
        response = self.start()

        started = Round.objects.get()
        self.assertRedirects(
            response, f"/manage/rounds/{started.pk}/", fetch_redirect_response=False
        )
        self.assertEqual(
            (started.assessment, started.closes_on, started.started_by),
            (self.assessment, self.closes_on, self.manager),
        )
        tokens = list(started.invitations.values_list("token", flat=True))
        self.assertEqual(len(set(tokens)), 2)
        for token in tokens:
            # secrets.token_urlsafe(32): 256 random bits, 43 URL-safe characters.
            self.assertRegex(token, r"^[A-Za-z0-9_-]{43}$")

    def test_each_member_gets_an_email_in_text_and_html_with_their_own_absolute_link(self):
        self.start()

        self.assertEqual(len(mail.outbox), 2)
        by_recipient = {message.to[0]: message for message in mail.outbox}
        ada = Invitation.objects.get(member__email="ada@example.com")
        message = by_recipient["Ada Lovelace <ada@example.com>"]
        link = f"http://127.0.0.1:8000/i/{ada.token}/"
        self.assertIn("Sports 2026", message.subject)
        self.assertIn(link, message.body)
        self.assertIn("Maria Manager", message.body)
        self.assertIn(self.closes_on.strftime("%-d %B %Y"), message.body)
        html, mimetype = message.alternatives[0]
        self.assertEqual(mimetype, "text/html")
        self.assertIn(f'href="{link}"', html)
        self.assertNotIn(ada.token, by_recipient["Grace Hopper <grace@example.com>"].body)
        self.assertEqual(set(Invitation.objects.values_list("delivery", flat=True)), {"sent"})

    def test_the_link_uses_the_sites_address(self):
        with self.settings(SITE_URL="https://assessor.example.com/"):
            self.start()

        token = Invitation.objects.first().token
        self.assertTrue(
            any(f"https://assessor.example.com/i/{token}/" in m.body for m in mail.outbox)
        )

    def test_no_email_leaves_before_the_transaction_commits(self):
        self.client.post(
            self.url, {"assessment": "sports", "closes_on": self.closes_on.isoformat()}
        )

        self.assertEqual(mail.outbox, [])

    def test_today_is_a_valid_closing_date(self):
        response = self.start(closes_on=timezone.localdate().isoformat())

        self.assertEqual(response.status_code, 302)
        self.assertEqual(Round.objects.get().closes_on, timezone.localdate())

    def test_a_past_date_an_unknown_assessment_or_a_bad_date_is_a_400_saving_nothing(self):
        yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
        for data, message in [
            ({"closes_on": yesterday}, "today or later"),
            ({"assessment": "nope"}, "There is no assessment"),
            ({"closes_on": "31/12/2030"}, "Enter a valid date"),
            ({"assessment": ""}, "This field is required"),
        ]:
            with self.subTest(data=data):
                response = self.start(**data)

                self.assertContains(response, message, status_code=400)
        self.assertEqual(Round.objects.count(), 0)
        self.assertEqual(mail.outbox, [])

    def test_a_team_without_members_cannot_start_a_round(self):
        Member.objects.all().delete()

        response = self.start()

        self.assertContains(response, "Add members to the team", status_code=400)
        self.assertEqual(Round.objects.count(), 0)

    def test_removed_members_are_not_invited(self):
        Member.objects.filter(email="ada@example.com").update(removed_at=timezone.now())

        self.start()

        self.assertEqual(
            list(Invitation.objects.values_list("member__name", flat=True)), ["Grace Hopper"]
        )


class RoundFormTests(TestCase):
    def test_the_closing_date_is_two_weeks_ahead_unless_changed(self):
        manager = make_user(manager=True)
        team = make_team(managers=(manager,))
        self.client.force_login(manager)

        response = self.client.get(team.get_absolute_url())

        in_two_weeks = (timezone.localdate() + timedelta(days=14)).isoformat()
        self.assertContains(response, f'value="{in_two_weeks}"')
