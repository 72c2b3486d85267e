"""``flask backup``: consistent SQLite copies while the site writes, restorable as documented.

The SQLite tests build their own app on a temporary SQLite file, so they run (and check
the same thing) in the PostgreSQL run of the suite too; there, the ``app`` fixture is on
PostgreSQL and the command must only print the ``pg_dump`` instruction.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import threading

import pytest
import sqlalchemy as sa

from forum import create_app
from forum.backup import DATABASE_FILE, MANIFEST_FILE, create_backup
from forum.complaints.models import Answer, Complaint
from forum.extensions import db


def sqlite_app(directory, **config):
    """A fresh app whose database and instance folder live in ``directory``."""
    os.makedirs(directory, exist_ok=True)
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": "sqlite:///" + os.path.join(directory, DATABASE_FILE),
            "SERVER_NAME": "localhost",
            "WTF_CSRF_ENABLED": False,
            **config,
        }
    )
    app.instance_path = str(directory)
    return app


@pytest.fixture(scope="module")
def demo_instance(tmp_path_factory):
    """An instance folder with the demo data loaded, once per module (it takes a while)."""
    directory = tmp_path_factory.mktemp("demo-instance")
    app = sqlite_app(directory)
    with app.app_context():
        db.create_all()
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        db.session.remove()
        db.engine.dispose()  # the last connection to close checkpoints the WAL
    return directory


@pytest.fixture
def site(demo_instance, tmp_path):
    """A fresh copy of the demo site on its own SQLite file; disposed of afterwards."""
    shutil.copytree(demo_instance, tmp_path / "live")
    app = sqlite_app(tmp_path / "live")
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def only_backup_in(dest):
    names = os.listdir(dest)
    assert len(names) == 1, names
    assert names[0].startswith("redress-") and not names[0].endswith(".partial")
    return os.path.join(dest, names[0])


def restore(backup_dir, instance):
    """The restore steps of docs/deploy.md, done by hand: the site is stopped first.

    Remove the live database with its ``-wal`` and ``-shm`` files (a stale WAL would be
    replayed into the restored file), copy the backup's database and uploads into place.
    """
    live = os.path.join(instance, DATABASE_FILE)
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(live + suffix):
            os.remove(live + suffix)
    shutil.copy2(os.path.join(backup_dir, DATABASE_FILE), live)
    uploads = os.path.join(backup_dir, "uploads")
    if os.path.isdir(uploads):
        shutil.rmtree(os.path.join(instance, "uploads"), ignore_errors=True)
        shutil.copytree(uploads, os.path.join(instance, "uploads"))


def snapshot(app):
    """Every complaint and answer as plain values, to compare two databases."""
    with app.app_context():
        complaints = db.session.execute(
            sa.select(
                Complaint.id, Complaint.title, Complaint.body_source, Complaint.status
            ).order_by(Complaint.id)
        ).all()
        answers = db.session.execute(
            sa.select(Answer.id, Answer.complaint_id, Answer.body_source).order_by(Answer.id)
        ).all()
        db.session.remove()
    return [tuple(row) for row in complaints], [tuple(row) for row in answers]


def test_backup_restores_every_complaint_and_the_uploads(site, tmp_path):
    uploads = os.path.join(site.instance_path, "uploads", "2026", "11")
    os.makedirs(uploads)
    with open(os.path.join(uploads, "fridge.jpg"), "wb") as handle:
        handle.write(b"\xff\xd8 a photo of the fridge")
    dest = tmp_path / "backups"

    result = site.test_cli_runner().invoke(args=["backup", "--dest", str(dest)])

    assert result.exit_code == 0, result.output
    backup_dir = only_backup_in(dest)
    assert backup_dir in result.output
    complaints, answers = snapshot(site)
    assert len(complaints) >= 80 and len(answers) > 100
    with open(os.path.join(backup_dir, MANIFEST_FILE), encoding="utf-8") as handle:
        manifest = json.load(handle)
    assert manifest["database"]["integrity_check"] == "ok"
    assert manifest["rows"]["complaint"] == len(complaints)
    assert manifest["rows"]["answer"] == len(answers)
    assert manifest["rows"]["user"] >= 16
    assert manifest["uploads"]["files"] == 1

    # Restore into a new instance folder and open the site on it.
    instance = tmp_path / "restored"
    instance.mkdir()
    restore(backup_dir, str(instance))
    restored = sqlite_app(instance)
    try:
        assert snapshot(restored) == (complaints, answers)
        client = restored.test_client()
        for complaint_id, _title, _body, _status in complaints:
            response = client.get(f"/complaints/{complaint_id}", follow_redirects=True)
            if response.status_code == 200:
                merged = not response.request.path.startswith(f"/complaints/{complaint_id}/")
                shown = f'id="complaint-{complaint_id}"'.encode() in response.data
                assert merged or shown, complaint_id  # a merged thread shows its target
            else:  # hidden, deleted or merged demo threads answer as they did before
                assert response.status_code in (404, 410), complaint_id
        shown = client.get("/complaints")
        assert shown.status_code == 200
        with open(os.path.join(instance, "uploads", "2026", "11", "fridge.jpg"), "rb") as handle:
            assert handle.read() == b"\xff\xd8 a photo of the fridge"
    finally:
        with restored.app_context():
            db.engine.dispose()


def test_thread_pages_are_the_same_after_a_restore(site, tmp_path):
    """A public thread reads the same, answer for answer, on the restored database."""
    with site.app_context():
        busiest = db.session.scalar(
            sa.select(Complaint.id)
            .where(Complaint.visibility == "visible")
            .order_by(Complaint.answer_count.desc())
        )
        db.session.remove()
    before = site.test_client().get(f"/complaints/{busiest}", follow_redirects=True)
    assert before.status_code == 200
    with site.app_context():
        path, _manifest = create_backup(str(tmp_path / "backups"))
        db.engine.dispose()
    instance = tmp_path / "restored"
    instance.mkdir()
    restore(path, str(instance))
    restored = sqlite_app(instance)
    try:
        after = restored.test_client().get(f"/complaints/{busiest}", follow_redirects=True)
        assert after.status_code == 200
        ids = {
            part.split(b'"')[0] for part in before.data.split(b'id="answer-')[1:]
        }  # answer ids shown on the first page of the thread
        assert ids and ids == {part.split(b'"')[0] for part in after.data.split(b'id="answer-')[1:]}
    finally:
        with restored.app_context():
            db.engine.dispose()


def test_backup_taken_while_another_connection_writes_is_one_consistent_snapshot(tmp_path):
    """Each writer transaction adds two categories; a sound copy holds both or neither.

    Every copy is taken while the writer is between the two inserts of a transaction (it
    waits for the copy before the second), so each copy meets a write in progress on
    every run, however the threads are scheduled.
    """
    app = sqlite_app(tmp_path / "live")
    with app.app_context():
        db.create_all()
        path = db.engine.url.database
        db.engine.dispose()
    committed_first, copies = 200, 3
    halfway = [threading.Event() for _ in range(copies)]
    copied = [threading.Event() for _ in range(copies)]
    errors = []

    def writer():
        connection = sqlite3.connect(path, timeout=30, isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        filler = "x" * 2000  # make the database big enough to take a while to copy

        def insert(i, side):
            connection.execute(
                "INSERT INTO category (slug, name, description, position) VALUES (?, ?, ?, ?)",
                (f"w{i}-{side}", f"Writer {i} {side}", filler, i),
            )

        try:
            for i in range(committed_first):
                connection.execute("BEGIN IMMEDIATE")
                insert(i, "a")
                insert(i, "b")
                connection.execute("COMMIT")
            for copy in range(copies):
                i = committed_first + copy
                connection.execute("BEGIN IMMEDIATE")
                insert(i, "a")
                halfway[copy].set()
                if not copied[copy].wait(timeout=120):
                    raise TimeoutError(f"copy {copy} was never taken")
                insert(i, "b")
                connection.execute("COMMIT")
        except Exception as error:  # surfaced by the assertions below
            errors.append(error)
            for event in halfway:
                event.set()  # the test does not wait for a writer that has failed
        finally:
            connection.close()

    thread = threading.Thread(target=writer)
    thread.start()
    paths = []
    try:
        with app.app_context():
            for copy in range(copies):
                assert halfway[copy].wait(timeout=120), "the writer never got halfway"
                assert not errors, errors
                paths.append(create_backup(str(tmp_path / "backups"))[0])
                copied[copy].set()
            db.engine.dispose()
    finally:
        for event in copied:
            event.set()
        thread.join(timeout=120)
    assert not errors, errors
    assert not thread.is_alive()

    for copy, backup_dir in enumerate(paths):
        database = sqlite3.connect(os.path.join(backup_dir, DATABASE_FILE))
        try:
            assert database.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert database.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
            slugs = {slug for (slug,) in database.execute("SELECT slug FROM category")}
        finally:
            database.close()
        # Every transaction committed before the copy, none of the one in progress.
        pairs = range(committed_first + copy)
        assert slugs == {f"w{i}-{side}" for i in pairs for side in "ab"}
        assert not os.path.exists(os.path.join(backup_dir, DATABASE_FILE + "-wal"))


def test_backup_runs_while_the_site_serves_requests(site, tmp_path):
    """The backup neither blocks nor breaks concurrent requests and writes through the app."""
    from forum.accounts.models import User
    from forum.complaints import services

    failures = []
    done = threading.Event()

    def post_answers():
        with site.app_context():
            member = db.session.scalar(sa.select(User).where(User.username == "jamie_r"))
            target = db.session.scalar(
                sa.select(Complaint)
                .where(Complaint.visibility == "visible", Complaint.status != "closed")
                .order_by(Complaint.id)
            )
            try:
                for n in range(30):
                    services.post_answer(member, target, f"Same here, attempt {n}.")
            except Exception as error:
                failures.append(error)
            finally:
                db.session.remove()
                done.set()

    thread = threading.Thread(target=post_answers)
    thread.start()
    with site.app_context():
        path, manifest = create_backup(str(tmp_path / "backups"))
        db.engine.dispose()
    thread.join(timeout=120)
    assert done.is_set() and not failures, failures
    assert manifest["database"]["integrity_check"] == "ok"
    copy = sqlite3.connect(os.path.join(path, DATABASE_FILE))
    try:
        counted = copy.execute("SELECT count(*) FROM answer").fetchone()[0]
    finally:
        copy.close()
    assert counted == manifest["rows"]["answer"]


def test_default_destination_is_a_timestamped_folder_in_the_instance(site):
    result = site.test_cli_runner().invoke(args=["backup"])
    assert result.exit_code == 0, result.output
    backup_dir = only_backup_in(os.path.join(site.instance_path, "backups"))
    assert os.path.basename(backup_dir)[len("redress-") :].endswith("Z")
    assert os.path.exists(os.path.join(backup_dir, DATABASE_FILE))
    assert not os.path.exists(os.path.join(backup_dir, "uploads"))


def test_keep_removes_the_oldest_backups(site, tmp_path):
    runner = site.test_cli_runner()
    dest = str(tmp_path / "backups")
    for _ in range(3):
        assert runner.invoke(args=["backup", "--dest", dest]).exit_code == 0
    names = sorted(os.listdir(dest))
    assert len(names) == 3
    result = runner.invoke(args=["backup", "--dest", dest, "--keep", "2"])
    assert result.exit_code == 0, result.output
    remaining = sorted(os.listdir(dest))
    assert len(remaining) == 2 and names[0] not in remaining and names[1] not in remaining


def test_postgresql_run_prints_the_pg_dump_command_and_writes_nothing(app, database_url, tmp_path):
    """On the PostgreSQL run this is the suite's real server; on SQLite, a configured URL."""
    if not database_url.startswith("postgresql"):
        url = "postgresql+psycopg://redress:s3cret@db.internal:5433/redress"
        app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url})
        app.instance_path = str(tmp_path / "instance")
    dest = tmp_path / "dumps"
    result = app.test_cli_runner().invoke(args=["backup", "--dest", str(dest)])
    assert result.exit_code == 0, result.output
    assert "pg_dump --format=custom" in result.output
    assert "Nothing was written" in result.output
    assert not dest.exists()
    assert not (tmp_path / "instance" / "backups").exists()
    assert "s3cret" not in result.output
    lines = [line.strip() for line in result.output.splitlines()]
    command = next(line for line in lines if line.startswith("pg_dump "))
    if database_url.startswith("postgresql"):
        # The printed command works against the real server.
        dest.mkdir()
        pg_dump = shutil.which("pg_dump") or os.path.join(_pg_bindir(), "pg_dump")
        argv = command.split()
        argv[0] = pg_dump
        done = subprocess.run(argv, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        (dump,) = os.listdir(dest)
        assert os.path.getsize(dest / dump) > 0
    else:
        assert "--host=db.internal" in command and "--port=5433" in command
        assert "--username=redress" in command and command.endswith(" redress")


def _pg_bindir():
    from tests.postgres import find_bindir

    return find_bindir()
