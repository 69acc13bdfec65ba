"""Drafts: an assessment nobody has checked yet is off the home page and a 404 to the public,
until someone who may change assessments publishes it."""

import json
import tempfile
from datetime import timedelta
from io import StringIO
from pathlib import Path

from django.contrib.auth.models import Permission
from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from assessments.models import Assessment
from assessments.versions import latest_version
from audit.models import AuditEvent
from teams.models import Round
from tests.builder.test_builder import JUMPING, NEW, builder_post
from tests.factories import make_assessment, make_result, make_team, make_user

FORM = "/assessment/?v=sports"
PUBLISH = "/manage/assessments/sports/publish/"
BANNER = "Draft — not public yet"


class DraftVisibilityTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.draft = make_assessment(name="Sports", slug="sports", draft=True)
        cls.published = make_assessment(name="Chess", slug="chess")
        cls.manager = make_user(manager=True)

    def test_a_draft_is_not_on_the_home_page_even_for_managers(self):
        self.client.force_login(self.manager)

        response = self.client.get("/")

        self.assertEqual(list(response.context["assessments"]), [self.published])
        self.assertNotContains(response, "Sports")

    def test_a_drafts_link_is_404_to_visitors_and_to_accounts_without_the_permission(self):
        for viewer in [None, make_user(), make_user(manager=True)]:
            if viewer is not None:
                # A manager whose group lost the builder's permission sees no drafts either.
                viewer.user_permissions.clear()
                viewer.groups.clear()
                self.client.force_login(viewer)
            with self.subTest(viewer=viewer):
                self.assertEqual(self.client.get(FORM).status_code, 404)
                self.assertEqual(
                    self.client.post(FORM, {"v": "sports", "name": "Ada"}).status_code, 404
                )
        self.assertFalse(self.draft.results.exists())

    def test_the_permission_alone_opens_a_draft_with_the_banner_and_publish_button(self):
        checker = make_user()
        checker.user_permissions.add(Permission.objects.get(codename="change_assessment"))
        self.client.force_login(checker)

        response = self.client.get(FORM)

        self.assertContains(response, BANNER)
        self.assertContains(response, f'action="{PUBLISH}"')

    def test_a_published_assessment_has_no_banner(self):
        self.client.force_login(self.manager)

        response = self.client.get("/assessment/?v=chess")

        self.assertNotContains(response, BANNER)

    def test_answering_again_never_leads_to_a_draft_version(self):
        draft_version = make_assessment(name="Chess 2027", slug="chess-2027", draft=True)
        draft_version.based_on = self.published
        draft_version.save()

        self.assertEqual(latest_version(self.published), self.published)


class PublishTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.manager = make_user(manager=True)

    def setUp(self):
        self.draft = make_assessment(name="Sports", slug="sports", draft=True)

    def test_publishing_makes_it_public_records_who_and_goes_to_its_form(self):
        self.client.force_login(self.manager)

        response = self.client.post(PUBLISH)

        self.assertRedirects(response, FORM)
        self.draft.refresh_from_db()
        self.assertFalse(self.draft.draft)
        event = AuditEvent.objects.get(action=AuditEvent.Action.ASSESSMENT_PUBLISHED)
        self.assertEqual((event.actor, event.assessment), (self.manager, "sports"))
        self.client.logout()
        self.assertContains(self.client.get("/"), "Sports")
        self.assertEqual(self.client.get(FORM).status_code, 200)

    def test_publishing_twice_records_one_event(self):
        self.client.force_login(self.manager)

        self.client.post(PUBLISH)
        response = self.client.post(PUBLISH)

        self.assertRedirects(response, FORM)
        self.assertEqual(AuditEvent.objects.filter(action="assessment_published").count(), 1)

    def test_only_those_with_the_permission_may_publish(self):
        self.assertRedirects(
            self.client.post(PUBLISH), f"/accounts/login/?next={PUBLISH}", target_status_code=200
        )
        self.client.force_login(make_user())
        self.assertEqual(self.client.post(PUBLISH).status_code, 403)

        self.draft.refresh_from_db()
        self.assertTrue(self.draft.draft)
        self.assertFalse(AuditEvent.objects.filter(action="assessment_published").exists())

    def test_publish_is_post_only_and_404_for_an_unknown_slug(self):
        self.client.force_login(self.manager)

        self.assertEqual(self.client.get(PUBLISH).status_code, 405)
        self.assertEqual(self.client.post("/manage/assessments/nope/publish/").status_code, 404)


class DraftsAreMadeTests(TestCase):
    def test_the_builder_creates_a_draft_and_its_edit_page_offers_to_publish(self):
        self.client.force_login(make_user(manager=True))

        response = self.client.post(NEW, builder_post(categories=[JUMPING]), follow=True)

        self.assertTrue(Assessment.objects.get(slug="sports").draft)
        self.assertContains(response, BANNER)
        self.assertContains(response, f'action="{PUBLISH}"')

    def test_editing_a_published_assessment_in_the_builder_keeps_it_published(self):
        make_assessment(name="Sports", slug="sports")
        self.client.force_login(make_user(manager=True))

        self.client.post(
            "/manage/assessments/sports/edit/",
            builder_post(categories=[JUMPING], name="Sports, renamed"),
        )

        self.assertFalse(Assessment.objects.get(slug="sports").draft)

    def test_the_admin_offers_a_new_assessment_as_a_draft(self):
        self.client.force_login(make_user(is_staff=True, is_superuser=True))

        response = self.client.get("/admin/assessments/assessment/add/")

        self.assertIs(response.context["adminform"].form["draft"].value(), True)

    def test_unticking_draft_in_the_admin_is_an_audited_publication(self):
        assessment = make_assessment(name="Sports", slug="sports", draft=True)
        admin = make_user(is_staff=True, is_superuser=True)
        self.client.force_login(admin)

        self.client.post(
            f"/admin/assessments/assessment/{assessment.pk}/change/",
            {
                "name": "Sports",
                "slug": "sports",
                "assessment": json.dumps(assessment.assessment),
            },
        )

        assessment.refresh_from_db()
        self.assertFalse(assessment.draft)
        event = AuditEvent.objects.get(action="assessment_published")
        self.assertEqual(event.actor, admin)


class LoadAssessmentDraftTests(TestCase):
    def load(self, *options: str) -> str:
        definition = {
            "name": "Sports",
            "slug": "sports",
            "categories": [["Jumping", "jumping"]],
            "ratings": ["Good", "Best"],
        }
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "sports.json"
            path.write_text(json.dumps(definition), encoding="utf-8")
            out = StringIO()
            call_command("load_assessment", str(path), *options, stdout=out)
        return out.getvalue()

    def test_draft_loads_a_draft(self):
        output = self.load("--draft")

        self.assertTrue(Assessment.objects.get(slug="sports").draft)
        self.assertIn("draft", output)

    def test_without_draft_it_publishes_as_before_also_an_earlier_draft(self):
        self.load()
        self.assertFalse(Assessment.objects.get(slug="sports").draft)

        self.load("--draft")
        output = self.load()

        self.assertFalse(Assessment.objects.get(slug="sports").draft)
        self.assertIn("Updated", output)


class RoundWithADraftTests(TestCase):
    def test_starting_a_round_with_a_draft_is_a_400_and_sends_nothing(self):
        manager = make_user(manager=True)
        make_team(slug="platform", managers=(manager,), members=["Ada Lovelace"])
        make_assessment(name="Sports", slug="sports", draft=True)
        self.client.force_login(manager)
        closes_on = timezone.localdate() + timedelta(days=14)

        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                "/manage/teams/platform/rounds/",
                {"assessment": "sports", "closes_on": closes_on.isoformat()},
            )

        self.assertContains(response, "is a draft: publish it", status_code=400)
        self.assertEqual(Round.objects.count(), 0)
        self.assertEqual(mail.outbox, [])

    def test_the_round_form_does_not_offer_drafts(self):
        manager = make_user(manager=True)
        make_team(slug="platform", managers=(manager,), members=["Ada Lovelace"])
        make_assessment(name="Sports draft", slug="sports", draft=True)
        make_result(make_assessment(name="Chess", slug="chess"))
        self.client.force_login(manager)

        response = self.client.get("/manage/teams/platform/")

        self.assertContains(response, 'value="chess"')
        self.assertNotContains(response, 'value="sports"')
