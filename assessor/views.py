"""The project's own views: the health check that load balancers poll, robots.txt, and the
error pages.

The error pages render from what they are given and read nothing else: Django's own handlers
carry requires_csrf_token, which runs the CSRF check and so reads the request's body again,
the very thing that may have failed.
"""

from django.core.exceptions import RequestDataTooBig
from django.db import DatabaseError, connection
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseServerError,
)
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.log import log_response
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from assessor.middleware import CAPABILITY_PATHS


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """200 while the database answers, else 503; it reads no session, so it costs one query."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        response = HttpResponse("database unavailable\n", status=503, content_type="text/plain")
        # One log line with the reason, instead of Django's reasonless one.
        log_response(
            "Health check failed: %s: %s", request.path, error, response=response, request=request
        )
        return response
    return HttpResponse("ok\n", content_type="text/plain")


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """400, except a body past DATA_UPLOAD_MAX_MEMORY_SIZE, which is 413 Content Too Large."""
    if isinstance(exception, RequestDataTooBig):
        return render(request, "413.html", status=413)
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """Without the request's context: its session or user may need the database that failed."""
    return HttpResponseServerError(render_to_string("500.html", {"LANGUAGE_CODE": get_language()}))


# Capability addresses and the manager pages are nobody's business but their holders'.
ROBOTS_TXT = "User-agent: *\n" + "".join(
    f"Disallow: {path}\n" for path in (*CAPABILITY_PATHS, "/manage/")
)


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    return HttpResponse(ROBOTS_TXT, content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page links: send them to the icon the pages
    link (base.html), at its hashed static address, instead of a 404 in the logs."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
