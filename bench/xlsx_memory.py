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


def measure(slug: str, *, traced: bool) -> dict:
    """One download of the workbook: the process's peak resident size (ru_maxrss, Django
    included), time and size; or, traced, Python's peak allocation during it (tracemalloc, whose
    own bookkeeping inflates the resident size and the time, hence a run of its own)."""
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.test import Client

    # The host the benchmark's settings allow (DJANGO_SITE_URL's).
    client = Client(HTTP_HOST="127.0.0.1:8000")
    client.force_login(User.objects.get(username="bench-manager"))
    before_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if traced:
        tracemalloc.start()
    started = time.perf_counter()
    response = client.get(f"/manage/{slug}/results.xlsx")
    seconds = time.perf_counter() - started
    assert response.status_code == 200, response.status_code
    if traced:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return {"tracemalloc_peak_mib": round(peak / 2**20, 1)}
    return {
        "seconds": round(seconds, 2),
        "bytes": len(response.content),
        "maxrss_before_mib": round(before_kib / 1024, 1),
        "maxrss_after_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--results-per-person", type=int, default=3)
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--traced", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, traced=args.traced)))
        return
    with tempfile.TemporaryDirectory() as folder:
        env = bench_environment(f"sqlite:///{Path(folder) / 'xlsx.sqlite3'}")
        seeded = prepare_database(env, args.people, args.results_per_person)
        figures = {}
        for extra in [[], ["--traced"]]:
            run = subprocess.run(
                [PYTHON, "-m", "bench.xlsx_memory", "--measure", seeded["slug"], *extra],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
            )
            if run.returncode:
                sys.exit(run.stderr)
            figures.update(json.loads(run.stdout.strip().splitlines()[-1]))
    print(f"{args.people} people x {args.results_per_person} results: {json.dumps(figures)}")
    if figures["maxrss_after_mib"] > MAX_PEAK_MIB:
        sys.exit(f"The .xlsx download took more than {MAX_PEAK_MIB} MB.")


if __name__ == "__main__":
    main()
