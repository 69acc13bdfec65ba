"""Sign-in lock-out: 5 failures for one username from one address lock that pair for 15 minutes."""

from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.test import TestCase, override_settings

from audit.models import AuditEvent

PASSWORD = "quiet-otter-lantern-42"
SITE_SIGN_IN = "/accounts/login/"
ADMIN_SIGN_IN = "/admin/login/"


@override_settings(AXES_ENABLED=True)
class SignInLockoutTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = User.objects.create_user("ada", password=PASSWORD, is_staff=True)

    def sign_in(self, password: str, *, address: str = "203.0.113.9", url: str = SITE_SIGN_IN):
        return self.client.post(url, {"username": "ada", "password": password}, REMOTE_ADDR=address)

    def fail_to_sign_in(self, times: int, **kwargs):
        return [self.sign_in("wrong", **kwargs).status_code for _ in range(times)]

    def test_the_fifth_failure_locks_and_is_answered_with_the_lock_out_page(self):
        self.assertEqual(self.fail_to_sign_in(5), [200, 200, 200, 200, 429])

    def test_after_five_failures_even_the_right_password_gets_the_lock_out_page(self):
        self.fail_to_sign_in(5)

        response = self.sign_in(PASSWORD)

        self.assertEqual(response.status_code, 429)
        self.assertEqual(response["Retry-After"], "900")
        self.assertTemplateUsed(response, "base.html")
        self.assertContains(response, "<h1>Sign-in locked</h1>", html=True, status_code=429)
        self.assertContains(response, "locked for 15 minutes", status_code=429)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_four_failures_do_not_lock(self):
        self.fail_to_sign_in(4)

        self.assertRedirects(self.sign_in(PASSWORD), "/accounts/profile/")

    def test_the_same_username_from_another_address_can_still_sign_in(self):
        self.fail_to_sign_in(5)

        self.assertRedirects(self.sign_in(PASSWORD, address="198.51.100.7"), "/accounts/profile/")

    @override_settings(TRUSTED_PROXIES=())
    def test_a_forged_forwarded_header_does_not_open_a_new_pair(self):
        self.fail_to_sign_in(5)

        response = self.client.post(
            SITE_SIGN_IN,
            {"username": "ada", "password": PASSWORD},
            REMOTE_ADDR="203.0.113.9",
            HTTP_X_FORWARDED_FOR="198.51.100.7",
        )

        self.assertEqual(response.status_code, 429)

    def test_a_success_resets_the_count(self):
        self.fail_to_sign_in(4)
        self.sign_in(PASSWORD)
        self.client.logout()

        self.fail_to_sign_in(4)

        self.assertRedirects(self.sign_in(PASSWORD), "/accounts/profile/")

    def test_the_admin_sign_in_locks_too(self):
        self.fail_to_sign_in(5, url=ADMIN_SIGN_IN)

        response = self.sign_in(PASSWORD, url=ADMIN_SIGN_IN)

        self.assertContains(response, "Sign-in locked", status_code=429)

    def test_failures_on_either_form_count_together(self):
        self.fail_to_sign_in(3, url=ADMIN_SIGN_IN)
        self.fail_to_sign_in(2)

        self.assertEqual(self.sign_in(PASSWORD).status_code, 429)

    def test_a_superuser_unlocks_by_deleting_the_attempt_in_the_admin(self):
        self.fail_to_sign_in(5)
        attempt = AccessAttempt.objects.get(username="ada")
        admin = User.objects.create_superuser("root", password=PASSWORD)
        self.client.force_login(admin)

        response = self.client.post(
            f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"}
        )
        self.client.logout()

        self.assertEqual(response.status_code, 302)
        self.assertRedirects(self.sign_in(PASSWORD), "/accounts/profile/")

    def test_failures_and_the_lock_out_are_in_the_audit_trail(self):
        self.fail_to_sign_in(5)
        self.sign_in(PASSWORD)

        events = AuditEvent.objects.order_by("created", "id")

        self.assertEqual(
            [(event.action, event.actor_name, event.client_address) for event in events],
            # django-axes hears of each failure first, so the lock-out it decides on comes
            # just before the failure that caused it; an attempt while locked is both again.
            [
                *[("sign_in_failed", "ada", "203.0.113.9")] * 4,
                *[("locked_out", "ada", "203.0.113.9"), ("sign_in_failed", "ada", "203.0.113.9")]
                * 2,
            ],
        )

    def test_a_sign_in_is_in_the_audit_trail(self):
        self.sign_in(PASSWORD)

        event = AuditEvent.objects.get()
        self.assertEqual(
            (event.action, event.actor, event.actor_name, event.client_address),
            ("signed_in", self.user, "ada", "203.0.113.9"),
        )
