"""Fixtures: a fresh app per test on SQLite or, with ``--postgres``, a real PostgreSQL."""

import os
import re
import threading
from collections import Counter
from contextlib import contextmanager
from html.parser import HTMLParser

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient
from sqlalchemy import event
from werkzeug.security import generate_password_hash

from forum import create_app
from forum.accounts.models import User
from forum.complaints import services as complaint_services
from forum.complaints.models import Category
from forum.extensions import db
from tests.background import drain_background_work
from tests.postgres import PostgresServer, find_bindir

PASSWORD = "correct horse battery"
# Tests post quickly from brand-new accounts: rate limits and trust rules are off unless a
# test switches them on (tests/test_rate_limits.py). Set here so spawned processes see it.
os.environ.setdefault("FLASK_RATELIMIT_ENABLED", "false")
# The tests' databases start empty, with no admin and no category: the "not set up yet"
# page (forum/health.py) is off for every app they build, in this process or another,
# except in the tests of that page (tests/test_first_run.py, tests/e2e/test_first_run.py).
os.environ.setdefault("FLASK_FIRST_RUN_PAGE", "false")
# Apps the tests start as production servers (gunicorn, other processes) refuse the
# built-in development key (forum/guards.py): give them one.
os.environ.setdefault("SECRET_KEY", "test-suite-secret-key")
# The test accounts' hash: scrypt, as the site's, at a work factor 32 times smaller. Each
# sign-in checks it, and at the site's (2**15, 0.13 s a check) the suite's sign-ins took
# more than a minute a run. Accounts the site itself creates keep the site's strength.
_PASSWORD_HASH = generate_password_hash(PASSWORD, method="scrypt:1024:8:1")


def fresh(obj):
    """The current row for a detached test object, loaded into this app context's session.

    (``session.merge`` would copy the detached object's stale values back over the row.)
    """
    return db.session.get(type(obj), obj.id)


def set_settings(app, **values):
    """Change site settings (forum/settings) as an admin would, effective at once."""
    from forum import settings
    from forum.uow import write_transaction

    with app.app_context(), write_transaction() as session:
        settings.update(session, values)


def pytest_addoption(parser):
    parser.addoption(
        "--postgres",
        action="store_true",
        help="run against a PostgreSQL server started for the run",
    )


def pytest_collection_modifyitems(config, items):
    """Tests that only make sense on PostgreSQL are left out of the SQLite run (not skipped)."""
    if config.getoption("--postgres"):
        return
    kept = [item for item in items if item.get_closest_marker("postgres_only") is None]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[item for item in items if item not in kept])
        items[:] = kept


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """When a test's body ends, the app's background threads end too, before its fixtures
    dispose of engines and folders (also for the apps tests build themselves): a thread
    left running would open connections and write under the next test."""
    try:
        return (yield)
    finally:
        drain_background_work()


def pytest_generate_tests(metafunc):
    """Search tests run on Whoosh, and on PostgreSQL's backend in the PostgreSQL run."""
    if "backend" in metafunc.fixturenames:
        backends = ["whoosh"]
        if metafunc.config.getoption("--postgres"):
            backends.append("postgres")
        metafunc.parametrize("backend", backends, indirect=True)


@pytest.fixture(scope="session")
def database_url(request, tmp_path_factory):
    if not request.config.getoption("--postgres"):
        yield "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.sqlite3")
        return
    bindir = find_bindir()
    if bindir is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is required in CI but initdb was not found")
        pytest.skip("PostgreSQL is not installed here (Debian package 'postgresql')")
    server = PostgresServer(bindir).start()
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope="session")
def _schema(database_url):
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "TESTING": True})
    with app.app_context():
        db.drop_all()
        db.create_all()
        db.engine.dispose()
    return database_url


def _empty_tables():
    tables = db.metadata.sorted_tables
    if db.engine.dialect.name == "postgresql":
        names = ", ".join(f'"{table.name}"' for table in tables)
        db.session.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    else:
        for table in reversed(tables):
            db.session.execute(table.delete())
    db.session.commit()


# The suite's app settings (the database URI comes from the ``_schema`` fixture).
TEST_CONFIG = {
    "TESTING": True,
    "SECRET_KEY": "test-secret",
    "WTF_CSRF_ENABLED": False,
    "SERVER_NAME": "localhost",
    "PAGE_CACHE_ENABLED": False,
    "FIRST_RUN_PAGE": False,
    # Mail goes to the outbox, not a server: registration still runs through it.
    "REGISTRATION_BY_EMAIL": True,
}


@pytest.fixture
def app(_schema, tmp_path):
    app = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": _schema})
    app.instance_path = str(tmp_path)
    with app.app_context():
        _empty_tables()
    yield app
    # The search work this test's writes started in threads (outbox rows, merges) ends
    # before the next test, which shares the database and could see it applied there.
    drain_background_work()
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


# An attribute a template meant to leave out, rendered as the text "None" (WTForms and
# Jinja write a None value out): aria-invalid="None" reads as invalid to screen readers.
NONE_ATTRIBUTE = re.compile(rb'\s([\w:-]+)="None"')
# Ids, found fast; a page with a repeated one is parsed to tell markup from text.
ID_ATTRIBUTE = re.compile(rb'\sid="([^"]*)"')


def none_attributes(response):
    """The names of the attributes an HTML response renders as "None"."""
    if response.mimetype != "text/html":
        return []
    return [name.decode() for name in NONE_ATTRIBUTE.findall(response.get_data())]


class _Ids(HTMLParser):
    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.ids = Counter()
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.ids.update(value for name, value in attrs if name == "id")


def duplicate_ids(response):
    """The ids an HTML response gives to more than one element (labels, aria-describedby
    and fragment links find only the first)."""
    if response.mimetype != "text/html":
        return []
    found = Counter(ID_ATTRIBUTE.findall(response.get_data()))
    if all(count == 1 for count in found.values()):
        return []
    ids = _Ids(response.get_data(as_text=True)).ids
    return sorted(name for name, count in ids.items() if count > 1)


@pytest.fixture(autouse=True)
def _checked_pages(monkeypatch):
    """Every HTML page a test client receives, in every test, is checked for attributes
    rendered as "None" and for repeated ids; the failure names the page."""
    open_page = FlaskClient.open

    def open_and_check(client, *args, **kwargs):
        response = open_page(client, *args, **kwargs)
        problems = []
        names = none_attributes(response)
        if names:
            problems.append(f'renders attributes as "None": {", ".join(sorted(set(names)))}')
        repeated = duplicate_ids(response)
        if repeated:
            problems.append(f"repeats ids: {', '.join(repeated)}")
        if problems:
            request = response.request
            pytest.fail(
                f"{request.method} {request.full_path.rstrip('?')} ({response.status_code}) "
                + "; ".join(problems),
                pytrace=False,
            )
        return response

    monkeypatch.setattr(FlaskClient, "open", open_and_check)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield


class Auth:
    def __init__(self, client):
        self.client = client

    def login(self, login, password=PASSWORD, **extra):
        return self.client.post("/login", data={"login": login, "password": password, **extra})

    def logout(self):
        return self.client.post("/logout")


@pytest.fixture
def auth(client):
    return Auth(client)


@pytest.fixture
def admin(make_user):
    """An admin account, ``root``."""
    return make_user("root", role="admin")


@pytest.fixture
def as_admin(client, auth, admin):
    """The test client signed in as ``admin``."""
    auth.login(admin.username)
    return client


@pytest.fixture
def make_user(app):
    counter = iter(range(1, 10_000))

    def make(username=None, role="member", email=None):
        number = next(counter)
        username = username or f"member{number}"
        with app.app_context():
            user = User(
                username=username,
                email=email or f"{username.lower()}@example.org",
                role=role,
                password_hash=_PASSWORD_HASH,
            )
            db.session.add(user)
            db.session.commit()
            db.session.refresh(user)
            db.session.expunge(user)
        return user

    return make


@pytest.fixture
def make_category(app):
    counter = iter(range(1, 10_000))

    def make(name=None, slug=None):
        number = next(counter)
        with app.app_context():
            category = Category(
                name=name or f"Category {number}",
                slug=slug or f"category-{number}",
                position=number,
            )
            db.session.add(category)
            db.session.commit()
            db.session.refresh(category)
            db.session.expunge(category)
        return category

    return make


@pytest.fixture
def make_complaint(app, make_user, make_category):
    def make(author=None, category=None, **fields):
        author = author or make_user()
        category = category or make_category()
        values = {
            "title": "The fridge stopped cooling after a week",
            "body": "Bought a fridge on 3 March; since 10 March it does not cool at all.",
            "desired_outcome": "replacement",
        }
        values.update(fields)
        with app.app_context():
            complaint = complaint_services.create_complaint(
                fresh(author), category_id=category.id, **values
            )
            db.session.refresh(complaint)
            db.session.expunge(complaint)
        return complaint

    return make


@pytest.fixture
def make_answer(app, make_user):
    def make(complaint, author=None, body="Have you tried resetting it?", **kwargs):
        author = author or make_user()
        with app.app_context():
            answer = complaint_services.post_answer(fresh(author), fresh(complaint), body, **kwargs)
            db.session.refresh(answer)
            db.session.expunge(answer)
        return answer

    return make


class QueryCounter:
    def __init__(self):
        self.statements = []

    def __len__(self):
        return len(self.statements)


@pytest.fixture
def count_queries(app):
    """Count the SQL statements a block of code sends, e.g. one page request (in this
    thread: not those of a search merge running meanwhile in another)."""

    @contextmanager
    def counting():
        counter = QueryCounter()
        caller = threading.get_ident()

        def before(conn, cursor, statement, parameters, context, executemany):
            if threading.get_ident() != caller:
                return
            if not re.match(r"\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)", statement, re.I):
                counter.statements.append(statement)

        with app.app_context():
            engine = db.engine
        event.listen(engine, "before_cursor_execute", before)
        try:
            yield counter
        finally:
            event.remove(engine, "before_cursor_execute", before)

    return counting
