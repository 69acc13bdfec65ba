"""The builder: writing, previewing, saving, editing, versioning, downloading and importing."""

import json
import tempfile
from io import StringIO
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client, TestCase
from django.utils.http import urlencode

from assessments.models import Assessment
from builder.limits import MAX_BUILDER_FIELDS
from tests.factories import JUMPING_RUNNING, make_assessment, make_result, make_user

NEW = "/manage/assessments/new/"
# The builder's form has no file field, so a browser posts it URL-encoded.
FORM_ENCODED = "application/x-www-form-urlencoded"


def builder_post(
    *,
    name="Sports",
    slug="sports",
    ratings="Good\nBetter\nBest",
    categories=(),
    roles=(),
    action="save",
    **fields,
) -> dict[str, str]:
    """What a browser posts from the builder: the assessment, its rows, the management forms."""
    data = {
        "assessment-name": name,
        "assessment-slug": slug,
        "assessment-ratings": ratings,
        "action": action,
        "categories-TOTAL_FORMS": str(len(categories)),
        "categories-INITIAL_FORMS": "0",
        "roles-TOTAL_FORMS": str(len(roles)),
        "roles-INITIAL_FORMS": "0",
        **fields,
    }
    for prefix, rows in [("categories", categories), ("roles", roles)]:
        for number, row in enumerate(rows):
            for key, value in row.items():
                data[f"{prefix}-{number}-{key}"] = value
    return data


JUMPING = {"name": "Jumping", "slug": "", "group": "", "description": "", "levels": ""}
RUNNING = {
    "name": "Running",
    "slug": "running",
    "group": "Track",
    "description": "Going fast on foot.",
    "levels": "Jogs\nRuns\nSprints",
}
SENIOR = {"name": "Senior athlete", "slug": "", "targets": "Running: Best\njumping: 2"}


class BuilderAccessTests(TestCase):
    def test_anonymous_visitors_are_sent_to_sign_in(self):
        for path in [NEW, "/manage/assessments/x/edit/", "/manage/assessments/x.json"]:
            with self.subTest(path=path):
                response = self.client.get(path)

                self.assertRedirects(
                    response, f"/accounts/login/?next={path}", fetch_redirect_response=False
                )

    def test_signed_in_people_without_the_permission_get_403(self):
        make_assessment(slug="sports")
        self.client.force_login(make_user())

        for path in [NEW, "/manage/assessments/sports/edit/", "/manage/assessments/sports.json"]:
            with self.subTest(path=path):
                self.assertEqual(self.client.get(path).status_code, 403)

    def test_managers_may_use_the_builder(self):
        self.client.force_login(make_user(manager=True))

        response = self.client.get(NEW)

        self.assertContains(response, "New assessment")
        self.assertContains(response, 'name="categories-TOTAL_FORMS"')

    def test_the_builder_refuses_a_post_without_its_csrf_token(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(make_user(manager=True))

        response = client.post(NEW, builder_post(categories=[JUMPING]))

        self.assertEqual(response.status_code, 403)
        self.assertFalse(Assessment.objects.exists())

    def test_builder_pages_and_the_pages_of_assessments_slugged_like_them_stay_apart(self):
        # Both share /manage/: neither may shadow the other, whatever the slugs.
        make_assessment(slug="new")
        make_assessment(slug="assessments")
        self.client.force_login(make_user(manager=True))
        expected = {
            NEW: "builder:new",
            "/manage/assessments/new/edit/": "builder:edit",
            "/manage/assessments/assessments.json": "builder:download",
            "/manage/new/": "reports:matrix",
            "/manage/assessments/": "reports:matrix",
            "/manage/assessments/results.csv": "reports:csv",
        }

        answered = {path: self.client.get(path) for path in expected}

        for path, view_name in expected.items():
            with self.subTest(path=path):
                self.assertEqual(answered[path].status_code, 200)
                self.assertEqual(answered[path].resolver_match.view_name, view_name)


class BuilderCreateTests(TestCase):
    def setUp(self):
        self.client.force_login(make_user(manager=True))

    def test_create_saves_the_definition_the_rows_describe(self):
        response = self.client.post(
            NEW,
            builder_post(
                categories=[JUMPING, RUNNING],
                roles=[SENIOR],
                **{"assessment-not_applicable": "on"},
            ),
        )

        self.assertRedirects(response, "/manage/assessments/sports/edit/")
        self.assertEqual(
            Assessment.objects.get(slug="sports").assessment,
            {
                "ratings": ["Good", "Better", "Best"],
                "categories": [
                    ["Jumping", "jumping"],
                    {
                        "name": "Running",
                        "slug": "running",
                        "group": "Track",
                        "description": "Going fast on foot.",
                        "levels": ["Jogs", "Runs", "Sprints"],
                    },
                ],
                "wide-category": False,
                "not-applicable": True,
                "roles": [
                    {
                        "name": "Senior athlete",
                        "slug": "senior-athlete",
                        "targets": {"running": 3, "jumping": 2},
                    }
                ],
            },
        )

    def test_the_slug_is_suggested_from_the_name_when_left_empty(self):
        self.client.post(NEW, builder_post(name="Track and field", slug="", categories=[JUMPING]))

        self.assertTrue(Assessment.objects.filter(slug="track-and-field").exists())

    def assert_refused(self, data, *messages):
        response = self.client.post(NEW, data)

        self.assertEqual(response.status_code, 400)
        for message in messages:
            self.assertContains(response, message, status_code=400)
        self.assertFalse(Assessment.objects.exists())
        return response

    def test_every_error_is_shown_with_what_was_typed_and_nothing_is_saved(self):
        bad_row = {**RUNNING, "levels": "Only one"}

        response = self.assert_refused(
            builder_post(ratings="Only", categories=[bad_row]),
            "Write at least two labels, one per line.",
        )

        self.assertContains(response, "Going fast on foot.", status_code=400)

    def test_a_level_list_of_the_wrong_length_is_marked_on_its_row(self):
        response = self.assert_refused(
            builder_post(categories=[JUMPING, {**RUNNING, "levels": "Jogs"}]),
            "Write one line per rating: 3 lines, not 1.",
        )

        self.assertContains(response, 'id="id_categories-1-levels_error"', status_code=400)

    def test_duplicate_and_reserved_category_slugs_are_refused(self):
        self.assert_refused(
            builder_post(categories=[JUMPING, {**JUMPING, "name": "Jumping"}]),
            "This slug is used by an earlier category.",
        )
        self.assert_refused(
            builder_post(categories=[{**JUMPING, "slug": "v"}]),
            "This slug collides with the form",
        )

    def test_role_is_reserved_for_categories_only_with_roles(self):
        self.assert_refused(
            builder_post(categories=[{**JUMPING, "slug": "role"}], roles=[SENIOR]),
            "This slug collides with the form",
        )

    def test_targets_naming_unknown_categories_or_ratings_are_refused(self):
        self.assert_refused(
            builder_post(
                categories=[JUMPING, RUNNING],
                roles=[{**SENIOR, "targets": "Cooking: Best\nRunning: Superb"}],
            ),
            "“Cooking: Best” names no category of this assessment.",
            "“Running: Superb”: the rating must be one of the scale",
        )

    def test_duplicate_role_slugs_are_refused(self):
        self.assert_refused(
            builder_post(categories=[JUMPING], roles=[SENIOR, SENIOR]),
            "An earlier role has this slug.",
        )

    def test_a_taken_or_reserved_assessment_slug_is_refused(self):
        self.assert_refused(
            builder_post(slug="assessments", categories=[JUMPING]), "is reserved for the site"
        )
        make_assessment(slug="sports")

        response = self.client.post(NEW, builder_post(categories=[JUMPING]))

        self.assertContains(
            response, "An assessment with this slug already exists.", status_code=400
        )
        self.assertEqual(Assessment.objects.count(), 1)

    def test_repeated_labels_and_names_without_letters_are_refused(self):
        self.assert_refused(
            builder_post(
                name="???",
                slug="",
                ratings="Good\nGood",
                categories=[{**JUMPING, "name": "!!!"}],
                roles=[{**SENIOR, "name": "***", "targets": ""}],
            ),
            "Every label must be different.",
        )
        self.assert_refused(
            builder_post(
                name="???",
                slug="",
                categories=[{**JUMPING, "name": "!!!"}],
                roles=[{**SENIOR, "name": "***", "targets": ""}],
            ),
            "Give the assessment a slug or a name.",
            "Give the category a slug or a name of letters.",
            "Give the role a slug or a name of letters.",
        )

    def test_an_assessment_needs_a_category(self):
        self.assert_refused(builder_post(categories=[]), "Add at least one category.")

    def test_nul_characters_are_refused_as_bad_input(self):
        self.assert_refused(
            builder_post(categories=[{**JUMPING, "description": "a\x00b"}]),
            "This text must not contain NUL characters.",
        )

    def test_more_rows_keeps_what_was_typed_and_adds_blank_rows_without_saving(self):
        response = self.client.post(NEW, builder_post(categories=[RUNNING], action="more"))

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'name="categories-TOTAL_FORMS" value="4"')
        self.assertContains(response, 'value="Running"')
        self.assertFalse(Assessment.objects.exists())

    def test_a_row_marked_for_removal_is_left_out(self):
        self.client.post(NEW, builder_post(categories=[JUMPING, {**RUNNING, "DELETE": "on"}]))

        self.assertEqual(Assessment.objects.get().categories, [["Jumping", "jumping"]])

    def test_preview_shows_the_answer_form_without_saving(self):
        response = self.client.post(
            NEW,
            builder_post(
                categories=[JUMPING, RUNNING],
                roles=[SENIOR],
                action="preview",
                **{"assessment-not_applicable": "on"},
            ),
        )

        self.assertContains(response, "Preview: the form as respondents will see it")
        self.assertContains(response, '<input type="radio" name="running" value="na" required>')
        self.assertContains(response, '<span class="level-text">Sprints</span>')
        self.assertContains(response, '<option value="senior-athlete">Senior athlete</option>')
        self.assertContains(response, 'value="Going fast on foot."', count=0)
        self.assertFalse(Assessment.objects.exists())

    def test_the_builder_saves_100_categories_with_every_field_filled(self):
        rows = [
            {
                "name": f"Skill {n} " + "n" * 150,
                "slug": f"skill-{n}",
                "group": f"Group {n % 7} " + "g" * 150,
                "description": "d" * 1000,
                "levels": "\n".join(["l" * 290] * 5),
            }
            for n in range(100)
        ]
        roles = [
            {"name": f"Role {n}", "slug": f"role-{n}", "targets": "skill-0: 5"} for n in range(20)
        ]
        client = Client(enforce_csrf_checks=True)
        client.force_login(make_user(manager=True))
        token = client.get(NEW).cookies["csrftoken"].value
        data = builder_post(
            ratings="1\n2\n3\n4\n5", categories=rows, roles=roles, csrfmiddlewaretoken=token
        )

        response = client.post(NEW, urlencode(data), content_type=FORM_ENCODED)

        self.assertEqual(response.status_code, 302)
        self.assertEqual(len(Assessment.objects.get().categories), 100)
        self.assertGreater(len(data), 250)

    def test_the_answer_form_keeps_the_site_field_limit(self):
        make_assessment(slug="sports", assessment=JUMPING_RUNNING)
        answer = {"v": "sports", "name": "Ada", "jumping": "1", "running": "1"}
        answer.update({f"extra-{n}": "x" for n in range(250)})

        response = self.client.post("/assessment/", answer)

        self.assertEqual(response.status_code, 400)

    def test_a_builder_post_past_its_own_field_limit_is_400_and_logged(self):
        data = builder_post(categories=[JUMPING])
        data.update({f"extra-{n}": "x" for n in range(MAX_BUILDER_FIELDS)})

        with self.assertLogs("django.security.TooManyFieldsSent", "ERROR"):
            response = self.client.post(NEW, urlencode(data), content_type=FORM_ENCODED)

        self.assertEqual(response.status_code, 400)
        self.assertFalse(Assessment.objects.exists())

    def test_a_builder_post_in_another_charset_than_utf8_is_400(self):
        data = builder_post(categories=[JUMPING])

        response = self.client.post(
            NEW, urlencode(data), content_type=f"{FORM_ENCODED}; charset=latin-1"
        )

        self.assertEqual(response.status_code, 400)
        self.assertFalse(Assessment.objects.exists())

    def test_a_builder_post_whose_bytes_are_not_utf8_is_400(self):
        body = urlencode(builder_post(categories=[JUMPING])).encode() + b"&assessment-name=\xff"

        response = self.client.post(NEW, body, content_type=FORM_ENCODED)

        self.assertContains(response, "<h1>Bad request</h1>", status_code=400)
        self.assertFalse(Assessment.objects.exists())

    def test_a_builder_post_past_its_own_size_limit_is_413(self):
        data = builder_post(categories=[{**JUMPING, "description": "d" * (5 * 1024 * 1024)}])

        response = self.client.post(NEW, urlencode(data), content_type=FORM_ENCODED)

        self.assertEqual(response.status_code, 413)
        self.assertFalse(Assessment.objects.exists())


class BuilderEditTests(TestCase):
    def setUp(self):
        self.client.force_login(make_user(manager=True))
        self.assessment = make_assessment(name="Sports", slug="sports", assessment=JUMPING_RUNNING)
        self.edit = "/manage/assessments/sports/edit/"

    def test_the_edit_page_is_prefilled_with_the_definition(self):
        response = self.client.get(self.edit)

        self.assertContains(response, 'value="Jumping"')
        self.assertContains(response, "Good\nBetter\nBest</textarea>")

    def test_an_unanswered_assessment_can_be_changed(self):
        response = self.client.post(
            self.edit, builder_post(name="Athletics", categories=[JUMPING, RUNNING])
        )

        self.assertRedirects(response, self.edit)
        self.assessment.refresh_from_db()
        self.assertEqual(self.assessment.name, "Athletics")
        self.assertEqual(len(self.assessment.categories), 2)
        self.assertEqual(Assessment.objects.count(), 1)

    def test_an_unknown_slug_is_404(self):
        self.assertEqual(self.client.get("/manage/assessments/nope/edit/").status_code, 404)

    def test_an_answered_assessment_explains_itself_and_offers_a_new_version(self):
        make_result(self.assessment)

        response = self.client.get(self.edit)
        refused = self.client.post(self.edit, builder_post(categories=[RUNNING]))

        self.assertContains(response, "already has answers")
        self.assertContains(response, 'href="/manage/assessments/new/?from=sports"')
        self.assertEqual(refused.status_code, 400)
        self.assessment.refresh_from_db()
        self.assertEqual(self.assessment.assessment, JUMPING_RUNNING)

    def test_a_new_version_starts_prefilled_under_a_new_slug_and_records_its_origin(self):
        make_result(self.assessment)

        page = self.client.get(NEW, {"from": "sports"})
        self.client.post(
            NEW,
            builder_post(
                slug="sports-2",
                categories=[JUMPING, RUNNING],
                **{"assessment-based_on": "sports"},
            ),
        )

        self.assertContains(page, 'value="sports-2"')
        self.assertContains(page, 'name="assessment-based_on" value="sports"')
        self.assertEqual(Assessment.objects.get(slug="sports-2").based_on, self.assessment)

    def test_a_new_version_of_an_unknown_assessment_is_404(self):
        self.assertEqual(self.client.get(NEW, {"from": "nope"}).status_code, 404)


class DownloadAndImportTests(TestCase):
    def setUp(self):
        self.client.force_login(make_user(manager=True))

    def test_a_built_definition_round_trips_through_the_download_and_the_loader(self):
        self.client.post(
            NEW,
            builder_post(
                categories=[JUMPING, RUNNING],
                roles=[SENIOR],
                **{"assessment-not_applicable": "on", "assessment-wide_category": "on"},
            ),
        )
        built = Assessment.objects.get(slug="sports")

        response = self.client.get("/manage/assessments/sports.json")
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "sports.json"
            path.write_bytes(response.content)
            built.delete()
            call_command("load_assessment", str(path), stdout=StringIO())

        self.assertEqual(response["Content-Disposition"], 'attachment; filename="sports.json"')
        loaded = Assessment.objects.get(slug="sports")
        self.assertEqual((loaded.name, loaded.assessment), (built.name, built.assessment))

    def test_an_unknown_slug_has_no_download(self):
        self.assertEqual(self.client.get("/manage/assessments/nope.json").status_code, 404)

    def upload(self, content: bytes):
        upload = SimpleUploadedFile("definition.json", content, "application/json")
        return self.client.post(NEW, {"import": "1", "definition_file": upload})

    def test_a_file_starts_the_builder_prefilled_without_saving(self):
        data = {
            "name": "Sample",
            "slug": "sample",
            **json.loads(Path("samples/engineering-2026-levels.json").read_text()),
        }
        data.update(name="Sample", slug="sample")

        response = self.upload(json.dumps(data).encode())

        self.assertContains(response, 'value="Python and Django"')
        self.assertContains(response, "Senior engineer")
        self.assertContains(response, "Automated testing: Confident")
        self.assertFalse(Assessment.objects.exists())

    def test_a_file_that_is_not_a_definition_is_refused_with_a_message(self):
        for content, message in [
            (b"not json", "This file is not valid JSON."),
            (b"[1]", "The file must hold one JSON object."),
            (b'{"name": 3}', "The file&#x27;s name and slug must be text."),
            (b'{"categories": []}', "must be a non-empty list"),
        ]:
            with self.subTest(content=content):
                response = self.upload(content)

                self.assertContains(response, message, status_code=400)
        self.assertFalse(Assessment.objects.exists())


class ManageIndexLinkTests(TestCase):
    def test_managers_find_the_builder_and_each_definition_from_the_manage_page(self):
        make_assessment(name="Sports", slug="sports")
        self.client.force_login(make_user(manager=True))

        response = self.client.get("/manage/")

        self.assertContains(response, 'href="/manage/assessments/new/"')
        self.assertContains(response, 'href="/manage/assessments/sports/edit/"')
        self.assertContains(response, 'href="/manage/assessments/sports.json"')
