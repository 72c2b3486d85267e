"""Every listing query reads its rows in order from an index: no full scans, no sorts.

Each page is requested through the test client, the SQL it sends is captured with its
parameters, and the planner is asked how it would run each statement: SQLite's
``EXPLAIN QUERY PLAN``, or with ``--postgres`` ``EXPLAIN (FORMAT JSON)`` over a forum of
20,000 threads whose statistics are fresh. Each case names the index its statement must
use, so dropping or reshaping an index fails here (docs/performance.md, "Query plans and
indexes", says which index serves which query, and why none is led by visibility).
"""

import json
import random
import re
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from forum import create_app
from forum.accounts.models import User
from forum.complaints import services
from forum.complaints.models import Answer, Category, Complaint
from forum.db import utcnow
from forum.extensions import db
from forum.language import LANGUAGES
from forum.moderation import services as moderation
from forum.resolution import services as resolution
from tests.conftest import _PASSWORD_HASH, PASSWORD, TEST_CONFIG, _empty_tables

# Tables that grow with the forum: never read whole, never sorted row by row.
BIG_TABLES = re.compile(r"^(complaint|answer)(_\d+)?$")
# Test tables are still small: PostgreSQL would read some whole, or sort what a bitmap
# scan found (a bitmap scan returns rows out of order). Priced out, it plans a page as
# for a large forum: through an index, sorting only if no index gives the order.
PRICED_OUT = ("enable_seqscan", "enable_bitmapscan")
_CONTROL = re.compile(r"\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b", re.I)


# --- the forum ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def forum(_schema, tmp_path_factory):
    """A forum in every state the listings show, and 20,000 more threads; built once."""
    app = create_app(
        {**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": _schema, "PAGE_SIZE": 2}  # ?page=3: deep
    )
    app.instance_path = str(tmp_path_factory.mktemp("instance"))
    with app.app_context():
        _empty_tables()
        names = _build(app)
        if db.engine.dialect.name == "postgresql":
            db.session.execute(sa.text("ANALYZE"))  # fixed statistics: the same plans each run
            db.session.commit()
    yield app, names
    with app.app_context():
        _empty_quickly()
        db.session.remove()
        db.engine.dispose()


def _empty_quickly():
    """``_empty_tables``, without SQLite checking each deleted row's foreign keys (some,
    like ``complaint.merged_into_id``, have no index: each check reads the whole table)."""
    if db.engine.dialect.name != "sqlite":
        _empty_tables()
        return
    db.session.remove()
    connection = db.engine.raw_connection()
    try:
        connection.execute("PRAGMA foreign_keys=OFF")
        for table in reversed(db.metadata.sorted_tables):
            connection.execute(f'DELETE FROM "{table.name}"')
        connection.execute("PRAGMA foreign_keys=ON")
    finally:
        connection.close()


def _user(username, role="member"):
    user = User(
        username=username, email=f"{username}@example.org", role=role, password_hash=_PASSWORD_HASH
    )
    db.session.add(user)
    db.session.commit()
    return user


def _build(app):
    author, helper, staff = _user("author"), _user("helper"), _user("nina", role="staff")
    categories = []
    for number in (1, 2):
        category = Category(name=f"Category {number}", slug=f"category-{number}", position=number)
        db.session.add(category)
        db.session.commit()
        categories.append(category)
    complaints = []
    for number in range(12):
        complaint = services.create_complaint(
            db.session.get(User, author.id),
            title=f"The parcel number {number} arrived crushed",
            body="The box was crushed and the parcel arrived a week late.",
            category_id=categories[number % 2].id,
            desired_outcome="refund",
            rating=2,
        )
        complaints.append(complaint.id)

    def get(complaint_id):
        return db.session.get(Complaint, complaint_id)

    for number, complaint_id in enumerate(complaints[:8]):
        answer = services.post_answer(db.session.get(User, helper.id), get(complaint_id), "Ask.")
        if number < 4:  # solved
            resolution.accept_answer(db.session.get(User, author.id), answer)
        services.vote_on_complaint(db.session.get(User, helper.id), get(complaint_id), 1)
    yesterday = (utcnow() - timedelta(days=1)).date()
    resolution.change_status(
        db.session.get(User, staff.id),
        get(complaints[8]),
        "in_progress",
        promised_date=yesterday,
        at=utcnow() - timedelta(days=3),
    )
    resolution.change_status(db.session.get(User, staff.id), get(complaints[9]), "resolved")
    resolution.change_status(db.session.get(User, author.id), get(complaints[9]), "open")
    moderation.set_pinned(db.session.get(User, staff.id), complaints[10], True)
    held = services.post_answer(db.session.get(User, helper.id), get(complaints[11]), "Held.")
    db.session.execute(sa.update(Answer).where(Answer.id == held.id).values(visibility="pending"))
    db.session.execute(
        sa.update(Complaint).where(Complaint.id == complaints[11]).values(visibility="pending")
    )
    db.session.commit()
    _fill(categories, author)
    thread = get(complaints[0])
    return {
        "category": categories[0].slug,
        "thread": f"/complaints/{thread.id}/{thread.slug}",
        "author": author.username,
    }


FILLER = 20_000  # threads: enough that PostgreSQL plans a page as it would for a big forum


def _fill(categories, author):
    """Many more threads and answers, written directly, with the usual shares of states."""
    rng = random.Random(2026)
    now = utcnow()
    members = [author.id] + [_user(f"member{n}").id for n in range(20)]
    statuses = ["open"] * 20 + ["acknowledged"] * 5 + ["in_progress"] * 10
    statuses += ["resolved"] * 30 + ["closed"] * 35
    rows = []
    for number in range(FILLER):
        created = now - timedelta(days=730 * rng.random() ** 2, seconds=number)
        rows.append(
            {
                "author_id": rng.choice(members),
                "category_id": categories[number % 2].id,
                "title": f"Filler thread {number}",
                "slug": f"filler-thread-{number}",
                "body_source": "Filler.",
                "body_html": "<p>Filler.</p>",
                "excerpt": "Filler.",
                "desired_outcome": "refund",
                "status": rng.choice(statuses),
                "vote_count": rng.randrange(50),
                "answer_count": 0 if rng.random() < 0.2 else rng.randrange(1, 20),
                "hot_score": rng.random() * 100,
                "created_at": created,
                "last_activity_at": created + timedelta(days=rng.random() * 30),
                "solved_at": created + timedelta(days=3) if rng.random() < 0.3 else None,
                "first_staff_response_at": created if rng.random() < 0.9 else None,
                "promised_date": (created + timedelta(days=7)).date()
                if rng.random() < 0.3
                else None,
                "reopened_at": created + timedelta(days=9) if rng.random() < 0.05 else None,
                "visibility": "visible" if rng.random() < 0.99 else "hidden",
                # None in Chinese: finding that a language is absent must be a seek.
                "language": rng.choice((*LANGUAGES[:-1], None)),
            }
        )
    db.session.execute(sa.insert(Complaint), rows)
    first, last = db.session.execute(
        sa.select(sa.func.min(Complaint.id), sa.func.max(Complaint.id)).where(
            Complaint.title.like("Filler%")
        )
    ).one()
    answers = [
        {
            "complaint_id": rng.randint(first, last),
            "author_id": rng.choice(members),
            "body_source": "Filler.",
            "body_html": "<p>Filler.</p>",
            "created_at": now - timedelta(days=700 * rng.random()),
            "visibility": "visible" if rng.random() < 0.995 else "hidden",
        }
        for _ in range(FILLER)
    ]
    db.session.execute(sa.insert(Answer), answers)
    db.session.commit()


# --- plans --------------------------------------------------------------------------------


@dataclass
class Plan:
    """What the planner said about one statement, reduced to what the rules look at."""

    sql: str
    text: str
    indexes: set = field(default_factory=set)
    full_scans: set = field(default_factory=set)  # big tables read whole (or nearly)
    sorted_tables: set = field(default_factory=set)  # big tables whose rows get sorted

    def describe(self):
        return f"{self.sql}\n--- plan ---\n{self.text}"


def _sqlite_plan(connection, statement, parameters):
    rows = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
    plan = Plan(statement, "\n".join(f"{r[0]} {r[1]} {r[3]}" for r in rows))
    tables_at = {}  # query level (parent id) -> big tables read directly at that level
    for _id, parent, _unused, detail in rows:
        match = re.match(r"(SCAN|SEARCH) (\w+)(.*)", detail)
        if match:
            verb, table, rest = match.groups()
            index = re.search(r"USING (?:COVERING )?INDEX (\w+)", rest)
            if index:
                plan.indexes.add(index.group(1))
            # Rows fetched by primary key are those another part of the plan found (the
            # page's ids, from a LIMITed subquery checked on its own): sorting them is not
            # sorting the table.
            by_key = "INTEGER PRIMARY KEY (rowid=?)" in rest
            if BIG_TABLES.match(table) and not by_key:
                tables_at.setdefault(parent, set()).add(table)
            if BIG_TABLES.match(table):
                if verb == "SCAN" and not index:
                    plan.full_scans.add(table)
                # Looked up by visibility alone: nearly every row (SQLite thinks it few).
                constraints = re.findall(r"(\w+)[=<>]", rest)
                if verb == "SEARCH" and constraints and set(constraints) <= {"visibility"}:
                    plan.full_scans.add(table)
    for _id, parent, _unused, detail in rows:
        # Sorting what a LIMITed subquery returned (a co-routine at this level) is bounded;
        # sorting rows read from a big table at the same level is not.
        if re.match(r"USE TEMP B-TREE FOR .*(ORDER|GROUP) BY", detail):
            plan.sorted_tables |= tables_at.get(parent, set())
    return plan


def _postgres_plan(connection, statement, parameters):
    for setting in PRICED_OUT:
        connection.exec_driver_sql(f"SET {setting} = off")
    try:
        raw = connection.exec_driver_sql("EXPLAIN (FORMAT JSON) " + statement, parameters).scalar()
    finally:
        for setting in PRICED_OUT:
            connection.exec_driver_sql(f"RESET {setting}")
    tree = (json.loads(raw) if isinstance(raw, str) else raw)[0]["Plan"]
    plan = Plan(statement, json.dumps(tree, indent=1))

    def big_scans(node, limited):
        """Big tables scanned under ``node`` without a Limit between (``limited`` stops)."""
        found = set()
        if node["Node Type"] == "Limit" and limited:
            return found
        if node.get("Parent Relationship") in ("SubPlan", "InitPlan"):
            return found  # a value for each row (EXISTS …), not rows that get sorted
        table = node.get("Relation Name")
        by_key = node.get("Index Name", "").startswith("pk_")  # as with SQLite, above
        if table and BIG_TABLES.match(table) and not by_key:
            found.add(table)
        for child in node.get("Plans", []):
            found |= big_scans(child, limited)
        return found

    def walk(node, limited=False):
        limited = limited or node["Node Type"] == "Limit"
        if "Index Name" in node:
            plan.indexes.add(node["Index Name"])
        table = node.get("Relation Name")
        if node["Node Type"] == "Seq Scan" and table and BIG_TABLES.match(table):
            plan.full_scans.add(table)
        if (
            node["Node Type"] in ("Index Scan", "Index Only Scan")
            and table
            and BIG_TABLES.match(table)
            and "Index Cond" not in node
            and not limited
        ):
            plan.full_scans.add(table)  # the whole index, with no LIMIT to stop it
        if node["Node Type"] in ("Sort", "Incremental Sort") or (
            node["Node Type"] == "Aggregate" and node.get("Strategy") in ("Sorted", "Hashed")
        ):
            for child in node.get("Plans", []):
                plan.sorted_tables |= big_scans(child, limited=True)
        for child in node.get("Plans", []):
            walk(child, limited)

    walk(tree)
    return plan


def explain(statement, parameters):
    with db.engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            return _postgres_plan(connection, statement, parameters)
        return _sqlite_plan(connection, statement, parameters)


def page_statements(app, who, path):
    """The SELECT statements (with parameters) that one request of ``path`` sends."""
    client = app.test_client()
    if who != "anon":
        client.post("/login", data={"login": who, "password": PASSWORD})
    captured = []

    def before(conn, cursor, statement, parameters, context, executemany):
        if not _CONTROL.match(statement) and statement.lstrip().upper().startswith("SELECT"):
            captured.append((statement, parameters))

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", before)
    try:
        response = client.get(path)
    finally:
        event.remove(engine, "before_cursor_execute", before)
    assert response.status_code == 200, (path, response.status_code)
    return captured


# --- the cases ----------------------------------------------------------------------------

CAT = "{category}"
SORT_ORDER = {
    "hot": r"ORDER BY complaint\.hot_score DESC",
    "new": r"ORDER BY complaint\.created_at DESC",
    "top": r"ORDER BY complaint\.vote_count DESC",
    "unanswered": r"complaint\.answer_count = .*ORDER BY complaint\.created_at DESC",
    "solved": r"ORDER BY complaint\.solved_at DESC",
}
LISTING = r"FROM complaint .*WHERE complaint\.visibility = .*"


def either(*names):
    """Any one of these indexes (SQLite filters a status on the way, PostgreSQL, knowing how
    many threads have it, may look it up instead)."""
    return frozenset(names)


# (case, who, path, the statement (a regex on its SQL), the indexes its plan must use)
CASES = [
    ("home, hot", "anon", "/", LISTING + SORT_ORDER["hot"], {"ix_complaint_hot"}),
    ("home, solved", "anon", "/", LISTING + SORT_ORDER["solved"], {"ix_complaint_solved"}),
    *[
        (f"listing, {sort}", "anon", f"/complaints?sort={sort}", LISTING + order, {index})
        for sort, order, index in (
            ("hot", SORT_ORDER["hot"], "ix_complaint_hot"),
            ("new", SORT_ORDER["new"], "ix_complaint_new"),
            ("top", SORT_ORDER["top"], "ix_complaint_top"),
            ("unanswered", SORT_ORDER["unanswered"], "ix_complaint_unanswered"),
            ("solved", SORT_ORDER["solved"], "ix_complaint_solved"),
        )
    ],
    ("listing, page 3", "anon", "/complaints?page=3", LISTING + SORT_ORDER["hot"],
     {"ix_complaint_hot"}),
    ("listing, pinned", "anon", "/complaints", r"complaint\.pinned IS", {"ix_complaint_pinned"}),
    ("listing, status", "anon", "/complaints?status=open", LISTING + SORT_ORDER["hot"],
     {"ix_complaint_hot"}),
    ("listing, top with a status", "anon", "/complaints?sort=top&status=resolved",
     LISTING + SORT_ORDER["top"], {"ix_complaint_top"}),
    ("listing, new with a status", "anon", "/complaints?sort=new&status=open",
     LISTING + SORT_ORDER["new"], {either("ix_complaint_new", "ix_complaint_status_new")}),
    ("listing, a language", "anon", "/complaints?lang=de", LISTING + SORT_ORDER["hot"],
     {"ix_complaint_hot"}),
    ("listing, page 3 of a language", "anon", "/complaints?lang=en&page=3",
     LISTING + SORT_ORDER["hot"], {"ix_complaint_hot"}),
    ("listing, solved with a language and a status", "anon",
     "/complaints?sort=solved&lang=sv&status=closed", LISTING + SORT_ORDER["solved"],
     {"ix_complaint_solved"}),
    ("listing, the languages offered", "anon", "/complaints",
     r"EXISTS .*complaint\.language = ", {"ix_complaint_language"}),
    *[
        (f"category, {sort}", "anon", f"/c/{CAT}?sort={sort}", LISTING + order, {index})
        for sort, order, index in (
            ("hot", SORT_ORDER["hot"], "ix_complaint_category_hot"),
            ("new", SORT_ORDER["new"], "ix_complaint_category_new"),
            ("top", SORT_ORDER["top"], "ix_complaint_category_top"),
            ("unanswered", SORT_ORDER["unanswered"], "ix_complaint_category_unanswered"),
            ("solved", SORT_ORDER["solved"], "ix_complaint_category_solved"),
        )
    ],
    ("category, page 2 with a status", "anon", f"/c/{CAT}?status=open&page=2",
     LISTING + SORT_ORDER["hot"], {"ix_complaint_category_hot"}),
    ("category, new in a language", "anon", f"/c/{CAT}?sort=new&lang=de",
     LISTING + SORT_ORDER["new"], {"ix_complaint_category_new"}),
    ("category, top in a language", "anon", f"/c/{CAT}?sort=top&lang=hu",
     LISTING + SORT_ORDER["top"], {"ix_complaint_category_top"}),
    ("category, pinned", "anon", f"/c/{CAT}", r"complaint\.pinned IS", {"ix_complaint_pinned"}),
    ("solved hub", "anon", "/solved", LISTING + SORT_ORDER["solved"], {"ix_complaint_solved"}),
    ("sitemap of pages", "anon", "/sitemaps/pages.xml", r"max\(complaint\.last_activity_at\)",
     {"ix_complaint_category_activity", "ix_complaint_category_edited",
      "ix_complaint_category_solved", "ix_complaint_category_status_changed"}),
    ("sitemap of threads", "anon", "/sitemaps/threads-1.xml", r"complaint\.id BETWEEN", set()),
    ("feed of new", "anon", "/feeds/new.atom", LISTING + SORT_ORDER["new"], {"ix_complaint_new"}),
    ("feed of solved", "anon", "/feeds/solved.atom", LISTING + SORT_ORDER["solved"],
     {"ix_complaint_solved"}),
    ("category feed of new", "anon", f"/c/{CAT}/new.atom", LISTING + SORT_ORDER["new"],
     {"ix_complaint_category_new"}),
    ("category feed of solved", "anon", f"/c/{CAT}/solved.atom", LISTING + SORT_ORDER["solved"],
     {"ix_complaint_category_solved"}),
    ("thread, answers", "anon", "{thread}",
     r"FROM answer .*ORDER BY answer\.created_at, answer\.id", {"ix_answer_complaint_created"}),
    ("thread, related solved", "anon", "{thread}", r"complaint\.id != .*" + SORT_ORDER["solved"],
     {"ix_complaint_category_solved"}),
    ("thread, shared title", "anon", "{thread}", r"WHERE complaint\.title = ",
     {"ix_complaint_title"}),
    ("thread, merged duplicates", "anon", "{thread}", r"WHERE complaint\.merged_into_id = ",
     {"ix_complaint_merged_into"}),
    ("member page", "anon", "/members/{author}", r"WHERE complaint\.author_id = ",
     {"ix_complaint_author"}),
    ("search without its index", "anon", "/search?q=parcel", r"LIKE", {"ix_complaint_new"}),
    ("search without its index, a status", "anon", "/search?q=parcel&status=open", r"LIKE",
     {either("ix_complaint_new", "ix_complaint_status_new")}),
    ("search without its index, a language", "anon", "/search?q=parcel&lang=en", r"LIKE",
     {"ix_complaint_new"}),
    ("search, the languages offered", "anon", "/search?q=parcel",
     r"EXISTS .*complaint\.language = ", {"ix_complaint_language"}),
    ("notifications", "author", "/notifications",
     r"FROM notification WHERE .*GROUP BY notification\.complaint_id", {"ix_notification_thread"}),
    ("staff queue, waiting", "nina", "/staff", r"first_staff_response_at IS NULL",
     {"ix_complaint_status_new"}),
    ("staff queue, overdue", "nina", "/staff", r"promised_date <",
     {"ix_complaint_status_promised"}),
    ("staff queue, reopened", "nina", "/staff", r"reopened_at IS NOT NULL",
     {"ix_complaint_status_reopened"}),
    ("moderation queue, held complaints", "nina", "/mod/queue",
     r"FROM complaint .*visibility = .*ORDER BY complaint\.created_at DESC", {"ix_complaint_new"}),
    ("moderation queue, held answers", "nina", "/mod/queue",
     r"FROM answer .*visibility = .*ORDER BY answer\.created_at DESC",
     {"ix_answer_new"}),
]  # fmt: skip

# Rows that no index can find few at a time: held posts are a handful among all the
# visible ones, and ``LIKE '%word%'`` matches anywhere. Both walk an index newest first
# (see docs/performance.md); PostgreSQL, knowing from its statistics how few rows match,
# may walk a narrower index and sort what it found instead, which is as good.
WALKS = {
    "search without its index": "LIKE '%word%' walks an index in order on SQLite",
    "search without its index, a language": "LIKE '%word%' walks an index in order on SQLite",
    "search without its index, a status": "LIKE '%word%' walks an index in order on SQLite",
    "moderation queue, held complaints": "held posts: an index walk on SQLite",
    "moderation queue, held answers": "held posts: an index walk on SQLite",
}

# Read whole on purpose: the sitemap index's last-modified time of each id range of threads
# is an aggregate over every thread (docs/performance.md, "Query plans and indexes").
WHOLE_FORUM = (r"AS chunk\b",)


def _path(template, names):
    return template.format(**names)


def pytest_generate_tests(metafunc):
    """The cases of ``WALKS`` are SQLite's plans only: the PostgreSQL run leaves them out."""
    if metafunc.function.__name__ == "test_listing_query_reads_its_index_in_order":
        postgres = metafunc.config.getoption("--postgres")
        cases = [case for case in CASES if not (postgres and case[0] in WALKS)]
        metafunc.parametrize(
            "case, who, path, pattern, indexes", cases, ids=[case[0] for case in cases]
        )


def test_listing_query_reads_its_index_in_order(forum, case, who, path, pattern, indexes):
    app, names = forum
    statements = page_statements(app, who, _path(path, names))
    chosen = [(s, p) for s, p in statements if re.search(pattern, " ".join(s.split()))]
    assert chosen, f"no statement matches {pattern!r} on {path}:\n" + "\n".join(
        s for s, _ in statements
    )
    with app.app_context():
        for statement, parameters in chosen:
            plan = explain(statement, parameters)
            assert not plan.full_scans, plan.describe()
            assert not plan.sorted_tables, plan.describe()
            for index in indexes:
                wanted = index if isinstance(index, frozenset) else {index}
                assert wanted & plan.indexes, f"{sorted(wanted)} not used:\n{plan.describe()}"


PAGES = sorted({(case[1], case[2]) for case in CASES} | {("anon", "/sitemap.xml")})


@pytest.mark.parametrize("who, path", PAGES, ids=[f"{w} {p}" for w, p in PAGES])
def test_no_statement_of_a_page_reads_a_big_table_whole(forum, who, path):
    app, names = forum
    statements = page_statements(app, who, _path(path, names))
    with app.app_context():
        for statement, parameters in statements:
            if any(re.search(pattern, statement) for pattern in WHOLE_FORUM):
                continue
            plan = explain(statement, parameters)
            assert not plan.full_scans, plan.describe()


def test_every_listing_index_is_checked_by_a_case():
    checked = set()
    for case in CASES:
        for index in case[4]:
            checked |= index if isinstance(index, frozenset) else {index}
    indexes = {index.name for index in Complaint.__table__.indexes}
    indexes |= {index.name for index in Answer.__table__.indexes}
    # Foreign-key lookups and writes, not listings.
    indexes -= {"ix_answer_author"}
    assert indexes - checked == set()
