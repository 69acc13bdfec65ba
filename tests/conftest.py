"""pytest glue: Django's @tag("...") on a test becomes a pytest marker of the same name.

So one decorator serves both runners: `pytest -m "not load"` and
`python manage.py test --exclude-tag load` leave out the same tests.
"""

import pytest
from django.core.cache import cache


def pytest_collection_modifyitems(items):
    for item in items:
        tags = getattr(item.cls, "tags", set()) | getattr(item.obj, "tags", set())
        for tag in sorted(tags):
            item.add_marker(tag)


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache, as under `manage.py test` (see tests/runner.py)."""
    cache.clear()
