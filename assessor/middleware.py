"""Site-wide middleware: the Content-Security-Policy header, NUL text refused as bad input, the
headers of capability pages, and the page for a request past its rate limit."""

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import BadRequest
from django.db import DataError
from django.http import HttpRequest, HttpResponse

from limits.rates import RateLimited, too_many_requests

# PostgreSQL cannot store NUL: psycopg refuses it in text before sending, and
# the server refuses \u0000 in JSON with "untranslatable character".
NUL_IN_TEXT = "NUL (0x00)"
UNTRANSLATABLE_CHARACTER = "22P05"


class ContentSecurityPolicyMiddleware:
    """Django 5.2 has no CSP support of its own, and one fixed header needs no library."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.policy = settings.CONTENT_SECURITY_POLICY

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        return response


def is_unstorable_text(error: Exception) -> bool:
    sqlstate = getattr(error.__cause__, "sqlstate", None)
    return isinstance(error, DataError) and (
        NUL_IN_TEXT in str(error) or sqlstate == UNTRANSLATABLE_CHARACTER
    )


class RefuseUnstorableTextMiddleware:
    """The forms refuse NUL where they can say so; this catches any input they do not see
    (a cookie, an admin search) so that it is a 400, not a 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        if is_unstorable_text(exception):
            raise BadRequest("Text that cannot be stored") from exception


# The addresses that are keys to what they open (a result, a personal invitation): robots.txt
# keeps crawlers out, and every answer under them is kept out of caches and search indexes.
# The sign-up page is opened with an invitation's token in its query.
CAPABILITY_PATHS = ("/results/", "/i/", "/accounts/signup/")


class CapabilityPagesMiddleware:
    """`Cache-Control: private, no-store` and `X-Robots-Tag: noindex, nofollow` on every answer
    under CAPABILITY_PATHS, whichever app serves it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path_info.startswith(CAPABILITY_PATHS):
            response["Cache-Control"] = "private, no-store"
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response


class RateLimitedMiddleware:
    """A view that ran out of turns (limits.rates.RateLimited) is answered with the 429 page,
    as Http404 is with the 404 page, so a view only takes its turn."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, RateLimited):
            return too_many_requests(request, exception)
        return None
