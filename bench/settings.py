"""Settings for the benchmark: the production settings, plus a URL map with the floor view."""

from assessor.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
