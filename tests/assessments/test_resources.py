"""Learning resources in a definition: refused the same way by the loader, the admin and the
builder; round-tripped unchanged; shown as links on the result page where one means to grow."""

import json
import tempfile
from io import StringIO
from pathlib import Path

from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import TestCase

from assessments.models import Assessment
from tests.builder.test_builder import NEW, builder_post
from tests.factories import (
    JUMPING_RUNNING_WITH_RESOURCES,
    answer_invitation,
    make_assessment,
    make_result,
    make_team,
    make_user,
    open_round,
    resources,
    write_review,
)

JAVASCRIPT_MESSAGE = "Category 1 resource 1 needs an http:// or https:// address."
ELEVEN_MESSAGE = "Category 1 can list at most 10 resources, not 11."


def with_resources(entries) -> dict:
    return {
        **JUMPING_RUNNING_WITH_RESOURCES,
        "categories": [
            {"name": "Jumping", "slug": "jumping", "resources": entries},
            ["Running", "running"],
        ],
    }


class LoaderTests(TestCase):
    def load(self, definition) -> None:
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "sports.json"
            path.write_text(json.dumps({"name": "Sports", "slug": "sports", **definition}))
            call_command("load_assessment", str(path), stdout=StringIO())

    def test_a_javascript_address_is_refused(self):
        definition = with_resources([{"title": "Click", "url": "javascript:alert(1)"}])

        with self.assertRaisesMessage(CommandError, JAVASCRIPT_MESSAGE):
            self.load(definition)

        self.assertFalse(Assessment.objects.exists())

    def test_eleven_resources_are_refused_and_ten_accepted(self):
        with self.assertRaisesMessage(CommandError, ELEVEN_MESSAGE):
            self.load(with_resources(resources(11)))

        self.load(with_resources(resources(10)))

        self.assertEqual(len(Assessment.objects.get().category_details[0].resources), 10)

    def test_a_title_over_200_characters_or_an_unknown_key_is_refused(self):
        long_title = [{"title": "x" * 201, "url": "https://example.org/"}]
        extra_key = [{"title": "Docs", "url": "https://example.org/", "rel": "opener"}]

        with self.assertRaisesMessage(CommandError, "has a title longer than 200 characters"):
            self.load(with_resources(long_title))
        with self.assertRaisesMessage(CommandError, "resource 1 has unknown keys: rel."):
            self.load(with_resources(extra_key))

    def test_other_schemes_and_relative_addresses_are_refused(self):
        for url in ["data:text/html,hi", "ftp://example.org/", "/results/", "//example.org/"]:
            with (
                self.subTest(url=url),
                self.assertRaisesMessage(CommandError, "http:// or https://"),
            ):
                self.load(with_resources([{"title": "Docs", "url": url}]))


class AdminTests(TestCase):
    def test_the_admin_refuses_a_javascript_address_with_the_same_message(self):
        self.client.force_login(User.objects.create_superuser("admin", "a@example.com", "pw"))
        definition = with_resources([{"title": "Click", "url": "javascript:alert(1)"}])

        response = self.client.post(
            "/admin/assessments/assessment/add/",
            {"name": "Sports", "slug": "sports", "assessment": json.dumps(definition)},
        )

        self.assertContains(response, JAVASCRIPT_MESSAGE)
        self.assertFalse(Assessment.objects.exists())


JUMPING_WITH_LINKS = {
    "name": "Jumping",
    "slug": "jumping",
    "group": "",
    "description": "",
    "levels": "",
    "resources": "Jumping for beginners https://example.org/jumping\n"
    "Long jump rules http://example.org/long-jump?lang=en",
}


class BuilderTests(TestCase):
    def setUp(self):
        self.client.force_login(make_user(manager=True))

    def test_the_builder_stores_one_resource_per_line(self):
        response = self.client.post(NEW, builder_post(categories=[JUMPING_WITH_LINKS]))

        self.assertEqual(response.status_code, 302)
        self.assertEqual(
            Assessment.objects.get().assessment["categories"][0]["resources"],
            JUMPING_RUNNING_WITH_RESOURCES["categories"][0]["resources"],
        )

    def test_the_builder_refuses_a_javascript_address_and_eleven_lines(self):
        javascript = {**JUMPING_WITH_LINKS, "resources": "Click javascript:alert(1)"}
        eleven = {
            **JUMPING_WITH_LINKS,
            "resources": "\n".join(f"Docs {n} https://example.org/{n}" for n in range(11)),
        }

        refused = [
            self.client.post(NEW, builder_post(categories=[rows])) for rows in (javascript, eleven)
        ]

        self.assertEqual([response.status_code for response in refused], [400, 400])
        self.assertContains(
            refused[0], "Resource 1 needs an http:// or https:// address.", status_code=400
        )
        self.assertContains(refused[1], "Can list at most 10 resources, not 11.", status_code=400)
        self.assertFalse(Assessment.objects.exists())

    def test_resources_round_trip_through_the_builder_the_download_and_the_loader(self):
        assessment = make_assessment(slug="sports", assessment=JUMPING_RUNNING_WITH_RESOURCES)

        edit_page = self.client.get("/manage/assessments/sports/edit/")
        download = self.client.get("/manage/assessments/sports.json")
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "sports.json"
            path.write_bytes(download.content)
            assessment.delete()
            call_command("load_assessment", str(path), stdout=StringIO())

        self.assertContains(edit_page, "Jumping for beginners https://example.org/jumping")
        self.assertEqual(Assessment.objects.get().assessment, JUMPING_RUNNING_WITH_RESOURCES)


class ResultPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.assessment = make_assessment(slug="sports", assessment=JUMPING_RUNNING_WITH_RESOURCES)

    def test_resources_show_as_links_without_referrer_where_one_wants_to_level_up(self):
        result = make_result(
            self.assessment,
            name="Ada",
            current={"jumping": 1, "running": 1},
            desired={"jumping": 2, "running": 1},
        )

        response = self.client.get(result.get_absolute_url())

        self.assertContains(
            response,
            '<a href="https://example.org/jumping" rel="noopener noreferrer" '
            'referrerpolicy="no-referrer">Jumping for beginners</a>',
            html=True,
        )
        self.assertContains(response, "Long jump rules")
        self.assertEqual(response["Referrer-Policy"], "same-origin")

    def test_no_resources_show_where_one_does_not_mean_to_grow(self):
        result = make_result(self.assessment, name="Ada", current={"jumping": 1, "running": 1})

        response = self.client.get(result.get_absolute_url())

        self.assertNotContains(response, "example.org")
        self.assertNotContains(response, "Where to learn")

    def test_resources_show_where_one_is_short_of_the_roles_target(self):
        definition = {
            **JUMPING_RUNNING_WITH_RESOURCES,
            "roles": [{"name": "Coach", "slug": "coach", "targets": {"jumping": 3}}],
        }
        assessment = make_assessment(slug="coaching", assessment=definition)
        result = make_result(
            assessment, name="Ada", current={"jumping": 2, "running": 1}, role="coach"
        )

        response = self.client.get(result.get_absolute_url())

        self.assertContains(response, "Jumping for beginners")


class BlindSpotTests(TestCase):
    def test_resources_show_where_the_managers_shared_review_finds_a_blind_spot(self):
        assessment = make_assessment(slug="sports", assessment=JUMPING_RUNNING_WITH_RESOURCES)
        team = make_team(members=["Ada Lovelace"])
        team_round = open_round(team=team, assessment=assessment, reviews="manager")
        invitation = team_round.invitations.get()
        result = answer_invitation(invitation, jumping=3)
        hidden_before = self.client.get(result.get_absolute_url())

        write_review(team_round, invitation.member, jumping=1)
        shown_after = self.client.get(result.get_absolute_url())

        self.assertNotContains(hidden_before, "Jumping for beginners")
        self.assertContains(shown_after, "Jumping for beginners")
