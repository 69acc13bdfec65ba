"""A real OpenID Connect provider for the tests, and the browser's part of signing on through it.

oidc-provider-mock runs in a thread on a free port of 127.0.0.1; a test sets the claims of
the provider's users through its HTTP API, and follows the redirects between the Django test
client and the provider by hand, over real HTTP, as a browser would.
"""

import socket
from contextlib import contextmanager
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import requests
from django.test import Client, TestCase, override_settings
from oidc_provider_mock import run_server_in_thread

from accounts.provider import discover

CLIENT_ID = "assessor-tests"
CLIENT_SECRET = "not-a-real-secret"
PASSWORD_BACKEND = "django.contrib.auth.backends.ModelBackend"
SIGN_ON_BACKEND = "accounts.backends.SignOnBackend"
# django-axes locks out repeated failures; it must come first.
LOCK_OUT_BACKEND = "axes.backends.AxesStandaloneBackend"


def sign_on_settings(*, issuer: str, **extra: Any) -> dict[str, Any]:
    """The settings assessor/settings.py makes from the OIDC_* variables (its tests check)."""
    only = extra.get("OIDC_ONLY", False)
    return {
        "OIDC_ISSUER_URL": issuer,
        "OIDC_RP_CLIENT_ID": CLIENT_ID,
        "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
        "AUTHENTICATION_BACKENDS": [SIGN_ON_BACKEND]
        if only
        else [PASSWORD_BACKEND, SIGN_ON_BACKEND],
        **extra,
    }


@contextmanager
def provider(**options: Any):
    """A running provider; yields its issuer URL."""
    with run_server_in_thread(**options) as server:
        # The server listens on localhost, which is 127.0.0.1 here; the issuer it announces
        # is the host it was asked for, so the tests ask for it by address.
        host, port = server.server_address[:2]
        issuer = f"http://{host}:{port}"
        try:
            yield issuer
        finally:
            discover.cache_clear()


class ProviderTestCase(TestCase):
    """Tests with a provider of their own, started once for the class, and sign-on turned on."""

    provider_options: dict[str, Any] = {}
    extra_settings: dict[str, Any] = {}

    @classmethod
    def setUpClass(cls):
        cls.issuer = cls.enterClassContext(provider(**cls.provider_options))
        cls.enterClassContext(
            override_settings(**sign_on_settings(issuer=cls.issuer, **cls.extra_settings))
        )
        super().setUpClass()


def closed_port_url() -> str:
    """An address on this machine where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def set_claims(issuer: str, sub: str, **claims: Any) -> None:
    """What the provider will say about the person `sub` from now on."""
    requests.put(f"{issuer}/users/{sub}", json=claims, timeout=10).raise_for_status()


def start_sign_on(client: Client, **query: str) -> str:
    """Ask the site to start a sign-on; the address at the provider it sends the browser to."""
    response = client.get("/oidc/authenticate/", query)
    assert response.status_code == 302, response
    return response["Location"]


def authorize(authorization_url: str, sub: str) -> str:
    """The person `sub` agrees at the provider; the site's callback path it sends them back to."""
    response = requests.post(
        authorization_url, data={"sub": sub}, timeout=10, allow_redirects=False
    )
    assert response.status_code == 302, response.text
    return local_path(response.headers["Location"])


def deny(authorization_url: str) -> str:
    response = requests.post(
        authorization_url, data={"action": "deny"}, timeout=10, allow_redirects=False
    )
    assert response.status_code == 302, response.text
    return local_path(response.headers["Location"])


def sign_on(client: Client, sub: str, **query: str):
    """The whole round trip; the site's answer to the callback."""
    return client.get(authorize(start_sign_on(client, **query), sub))


def id_token(issuer: str, sub: str) -> str:
    """An ID token the provider issues to this site's client for `sub`, fetched directly."""
    redirect_uri = "http://testserver/oidc/callback/"
    callback = authorize(
        f"{issuer}/oauth2/authorize?"
        + urlencode(
            {
                "response_type": "code",
                "client_id": CLIENT_ID,
                "redirect_uri": redirect_uri,
                "scope": "openid email",
                "state": "state",
            }
        ),
        sub,
    )
    token = requests.post(
        f"{issuer}/oauth2/token",
        data={
            "grant_type": "authorization_code",
            "code": query_of(callback)["code"],
            "redirect_uri": redirect_uri,
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
        },
        timeout=10,
    )
    token.raise_for_status()
    return token.json()["id_token"]


def local_path(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def query_of(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def with_query(path: str, **changes: str) -> str:
    """The same path with some query parameters replaced."""
    return f"{urlsplit(path).path}?{urlencode({**query_of(path), **changes})}"


def signed_in_user_id(client: Client) -> str | None:
    return client.session.get("_auth_user_id")
