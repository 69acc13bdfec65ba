"""Who gets into the API: a Bearer token in use, nothing else; at most ASSESSOR_API_RATE requests
per token; every answer kept out of caches."""

from django.contrib.auth.models import User
from django.test import TestCase, override_settings

from api.models import ApiToken
from api.tokens import create_token, revoke_token
from tests.factories import api_headers, bearer, make_assessment, make_user

NO_STORE = "private, no-store"
API_URL = "/api/v1/assessments/"


class RefusedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.manager = make_user(username="grace", manager=True)
        make_assessment(slug="sports")

    def assert_refused(self, response) -> None:
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response["WWW-Authenticate"], "Bearer")
        self.assertEqual(response["Cache-Control"], NO_STORE)
        self.assertNotIn("sports", response.content.decode())

    def test_no_token_is_401_with_the_bearer_challenge(self):
        self.assert_refused(self.client.get(API_URL))

    def test_a_wrong_token_is_401(self):
        create_token(user=self.manager, name="real")

        self.assert_refused(self.client.get(API_URL, **bearer("not-a-token")))

    def test_an_empty_bearer_is_401(self):
        self.assert_refused(self.client.get(API_URL, HTTP_AUTHORIZATION="Bearer "))

    def test_a_revoked_token_is_401(self):
        token, secret = create_token(user=self.manager, name="old")
        revoke_token(token=token)

        self.assert_refused(self.client.get(API_URL, **bearer(secret)))

    def test_the_token_of_a_deactivated_account_is_401(self):
        headers = api_headers(self.manager)
        User.objects.filter(pk=self.manager.pk).update(is_active=False)

        self.assert_refused(self.client.get(API_URL, **headers))

    def test_a_signed_in_browser_without_a_token_is_401(self):
        self.client.force_login(self.manager)

        self.assert_refused(self.client.get(API_URL))

    def test_another_scheme_is_401(self):
        self.assert_refused(self.client.get(API_URL, HTTP_AUTHORIZATION="Basic Z3JhY2U6cHc="))

    def test_the_scheme_is_read_in_any_case(self):
        _token, secret = create_token(user=self.manager, name="bi")

        response = self.client.get(API_URL, HTTP_AUTHORIZATION=f"bearer {secret}")

        self.assertEqual(response.status_code, 200)


class WritesRefusedTests(TestCase):
    def test_the_api_is_read_only(self):
        headers = api_headers(make_user(manager=True))

        for method in ["post", "put", "patch", "delete"]:
            with self.subTest(method=method):
                response = getattr(self.client, method)(API_URL, **headers)

                self.assertEqual(response.status_code, 405)
                self.assertEqual(response["Cache-Control"], NO_STORE)


@override_settings(API_RATE=(3, 600))
class RateTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.manager = make_user(username="grace", manager=True)

    def test_past_the_rate_a_token_gets_429_with_retry_after(self):
        headers = api_headers(self.manager)

        answers = [self.client.get(API_URL, **headers) for _ in range(4)]

        self.assertEqual([answer.status_code for answer in answers], [200, 200, 200, 429])
        self.assertLessEqual(int(answers[-1]["Retry-After"]), 600)
        self.assertGreater(int(answers[-1]["Retry-After"]), 0)
        self.assertEqual(answers[-1]["Cache-Control"], NO_STORE)

    def test_the_rate_is_counted_per_token(self):
        first, second = api_headers(self.manager), api_headers(self.manager)
        for _ in range(3):
            self.client.get(API_URL, **first)

        response = self.client.get(API_URL, **second)

        self.assertEqual(response.status_code, 200)

    @override_settings(API_RATE=None)
    def test_off_means_no_limit(self):
        headers = api_headers(self.manager)

        answers = [self.client.get(API_URL, **headers).status_code for _ in range(5)]

        self.assertEqual(answers, [200] * 5)

    def test_refused_requests_do_not_use_up_a_tokens_turns(self):
        headers = api_headers(self.manager)
        for _ in range(5):
            self.client.get(API_URL, **bearer("wrong"))

        response = self.client.get(API_URL, **headers)

        self.assertEqual(response.status_code, 200)


class LastUsedTests(TestCase):
    def test_each_request_sets_the_tokens_last_use(self):
        headers = api_headers(make_user(manager=True))

        self.client.get(API_URL, **headers)

        self.assertIsNotNone(ApiToken.objects.get().last_used)
