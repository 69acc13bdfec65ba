"""A manager erases all of one person's results in a name family; manager reads are audited."""

from datetime import timedelta

from django.test import Client, TestCase
from django.utils import timezone

from assessments.versions import save_as_new_version
from audit.models import AuditEvent
from results.models import AssessmentResult
from tests.factories import TRIATHLON, make_assessment, make_result, make_user


class ManagerTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.v1 = make_assessment(name="Triathlon", slug="tri-2025", assessment=TRIATHLON)
        cls.v2 = save_as_new_version(cls.v1, name="Triathlon", slug="tri-2026")
        cls.unrelated = make_assessment(name="Other", slug="other", assessment=TRIATHLON)
        month_ago = timezone.now() - timedelta(days=30)
        cls.ada_earlier = make_result(cls.v1, name="Ada", created=month_ago)
        cls.ada = make_result(cls.v2, name=" ada ")
        cls.ada_elsewhere = make_result(cls.unrelated, name="Ada")
        cls.grace = make_result(cls.v2, name="Grace")
        cls.manager = make_user(manager=True, username="boss")
        cls.erase_url = f"/manage/results/{cls.ada.pk}/erase-person/"

    def setUp(self):
        self.client.force_login(self.manager)


class ErasePersonTests(ManagerTestCase):
    def test_the_confirmation_says_how_many_results_go(self):
        response = self.client.get(self.erase_url)

        self.assertContains(response, "Erase all results of")
        self.assertContains(response, "2 results of")
        self.assertContains(response, "Erase 2 results</button>", html=False)
        self.assertEqual(AssessmentResult.objects.count(), 4)

    def test_post_erases_the_persons_results_in_the_family_and_nothing_else(self):
        response = self.client.post(self.erase_url, follow=True)

        self.assertRedirects(response, "/manage/tri-2026/")
        self.assertContains(response, "2 results of  ada  were erased.")
        self.assertEqual(
            set(AssessmentResult.objects.values_list("pk", flat=True)),
            {self.ada_elsewhere.pk, self.grace.pk},
        )

    def test_then_the_matrix_csv_and_result_pages_show_none_of_them(self):
        self.client.get("/manage/tri-2026/")  # cached before the erasure

        self.client.post(self.erase_url)

        matrix = self.client.get("/manage/tri-2026/")
        csv = b"".join(self.client.get("/manage/tri-2025/results.csv").streaming_content)
        self.assertNotContains(matrix, str(self.ada.pk))
        self.assertContains(matrix, "Grace")
        self.assertNotIn(b"Ada", csv)
        for result in [self.ada, self.ada_earlier]:
            with self.subTest(result=result.name):
                self.assertEqual(Client().get(f"/results/{result.pk}/").status_code, 404)

    def test_the_erasure_is_in_the_audit_trail_with_its_count(self):
        self.client.post(self.erase_url)

        event = AuditEvent.objects.get(action="person_erased")
        self.assertEqual(
            (event.actor, event.assessment, event.count), (self.manager, "tri-2026", 2)
        )

    def test_only_managers_may_erase(self):
        anonymous = Client().post(self.erase_url)
        self.client.force_login(make_user())
        refused = self.client.post(self.erase_url)

        self.assertRedirects(
            anonymous, f"/accounts/login/?next={self.erase_url}", fetch_redirect_response=False
        )
        self.assertEqual(refused.status_code, 403)
        self.assertEqual(AssessmentResult.objects.count(), 4)

    def test_an_unknown_result_is_404_and_other_methods_405(self):
        unknown = "/manage/results/00000000-0000-4000-8000-000000000000/erase-person/"

        self.assertEqual(self.client.post(unknown).status_code, 404)
        self.assertEqual(self.client.put(self.erase_url).status_code, 405)


class ManagerReadAuditTests(ManagerTestCase):
    def test_reading_the_matrix_is_recorded(self):
        self.client.get("/manage/tri-2026/", REMOTE_ADDR="203.0.113.9")

        event = AuditEvent.objects.get(action="matrix_read")
        self.assertEqual(
            (event.actor, event.actor_name, event.assessment, event.client_address),
            (self.manager, "boss", "tri-2026", "203.0.113.9"),
        )

    def test_exporting_the_csv_is_recorded(self):
        self.client.get("/manage/tri-2026/results.csv")

        self.assertEqual(
            list(AuditEvent.objects.filter(action="csv_exported").values_list("assessment")),
            [("tri-2026",)],
        )

    def test_a_result_opened_from_the_matrix_is_recorded_and_shown(self):
        response = self.client.get(f"/manage/results/{self.grace.pk}/")

        self.assertRedirects(response, f"/results/{self.grace.pk}/")
        event = AuditEvent.objects.get(action="result_opened")
        self.assertEqual(
            (event.actor, event.assessment, event.result),
            (self.manager, "tri-2026", str(self.grace.pk)),
        )

    def test_the_manager_result_route_is_for_managers_only(self):
        self.client.force_login(make_user())

        response = self.client.get(f"/manage/results/{self.grace.pk}/")

        self.assertEqual(response.status_code, 403)
        self.assertFalse(AuditEvent.objects.filter(action="result_opened").exists())

    def test_a_refused_read_is_not_recorded_as_a_read(self):
        Client().get("/manage/tri-2026/")
        self.client.get("/manage/no-such-assessment/")

        self.assertFalse(AuditEvent.objects.filter(action="matrix_read").exists())
