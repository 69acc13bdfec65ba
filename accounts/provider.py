"""The company's OpenID Connect provider: its discovery document, and which key signed a token."""

import functools
from dataclasses import dataclass

import requests
from django.conf import settings

DISCOVERY_PATH = "/.well-known/openid-configuration"


class ProviderUnavailable(Exception):
    """The provider could not be reached, or answered with something that is not usable."""


@dataclass(frozen=True, kw_only=True)
class Provider:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    userinfo_endpoint: str
    jwks_uri: str
    end_session_endpoint: str | None


def provider_configuration() -> Provider:
    """The configured provider's endpoints, read once per process from its discovery document."""
    return discover(issuer_url=settings.OIDC_ISSUER_URL)


# Endpoints change only when the provider is moved, which means restarting the site anyway;
# a failed read raises and so is not kept, and the next sign-in tries again.
@functools.cache
def discover(*, issuer_url: str) -> Provider:
    url = issuer_url.rstrip("/") + DISCOVERY_PATH
    try:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as error:
        raise ProviderUnavailable(f"{url}: {error}") from error
    if not isinstance(document, dict):
        raise ProviderUnavailable(f"{url} is not a discovery document")
    missing = [
        key
        for key in ["issuer", "authorization_endpoint", "token_endpoint", "userinfo_endpoint"]
        + ["jwks_uri"]
        if not isinstance(document.get(key), str)
    ]
    if missing:
        raise ProviderUnavailable(f"{url} lacks {', '.join(missing)}")
    # The discovery spec requires the document to name the issuer it was fetched for; a
    # mismatch means the address points at another provider (or another realm of it).
    if document["issuer"].rstrip("/") != issuer_url.rstrip("/"):
        raise ProviderUnavailable(f"{url} names another issuer: {document['issuer']}")
    end_session = document.get("end_session_endpoint")
    return Provider(
        issuer=document["issuer"],
        authorization_endpoint=document["authorization_endpoint"],
        token_endpoint=document["token_endpoint"],
        userinfo_endpoint=document["userinfo_endpoint"],
        jwks_uri=document["jwks_uri"],
        end_session_endpoint=end_session if isinstance(end_session, str) else None,
    )


def signing_key(*, header: dict, keys: list[dict]) -> dict | None:
    """The one key of the provider's key set that can have signed a token with this header.

    A provider with several keys names the one it used by `kid`, so a `kid` must match.
    A token without one is only unambiguous when the set holds exactly one key; turning
    `kid` matching off altogether would pick an arbitrary key at providers with several.
    """
    kid = header.get("kid")
    if kid is None:
        candidates = keys if len(keys) == 1 else []
    else:
        candidates = [key for key in keys if key.get("kid") == kid]
    candidates = [
        key
        for key in candidates
        if key.get("alg", header.get("alg")) == header.get("alg") and key.get("use", "sig") == "sig"
    ]
    return candidates[0] if len(candidates) == 1 else None
