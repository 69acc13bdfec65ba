"""`make bench`: requests per second of each page against the floor, through gunicorn and wrk,
on SQLite and on PostgreSQL in one run.

Each page is measured alternately with the floor in the same run, so a noisy machine slows
both alike; the figure that counts is the median over the rounds of page/floor.
"""

import argparse
import json
import os
import platform
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
# The lowest acceptable ratio page/floor, per database (issue 20). The personal link is the
# round's answer form for one member; the round page, a round of 200, weighs like the matrix.
# A colleague's review form weighs like the answer form, and a result page with the managers'
# and colleagues' reviews like a result page (issue 22).
TARGETS = {
    "SQLite": {
        "form": 0.35,
        "review form": 0.35,
        "results": 0.35,
        "results with reviews": 0.35,
        "post": 0.25,
        "personal link": 0.3,
        "matrix": 0.1,
        "round": 0.1,
    },
    "PostgreSQL": {
        "form": 0.28,
        "review form": 0.28,
        "results": 0.28,
        "results with reviews": 0.28,
        "post": 0.17,
        "personal link": 0.25,
        "matrix": 0.08,
        "round": 0.08,
    },
}
MIN_CSV_ROWS_PER_SECOND = 20_000
# 200 KB of HTML for a page of the matrix (issues 20 and 23).
MAX_MATRIX_KIB = 200_000 / 1024
# The matrix at company size (issue 23): people measured by `make bench-scaling`, with three
# results each; the first (uncached) request for a page under 400 ms at 10,000 people, growing
# at most x2 from 1,000 to 10,000.
SCALING_PEOPLE = (1_000, 10_000, 50_000)
SCALING_RESULTS_PER_PERSON = 3
MAX_UNCACHED_MS = 400
MAX_GROWTH = 2.0
UNCACHED_REQUESTS = 5
# The sections of docs/performance.md that a run of `make bench` leaves as they are.
KEPT = ("## How the", "## Profile")
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/test"


@dataclass
class Page:
    name: str
    path: str
    method: str = "GET"
    body: str = ""
    cookie: str = ""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_environment(database_url: str) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_DEBUG="0",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SITE_URL="http://127.0.0.1:8000",
        DJANGO_DEFAULT_FROM_EMAIL="assessor@localhost",
        DATABASE_URL=database_url,
        # The benchmark is one client sending thousands of answers: no abuse limit applies.
        ASSESSOR_SUBMIT_RATE="off",
    )
    return env


def prepare_database(env: dict, people: int, results_per_person: int) -> dict:
    subprocess.run(
        [PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    # DEBUG off serves hashed static file names, which only collectstatic writes.
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    seeded = subprocess.run(
        [
            PYTHON,
            "-m",
            "bench.seed",
            "--people",
            str(people),
            "--results-per-person",
            str(results_per_person),
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    # The figures are the last line: sign-in and other log lines may come before them.
    return json.loads(seeded.stdout.strip().splitlines()[-1])


class Server:
    """gunicorn with 2 sync workers, as the production-like stack runs it."""

    def __init__(self, env: dict) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "assessor.wsgi:application",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.url}/__floor__/", timeout=1).read()
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("gunicorn did not start within 30 s")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def form_post_page(server: Server, seeded: dict) -> Page:
    """A valid submission: the CSRF cookie and the token from a real form page."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(f"{server.url}/assessment/?v={seeded['slug']}").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    fields = [("v", seeded["slug"]), ("name", "Benchmark Person"), ("csrfmiddlewaretoken", token)]
    fields += [(slug, "3") for slug in seeded["categories"]]
    fields += [(f"{seeded['categories'][0]}-levelup", "on")]
    body = urllib.parse.urlencode(fields)
    return Page("post", "/assessment/", method="POST", body=body, cookie=cookie)


def wrk(server: Server, page: Page, seconds: int, connections: int = 4) -> tuple[float, int]:
    """Requests per second and the number of non-2xx/3xx answers."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(f"wrk.method = {json.dumps(page.method)}\n")
        if page.body:
            script.write(f"wrk.body = {json.dumps(page.body)}\n")
            script.write('wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n')
        if page.cookie:
            script.write(f'wrk.headers["Cookie"] = {json.dumps(page.cookie)}\n')
    try:
        output = subprocess.run(
            [
                "wrk",
                "-t",
                "2",
                "-c",
                str(connections),
                "-d",
                f"{seconds}s",
                "-s",
                script.name,
                f"{server.url}{page.path}",
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    finally:
        os.unlink(script.name)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return rps, int(bad.group(1)) if bad else 0


def csv_rows_per_second(server: Server, seeded: dict, rows: int, repeats: int = 5) -> float:
    request = urllib.request.Request(
        f"{server.url}/manage/{seeded['slug']}/results.csv",
        headers={"Cookie": seeded["session_cookie"]},
    )
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        with urllib.request.urlopen(request) as response:
            lines = response.read().count(b"\n") - 1
        timings.append(time.perf_counter() - started)
    if lines != rows:
        raise RuntimeError(f"the CSV had {lines} rows, expected {rows}")
    return rows / statistics.median(timings)


def matrix_kib(server: Server, seeded: dict) -> float:
    request = urllib.request.Request(
        f"{server.url}/manage/{seeded['slug']}/", headers={"Cookie": seeded["session_cookie"]}
    )
    with urllib.request.urlopen(request) as response:
        return len(response.read()) / 1024


def measure_pages(args: argparse.Namespace, database: str, database_url: str) -> dict:
    """Every page's ratio to the floor, the CSV export's speed and the matrix page's size."""
    env = bench_environment(database_url)
    seeded = prepare_database(env, args.people, args.results_per_person)
    server = Server(env)
    try:
        # The CSV first, while the database holds exactly the seeded results.
        rows = seeded["result_count"]
        figures = {
            "csv": csv_rows_per_second(server, seeded, rows),
            "matrix_kib": matrix_kib(server, seeded),
        }
        session = seeded["session_cookie"]
        pages = [
            Page("form", f"/assessment/?v={seeded['slug']}"),
            Page("results", f"/results/{seeded['result']}/"),
            Page("review form", f"/r/{seeded['review']}/"),
            Page("results with reviews", f"/results/{seeded['reviewed_result']}/"),
            Page("matrix", f"/manage/{seeded['slug']}/", cookie=session),
            Page("personal link", f"/i/{seeded['invitation']}/"),
            Page("round", f"/manage/rounds/{seeded['round']}/", cookie=session),
            # Last: every submission adds a result, and so changes what the others read.
            form_post_page(server, seeded),
        ]
        figures["pages"] = [
            measure_against_floor(server, page, args, target=TARGETS[database].get(page.name))
            for page in pages
        ]
        return figures
    finally:
        server.stop()


def measure_against_floor(
    server: Server, page: Page, args: argparse.Namespace, *, target: float | None
) -> dict:
    """Floor and page in turn, `args.rounds` times; the median ratio is the figure."""
    floor = Page("floor", "/__floor__/")
    page_rps, floor_rps, errors = [], [], 0
    for _ in range(args.rounds):
        floor_rps.append(wrk(server, floor, args.seconds)[0])
        rps, bad = wrk(server, page, args.seconds)
        page_rps.append(rps)
        errors += bad
    ratios = [p / f for p, f in zip(page_rps, floor_rps, strict=True)]
    return {
        "page": page.name,
        "ratio": statistics.median(ratios),
        "page_rps": statistics.median(page_rps),
        "floor_rps": statistics.median(floor_rps),
        "errors": errors,
        "target": target,
    }


def uncached_ms(server: Server, seeded: dict, path: str) -> float:
    """The median time of requests that each miss the cache: every one asks for another
    coverage minimum, which is part of the page's key, so each is drawn from the database."""
    timings = []
    for minimum in range(UNCACHED_REQUESTS):
        request = urllib.request.Request(
            f"{server.url}{path}{'&' if '?' in path else '?'}min={100 + minimum}",
            headers={"Cookie": seeded["session_cookie"]},
        )
        started = time.perf_counter()
        with urllib.request.urlopen(request) as response:
            response.read()
        timings.append(time.perf_counter() - started)
    return 1000 * statistics.median(timings)


def page_kib(server: Server, seeded: dict, path: str) -> float:
    request = urllib.request.Request(
        f"{server.url}{path}", headers={"Cookie": seeded["session_cookie"]}
    )
    with urllib.request.urlopen(request) as response:
        return len(response.read()) / 1024


def measure_scaling(args: argparse.Namespace, make_database) -> list[dict]:
    """Per number of people: the first request of a page of the matrix (uncached; the first
    page, a page in the middle, one team), the biggest page's size and the CSV's speed."""
    table = []
    for people in args.scaling_people:
        env = bench_environment(make_database(f"scale{people}"))
        seeded = prepare_database(env, people, SCALING_RESULTS_PER_PERSON)
        server = Server(env)
        slug = seeded["slug"]
        middle = max(1, people // 200)
        try:
            rows = seeded["result_count"]
            table.append(
                {
                    "people": people,
                    "first_page_ms": uncached_ms(server, seeded, f"/manage/{slug}/"),
                    "middle_page_ms": uncached_ms(server, seeded, f"/manage/{slug}/?page={middle}"),
                    "team_ms": uncached_ms(server, seeded, f"/manage/{slug}/?team=bench-team"),
                    "kib": page_kib(server, seeded, f"/manage/{slug}/"),
                    # The median of three, as a single download measures the machine's moment.
                    "csv": csv_rows_per_second(server, seeded, rows, repeats=3),
                    "rows": rows,
                }
            )
        finally:
            server.stop()
        print(scaling_report(table), flush=True)
    return table


def machine() -> str:
    return f"{os.cpu_count()} cores, Python {platform.python_version()}"


def verdict(met: bool) -> str:
    return "met" if met else "NOT met"


def page_report(by_database: dict[str, dict]) -> str:
    """One table, the databases side by side: ratio (target, verdict), page and floor req/s."""
    databases = list(by_database)
    header = "| page | " + " | ".join(f"{db} ratio | {db} req/s (floor)" for db in databases)
    lines = [header + " |", "| --- |" + " --- | --- |" * len(databases)]
    names = [row["page"] for row in next(iter(by_database.values()))["pages"]]
    for index, name in enumerate(names):
        cells = []
        for figures in by_database.values():
            row = figures["pages"][index]
            target = row["target"]
            judged = f" (>= {target}, {verdict(row['ratio'] >= target)})" if target else ""
            errors = f", {row['errors']} errors" if row["errors"] else ""
            cells.append(f"{row['ratio']:.2f}{judged}")
            cells.append(f"{row['page_rps']:,.0f} ({row['floor_rps']:,.0f}){errors}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    csv_cells, size_cells = [], []
    for figures in by_database.values():
        rate = figures["csv"]
        csv_cells += [
            f"{rate:,.0f} rows/s (>= {MIN_CSV_ROWS_PER_SECOND:,}, "
            f"{verdict(rate >= MIN_CSV_ROWS_PER_SECOND)})",
            "",
        ]
        kib = figures["matrix_kib"]
        size_cells += [f"{kib:,.0f} KiB (< {MAX_MATRIX_KIB}, {verdict(kib < MAX_MATRIX_KIB)})", ""]
    lines.append("| CSV export | " + " | ".join(csv_cells) + " |")
    lines.append("| matrix HTML | " + " | ".join(size_cells) + " |")
    return "\n".join(lines)


def scaling_report(table: list[dict]) -> str:
    """The uncached page's time (the slowest of the first page, a middle page and one team's),
    its growth from the first number of people, its size and the CSV export's speed."""
    lines = [
        "| people | first page ms | middle page ms | one team ms | growth vs first | page KiB "
        "| CSV rows/s |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    base = None
    for row in table:
        slowest = max(row["first_page_ms"], row["middle_page_ms"], row["team_ms"])
        growth = ""
        if base is None:
            base = slowest
        else:
            factor = slowest / base
            judged = f" (<= x{MAX_GROWTH:g} to 10,000, {verdict(factor <= MAX_GROWTH)})"
            growth = f"x{factor:.1f}" + (judged if row["people"] == 10_000 else "")
        timed = [f"{row[key]:,.0f}" for key in ("first_page_ms", "middle_page_ms", "team_ms")]
        if row["people"] == 10_000:
            timed = [
                f"{ms} (< {MAX_UNCACHED_MS}, {verdict(slowest < MAX_UNCACHED_MS)})"
                if index == 0
                else ms
                for index, ms in enumerate(timed)
            ]
        kib = f"{row['kib']:,.0f} ({verdict(row['kib'] < MAX_MATRIX_KIB)})"
        csv = f"{row['csv']:,.0f} over {row['rows']:,} rows"
        if row["rows"] >= 30_000:
            csv += f" ({verdict(row['csv'] >= MIN_CSV_ROWS_PER_SECOND)})"
        lines.append(f"| {row['people']:,} | " + " | ".join([*timed, growth, kib, csv]) + " |")
    return "\n".join(lines)


def replace_section(document: str, heading: str, body: str) -> str:
    """The document with the section under `heading` (up to the next "## ") replaced, or
    added at the end: other runs' sections stay as they are."""
    section = f"{heading}\n\n{body}\n"
    pattern = re.compile(rf"^{re.escape(heading)}\n.*?(?=^## |\Z)", re.DOTALL | re.MULTILINE)
    if pattern.search(document):
        return pattern.sub(lambda _: section + "\n", document, count=1).rstrip() + "\n"
    return document.rstrip() + "\n\n" + section


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--scaling",
        action="store_true",
        help="only the matrix at company size (1,000 / 10,000 / 50,000 people)",
    )
    parser.add_argument(
        "--scaling-people", type=int, nargs="+", default=list(SCALING_PEOPLE), metavar="N"
    )
    parser.add_argument("--databases", nargs="+", default=["SQLite", "PostgreSQL"])
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--results-per-person", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=3)
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "performance.md")
    args = parser.parse_args()
    # The scaling run times single requests itself; the pages' run needs wrk.
    if not args.scaling and not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk (make bench does this)")
    postgres_url = os.environ.get("POSTGRES_URL", DEFAULT_POSTGRES_URL)
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    with tempfile.TemporaryDirectory(prefix="assessor-bench-") as directory:
        every_database = {
            "SQLite": lambda label: f"sqlite:///{directory}/{label}.sqlite3",
            "PostgreSQL": lambda label: recreate_postgres_database(
                postgres_url, f"assessor_bench_{label}"
            ),
        }
        databases = {name: every_database[name] for name in args.databases}
        if args.scaling:
            write_scaling(args, databases, when)
            return
        sections = [f"# Performance\n\nLatest `make bench` run: {when}, {machine()}."]
        pages = {
            database: measure_pages(args, database, make_database("pages"))
            for database, make_database in databases.items()
        }
        sections.append(
            f"## Pages against the floor\n\n{args.people} people with {args.results_per_person} "
            f"results each; 12 categories x 5 ratings; gunicorn with 2 sync workers, DEBUG off; "
            f"wrk, 2 threads, 4 connections, {args.seconds} s per measurement, "
            f"{args.rounds} rounds alternating page and floor; the ratio is the median of the "
            f"rounds' page/floor.\n\n{page_report(pages)}"
        )
    report = "\n\n".join(sections) + "\n"
    print(report)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    previous = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
    # Sections written apart stay below the new figures: the scaling sections of an earlier
    # `make bench-scaling`, and the profile of each page, which people write.
    kept = [part for part in re.split(r"(?m)^(?=## )", previous) if part.startswith(KEPT)]
    args.output.write_text(report + "".join(f"\n{part.rstrip()}\n" for part in kept), "utf-8")


def write_scaling(args: argparse.Namespace, databases: dict, when: str) -> None:
    """`make bench-scaling`: one section per database in docs/performance.md, replacing that
    database's earlier one and leaving every other section as it is."""
    args.output.parent.mkdir(parents=True, exist_ok=True)
    for database, make_database in databases.items():
        table = measure_scaling(args, make_database)
        body = (
            f"`make bench-scaling`, {when}, {machine()}. One assessment of 12 categories x 5 "
            f"ratings, {SCALING_RESULTS_PER_PERSON} results per person, every person a member of "
            "one team, three in four of them through its round; gunicorn with 2 sync workers, "
            "DEBUG off, signed in as a superuser. Each time is the median "
            f"of {UNCACHED_REQUESTS} requests that each miss the cache "
            "(another `?min=`), so the page is drawn from the database every time: the first "
            "page, a page in the middle (`?page=`) and one team's (`?team=`). Targets at "
            f"10,000 people: under {MAX_UNCACHED_MS} ms, at most x{MAX_GROWTH:g} the time at "
            f"1,000, every page under {MAX_MATRIX_KIB * 1024 / 1000:.0f} KB; the CSV export of "
            f"every result at least {MIN_CSV_ROWS_PER_SECOND:,} rows/s (the median of three "
            "downloads). The seeded database is settled first (PostgreSQL's `VACUUM ANALYZE`, "
            "SQLite's `ANALYZE`), as a running site's would be.\n\n"
            f"{scaling_report(table)}"
        )
        document = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        document = document or "# Performance\n"
        heading = f"## How the matrix grows ({database})"
        args.output.write_text(replace_section(document, heading, body), encoding="utf-8")
        print(f"{heading}\n\n{body}")


def recreate_postgres_database(url: str, name: str) -> str:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return url.rsplit("/", 1)[0] + f"/{name}"


if __name__ == "__main__":
    main()
