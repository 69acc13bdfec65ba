"""gunicorn's settings for `make serve` and deployments; the environment can change each one."""

import multiprocessing
import os

wsgi_app = "assessor.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers handle one request each and spend most of it waiting on the
# database, so two per core plus one keeps the cores busy.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1))
# A worker stuck this long is killed and replaced.
timeout = 30
# One line per request on stdout, beside Django's own log lines; gunicorn's
# start, stop and worker messages go to stderr.
accesslog = "-"
errorlog = "-"
