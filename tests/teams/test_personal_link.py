"""The personal link /i/<token>/: the round's form under the member's name, until it closes."""

from datetime import timedelta
from unittest import mock

from django.test import Client, TestCase, override_settings
from django.utils import timezone

from reports.matrix import latest_result_per_person
from results.models import AssessmentResult
from teams.models import Invitation, Member, Response
from tests.factories import (
    add_members,
    make_assessment,
    make_result,
    make_team,
    make_user,
    open_round,
)
from tests.results.test_rich_answers import RICH

ANSWER = {"jumping": "2", "running": "1"}


class PersonalLinkTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(name="Sports 2026", slug="sports")
        cls.team = make_team(name="Platform")
        cls.round = open_round(team=cls.team, members=["Ada Lovelace"], assessment=cls.assessment)
        cls.invitation = cls.round.invitations.get()
        cls.ada = cls.invitation.member
        cls.url = f"/i/{cls.invitation.token}/"

    def post(self, **overrides):
        data = {"jumping": "2", "running": "1", **overrides}
        return self.client.post(self.url, {k: v for k, v in data.items() if v is not None})


class FormTests(PersonalLinkTestCase):
    def test_the_address_is_the_invitations(self):
        self.assertEqual(self.invitation.get_absolute_url(), self.url)

    def test_the_form_has_the_public_forms_fields_the_name_shown_but_not_editable(self):
        response = self.client.get(self.url)

        self.assertEqual(response.status_code, 200)
        for value, label in enumerate(["Good", "Better", "Best"], start=1):
            self.assertContains(
                response,
                f'<input type="radio" name="jumping" value="{value}" required> '
                f"<span>{label}</span>",
            )
        self.assertContains(response, '<input type="checkbox" name="running-levelup">')
        self.assertContains(response, 'name="csrfmiddlewaretoken"')
        self.assertContains(response, f'action="{self.url}"')
        self.assertContains(response, "<strong>Ada Lovelace</strong>")
        self.assertNotContains(response, 'name="name"')
        self.assertContains(response, self.round.closes_on.strftime("%-d %B %Y"))
        self.assertEqual(response.context["assessment_version"], "sports")

    def test_the_cached_fields_of_the_public_form_and_of_the_link_stay_apart(self):
        self.client.get("/assessment/", {"v": "sports"})

        link = self.client.get(self.url)
        public = self.client.get("/assessment/", {"v": "sports"})

        self.assertNotContains(link, 'name="name"')
        self.assertContains(link, "<strong>Ada Lovelace</strong>")
        self.assertContains(public, 'name="name"')
        self.assertNotContains(public, "Ada Lovelace")

    def test_the_form_says_what_the_public_form_says_and_who_sees_the_answers(self):
        public = self.client.get("/assessment/", {"v": "sports"})

        response = self.client.get(self.url)

        intro = "Rate yourself honestly in each category"
        self.assertContains(public, intro)
        self.assertContains(response, intro)
        self.assertContains(response, "This link is yours alone")
        self.assertNotContains(public, "This link is yours alone")

    def test_a_link_not_answered_yet_is_one_query_and_an_answered_one_two(self):
        self.client.get(self.url)
        # The invitation with its member, round, assessment and team, and the id of the latest
        # answer in the round; then that answer, to start the form from.
        with self.assertNumQueries(1):
            blank = self.client.get(self.url)
        self.post(jumping="3")
        with self.assertNumQueries(2):
            filled = self.client.get(self.url)

        self.assertNotContains(blank, "checked")
        checked = '<input type="radio" name="jumping" value="3" required checked>'
        self.assertContains(filled, checked)

    def test_an_unknown_token_is_a_404(self):
        for url in ["/i/not-a-token/", f"/i/{self.invitation.token}x/"]:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)
                self.assertEqual(self.client.post(url).status_code, 404)

    def test_other_methods_are_refused(self):
        self.assertEqual(self.client.put(self.url).status_code, 405)


class AnswerTests(PersonalLinkTestCase):
    def test_an_answer_is_stored_under_the_members_name_and_linked_to_the_invitation(self):
        response = self.post(**{"running-levelup": "on"})

        result = AssessmentResult.objects.get()
        self.assertRedirects(response, result.get_absolute_url(), fetch_redirect_response=False)
        self.assertEqual(result.name, "Ada Lovelace")
        self.assertEqual(
            (result.current, result.desired),
            ({"jumping": 2, "running": 1}, {"jumping": 2, "running": 2}),
        )
        self.assertEqual(Response.objects.get().invitation, self.invitation)
        self.assertEqual(result.person, f"member:{self.ada.pk}")

    def test_a_posted_name_and_version_are_ignored(self):
        other = make_assessment(slug="other")

        self.post(name="Mallory", v=other.slug)

        result = AssessmentResult.objects.get()
        self.assertEqual((result.name, result.assessment), ("Ada Lovelace", self.assessment))

    def test_ratings_are_clamped_as_the_public_form_clamps_them(self):
        self.post(jumping="99", running="-5", **{"jumping-levelup": "on"})

        result = AssessmentResult.objects.get()
        self.assertEqual(result.current, {"jumping": 3, "running": 1})
        self.assertEqual(result.desired, {"jumping": 3, "running": 1})

    def test_the_public_forms_bad_input_gets_the_same_400s_and_stores_nothing(self):
        for overrides, message in [
            ({"jumping": None}, "Please choose a rating for Jumping."),
            ({"running": "abc"}, "The rating for Running must be a whole number."),
            ({"running": "1.5"}, "The rating for Running must be a whole number."),
        ]:
            with self.subTest(overrides=overrides):
                response = self.post(**overrides)

                self.assertContains(response, message, status_code=400)
                self.assertContains(response, "<strong>Ada Lovelace</strong>", status_code=400)
        self.assertEqual(AssessmentResult.objects.count(), 0)

    def test_answering_again_keeps_both_and_the_latest_counts(self):
        self.post(jumping="1")
        self.post(jumping="3")

        self.assertEqual(self.invitation.responses.count(), 2)
        people = latest_result_per_person(assessment=self.assessment)
        self.assertEqual(len(people), 1)
        self.assertEqual((people[0].result.current["jumping"], people[0].earlier), (3, 1))

    def test_the_member_is_one_person_whatever_name_is_typed_on_the_public_form(self):
        self.post()
        make_result(self.assessment, name="Ada Lovelace")

        people = latest_result_per_person(assessment=self.assessment)

        self.assertEqual(len(people), 2)

    def test_a_member_with_an_account_answers_as_that_account(self):
        user = make_user()
        Member.objects.filter(pk=self.ada.pk).update(user=user)

        self.post()

        result = AssessmentResult.objects.get()
        self.assertEqual((result.user, result.person), (user, f"user:{user.pk}"))

    def test_the_form_refuses_a_post_without_its_csrf_token(self):
        client = Client(enforce_csrf_checks=True)

        response = client.post(self.url, {"jumping": "1", "running": "1"})

        self.assertEqual(response.status_code, 403)
        self.assertEqual(AssessmentResult.objects.count(), 0)


class ClosedRoundTests(PersonalLinkTestCase):
    def close(self):
        self.round.closes_on = timezone.localdate() - timedelta(days=1)
        self.round.save()

    def test_after_the_closing_date_both_methods_answer_410_and_nothing_is_stored(self):
        self.close()

        page = self.client.get(self.url)
        posted = self.post()

        self.assertContains(page, "This round has closed", status_code=410)
        self.assertContains(page, self.round.closes_on.strftime("%-d %B %Y"), status_code=410)
        self.assertEqual(posted.status_code, 410)
        self.assertEqual(AssessmentResult.objects.count(), 0)

    def test_the_closed_page_links_to_the_members_latest_result(self):
        self.post(jumping="1")
        self.post(jumping="3")
        self.close()

        response = self.client.get(self.url)

        latest = AssessmentResult.objects.newest()
        self.assertContains(response, latest.get_absolute_url(), status_code=410)

    def test_the_round_is_open_through_the_end_of_its_day_in_the_sites_time_zone(self):
        self.round.closes_on = timezone.localdate()
        self.round.save()
        late = timezone.localtime().replace(hour=23, minute=59, second=59)

        with mock.patch("django.utils.timezone.now", return_value=late):
            open_late = self.client.get(self.url).status_code
        with mock.patch("django.utils.timezone.now", return_value=late + timedelta(seconds=1)):
            next_day = self.client.get(self.url).status_code

        self.assertEqual((open_late, next_day), (200, 410))

    def test_the_closing_day_is_read_in_django_time_zone(self):
        with self.settings(TIME_ZONE="Pacific/Kiritimati"):
            # 14 hours ahead of UTC: its today can be UTC's tomorrow.
            kiritimati_today = timezone.localdate()
            self.round.closes_on = kiritimati_today
            self.round.save()

            self.assertTrue(self.round.is_open())
            self.assertFalse(self.round.is_open(now=timezone.now() + timedelta(days=1)))


class RichAssessmentTests(TestCase):
    def test_a_richer_assessment_keeps_its_role_and_not_applicable_through_the_link(self):
        assessment = make_assessment(slug="tri", assessment=RICH)
        invitation = open_round(members=["Ada"], assessment=assessment).invitations.get()

        form = self.client.get(invitation.get_absolute_url())
        self.client.post(
            invitation.get_absolute_url(),
            {"swimming": "na", "cycling": "2", "running": "3", "role": "coach"},
        )

        self.assertContains(form, 'name="role"')
        result = AssessmentResult.objects.get()
        self.assertEqual((result.name, result.role), ("Ada", "coach"))
        self.assertEqual(result.current, {"swimming": None, "cycling": 2, "running": 3})


@override_settings(SUBMIT_RATE=(20, 600))
class PersonalLinkLimitTests(PersonalLinkTestCase):
    def test_the_21st_answer_through_one_link_is_refused_wherever_it_comes_from(self):
        [grace] = add_members(self.team, "Grace Hopper")
        other = Invitation.objects.create(round=self.round, member=grace)
        statuses = [
            self.client.post(self.url, ANSWER, REMOTE_ADDR=f"203.0.113.{n}").status_code
            for n in range(20)
        ]

        refused = self.client.post(self.url, ANSWER, REMOTE_ADDR="198.51.100.1")
        another_link = self.client.post(other.get_absolute_url(), ANSWER)

        self.assertEqual(statuses, [302] * 20)
        self.assertEqual(refused.status_code, 429)
        self.assertTrue(590 <= int(refused["Retry-After"]) <= 600)
        self.assertEqual(another_link.status_code, 302)
        self.assertEqual(AssessmentResult.objects.count(), 21)


class PrefilledFormTests(TestCase):
    """Reopening the link after answering: the form starts from the member's latest answer in
    this round, and nothing changes until they save."""

    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(slug="tri", assessment=RICH)
        cls.round = open_round(members=["Ada", "Grace"], assessment=cls.assessment)
        cls.ada = cls.round.invitations.get(member__name="Ada")
        cls.grace = cls.round.invitations.get(member__name="Grace")

    def answer(self, invitation, **answers):
        return self.client.post(invitation.get_absolute_url(), answers)

    def test_the_form_shows_the_latest_ratings_levelups_role_and_na(self):
        self.answer(self.ada, swimming="1", cycling="1", running="1")
        self.answer(
            self.ada,
            swimming="na",
            cycling="2",
            **{"cycling-levelup": "on"},
            running="3",
            role="coach",
        )

        form = self.client.get(self.ada.get_absolute_url())

        self.assertContains(
            form, '<input type="radio" name="swimming" value="na" required checked>'
        )
        self.assertContains(form, '<input type="radio" name="cycling" value="2" required checked>')
        self.assertContains(form, '<input type="radio" name="running" value="3" required checked>')
        self.assertContains(form, '<input type="checkbox" name="cycling-levelup" checked>')
        self.assertNotContains(form, '<input type="checkbox" name="running-levelup" checked>')
        self.assertContains(form, '<option value="coach" selected>')
        self.assertNotContains(form, 'value="1" required checked>')

    def test_opening_the_filled_form_stores_nothing(self):
        self.answer(self.ada, swimming="1", cycling="2", running="3")

        self.client.get(self.ada.get_absolute_url())

        self.assertEqual(AssessmentResult.objects.count(), 1)

    def test_another_members_answer_never_fills_the_form(self):
        self.answer(self.ada, swimming="1", cycling="2", running="3", role="coach")

        form = self.client.get(self.grace.get_absolute_url())

        self.assertNotContains(form, "checked")
        self.assertNotContains(form, '<option value="coach" selected>')

    def test_an_answer_in_an_earlier_round_does_not_fill_this_rounds_form(self):
        later = open_round(team=self.round.team, assessment=self.assessment)
        self.answer(self.ada, swimming="1", cycling="2", running="3")

        form = self.client.get(later.invitations.get(member__name="Ada").get_absolute_url())

        self.assertNotContains(form, "checked")
