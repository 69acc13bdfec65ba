"""The project's own view: the health check that load balancers poll."""

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.utils.log import log_response
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


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
