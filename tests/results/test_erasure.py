"""Erasure through a result's own address, and in the admin: then nothing shows it anywhere."""

from datetime import timedelta

from django.contrib.auth.models import User
from django.test import Client, TestCase
from django.utils import timezone

from assessments.versions import save_as_new_version
from audit.models import AuditEvent
from results.models import AssessmentResult
from tests.factories import TRIATHLON, make_assessment, make_result, make_user

PASSWORD = "quiet-otter-lantern-42"


class ErasureTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.v1 = make_assessment(name="Triathlon", slug="tri-2025", assessment=TRIATHLON)
        cls.v2 = save_as_new_version(cls.v1, name="Triathlon", slug="tri-2026")
        cls.earlier = make_result(cls.v1, name="Ada", created=timezone.now() - timedelta(days=30))
        cls.result = make_result(cls.v2, name="Ada")
        cls.other = make_result(cls.v2, name="Grace")

    def addresses_of(self, result: AssessmentResult) -> list[str]:
        return [
            f"/results/{result.pk}/",
            f"/results/{result.pk}.json",
            f"/results/{result.pk}/compare/{self.earlier.pk}/",
            f"/results/{result.pk}/delete/",
        ]

    def assert_left_no_trace(self, result: AssessmentResult, name: str) -> None:
        for address in self.addresses_of(result):
            with self.subTest(address=address):
                self.assertEqual(self.client.get(address).status_code, 404)
        manager = Client()
        manager.force_login(make_user(manager=True))
        matrix = manager.get("/manage/tri-2026/")
        csv = b"".join(manager.get("/manage/tri-2026/results.csv").streaming_content).decode()
        self.assertNotContains(matrix, str(result.pk))
        self.assertNotIn(str(result.pk), csv)
        self.assertNotIn(name, csv)


class EraseThroughTheLinkTests(ErasureTestCase):
    def test_the_result_page_links_to_its_erasure(self):
        response = self.client.get(f"/results/{self.result.pk}/")

        self.assertContains(response, f'href="/results/{self.result.pk}/delete/"')

    def test_get_asks_for_confirmation_and_erases_nothing(self):
        response = self.client.get(f"/results/{self.result.pk}/delete/")

        self.assertContains(response, "<h1>Erase this result?</h1>", html=True)
        self.assertContains(response, "cannot be undone")
        self.assertContains(response, f'action="/results/{self.result.pk}/delete/"')
        self.assertContains(response, "csrfmiddlewaretoken")
        self.assertTrue(AssessmentResult.objects.filter(pk=self.result.pk).exists())

    def test_post_erases_it_and_goes_home_with_a_message(self):
        response = self.client.post(f"/results/{self.result.pk}/delete/", follow=True)

        self.assertRedirects(response, "/")
        self.assertContains(response, "The result was erased.")
        self.assertFalse(AssessmentResult.objects.filter(pk=self.result.pk).exists())
        self.assertTrue(AssessmentResult.objects.filter(pk=self.other.pk).exists())

    def test_then_its_page_json_comparisons_and_the_team_pages_know_nothing_of_it(self):
        # Every page of it is read first, so whatever can be cached is.
        for address in self.addresses_of(self.result):
            self.client.get(address)

        self.client.post(f"/results/{self.result.pk}/delete/")

        self.assert_left_no_trace(self.result, name="Ada")
        self.assertEqual(
            self.client.get(f"/results/{self.earlier.pk}/compare/{self.result.pk}/").status_code,
            404,
        )

    def test_the_erasure_is_in_the_audit_trail_without_what_was_answered(self):
        self.client.post(f"/results/{self.result.pk}/delete/", REMOTE_ADDR="203.0.113.9")

        event = AuditEvent.objects.get()
        self.assertEqual(
            (event.action, event.actor, event.assessment, event.count, event.client_address),
            ("result_erased", None, "tri-2026", 1, "203.0.113.9"),
        )

    def test_a_signed_in_eraser_is_named(self):
        user = make_user(username="ada")
        self.client.force_login(user)

        self.client.post(f"/results/{self.result.pk}/delete/")

        self.assertEqual(AuditEvent.objects.get(action="result_erased").actor, user)

    def test_an_unknown_result_is_404_and_other_methods_are_405(self):
        unknown = "/results/00000000-0000-4000-8000-000000000000/delete/"

        self.assertEqual(self.client.get(unknown).status_code, 404)
        self.assertEqual(self.client.post(unknown).status_code, 404)
        self.assertEqual(self.client.put(f"/results/{self.result.pk}/delete/").status_code, 405)
        self.assertTrue(AssessmentResult.objects.filter(pk=self.result.pk).exists())

    def test_a_post_without_the_csrf_token_is_refused_and_erases_nothing(self):
        client = Client(enforce_csrf_checks=True)

        response = client.post(f"/results/{self.result.pk}/delete/")

        self.assertEqual(response.status_code, 403)
        self.assertTrue(AssessmentResult.objects.filter(pk=self.result.pk).exists())

    def test_a_second_erasure_of_the_same_result_is_404(self):
        self.client.post(f"/results/{self.result.pk}/delete/")

        response = self.client.post(f"/results/{self.result.pk}/delete/")

        self.assertEqual(response.status_code, 404)
        self.assertEqual(AuditEvent.objects.count(), 1)


class EraseInTheAdminTests(ErasureTestCase):
    def setUp(self):
        self.client.force_login(User.objects.create_superuser("root", password=PASSWORD))

    def test_the_admin_deletes_a_result_after_djangos_confirmation(self):
        url = f"/admin/results/assessmentresult/{self.result.pk}/delete/"

        confirmation = self.client.get(url)
        response = self.client.post(url, {"post": "yes"})

        self.assertContains(confirmation, "Are you sure")
        self.assertEqual(response.status_code, 302)
        self.client.logout()
        self.assert_left_no_trace(self.result, name="Ada")
        event = AuditEvent.objects.get(action="results_deleted_in_admin")
        self.assertEqual((event.actor_name, event.assessment, event.count), ("root", "tri-2026", 1))

    def test_the_bulk_action_deletes_several_with_one_event_per_assessment(self):
        self.client.post(
            "/admin/results/assessmentresult/",
            {
                "action": "delete_selected",
                "_selected_action": [self.earlier.pk, self.result.pk, self.other.pk],
                "post": "yes",
            },
        )

        self.assertEqual(AssessmentResult.objects.count(), 0)
        self.assertEqual(
            list(
                AuditEvent.objects.filter(action="results_deleted_in_admin")
                .order_by("assessment")
                .values_list("assessment", "count")
            ),
            [("tri-2025", 1), ("tri-2026", 2)],
        )

    def test_results_still_cannot_be_added_or_changed(self):
        add = self.client.get("/admin/results/assessmentresult/add/")
        change = self.client.post(
            f"/admin/results/assessmentresult/{self.result.pk}/change/", {"name": "Eve"}
        )

        self.assertEqual(add.status_code, 403)
        self.assertEqual(change.status_code, 403)
        self.assertEqual(AssessmentResult.objects.get(pk=self.result.pk).name, "Ada")
