"""The audit trail: events recorded with who and from where, read-only in the admin."""

from datetime import timedelta
from io import StringIO

from django.contrib.auth.models import Permission, User
from django.core.management import CommandError, call_command
from django.test import RequestFactory, TestCase, override_settings
from django.utils import timezone

from audit.events import record_event
from audit.models import AuditEvent

PASSWORD = "quiet-otter-lantern-42"


class RecordEventTests(TestCase):
    def test_an_event_names_the_signed_in_actor_and_the_client_address(self):
        request = RequestFactory().get("/manage/", REMOTE_ADDR="203.0.113.9")
        request.user = User.objects.create_user("grace")

        event = record_event(
            action=AuditEvent.Action.MATRIX_READ, request=request, assessment="eng-2026"
        )

        self.assertEqual(
            (event.actor, event.actor_name, event.client_address, event.assessment),
            (request.user, "grace", "203.0.113.9", "eng-2026"),
        )

    def test_an_anonymous_actor_is_recorded_as_nobody(self):
        request = RequestFactory().post("/results/x/delete/", REMOTE_ADDR="203.0.113.9")
        request.user = type("Anonymous", (), {"is_authenticated": False})()

        event = record_event(action=AuditEvent.Action.RESULT_ERASED, request=request, count=1)

        self.assertIsNone(event.actor)
        self.assertEqual(str(event), "Result erased through its link by nobody signed in")

    def test_an_event_outlives_its_actors_account(self):
        user = User.objects.create_user("grace")
        record_event(action=AuditEvent.Action.CSV_EXPORTED, actor=user, assessment="eng-2026")

        user.delete()

        event = AuditEvent.objects.get()
        self.assertEqual((event.actor, event.actor_name), (None, "grace"))

    def test_a_recorded_event_cannot_be_changed(self):
        event = record_event(action=AuditEvent.Action.CSV_EXPORTED, actor_name="grace")
        event.actor_name = "someone else"

        with self.assertRaises(ValueError):
            event.save()

        self.assertEqual(AuditEvent.objects.get().actor_name, "grace")


class AuditAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.superuser = User.objects.create_superuser("root", password=PASSWORD)
        cls.event = record_event(
            action=AuditEvent.Action.CSV_EXPORTED, actor_name="grace", assessment="eng-2026"
        )
        record_event(action=AuditEvent.Action.MATRIX_READ, actor_name="grace", assessment="x")

    def test_superusers_read_the_trail_and_filter_it_by_action(self):
        self.client.force_login(self.superuser)

        response = self.client.get("/admin/audit/auditevent/", {"action": "csv_exported"})

        self.assertContains(response, "eng-2026")
        self.assertEqual(list(response.context["cl"].result_list), [self.event])

    def test_an_event_opens_read_only(self):
        self.client.force_login(self.superuser)

        response = self.client.get(f"/admin/audit/auditevent/{self.event.pk}/change/")

        self.assertContains(response, "eng-2026")
        self.assertNotContains(response, 'name="_save"')
        self.assertNotContains(response, "/delete/")

    def test_nobody_adds_edits_or_deletes_an_event(self):
        self.client.force_login(self.superuser)
        change = f"/admin/audit/auditevent/{self.event.pk}/change/"

        responses = [
            self.client.get("/admin/audit/auditevent/add/").status_code,
            self.client.post(change, {"actor_name": "x", "assessment": "y"}).status_code,
            self.client.post(f"/admin/audit/auditevent/{self.event.pk}/delete/").status_code,
            self.client.post(
                "/admin/audit/auditevent/",
                {"action": "delete_selected", "_selected_action": [self.event.pk], "post": "yes"},
            ).status_code,
        ]

        self.assertEqual(responses[:3], [403, 403, 403])
        # Signing in added one; the two from before are all still there.
        self.assertEqual(AuditEvent.objects.exclude(action="signed_in").count(), 2)
        self.assertEqual(AuditEvent.objects.get(pk=self.event.pk).actor_name, "grace")

    def test_staff_who_are_not_superusers_do_not_see_the_trail(self):
        staff = User.objects.create_user("staff", password=PASSWORD, is_staff=True)
        staff.user_permissions.add(Permission.objects.get(codename="view_auditevent"))
        self.client.force_login(staff)

        response = self.client.get("/admin/audit/auditevent/")

        self.assertEqual(response.status_code, 403)


class PurgeAuditTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.old = record_event(action=AuditEvent.Action.MATRIX_READ, actor_name="old")
        AuditEvent.objects.filter(pk=cls.old.pk).update(
            created=timezone.now() - timedelta(days=400)
        )
        cls.recent = record_event(action=AuditEvent.Action.MATRIX_READ, actor_name="recent")

    def purge(self, *arguments: str) -> str:
        out = StringIO()
        call_command("purge_audit", *arguments, stdout=out)
        return out.getvalue()

    def test_older_than_deletes_only_older_events_and_says_how_many(self):
        output = self.purge("--older-than", "365")

        self.assertIn("Deleted 1 audit events", output)
        self.assertEqual(list(AuditEvent.objects.all()), [self.recent])

    @override_settings(AUDIT_RETENTION_DAYS=365)
    def test_the_setting_is_the_default(self):
        self.purge()

        self.assertEqual(list(AuditEvent.objects.all()), [self.recent])

    def test_a_dry_run_counts_and_changes_nothing(self):
        output = self.purge("--older-than", "365", "--dry-run")

        self.assertIn("Would delete 1 audit events", output)
        self.assertEqual(AuditEvent.objects.count(), 2)

    @override_settings(AUDIT_RETENTION_DAYS=None)
    def test_without_a_setting_or_days_it_refuses_and_says_why(self):
        with self.assertRaisesMessage(CommandError, "DJANGO_AUDIT_RETENTION_DAYS is not set"):
            self.purge()

        self.assertEqual(AuditEvent.objects.count(), 2)

    def test_zero_days_is_refused(self):
        with self.assertRaisesMessage(CommandError, "at least 1 day"):
            self.purge("--older-than", "0")
