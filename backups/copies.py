"""Consistent copies of the site's database, taken while it serves, and their restore.

SQLite is copied through its online backup API (a snapshot readers and writers carry on
beside), PostgreSQL through pg_dump's custom format and restored with pg_restore in one
transaction. A copy is written next to its final name and renamed into place only once whole,
so a failure never leaves a partial file under the name asked for.
"""

import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.core.management.base import CommandError
from django.db import DatabaseError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.postgresql.client import DatabaseClient

SQLITE_HEADER = b"SQLite format 3\x00"
PG_DUMP_HEADER = b"PGDMP"
CLIENT_TOOLS = (
    "install PostgreSQL's client tools of the server's major version or newer "
    "(Debian: apt-get install postgresql-client)"
)


def engine_of(connection: BaseDatabaseWrapper) -> str:
    if connection.vendor not in {"sqlite", "postgresql"}:
        raise CommandError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")
    return connection.vendor


KIND_NAMES = {"sqlite": "an SQLite", "postgresql": "a PostgreSQL"}


def describe(connection: BaseDatabaseWrapper) -> str:
    return f"{KIND_NAMES[connection.vendor]} database, {connection.settings_dict['NAME']}"


@contextmanager
def written_in_place(destination: Path) -> Iterator[Path]:
    """A temporary path beside `destination`, renamed to it only if the block succeeds."""
    if not destination.parent.is_dir():
        raise CommandError(f"There is no folder {destination.parent} to write the backup in.")
    handle, temporary = tempfile.mkstemp(
        dir=destination.parent, prefix=f".{destination.name}.", suffix=".partial"
    )
    os.close(handle)
    try:
        yield Path(temporary)
        os.replace(temporary, destination)
    finally:
        Path(temporary).unlink(missing_ok=True)


def backup_database(*, connection: BaseDatabaseWrapper, destination: Path) -> None:
    """Write a consistent copy of the database to `destination`."""
    engine = engine_of(connection)
    with written_in_place(destination) as temporary:
        if engine == "sqlite":
            try:
                backup_sqlite(connection=connection, destination=temporary)
            except (sqlite3.Error, DatabaseError) as error:
                raise CommandError(f"The SQLite backup failed: {error}") from error
        else:
            run_client(
                "pg_dump",
                ["--format=custom", f"--file={temporary}"],
                connection=connection,
            )


def backup_sqlite(*, connection: BaseDatabaseWrapper, destination: Path) -> None:
    connection.ensure_connection()
    copy = sqlite3.connect(destination)
    try:
        # One step: a snapshot of one moment, while other connections keep reading and writing.
        connection.connection.backup(copy)
        # A backup file stands alone, with no write-ahead log beside it.
        copy.execute("PRAGMA journal_mode=DELETE")
    finally:
        copy.close()


def restore_database(*, connection: BaseDatabaseWrapper, source: Path, force: bool) -> int:
    """Load a backup into the configured database; returns how many tables it now has.

    Only into an empty database (no tables: a new SQLite file or a newly created PostgreSQL
    database) unless `force`, since a restore replaces what is there.
    """
    engine = engine_of(connection)
    if not source.is_file():
        raise CommandError(f"There is no backup file {source}.")
    kind = backup_kind(source)
    if kind != engine:
        raise CommandError(
            f"{source} is {'not a backup' if kind is None else f'{KIND_NAMES[kind]} backup'}, "
            f"but DATABASE_URL names {describe(connection)}."
        )
    tables = connection.introspection.table_names()
    if tables and not force:
        raise CommandError(
            f"There are {len(tables)} tables in {describe(connection)}; restore only into an "
            "empty database (a new SQLite file, or a newly created PostgreSQL database with no "
            "migrate run), or pass --force to replace what is there."
        )
    if engine == "sqlite":
        restore_sqlite(connection=connection, source=source)
    else:
        options = ["--no-owner", "--exit-on-error", "--single-transaction"]
        if tables:
            options += ["--clean", "--if-exists"]
        connection.close()
        run_client("pg_restore", [*options, str(source)], connection=connection)
    connection.close()
    return len(connection.introspection.table_names())


def restore_sqlite(*, connection: BaseDatabaseWrapper, source: Path) -> None:
    connection.ensure_connection()
    backup = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        backup.backup(connection.connection)
    finally:
        backup.close()


def backup_kind(path: Path) -> str | None:
    with path.open("rb") as file:
        start = file.read(len(SQLITE_HEADER))
    if start.startswith(SQLITE_HEADER):
        return "sqlite"
    if start.startswith(PG_DUMP_HEADER):
        return "postgresql"
    return None


def run_client(program: str, options: list[str], *, connection: BaseDatabaseWrapper) -> None:
    """pg_dump or pg_restore against the configured database, its password in the environment."""
    executable = shutil.which(program)
    if executable is None:
        raise CommandError(f"{program} was not found: {CLIENT_TOOLS}.")
    settings_dict = connection.settings_dict
    # Django's own psql settings give the password, SSL and service options as libpq variables.
    _, environment = DatabaseClient.settings_to_cmd_args_env(settings_dict, [])
    arguments = [f"--dbname={settings_dict['NAME']}"]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings_dict.get(key):
            arguments.append(f"{flag}={settings_dict[key]}")
    outcome = subprocess.run(
        [executable, *options, *arguments],
        env={**os.environ, **(environment or {})},
        capture_output=True,
        text=True,
        check=False,
    )
    if outcome.returncode:
        raise CommandError(f"{program} failed: {outcome.stderr.strip()}")
