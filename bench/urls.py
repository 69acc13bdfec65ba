"""The site's URLs plus the floor: the cheapest view the same middleware stack can serve."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.views.decorators.http import require_safe


@require_safe
def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


urlpatterns = [
    path("__floor__/", floor),
    path("", include("assessor.urls")),
]
