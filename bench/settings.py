"""Settings for the benchmark: the production settings, plus a URL map with the floor view."""

from assessor.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
# wrk sends every submission from one address: the benchmark measures the page, not the limit.
SUBMIT_RATE = None
