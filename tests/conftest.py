"""pytest glue: Django's @tag("...") on a test becomes a pytest marker of the same name.

So one decorator serves both runners: `pytest -m "not load"` and
`python manage.py test --exclude-tag load` leave out the same tests.
"""

import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.utils import translation


def pytest_collection_modifyitems(items):
    for item in items:
        tags = getattr(item.cls, "tags", set()) | getattr(item.obj, "tags", set())
        for tag in sorted(tags):
            item.add_marker(tag)


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with empty caches (the page frame's too), as under `manage.py test`
    (see tests/runner.py)."""
    cache.clear()
    caches["template_fragments"].clear()


@pytest.fixture(autouse=True)
def site_language():
    """Every test starts in the site's language: a request with Accept-Language leaves its
    language active in the thread, and a test run after it would read its messages."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
