"""The site's one cache: rendered HTML, under a key that names everything the text depends on.

A key is the caller's own part (the ids and fingerprints of the rows the text shows) plus, added
here, the release, the active language and the time zone. A change to any of them makes a new
key rather than needing an invalidation every worker would have to hear about, so an entry is
never stale, only unused; nothing cached may hold a CSRF token or anything else of the visitor.

An unused entry still holds what it showed, though, and an erased result must not linger there:
every entry stored is listed, so that forget_cached_html() deletes them all.
"""

import hashlib
import itertools
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

CACHE_SECONDS = 24 * 60 * 60
# The listing of stored entries: per hour, a counter taken atomically (so workers storing at
# once never overwrite each other's line) and one line per entry naming its key. An entry lives
# CACHE_SECONDS, so the lines of the last day's hours name every entry that may still be there.
LISTING = "html-stored"
HOUR = 60 * 60
LISTING_SECONDS = CACHE_SECONDS + HOUR
FORGET_BATCH = 1000
# What decides how a page renders: the templates, the Python that builds their context, the
# translation catalogues that word it (compiled .mo is what gettext reads; the .po is hashed too
# so a catalogue edited but not yet compiled still names a new release) and the static files
# whose hashed names the pages print.
SOURCE_PATTERNS = ("*.py", "*.html", "*.txt", "*.po", "*.mo", "*.css", "*.js")
# Installed packages whose templates and catalogues pages render with (Django's form errors,
# widgets and dates come from its own .mo files, not ours).
RENDERING_PACKAGES = ("assessor", "django")
# Top-level folders that hold no page's source (and would be slow to walk).
NOT_SOURCE = {".venv", ".git", ".hypothesis", "tests", "bench", "staticfiles", "node_modules"}


def release_fingerprint(root: Path = settings.BASE_DIR) -> str:
    """The versions of the packages pages render with and a hash of every template, source file,
    translation catalogue and static file, taken at start-up, so a shared cache never serves one
    release's markup or wording to another."""
    digest = hashlib.sha256()
    for package in RENDERING_PACKAGES:
        digest.update(f"{package}=={metadata.version(package)}\n".encode())
    folders = [child for child in root.iterdir() if child.is_dir() and child.name not in NOT_SOURCE]
    for folder in sorted(folders):
        for pattern in SOURCE_PATTERNS:
            for path in sorted(folder.rglob(pattern)):
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


RELEASE = release_fingerprint()


def release(request: HttpRequest) -> dict[str, str]:
    """A context processor: the release, which keys the page frame's `{% cache %}` fragments
    (base.html), so a new release draws them anew."""
    return {"RELEASE": RELEASE}


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
        list_entry(full_key)
        cache.set(full_key, html, CACHE_SECONDS)
    return mark_safe(html)


def listing_counter(hour: int) -> str:
    return f"{LISTING}:{hour}"


def list_entry(full_key: str) -> None:
    counter = listing_counter(int(time.time() // HOUR))
    cache.add(counter, 0, LISTING_SECONDS)
    try:
        line = cache.incr(counter)
    except ValueError:  # The counter expired between add() and incr().
        cache.set(counter, line := 1, LISTING_SECONDS)
    cache.set(f"{counter}:{line}", full_key, LISTING_SECONDS)


def forget_cached_html() -> None:
    """Delete every rendered entry (all of them: erasures are rare, and a page drawn again once
    costs less than knowing every page that showed a result). Only an entry a worker is storing
    at this very moment may stay; its key names the rows as they were, so it is never read."""
    now = int(time.time() // HOUR)
    counters = [listing_counter(hour) for hour in range(now - LISTING_SECONDS // HOUR, now + 1)]
    lines = (
        f"{counter}:{line}"
        for counter, count in cache.get_many(counters).items()
        for line in range(1, count + 1)
    )
    while batch := list(itertools.islice(lines, FORGET_BATCH)):
        cache.delete_many([*cache.get_many(batch).values(), *batch])
