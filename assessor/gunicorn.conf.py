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
# Everything on stdout, beside Django's own log lines: one line per request, and
# gunicorn's start, stop and worker messages ("-" would send those to stderr).
accesslog = "-"
errorlog = "/dev/stdout"
# Access lines carry only a short prefix of a result's or an invitation's address.
logger_class = "assessor.log.GunicornLogger"
