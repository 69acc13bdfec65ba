"""Pages and page content rendered once and kept in the cache under a key that names everything
they show.

Keys carry a fingerprint of their inputs (a result's id, an assessment's name and definition,
the count and latest date of its results), so a change makes a new key rather than needing an
invalidation that every worker process would have to hear about: a cache entry is never
stale, only unused. Nothing cached holds a CSRF token or anything else about the visitor.
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers
from django.utils.safestring import SafeString, mark_safe

CACHE_SECONDS = 24 * 60 * 60
# Bump when a cached template changes, so a shared cache never serves an older release's markup.
MARKUP_VERSION = 2
# Rendered wherever a CSRF token belongs and replaced with the visitor's own on the way out.
# Escaped text never contains "<", so nothing a user typed can be mistaken for it.
CSRF_PLACEHOLDER = mark_safe("<csrf-token>")


def cached_fragment(
    *, key: str, template: str, context: Callable[[], dict[str, Any]]
) -> SafeString:
    """The rendered template from the cache, rendering (and storing) it when it is not there."""
    key = f"fragment:{MARKUP_VERSION}:{key}"
    markup = cache.get(key)
    if markup is None:
        markup = render_to_string(template, {**context(), "csrf_token": CSRF_PLACEHOLDER})
        cache.set(key, markup, CACHE_SECONDS)
    return mark_safe(markup)


def is_anonymous_visit(request: HttpRequest) -> bool:
    """No session and no messages waiting: the page looks the same as for every such visitor.
    Signed-in visitors always have a session; their header names them."""
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and not get_messages(request)


def shared_page(
    request: HttpRequest, *, key: str, template: str, context: Callable[[], dict[str, Any]]
) -> HttpResponse:
    """The whole page, rendered once for all anonymous visitors; rendered afresh (around cached
    fragments) for a signed-in one. Each visitor's own CSRF token goes in on the way out."""
    if is_anonymous_visit(request):
        key = f"page:{MARKUP_VERSION}:{key}"
        html = cache.get(key)
        if html is None:
            html = render_page(request, template, context())
            cache.set(key, html, CACHE_SECONDS)
    else:
        html = render_page(request, template, context())
    if CSRF_PLACEHOLDER in html:
        html = html.replace(CSRF_PLACEHOLDER, get_token(request))
    response = HttpResponse(html)
    # A served copy never reads the session, which would have said this; but the page does
    # depend on the cookies, and an HTTP cache on the way must know it.
    patch_vary_headers(response, ["Cookie"])
    return response


def render_page(request: HttpRequest, template: str, context: dict[str, Any]) -> str:
    return render_to_string(template, {**context, "csrf_token": CSRF_PLACEHOLDER}, request)
