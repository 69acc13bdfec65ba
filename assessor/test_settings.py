"""Settings for the test suite: the real settings with fast hashing and an in-memory cache."""

import os
import secrets

# Tests run with DEBUG off, as production does, so they need what production requires.
os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
os.environ.setdefault("DJANGO_SITE_URL", "http://127.0.0.1:8000")
os.environ.setdefault("DJANGO_DEFAULT_FROM_EMAIL", "assessor@localhost")

from assessor.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # As in production (the page frame's fragments); emptied with the default for every test.
    "template_fragments": template_fragments,  # noqa: F405
    # The limits' own table, as without Redis in production; each test's rows roll back.
    "limits": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "limits_counters",
    },
}
TEST_RUNNER = "tests.runner.EmptyCachePerTestRunner"
# collectstatic is for deployments; the tests serve static files from the
# source folders, as `make run` does.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# The test client speaks plain HTTP; the redirect has its own tests.
SECURE_SSL_REDIRECT = False
# Emails land in django.core.mail.outbox, sent as soon as the request's transaction commits.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Code outside this repository sends thousands of answers from one address and signs in with
# the test client's login(); the limits' own tests turn them on with override_settings.
SUBMIT_RATE = None
AXES_ENABLED = False
