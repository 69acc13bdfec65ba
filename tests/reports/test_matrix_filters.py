"""The matrix at any size: pages of 100 people, filters that combine and stay in the links, a
refused filter answered 400, where each answer came from, and how old it is (issues 21, 23)."""

from datetime import timedelta
from unittest import mock

from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from results.models import AssessmentResult
from tests.factories import (
    answer_invitation,
    make_assessment,
    make_result,
    make_team,
    make_user,
    open_round,
)

SPORTS = {
    "categories": [["Jumping", "jumping"], ["Running", "running"]],
    "ratings": ["Good", "Better", "Best"],
    "roles": [{"name": "Coach", "slug": "coach", "targets": {"jumping": 2}}],
}


def names_in(response) -> list[str]:
    """The people the matrix shows, in order."""
    return [row.person.name for row in response.context["matrix"].rows]


class FilterTestCase(TestCase):
    """Manager of Red (Ada, Ben with an account); Blue (Cy) is another manager's. Zed and Ben's
    own answer came through the public link."""

    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(name="Sports", slug="sports", assessment=SPORTS)
        cls.manager = make_user(username="manager", manager=True)
        cls.ben = make_user(username="ben")
        cls.red = make_team(name="Red", slug="red", managers=[cls.manager], members=["Ada", "Ben"])
        cls.red.members.filter(name="Ben").update(user=cls.ben)
        cls.blue = make_team(
            name="Blue", slug="blue", managers=[make_user(manager=True)], members=["Cy"]
        )
        red_round = open_round(team=cls.red, assessment=cls.assessment)
        cls.ada = answer_invitation(red_round.invitations.get(member__name="Ada"), jumping=3)
        answer_invitation(
            open_round(team=cls.blue, assessment=cls.assessment).invitations.get(), jumping=3
        )
        cls.ben_public = make_result(
            cls.assessment, name="Ben", user=cls.ben, current={"jumping": 1, "running": 3}
        )
        cls.zed = make_result(
            cls.assessment,
            name="Zed",
            role="coach",
            current={"jumping": 2, "running": 2},
            created=timezone.now() - timedelta(days=400),
        )
        cls.url = reverse("reports:matrix", args=["sports"])

    def setUp(self):
        self.client.force_login(self.manager)


class FilterTests(FilterTestCase):
    def test_without_filters_everyone_in_scope_is_shown_and_nobody_else(self):
        response = self.client.get(self.url)

        self.assertEqual(names_in(response), ["Ada", "Ben", "Zed"])
        self.assertNotContains(response, ">Cy<")

    def test_a_team_shows_its_members_answers_through_their_links_or_their_accounts(self):
        response = self.client.get(self.url, {"team": "red"})

        self.assertEqual(names_in(response), ["Ada", "Ben"])

    def test_a_role_shows_the_people_whose_latest_result_compared_with_it(self):
        response = self.client.get(self.url, {"role": "coach"})

        self.assertEqual(names_in(response), ["Zed"])

    def test_a_name_search_ignores_case(self):
        response = self.client.get(self.url, {"q": "BE"})

        self.assertEqual(names_in(response), ["Ben"])

    def test_a_category_and_a_step_show_who_holds_it_or_higher(self):
        response = self.client.get(self.url, {"category": "jumping", "at_least": "2"})

        self.assertEqual(names_in(response), ["Ada", "Zed"])

    def test_filters_combine(self):
        response = self.client.get(
            self.url, {"team": "red", "category": "jumping", "at_least": "2", "q": "a"}
        )

        self.assertEqual(names_in(response), ["Ada"])

    def test_filters_that_select_nobody_say_so_and_offer_everyone(self):
        response = self.client.get(self.url, {"q": "nobody"})

        self.assertContains(response, "Nobody matches these filters.")
        self.assertNotContains(response, "results.csv")

    def test_the_summaries_describe_everyone_selected(self):
        response = self.client.get(self.url, {"team": "red"})

        jumping, running = response.context["matrix"].summaries
        self.assertEqual((jumping.distribution, running.distribution), ([1, 0, 1], [1, 0, 1]))

    def test_a_refused_filter_is_a_400_with_the_form_and_a_message_and_no_matrix(self):
        refused = [
            {"team": "blue"},
            {"team": "nope"},
            {"role": "captain"},
            {"category": "rowing", "at_least": "1"},
            {"category": "jumping", "at_least": "4"},
            {"category": "jumping", "at_least": "x"},
            {"category": "jumping"},
            {"at_least": "2"},
            {"q": "x" * 101},
            {"q": "\x00"},
            {"page": "0"},
            {"page": "two"},
        ]
        for query in refused:
            with self.subTest(query=query):
                response = self.client.get(self.url, query)

                self.assertContains(response, "These filters cannot be used", status_code=400)
                self.assertContains(response, 'name="team"', status_code=400)
                self.assertNotContains(response, ">Zed<", status_code=400)
                self.assertNotContains(response, ">Blue<", status_code=400)

    def test_a_page_past_the_last_is_not_found(self):
        self.assertEqual(self.client.get(self.url, {"page": "2"}).status_code, 404)

    def test_the_form_offers_only_the_viewers_teams(self):
        response = self.client.get(self.url)

        self.assertContains(response, '<option value="red">Red</option>', html=True)
        self.assertNotContains(response, ">Blue<")


class SourceTests(FilterTestCase):
    def test_each_row_says_where_its_answer_came_from(self):
        response = self.client.get(self.url)

        sources = [row.source for row in response.context["matrix"].rows]
        # Ada through Red's invitation, Ben on the public form as a member of Red, Zed public.
        self.assertEqual(sources, ["Red", "Red", "public link"])
        self.assertContains(response, '<td class="source">public link</td>', html=True)

    def test_the_csv_ends_with_the_source_of_each_result(self):
        response = self.client.get(reverse("reports:csv", args=["sports"]))

        lines = b"".join(response.streaming_content).decode().splitlines()
        self.assertTrue(lines[0].endswith(",role,source"))
        self.assertEqual(
            sorted(line.rsplit(",", 1)[1] for line in lines[1:]), ["Red"] * 2 + ["public link"]
        )

    def test_another_teams_name_is_never_a_source(self):
        self.client.force_login(self.blue.managers.get())

        response = self.client.get(self.url)

        self.assertEqual(
            [(row.person.name, row.source) for row in response.context["matrix"].rows],
            [("Ben", "public link"), ("Cy", "Blue"), ("Zed", "public link")],
        )


class FreshnessTests(FilterTestCase):
    def test_a_result_older_than_a_year_is_marked_stale_in_words_and_counted(self):
        response = self.client.get(self.url)

        self.assertContains(response, "1\xa0year ago, stale")
        self.assertContains(response, "1 stale.")
        self.assertEqual(response.context["matrix"].stale, 1)

    @override_settings(STALE_AFTER_DAYS=500)
    def test_the_limit_is_the_setting(self):
        response = self.client.get(self.url)

        self.assertNotContains(response, "stale")

    def test_a_result_turns_stale_as_the_days_pass_without_any_write(self):
        with override_settings(SESSION_COOKIE_AGE=10 * 365 * 24 * 60 * 60):
            self.client.force_login(self.manager)
        self.assertEqual(self.client.get(self.url).context["matrix"].stale, 1)
        a_year_on = timezone.now() + timedelta(days=366)

        with mock.patch("django.utils.timezone.now", return_value=a_year_on):
            response = self.client.get(self.url)

        self.assertEqual(response.context["matrix"].stale, 3)


class PagingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(slug="big", assessment=SPORTS)
        AssessmentResult.objects.bulk_create(
            AssessmentResult(
                assessment=cls.assessment,
                assessment_version="big",
                name=f"Person {number:03d}",
                person=f"name:person {number:03d}",
                current={"jumping": 1 + number % 3, "running": 1},
                desired={"jumping": 3, "running": 1},
            )
            for number in range(205)
        )
        cls.manager = make_user(manager=True)
        cls.url = reverse("reports:matrix", args=["big"])

    def setUp(self):
        self.client.force_login(self.manager)

    def test_a_page_shows_100_people_and_says_which(self):
        response = self.client.get(self.url, {"page": "2"})

        self.assertEqual(names_in(response)[0], "Person 100")
        self.assertEqual(len(names_in(response)), 100)
        self.assertContains(response, "people 101–200 of 205")

    def test_the_links_lead_to_the_first_previous_next_and_last_pages_keeping_the_filters(self):
        response = self.client.get(self.url, {"page": "2", "q": "person", "min": "3"})

        for word, page in [("First", 1), ("Previous", 1), ("Next", 3), ("Last", 3)]:
            self.assertContains(response, f'href="?q=person&amp;min=3&amp;page={page}"', html=False)
            self.assertContains(response, f">{word}</a>")

    def test_the_summaries_count_everyone_selected_not_only_the_page(self):
        response = self.client.get(self.url)

        jumping = response.context["matrix"].summaries[0]
        self.assertEqual(jumping.distribution, [69, 68, 68])
        self.assertEqual(jumping.levelups, 137)

    def test_past_200_people_the_mentors_are_counted_with_links_to_who_knows_it(self):
        response = self.client.get(self.url)

        self.assertIsNone(response.context["matrix"].mentor_matches)
        self.assertContains(
            response, "/manage/experts/?assessment=big&amp;category=jumping&amp;at_least=2"
        )

    def test_a_page_stays_small(self):
        response = self.client.get(self.url)

        self.assertLess(len(response.content), 200_000)

    def test_an_empty_matrix_says_what_to_do_and_offers_no_csv(self):
        empty = make_assessment(slug="empty", assessment=SPORTS)

        response = self.client.get(reverse("reports:matrix", args=[empty.slug]))

        self.assertContains(response, "Nobody has answered this assessment yet.")
        self.assertContains(response, "start a round")
        self.assertNotContains(response, "Download all results")


class SpreadsheetFilterTests(FilterTestCase):
    def test_the_workbook_holds_the_people_the_same_filters_select(self):
        from io import BytesIO

        from openpyxl import load_workbook

        response = self.client.get(reverse("reports:xlsx", args=["sports"]), {"team": "red"})

        sheet = load_workbook(BytesIO(response.content)).worksheets[0]
        self.assertEqual([row[0].value for row in sheet.iter_rows(min_row=2)], ["Ada", "Ben"])

    def test_a_refused_filter_is_a_400_there_too(self):
        response = self.client.get(reverse("reports:xlsx", args=["sports"]), {"team": "blue"})

        self.assertContains(response, "These filters cannot be used", status_code=400)
