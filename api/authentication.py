"""Who calls the API: the owner of the personal token in `Authorization: Bearer <token>`, and how
often they may."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request
from rest_framework.throttling import BaseThrottle

from api.models import ApiToken
from api.tokens import use_token
from limits.addresses import client_address
from limits.rates import RateLimited, take_a_turn


class BearerTokenAuthentication(BaseAuthentication):
    """No token is DRF's NotAuthenticated, a wrong or revoked one AuthenticationFailed: both
    answer 401 with `WWW-Authenticate: Bearer`, the scheme authenticate_header names."""

    def authenticate(self, request: Request) -> tuple[object, ApiToken] | None:
        scheme, _space, secret = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
        if scheme.lower() != "bearer":
            return None
        token = use_token(secret.strip())
        if token is None:
            raise AuthenticationFailed(_("This token is wrong or has been revoked."))
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return "Bearer"


class TokenRate(BaseThrottle):
    """ASSESSOR_API_RATE requests per token, across every worker (limits/rates.py); the schema,
    read without a token, is counted per client address."""

    retry_after: int | None = None

    def allow_request(self, request: Request, view: object) -> bool:
        if isinstance(request.auth, ApiToken):
            key = f"token:{request.auth.pk}"
        else:
            key = f"address:{client_address(request)}"
        try:
            take_a_turn(scope="api", key=key, rate=settings.API_RATE)
        except RateLimited as limited:
            self.retry_after = limited.retry_after
            return False
        return True

    def wait(self) -> int | None:
        return self.retry_after
