"""The read API's endpoints: each answers the token owner's scope by the rule of the manager
pages, another team's objects are 404 (never 403), each read is in the audit trail, and lists
page with a cursor."""

from datetime import timedelta
from urllib.parse import parse_qs, urlparse

from django.contrib.auth.models import User
from django.test import TestCase
from django.utils import timezone

from api.tokens import create_token
from audit.models import AuditEvent
from tests.factories import (
    answer_invitation,
    api_headers,
    bearer,
    make_assessment,
    make_result,
    make_team,
    make_user,
    open_round,
)


class ApiTestCase(TestCase):
    """Grace manages team Red (Ada, Ben); Mallory manages team Blue (Eve); Pat answered the
    public link."""

    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(slug="sports", name="Sports")
        cls.grace = make_user(username="grace", manager=True)
        cls.mallory = make_user(username="mallory", manager=True)
        cls.red = make_team(name="Red", slug="red", managers=(cls.grace,), members=["Ada", "Ben"])
        cls.blue = make_team(name="Blue", slug="blue", managers=(cls.mallory,), members=["Eve"])
        cls.red_round = open_round(team=cls.red, assessment=cls.assessment)
        cls.blue_round = open_round(team=cls.blue, assessment=cls.assessment)
        cls.ada, cls.ben = (
            answer_invitation(invitation, jumping=3)
            for invitation in cls.red_round.invitations.order_by("member__name")
        )
        cls.eve = answer_invitation(cls.blue_round.invitations.get())
        cls.pat = make_result(cls.assessment, name="Pat")

    def setUp(self):
        self.headers = api_headers(self.grace)

    def get(self, url: str, headers: dict | None = None, **params):
        return self.client.get(url, params, **(self.headers if headers is None else headers))

    def ids(self, response) -> set[str]:
        return {row["id"] for row in response.json()["results"]}


class ScopeSweepTests(ApiTestCase):
    def other_teams_urls(self) -> list[str]:
        return [f"/api/v1/results/{self.eve.pk}/", "/api/v1/teams/blue/rounds/"]

    def test_another_teams_objects_are_404_on_every_endpoint(self):
        for url in self.other_teams_urls():
            with self.subTest(url=url):
                response = self.get(url)

                self.assertEqual(response.status_code, 404)
                self.assertNotIn("Blue", response.content.decode())
                self.assertNotIn("Eve", response.content.decode())

    def test_another_teams_objects_are_left_out_of_every_list(self):
        people = self.get("/api/v1/assessments/sports/people/")
        teams = self.get("/api/v1/teams/")
        [assessment] = self.get("/api/v1/assessments/").json()["results"]

        self.assertEqual(self.ids(people), {str(self.ada.pk), str(self.ben.pk), str(self.pat.pk)})
        self.assertEqual([team["slug"] for team in teams.json()["results"]], ["red"])
        self.assertEqual((assessment["result_count"], assessment["people_count"]), (3, 3))

    def test_another_teams_slug_as_a_filter_is_refused_as_an_unknown_one_is(self):
        other = self.get("/api/v1/assessments/sports/people/", team="blue")
        unknown = self.get("/api/v1/assessments/sports/people/", team="nope")

        self.assertEqual(other.status_code, 400)
        self.assertEqual(other.json(), unknown.json())

    def test_the_other_teams_manager_reads_theirs(self):
        headers = api_headers(self.mallory)

        for url in self.other_teams_urls():
            with self.subTest(url=url):
                self.assertEqual(self.get(url, headers).status_code, 200)

    def test_unknown_objects_are_404(self):
        for url in [
            "/api/v1/results/00000000-0000-4000-8000-000000000000/",
            "/api/v1/teams/nope/rounds/",
            "/api/v1/assessments/nope/people/",
        ]:
            with self.subTest(url=url):
                self.assertEqual(self.get(url).status_code, 404)

    def test_a_superuser_reads_every_team(self):
        headers = api_headers(make_user(username="root", is_superuser=True))

        teams = self.get("/api/v1/teams/", headers)
        people = self.get("/api/v1/assessments/sports/people/", headers)

        self.assertEqual({team["slug"] for team in teams.json()["results"]}, {"red", "blue"})
        self.assertIn(str(self.eve.pk), self.ids(people))


class NotAManagerTests(ApiTestCase):
    """A token whose owner is not (or no longer) a manager opens the API, and the scope it reads
    is empty: lists are empty, objects 404, as for anyone outside a team."""

    def setUp(self):
        worker = make_user(username="worker")
        _token, secret = create_token(user=worker, name="left over")
        self.headers = bearer(secret)

    def test_lists_are_empty_and_objects_are_404(self):
        people = self.get("/api/v1/assessments/sports/people/")
        teams = self.get("/api/v1/teams/")
        [assessment] = self.get("/api/v1/assessments/").json()["results"]
        result = self.get(f"/api/v1/results/{self.pat.pk}/")
        rounds = self.get("/api/v1/teams/red/rounds/")

        self.assertEqual((people.status_code, people.json()["results"]), (200, []))
        self.assertEqual((teams.status_code, teams.json()["results"]), (200, []))
        self.assertEqual((assessment["result_count"], assessment["people_count"]), (0, 0))
        self.assertEqual((result.status_code, rounds.status_code), (404, 404))

    def test_a_manager_removed_from_the_managers_group_reads_nothing_more(self):
        headers = api_headers(self.grace)
        self.grace.groups.clear()
        User.objects.get(pk=self.grace.pk)  # a fresh account, without cached permissions

        teams = self.get("/api/v1/teams/", headers)

        self.assertEqual(teams.json()["results"], [])


class EndpointTests(ApiTestCase):
    def test_a_result_reads_as_its_json_download(self):
        response = self.get(f"/api/v1/results/{self.ada.pk}/")

        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), self.client.get(f"/results/{self.ada.pk}.json").json())

    def test_people_are_each_persons_latest_result(self):
        again = answer_invitation(self.red_round.invitations.get(member__name="Ada"), jumping=1)

        people = self.get("/api/v1/assessments/sports/people/")

        self.assertIn(str(again.pk), self.ids(people))
        self.assertNotIn(str(self.ada.pk), self.ids(people))
        self.assertEqual(len(self.ids(people)), 3)

    def test_people_of_one_team(self):
        people = self.get("/api/v1/assessments/sports/people/", team="red")

        self.assertEqual(self.ids(people), {str(self.ada.pk), str(self.ben.pk)})

    def test_people_by_name_in_any_case(self):
        people = self.get("/api/v1/assessments/sports/people/", q="aD")

        self.assertEqual(self.ids(people), {str(self.ada.pk)})

    def test_people_by_team_and_name_together(self):
        in_red = self.get("/api/v1/assessments/sports/people/", team="red", q="Pat")
        named_pat = self.get("/api/v1/assessments/sports/people/", q="Pat")

        self.assertEqual(in_red.json()["results"], [])
        self.assertEqual(self.ids(named_pat), {str(self.pat.pk)})

    def test_people_at_or_above_a_rating_by_their_latest_answer(self):
        answer_invitation(self.red_round.invitations.get(member__name="Ben"), jumping=1)

        people = self.get(
            "/api/v1/assessments/sports/people/", team="red", category="jumping", at_least=3
        )

        self.assertEqual(self.ids(people), {str(self.ada.pk)})

    def test_a_category_without_its_rating_is_400(self):
        response = self.get("/api/v1/assessments/sports/people/", category="jumping")

        self.assertEqual(response.status_code, 400)

    def test_a_person_is_found_by_the_name_of_their_latest_answer(self):
        account = make_user(username="sam")
        make_result(self.assessment, name="Samantha", user=account)
        make_result(self.assessment, name="Sam", user=account)

        found = self.get("/api/v1/assessments/sports/people/", q="samantha")

        self.assertEqual(found.json()["results"], [])

    def test_a_name_too_long_to_be_one_is_400(self):
        response = self.get("/api/v1/assessments/sports/people/", q="x" * 101)

        self.assertEqual(response.status_code, 400)
        self.assertIn("q", response.json())

    def test_teams_with_their_current_members(self):
        response = self.get("/api/v1/teams/")

        self.assertEqual(
            response.json()["results"],
            [
                {
                    "slug": "red",
                    "name": "Red",
                    "created": response.json()["results"][0]["created"],
                    "member_count": 2,
                }
            ],
        )

    def test_a_teams_rounds_with_who_was_invited_and_answered(self):
        closed = open_round(
            team=self.red, assessment=self.assessment, closes_on=timezone.localdate() - timedelta(1)
        )

        rounds = self.get("/api/v1/teams/red/rounds/").json()["results"]

        self.assertEqual(
            [(r["id"], r["is_open"], r["invited"], r["answered"]) for r in rounds],
            [(closed.pk, False, 2, 0), (self.red_round.pk, True, 2, 2)],
        )
        self.assertEqual(rounds[0]["assessment"], "sports")

    def test_assessments_with_their_categories_and_scale(self):
        [assessment] = self.get("/api/v1/assessments/").json()["results"]

        self.assertEqual(assessment["slug"], "sports")
        self.assertEqual([c["slug"] for c in assessment["categories"]], ["jumping", "running"])
        self.assertEqual(assessment["ratings"], ["Good", "Better", "Best"])


class AuditTests(ApiTestCase):
    def test_every_read_is_an_audit_event_of_the_tokens_owner(self):
        reads = [
            ("/api/v1/assessments/", {"count": 1}),
            ("/api/v1/assessments/sports/people/", {"assessment": "sports", "count": 3}),
            ("/api/v1/teams/", {"count": 1}),
            ("/api/v1/teams/red/rounds/", {"team": "red", "count": 1}),
            (
                f"/api/v1/results/{self.ada.pk}/",
                {"assessment": "sports", "result": str(self.ada.pk)},
            ),
        ]
        for url, recorded in reads:
            with self.subTest(url=url):
                self.get(url)

                event = AuditEvent.objects.order_by("-pk").first()
                self.assertEqual(event.action, AuditEvent.Action.API_READ)
                self.assertEqual((event.actor, event.client_address), (self.grace, "127.0.0.1"))
                for field, value in recorded.items():
                    self.assertEqual(getattr(event, field), value)

    def test_a_filtered_read_names_its_team(self):
        self.get("/api/v1/assessments/sports/people/", team="red")

        self.assertEqual(AuditEvent.objects.get().team, "red")

    def test_refused_reads_record_nothing(self):
        self.get(f"/api/v1/results/{self.eve.pk}/")
        self.get("/api/v1/teams/", headers={})
        self.get("/api/v1/assessments/sports/people/", team="blue")

        self.assertFalse(AuditEvent.objects.exists())


class CursorPaginationTests(ApiTestCase):
    def test_following_next_reads_everyone_once(self):
        for number in range(5):
            make_result(self.assessment, name=f"Person {number}")
        url, seen, pages = "/api/v1/assessments/sports/people/?page_size=2", [], 0

        while url:
            page = self.client.get(url, **self.headers).json()
            seen += [row["id"] for row in page["results"]]
            url, pages = page["next"], pages + 1

        self.assertEqual(pages, 4)
        self.assertEqual(len(seen), len(set(seen)))
        self.assertEqual(len(seen), 8)

    def test_the_cursor_is_opaque_and_keeps_the_filters(self):
        for number in range(3):
            make_result(self.assessment, name=f"Pat {number}")

        page = self.get("/api/v1/assessments/sports/people/", q="pat", page_size=2).json()

        query = parse_qs(urlparse(page["next"]).query)
        self.assertEqual(set(query), {"cursor", "q", "page_size"})
        self.assertNotIn("offset", query)
        self.assertNotIn("page", query)

    def test_a_forged_cursor_is_404_not_a_500(self):
        response = self.get("/api/v1/teams/", cursor="not-a-cursor")

        self.assertEqual(response.status_code, 404)

    def test_a_cursor_whose_position_is_no_value_of_the_ordering_is_404(self):
        # base64 of "p=1" and of "p=2026-13-45": cursors that decode, placing the page after a
        # date that is none.
        for url in ["/api/v1/assessments/sports/people/", "/api/v1/teams/red/rounds/"]:
            for cursor in ["cD0x", "cD0yMDI2LTEzLTQ1"]:
                with self.subTest(url=url, cursor=cursor):
                    response = self.get(url, cursor=cursor)

                    self.assertEqual(response.status_code, 404)

    def test_a_page_holds_100_unless_asked_and_1000_at_most(self):
        for number in range(101):
            make_result(self.assessment, name=f"Person {number}")

        default = self.get("/api/v1/assessments/sports/people/").json()
        asked = self.get("/api/v1/assessments/sports/people/", page_size=5000).json()

        self.assertEqual(len(default["results"]), 100)
        self.assertEqual(len(asked["results"]), 104)


class QueryCountTests(ApiTestCase):
    def test_the_people_endpoint_reads_in_queries_that_do_not_grow_with_people(self):
        self.get("/api/v1/assessments/sports/people/")  # the limits' table, once
        with self.assertNumQueries(13):
            self.get("/api/v1/assessments/sports/people/")
        for number in range(20):
            make_result(self.assessment, name=f"Person {number}")

        with self.assertNumQueries(13):
            self.get("/api/v1/assessments/sports/people/")
