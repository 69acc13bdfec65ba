"""The authentication backend behind single sign-on: mozilla-django-oidc's, matched by `sub`."""

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from accounts.provider import Provider, provider_configuration, signing_key
from accounts.sign_on import sign_on

# Clocks drift; a minute either way still refuses a token that has really expired.
CLOCK_LEEWAY_SECONDS = 60


class SignOnBackend(OIDCAuthenticationBackend):
    def __init__(self, *args, **kwargs) -> None:
        # Django makes a backend for every request of a signed-in user (to load them), so the
        # provider is only asked for its endpoints when someone actually signs in.
        self.UserModel = get_user_model()
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = None

    def authenticate(self, request: HttpRequest | None, **kwargs) -> AbstractBaseUser | None:
        # Only the callback view passes a nonce; a password sign-in is none of this backend's
        # business, even when its address happens to carry ?code=…&state=….
        if "nonce" not in kwargs:
            return None
        self.use_provider(provider_configuration())
        return super().authenticate(request, **kwargs)

    def use_provider(self, provider: Provider) -> None:
        """Where the library's code finds the endpoints and the client's credentials."""
        self.provider = provider
        self.OIDC_OP_TOKEN_ENDPOINT = provider.token_endpoint
        self.OIDC_OP_USER_ENDPOINT = provider.userinfo_endpoint
        self.OIDC_OP_JWKS_ENDPOINT = provider.jwks_uri
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET

    def retrieve_matching_jwk(self, token: str) -> jwt.PyJWK:
        response = requests.get(self.OIDC_OP_JWKS_ENDPOINT, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        keys = response.json().get("keys")
        try:
            header = jwt.get_unverified_header(token)
        except jwt.InvalidTokenError as error:
            raise SuspiciousOperation(f"ID token unreadable: {error}") from error
        key = signing_key(header=header, keys=keys if isinstance(keys, list) else [])
        if key is None:
            raise SuspiciousOperation(f"no key of the provider matches the ID token's {header}")
        try:
            return jwt.PyJWK(key)
        except jwt.PyJWTError as error:
            raise SuspiciousOperation(f"the provider's key is unusable: {error}") from error

    def get_payload_data(self, token: str, key: jwt.PyJWK) -> dict:
        # The library checks neither the audience nor the issuer; a token the provider issued
        # to another of its clients must not sign anyone in here.
        try:
            return jwt.decode(
                token,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=self.provider.issuer,
                leeway=CLOCK_LEEWAY_SECONDS,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.InvalidTokenError as error:
            raise SuspiciousOperation(f"ID token refused: {error}") from error

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict):
        userinfo = self.get_userinfo(access_token, id_token, payload)
        # OpenID Connect Core 5.3.2: user info about someone else must not be used.
        if not isinstance(userinfo, dict) or userinfo.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("the user info is about another subject than the ID token")
        # Some providers put `groups` only in the ID token, others only in the user info.
        return sign_on(issuer=self.provider.issuer, claims={**payload, **userinfo})

    def get_user(self, user_id: int) -> AbstractBaseUser | None:
        # Django's rule, not the library's: a switched-off account is signed out at once.
        return ModelBackend.get_user(self, user_id)
