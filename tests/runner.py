"""The runner `manage.py test` uses: Django's own, with empty caches for every test, and
the site's language active again after it (a request with Accept-Language leaves its own).

Cached pages are keyed by what they show, so a test never sees a wrong page; but a test that
counts queries or reads the response's context must see the uncached path unless it warms the
cache itself. pytest does the same through the fixture in tests/conftest.py.
"""

from django.conf import settings
from django.core.cache import cache, caches
from django.test.runner import DiscoverRunner
from django.test.utils import iter_test_cases
from django.utils import translation


class EmptyCachePerTestRunner(DiscoverRunner):
    def build_suite(self, *args, **kwargs):
        suite = super().build_suite(*args, **kwargs)
        for test in iter_test_cases(suite):
            # Cleanups run after each test, so the next one starts with an empty cache.
            test.addCleanup(cache.clear)
            test.addCleanup(caches["template_fragments"].clear)
            test.addCleanup(translation.activate, settings.LANGUAGE_CODE)
        return suite
