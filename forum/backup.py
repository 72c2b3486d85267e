"""``flask backup``: a consistent copy of the database and the uploads, taken while serving.

On SQLite the copy is made with SQLite's online backup API (``sqlite3.Connection.backup``):
it reads one consistent snapshot of the database through SQLite's own locking, so
writers carry on (WAL mode) and a transaction is in the copy either whole or not at all.
Copying the file with ``cp`` instead can catch it between a write to the WAL and the
checkpoint, or miss the WAL altogether.

Each backup is a directory ``redress-<UTC time>/`` under ``--dest`` (default
``<instance>/backups``) holding ``redress.sqlite3``, ``uploads/`` (when the instance has an
uploads folder) and ``manifest.json`` (time, row counts, integrity check). It is written
under a ``.partial`` name and renamed when complete, so a directory without that suffix is
always a whole backup. The search index is not copied: ``flask search rebuild`` recreates
it from the database. Restoring is described step by step in ``docs/deploy.md``.

With PostgreSQL nothing is dumped: the command prints the ``pg_dump`` command to use.
"""

import json
import os
import shlex
import shutil
import sqlite3
from datetime import UTC, datetime

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy.engine import make_url

from forum.extensions import db

DATABASE_FILE = "redress.sqlite3"
MANIFEST_FILE = "manifest.json"
PREFIX = "redress-"
COUNTED_TABLES = ("complaint", "answer", "user")


class BackupError(click.ClickException):
    """A backup that could not be made; the message says why."""


def default_destination():
    """``<instance>/backups``, or the ``BACKUP_DIR`` setting when it is set."""
    return current_app.config.get("BACKUP_DIR") or os.path.join(
        current_app.instance_path, "backups"
    )


def uploads_folder():
    """The uploads folder: ``UPLOAD_FOLDER`` when configured, else ``<instance>/uploads``."""
    return current_app.config.get("UPLOAD_FOLDER") or os.path.join(
        current_app.instance_path, "uploads"
    )


def backup_sqlite(source_path, target_path):
    """Copy the SQLite database at ``source_path`` to ``target_path`` as one snapshot.

    Returns the result of ``PRAGMA integrity_check`` on the copy (``"ok"`` when sound).
    The copy is left in rollback-journal mode, a single self-contained file.
    """
    if not os.path.exists(source_path):
        raise BackupError(f"No database at {source_path}: nothing to back up.")
    source = sqlite3.connect(source_path, timeout=30)
    target = sqlite3.connect(target_path)
    try:
        # pages=-1: the whole database in one step, from one read snapshot. (Step-wise
        # copying restarts whenever another connection writes, and may never finish on a
        # busy site.)
        source.backup(target, pages=-1)
        target.execute("PRAGMA journal_mode=DELETE")
        return target.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        target.close()
        source.close()


def row_counts(database_path, tables=COUNTED_TABLES):
    """Rows per table in the SQLite file at ``database_path`` (``None`` for a missing table)."""
    connection = sqlite3.connect(f"file:{database_path}?mode=ro", uri=True)
    try:
        counts = {}
        for table in tables:
            try:
                counts[table] = connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            except sqlite3.OperationalError:
                counts[table] = None
        return counts
    finally:
        connection.close()


def copy_uploads(source, target):
    """Copy the uploads folder; files that vanish while copying are skipped.

    Returns ``(files, bytes)`` copied. Uploads are written once and never changed in
    place, so a file is either copied whole or (if deleted meanwhile) not at all.
    """
    files = size = 0
    for directory, _dirnames, filenames in os.walk(source):
        relative = os.path.relpath(directory, source)
        destination = os.path.normpath(os.path.join(target, relative))
        os.makedirs(destination, exist_ok=True)
        for name in filenames:
            try:
                shutil.copy2(os.path.join(directory, name), os.path.join(destination, name))
            except FileNotFoundError:
                continue
            files += 1
            size += os.path.getsize(os.path.join(destination, name))
    return files, size


def _new_directory(dest, now):
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    name = PREFIX + stamp
    suffix = 1
    while os.path.exists(os.path.join(dest, name)) or os.path.exists(
        os.path.join(dest, name + ".partial")
    ):
        suffix += 1
        name = f"{PREFIX}{stamp}-{suffix}"
    return os.path.join(dest, name)


def create_backup(dest=None, now=None):
    """Back up the SQLite database and the uploads into a new directory under ``dest``.

    Returns ``(path, manifest)``. Raises :class:`BackupError` when the copy is not sound.
    """
    url = db.engine.url  # Flask-SQLAlchemy has made a relative SQLite path absolute
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise BackupError("flask backup copies SQLite databases; use pg_dump for PostgreSQL.")
    now = now or datetime.now(UTC)
    dest = os.path.abspath(dest or default_destination())
    os.makedirs(dest, exist_ok=True)
    final = _new_directory(dest, now)
    partial = final + ".partial"
    os.makedirs(partial)
    try:
        database_copy = os.path.join(partial, DATABASE_FILE)
        integrity = backup_sqlite(url.database, database_copy)
        if integrity != "ok":
            raise BackupError(f"The copy failed SQLite's integrity check: {integrity}")
        manifest = {
            "created_at": now.isoformat(timespec="seconds"),
            "database": {
                "source": os.path.abspath(url.database),
                "file": DATABASE_FILE,
                "bytes": os.path.getsize(database_copy),
                "integrity_check": integrity,
            },
            "rows": row_counts(database_copy),
            "uploads": None,
        }
        uploads = uploads_folder()
        if os.path.isdir(uploads):
            files, size = copy_uploads(uploads, os.path.join(partial, "uploads"))
            manifest["uploads"] = {"source": uploads, "files": files, "bytes": size}
        with open(os.path.join(partial, MANIFEST_FILE), "w", encoding="utf-8") as handle:
            json.dump(manifest, handle, indent=2)
            handle.write("\n")
        os.rename(partial, final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return final, manifest


def prune(dest, keep):
    """Delete all but the newest ``keep`` complete backups in ``dest``; returns the removed."""
    names = sorted(
        name
        for name in os.listdir(dest)
        if name.startswith(PREFIX)
        and not name.endswith(".partial")
        and os.path.exists(os.path.join(dest, name, MANIFEST_FILE))
    )
    removed = names[:-keep] if keep > 0 else []
    for name in removed:
        shutil.rmtree(os.path.join(dest, name))
    return removed


def pg_dump_command(uri, dest, now=None):
    """The ``pg_dump`` command line that backs up the PostgreSQL database at ``uri``.

    The password is never printed: ``pg_dump`` reads it from ``~/.pgpass`` or ``PGPASSWORD``.
    """
    url = make_url(uri)
    now = now or datetime.now(UTC)
    parts = ["pg_dump", "--format=custom", "--no-owner"]
    if url.host:
        parts.append(f"--host={url.host}")
    if url.port:
        parts.append(f"--port={url.port}")
    if url.username:
        parts.append(f"--username={url.username}")
    target = os.path.join(dest, f"{PREFIX}{now.strftime('%Y%m%dT%H%M%SZ')}.dump")
    parts += [f"--file={target}", url.database or "redress"]
    return shlex.join(parts)


@click.command("backup")
@click.option(
    "--dest",
    type=click.Path(file_okay=False),
    default=None,
    help="Directory for the backups (default: <instance>/backups).",
)
@click.option(
    "--keep",
    type=click.IntRange(min=1),
    default=None,
    help="Afterwards delete all but the newest KEEP backups in the directory.",
)
@with_appcontext
def backup_command(dest, keep):
    """Back up the database and uploads while the site keeps serving."""
    uri = db.engine.url
    if uri.get_backend_name() == "postgresql":
        click.echo("This site runs on PostgreSQL: back it up with pg_dump, e.g.")
        click.echo("  " + pg_dump_command(uri, dest or "/var/backups/redress"))
        click.echo("and restore with pg_restore (docs/deploy.md). Nothing was written.")
        return
    path, manifest = create_backup(dest)
    rows = ", ".join(f"{count:,} {table}" for table, count in manifest["rows"].items())
    click.echo(f"Backed up the database ({rows}) to {path}")
    if manifest["uploads"]:
        click.echo(f"with {manifest['uploads']['files']:,} uploaded files.")
    if keep:
        for name in prune(os.path.dirname(path), keep):
            click.echo(f"Removed the old backup {name}")


def init_app(app):
    app.cli.add_command(backup_command)
