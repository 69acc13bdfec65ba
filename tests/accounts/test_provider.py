"""The provider's discovery document, the start-up check, and which key may have signed a token."""

import json
import threading
from collections.abc import Callable
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.test import SimpleTestCase, override_settings

from accounts.provider import ProviderUnavailable, discover, signing_key
from tests.accounts.provider import closed_port_url, provider


@contextmanager
def serving(body: Callable[[str], bytes], status: int = 200):
    """A one-document web server on a free port of 127.0.0.1; body is made from its address."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body(address))

        do_POST = do_GET

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    address = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield address
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
        discover.cache_clear()


def document(**changes) -> Callable[[str], bytes]:
    def body(issuer: str) -> bytes:
        endpoints = {
            "issuer": issuer,
            "authorization_endpoint": f"{issuer}/authorize",
            "token_endpoint": f"{issuer}/token",
            "userinfo_endpoint": f"{issuer}/userinfo",
            "jwks_uri": f"{issuer}/jwks",
            **changes,
        }
        return json.dumps({key: value for key, value in endpoints.items() if value}).encode()

    return body


class DiscoveryTests(SimpleTestCase):
    def setUp(self):
        discover.cache_clear()

    def test_the_endpoints_come_from_the_discovery_document(self):
        with provider() as issuer:
            found = discover(issuer_url=issuer + "/")

        self.assertEqual(found.issuer, issuer)
        self.assertEqual(found.token_endpoint, f"{issuer}/oauth2/token")
        self.assertEqual(found.end_session_endpoint, f"{issuer}/oauth2/end_session")

    def test_the_document_is_read_once_per_process(self):
        with serving(document()) as address:
            first = discover(issuer_url=address)
            discover(issuer_url=address)
            info = discover.cache_info()

        self.assertEqual((info.hits, info.misses), (1, 1))
        self.assertEqual(first.userinfo_endpoint, f"{address}/userinfo")

    def test_a_provider_that_advertises_no_sign_out_has_none(self):
        with serving(document()) as address:
            self.assertIsNone(discover(issuer_url=address).end_session_endpoint)

    def test_an_unreadable_document_is_refused_with_the_reason(self):
        cases = {
            "not json": (lambda _: b"<html>", 200, "Expecting value"),
            "an error": (document(), 500, "500 Server Error"),
            "not an object": (lambda _: b"[1]", 200, "is not a discovery document"),
            "no token endpoint": (document(token_endpoint=None), 200, "lacks token_endpoint"),
            "another issuer": (
                document(issuer="https://elsewhere.example"),
                200,
                "names another issuer",
            ),
        }
        for name, (body, status, reason) in cases.items():
            with (
                self.subTest(name),
                serving(body, status) as address,
                self.assertRaisesMessage(ProviderUnavailable, reason),
            ):
                discover(issuer_url=address)

    def test_a_failed_read_is_not_kept(self):
        address = closed_port_url()
        with self.assertRaisesMessage(ProviderUnavailable, "openid-configuration"):
            discover(issuer_url=address)

        self.assertEqual(discover.cache_info().currsize, 0)


class StartUpCheckTests(SimpleTestCase):
    def setUp(self):
        discover.cache_clear()

    def ready(self) -> None:
        apps.get_app_config("accounts").ready()

    def test_production_refuses_to_start_when_the_provider_cannot_be_read(self):
        with (
            override_settings(OIDC_ISSUER_URL=closed_port_url(), DEBUG=False),
            self.assertRaisesMessage(ImproperlyConfigured, "OIDC_ISSUER_URL: the provider's"),
        ):
            self.ready()

    def test_production_starts_when_the_provider_answers(self):
        with provider() as issuer, override_settings(OIDC_ISSUER_URL=issuer, DEBUG=False):
            self.ready()

            self.assertEqual(discover.cache_info().currsize, 1)

    def test_development_starts_without_asking_the_provider(self):
        with override_settings(OIDC_ISSUER_URL=closed_port_url(), DEBUG=True):
            self.ready()

        self.assertEqual(discover.cache_info().currsize, 0)


RSA_ONE = {"kty": "RSA", "kid": "one", "n": "1", "e": "AQAB"}
RSA_TWO = {"kty": "RSA", "kid": "two", "n": "2", "e": "AQAB"}


class SigningKeyTests(SimpleTestCase):
    def test_a_token_naming_its_key_gets_that_key_among_several(self):
        self.assertEqual(
            signing_key(header={"alg": "RS256", "kid": "two"}, keys=[RSA_ONE, RSA_TWO]), RSA_TWO
        )

    def test_a_token_naming_a_key_the_set_lacks_gets_none(self):
        self.assertIsNone(signing_key(header={"alg": "RS256", "kid": "three"}, keys=[RSA_ONE]))

    def test_a_token_without_a_kid_gets_the_only_key(self):
        self.assertEqual(signing_key(header={"alg": "RS256"}, keys=[RSA_ONE]), RSA_ONE)

    def test_a_token_without_a_kid_gets_none_when_the_set_holds_several(self):
        self.assertIsNone(signing_key(header={"alg": "RS256"}, keys=[RSA_ONE, RSA_TWO]))

    def test_a_token_without_a_kid_gets_none_when_the_set_holds_another_key_of_any_use(self):
        encryption = {**RSA_TWO, "use": "enc"}

        self.assertIsNone(signing_key(header={"alg": "RS256"}, keys=[RSA_ONE, encryption]))

    def test_a_key_for_another_algorithm_or_for_encryption_is_not_used(self):
        for key in [{**RSA_ONE, "alg": "RS512"}, {**RSA_ONE, "use": "enc"}]:
            with self.subTest(key=key):
                self.assertIsNone(signing_key(header={"alg": "RS256", "kid": "one"}, keys=[key]))
