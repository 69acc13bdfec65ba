"""Page content rendered once and kept in the cache under a key that names everything it shows.

Keys carry a fingerprint of their inputs (a result's id, an assessment's definition, the
latest result's id and the count), so a change makes a new key rather than needing an
invalidation that every worker process would have to hear about: a cache entry is never
stale, only unused. Fragments hold no CSRF token and nothing about the visitor.
"""

from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

CACHE_SECONDS = 24 * 60 * 60
# Bump when a cached template changes, so a shared cache never serves an older release's markup.
MARKUP_VERSION = 1


def cached_fragment(
    *, key: str, template: str, context: Callable[[], dict[str, Any]]
) -> SafeString:
    """The rendered template from the cache, rendering (and storing) it when it is not there."""
    key = f"fragment:{MARKUP_VERSION}:{key}"
    markup = cache.get(key)
    if markup is None:
        markup = render_to_string(template, context())
        cache.set(key, markup, CACHE_SECONDS)
    return mark_safe(markup)
