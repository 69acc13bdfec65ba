"""Pages that hold people's answers stay out of caches: the browser's history cache, and any
shared proxy between the site and its readers."""

import functools
from collections.abc import Callable
from importlib import import_module
from types import ModuleType

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern

# What every such answer carries, whichever way it gets it.
NO_STORE = "private, no-store"


def no_store(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The view's every answer (its pages, downloads, redirects and refusals) is not stored."""

    @functools.wraps(view)
    def view_kept_out_of_caches(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = NO_STORE
        return response

    return view_kept_out_of_caches


def no_store_urls(
    urlconf: str | ModuleType | tuple[list[URLPattern], str],
) -> tuple[list[URLPattern], str]:
    """An app's URL module (or routes and namespace) for include(), each of its views wrapped in
    no_store(), so that a page added to it later cannot forget to be kept out of caches."""
    if isinstance(urlconf, tuple):
        routes, app_name = urlconf
    else:
        module = import_module(urlconf) if isinstance(urlconf, str) else urlconf
        routes, app_name = module.urlpatterns, module.app_name
    patterns = []
    for pattern in routes:
        if not isinstance(pattern, URLPattern):
            raise TypeError(f"{app_name}: no_store_urls() wraps views, not {pattern!r}")
        patterns.append(
            URLPattern(
                pattern.pattern, no_store(pattern.callback), pattern.default_args, pattern.name
            )
        )
    return patterns, app_name
