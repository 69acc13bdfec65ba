"""The site's one cache: rendered HTML, under a key that names everything the text depends on.

A key is the caller's own part (the ids and fingerprints of the rows the text shows) plus, added
here, the release, the active language and the time zone. A change to any of them makes a new
key rather than needing an invalidation every worker would have to hear about, so an entry is
never stale, only unused; nothing cached may hold a CSRF token or anything else of the visitor.
"""

import hashlib
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

CACHE_SECONDS = 24 * 60 * 60
# What decides how a page renders: the templates and the Python that builds their context.
SOURCE_PATTERNS = ("*.py", "*.html")
# Top-level folders that hold no page's source (and would be slow to walk).
NOT_SOURCE = {".venv", ".git", ".hypothesis", "tests", "bench", "staticfiles", "node_modules"}


def release_fingerprint(root: Path = settings.BASE_DIR) -> str:
    """The package version and a hash of every template and source file, taken at start-up, so a
    shared cache never serves one release's markup to another."""
    digest = hashlib.sha256(metadata.version("assessor").encode())
    folders = [child for child in root.iterdir() if child.is_dir() and child.name not in NOT_SOURCE]
    for folder in sorted(folders):
        for pattern in SOURCE_PATTERNS:
            for path in sorted(folder.rglob(pattern)):
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


RELEASE = release_fingerprint()


def cached_html(*, key: str, template: str, context: Callable[[], dict[str, Any]]) -> SafeString:
    """`template` rendered with `context()`, from the cache when this key was rendered before."""
    full_key = ":".join(
        [
            "html",
            RELEASE,
            translation.get_language() or settings.LANGUAGE_CODE,
            timezone.get_current_timezone_name(),
            key,
        ]
    )
    html = cache.get(full_key)
    if html is None:
        html = render_to_string(template, context())
        cache.set(full_key, html, CACHE_SECONDS)
    return mark_safe(html)
