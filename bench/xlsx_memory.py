"""`make bench-xlsx`: the memory and time of the matrix's .xlsx download for a company of 10,000
people with 3 results each (SQLite), which must stay within 300 MB.

The database is seeded as `make bench` seeds it; the download is then made in a fresh process,
through the site's own view, so the peak is what one request costs a server process.
"""

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from bench.run import PYTHON, ROOT, bench_environment, prepare_database

MAX_PEAK_MIB = 300


def measure(slug: str) -> dict:
    """One download of the workbook: Python's peak allocation during it (tracemalloc), the
    process's peak resident size (ru_maxrss, which includes Django itself), time and size."""
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.test import Client

    # The host the benchmark's settings allow (DJANGO_SITE_URL's).
    client = Client(HTTP_HOST="127.0.0.1:8000")
    client.force_login(User.objects.get(username="bench-manager"))
    before_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    started = time.perf_counter()
    response = client.get(f"/manage/{slug}/results.xlsx")
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert response.status_code == 200, response.status_code
    return {
        "status": response.status_code,
        "seconds_under_tracemalloc": round(seconds, 2),
        "bytes": len(response.content),
        "tracemalloc_peak_mib": round(peak / 2**20, 1),
        "maxrss_before_mib": round(before_kib / 1024, 1),
        "maxrss_after_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--results-per-person", type=int, default=3)
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return
    with tempfile.TemporaryDirectory() as folder:
        env = bench_environment(f"sqlite:///{Path(folder) / 'xlsx.sqlite3'}")
        seeded = prepare_database(env, args.people, args.results_per_person)
        run = subprocess.run(
            [PYTHON, "-m", "bench.xlsx_memory", "--measure", seeded["slug"]],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
    if run.returncode:
        sys.exit(run.stderr)
    figures = json.loads(run.stdout.strip().splitlines()[-1])
    print(f"{args.people} people x {args.results_per_person} results: {json.dumps(figures)}")
    if figures["maxrss_after_mib"] > MAX_PEAK_MIB:
        sys.exit(f"The .xlsx download took more than {MAX_PEAK_MIB} MB.")


if __name__ == "__main__":
    main()
