"""Who knows X? /manage/experts/: the people in the viewer's scope rated at or above a step in
one category, most skilled first, as a page and as CSV (issue 23)."""

import csv
import io
from datetime import timedelta

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

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
}
URL = reverse("reports:experts")


def ask(category="jumping", at_least="2", **more) -> dict:
    return {"assessment": "sports", "category": category, "at_least": at_least, **more}


class ExpertsTestCase(TestCase):
    """The manager runs Red (Ada); Blue (Cy) is another manager's; Ben, Dee and Eve answered on
    the public form, Eve more than a year ago."""

    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(name="Sports", slug="sports", assessment=SPORTS)
        cls.manager = make_user(username="manager", manager=True)
        red = make_team(name="Red", managers=[cls.manager], members=["Ada"])
        blue = make_team(name="Blue", managers=[make_user(manager=True)], members=["Cy"])
        answer_invitation(
            open_round(team=red, assessment=cls.assessment).invitations.get(), jumping=2
        )
        answer_invitation(
            open_round(team=blue, assessment=cls.assessment).invitations.get(), jumping=3
        )
        make_result(cls.assessment, name="Ben", current={"jumping": 3, "running": 1})
        make_result(
            cls.assessment,
            name="Dee",
            current={"jumping": 2, "running": 1},
            desired={"jumping": 3, "running": 1},
        )
        make_result(
            cls.assessment,
            name="Dee",
            current={"jumping": 1, "running": 1},
            created=timezone.now() - timedelta(days=3),
        )
        make_result(
            cls.assessment,
            name="Eve",
            current={"jumping": 3, "running": 3},
            created=timezone.now() - timedelta(days=400),
        )
        make_result(cls.assessment, name="Fay", current={"jumping": 1, "running": 3})

    def setUp(self):
        self.client.force_login(self.manager)


class ExpertsPageTests(ExpertsTestCase):
    def test_without_a_question_the_page_is_the_form_to_ask_it(self):
        response = self.client.get(URL)

        self.assertContains(response, "Who knows what?")
        self.assertContains(response, 'name="assessment"')
        self.assertNotContains(response, "<table")

    def test_the_people_in_scope_at_or_above_the_rating_most_skilled_first(self):
        response = self.client.get(URL, ask())

        self.assertEqual(
            [(line.name, line.rating, line.teams) for line in response.context["experts"]],
            [
                ("Ben", 3, "public link"),
                ("Eve", 3, "public link"),
                ("Ada", 2, "Red"),
                ("Dee", 2, "public link"),
            ],
        )
        self.assertContains(response, "Who knows Jumping?")
        self.assertNotContains(response, ">Cy<")
        self.assertNotContains(response, ">Blue<")

    def test_each_line_shows_the_wish_to_level_up_the_date_and_stale_in_words(self):
        response = self.client.get(URL, ask())

        dee = response.context["experts"][3]
        self.assertTrue(dee.wants_levelup)
        self.assertContains(response, "<td>2 · Better</td>", html=True)
        self.assertContains(response, ", stale</td>", count=1)

    def test_the_csv_is_the_same_list(self):
        response = self.client.get(URL, ask(format="csv"))

        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
        self.assertEqual(rows[0][:3], ["name", "teams", "rating"])
        self.assertEqual([row[0] for row in rows[1:]], ["Ben", "Eve", "Ada", "Dee"])
        self.assertEqual(rows[2][-1], "stale")
        self.assertEqual(
            response["Content-Disposition"], 'attachment; filename="sports-jumping-experts.csv"'
        )

    def test_a_question_that_cannot_be_asked_is_a_400_with_the_form(self):
        for query in [
            ask(category="rowing"),
            ask(at_least="4"),
            ask(at_least="0"),
            ask(at_least="x"),
            {**ask(), "assessment": "nope"},
            {"assessment": "sports"},
            ask(format="xlsx"),
            ask(page="0"),
        ]:
            with self.subTest(query=query):
                response = self.client.get(URL, query)

                self.assertContains(response, "This question cannot be asked", status_code=400)
                self.assertNotContains(response, ">Ben<", status_code=400)

    def test_a_page_past_the_last_is_not_found(self):
        self.assertEqual(self.client.get(URL, ask(page="2")).status_code, 404)

    def test_managers_only(self):
        self.client.logout()
        self.assertEqual(self.client.get(URL, ask()).status_code, 302)

        self.client.force_login(make_user(username="worker"))
        self.assertEqual(self.client.get(URL, ask()).status_code, 403)

    def test_the_matrix_links_each_category_to_its_experts(self):
        response = self.client.get(reverse("reports:matrix", args=["sports"]))

        self.assertContains(
            response,
            'href="/manage/experts/?assessment=sports&amp;category=running&amp;at_least=2"',
        )


class ExpertsQueryCountTests(TestCase):
    # Session, user, two permission lookups; the form's assessment (for its choices, and once
    # more as it is validated), the audit event, the count, the page, the names of the page's
    # teams and of their accounts' teams, and the assessments the form offers.
    QUERIES = 12

    def test_the_queries_do_not_grow_with_the_people(self):
        assessment = make_assessment(slug="sports", assessment=SPORTS)
        manager = make_user(manager=True)
        team = make_team(managers=[manager], members=["Ada"])
        answer_invitation(open_round(team=team, assessment=assessment).invitations.get(), jumping=3)
        self.client.force_login(manager)
        for people in [1, 40]:
            for number in range(people):
                make_result(
                    assessment,
                    name=f"Person {number}",
                    user=make_user(),
                    current={"jumping": 3, "running": 1},
                )
            with self.subTest(people=people), self.assertNumQueries(self.QUERIES):
                response = self.client.get(URL, ask())

                self.assertGreater(len(response.context["experts"]), people)
