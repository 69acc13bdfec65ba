"""Site-wide middleware: the Content-Security-Policy header, NUL text and forms that are not
UTF-8 refused as bad input, the headers of capability pages, and the page for a request past its
rate limit."""

from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl

from django.conf import settings
from django.core.exceptions import BadRequest
from django.db import DataError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.log import log_response

from assessor.privacy import NO_STORE
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


FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
URL_ENCODED = "application/x-www-form-urlencoded"


class RefuseFormsNotInUtf8Middleware:
    """A form post must be UTF-8 (as every browser sends it): one naming another charset, or a
    URL-encoded body that does not decode, is answered here with the 400 page and one log line.

    Django refuses such a form only when its body is first read, with a BadRequest that is
    raised again each time anything (the CSRF check, an error page) reads the form, and logged
    with its traceback. The charset is checked before any view runs, the body once it has been
    read under the view's limits (after RequestLimitsMiddleware, before the CSRF check).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if is_form_post(request) and names_another_charset(request):
            return refuse_form(request, "a charset other than UTF-8")
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable, *args: Any
    ) -> HttpResponse | None:
        # A csrf_exempt view (the builder) reads its body under its own, bigger limits and
        # refuses one that is not UTF-8 itself; reading it here would apply the site's limits.
        if getattr(view_func, "csrf_exempt", False):
            return None
        is_url_encoded = is_form_post(request) and request.content_type == URL_ENCODED
        if is_url_encoded and not is_utf8_form(request.body):
            return refuse_form(request, "a body that is not UTF-8")
        return None


def is_form_post(request: HttpRequest) -> bool:
    return request.method == "POST" and request.content_type in FORM_TYPES


def names_another_charset(request: HttpRequest) -> bool:
    charset = request.content_params.get("charset")
    return charset is not None and charset.lower() != "utf-8"


def is_utf8_form(body: bytes) -> bool:
    """The body, and every %-escaped byte sequence in it, decodes as UTF-8."""
    try:
        parse_qsl(body.decode(), keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        return False
    return True


def refuse_form(request: HttpRequest, problem: str) -> HttpResponse:
    response = render(request, "400.html", status=400)
    log_response(
        "Bad request (a form post in %s): %s",
        problem,
        request.path,
        response=response,
        request=request,
    )
    return response


# The addresses that are keys to what they open (a result, a personal invitation): robots.txt
# keeps crawlers out, and every answer under them is kept out of caches and search indexes.
# /r/ is a colleague's review link (reviews).
# The sign-up page is opened with an invitation's token in its query.
CAPABILITY_PATHS = ("/results/", "/i/", "/r/", "/accounts/signup/")


class CapabilityPagesMiddleware:
    """`Cache-Control: private, no-store` and `X-Robots-Tag: noindex, nofollow` on every answer
    under CAPABILITY_PATHS, whichever app serves it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path_info.startswith(CAPABILITY_PATHS):
            response["Cache-Control"] = NO_STORE
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
