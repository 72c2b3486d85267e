"""``flask demo generate``: a large, realistic forum in minutes, written by bulk inserts.

The services write one post per transaction and re-read what they change; that takes
hours for 100,000 complaints. Here the rows are built in Python from the demo texts
(:mod:`forum.demo.corpus`) and written with SQLAlchemy Core ``executemany`` inserts, one
transaction per batch of complaints. Every counter and derived column holds what the
services would have stored for the same history: answer and vote counts, scores, hot
score, last activity, solutions, staff contact times, the workflow's timeline, review
revisions and prompts, follows and (for the last ``NOTIFY_DAYS``) notifications with
the unread counts. The demo's categories and accounts are reused, or created.

Ids are assigned here, after the largest already in each table, so rows refer to each
other without reading anything back; PostgreSQL's sequences are then moved past them.
That is why nothing else may write to the database meanwhile: run it on a fresh one.
Nothing is queued for search (``flask search rebuild`` indexes everything afterwards)
and no e-mail is queued: the generated history happened in the past.
"""

import random
import secrets
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

import sqlalchemy as sa
from werkzeug.security import generate_password_hash

from forum import signals
from forum.accounts.models import User
from forum.complaints.models import Category
from forum.db import utcnow
from forum.demo import content
from forum.demo.corpus import EXTRA_STAFF, LANGUAGE_WEIGHTS, Corpus, username
from forum.demo.threads import TABLES, ThreadBuilder
from forum.extensions import db
from forum.uow import write_transaction

SPAN_DAYS = 730  # complaints are spread over the last two years, more of them recently
MIN_MEMBERS, MAX_MEMBERS = 300, 5_000
DAY = timedelta(days=1)
BIG_THREADS = (20, 200)  # one thread with exactly each number of answers
CHUNK = 5_000  # rows per executemany

ID_TABLES = (
    "user",
    "category",
    "complaint",
    "answer",
    "complaint_event",
    "review_revision",
    "review_prompt",
    "notification",
)

# The planned fate of a complaint, by its age: (age in days up to, {plan: weight}).
STATUS_PLANS = (
    (3, {"open": 70, "acknowledged": 20, "in_progress": 10}),
    (45, {"open": 30, "acknowledged": 14, "in_progress": 16, "overdue": 4, "resolved": 18,
          "closed": 10, "reopened": 4, "disputed": 4}),
    (None, {"open": 7, "acknowledged": 3, "in_progress": 2, "overdue": 6, "resolved": 34,
            "closed": 38, "reopened": 6, "disputed": 4}),
)  # fmt: skip
ALL_PLANS = ("open", "acknowledged", "in_progress", "overdue", "resolved", "closed", "reopened",
             "disputed")  # fmt: skip


@dataclass
class People:
    """The accounts posts are attributed to."""

    members: list  # ids
    by_lang: dict  # lang -> member ids
    staff: list  # ids of role "staff": they answer and move complaints
    names: dict  # id -> username


@dataclass
class Summary:
    complaints: int = 0
    answers: int = 0
    complaint_votes: int = 0
    answer_votes: int = 0
    events: int = 0
    notifications: int = 0
    seconds: float = 0.0
    threads: dict = field(default_factory=dict)  # answers -> complaint id

    @property
    def votes(self):
        return self.complaint_votes + self.answer_votes


class Ids:
    """The next id of each table, counted from the largest stored one."""

    def __init__(self, session):
        self._last = {
            name: session.scalar(sa.select(sa.func.max(db.metadata.tables[name].c.id))) or 0
            for name in ID_TABLES
        }

    def next(self, name):
        self._last[name] += 1
        return self._last[name]


def _table(name):
    return db.metadata.tables[name]


def _insert(session, name, rows):
    table = _table(name)
    for start in range(0, len(rows), CHUNK):
        session.execute(sa.insert(table), rows[start : start + CHUNK])


def _ensure_categories(session, ids):
    existing = dict(session.execute(sa.select(Category.slug, Category.id)).all())
    rows = []
    for position, item in enumerate(content.CATEGORIES):
        if item["slug"] not in existing:
            existing[item["slug"]] = ids.next("category")
            rows.append(
                {"id": existing[item["slug"]], "position": position, "complaint_count": 0, **item}
            )
    if rows:
        _insert(session, "category", rows)
    return existing


def _ensure_users(session, ids, count, seed, now):
    """The demo accounts, a few more staff, and a few hundred members (more for big N)."""
    rng = random.Random(f"users:{seed}")
    wanted = [(name, email, "member", lang) for name, email, lang in content.MEMBERS]
    wanted += [(name, email, role, None) for name, email, role in content.STAFF + EXTRA_STAFF]
    languages, weights = zip(*LANGUAGE_WEIGHTS.items(), strict=True)
    members = min(MAX_MEMBERS, max(MIN_MEMBERS, count // 100))
    for number in range(1, members + 1):
        lang = rng.choices(languages, weights)[0]
        wanted.append((*username(lang, number, rng), "member", lang))
    found = session.execute(sa.select(User.id, User.username, User.email, User.role)).all()
    by_name = {row.username.lower(): (row.id, row.role) for row in found}
    emails = {row.email.lower() for row in found}
    password = generate_password_hash(content.DEMO_PASSWORD, method="scrypt")
    people = People([], {lang: [] for lang in languages}, [], {})
    rows = []
    for name, email, role, lang in wanted:
        user_id, role = by_name.get(name.lower(), (None, role))
        if user_id is None:
            if email.lower() in emails:
                continue  # someone else has the address; leave them be
            user_id = ids.next("user")
            joined = now - (SPAN_DAYS + rng.uniform(1, 200)) * DAY
            rows.append(
                {
                    "id": user_id,
                    "username": name,
                    "email": email,
                    "role": role,
                    "password_hash": password,
                    "session_token": secrets.token_urlsafe(24),
                    "created_at": joined,
                    "email_choice": "each",
                    "unread_notifications": 0,
                    "banned": False,
                }
            )
        people.names[user_id] = name
        if role == "staff":
            people.staff.append(user_id)
        elif role == "member" and lang:
            people.members.append(user_id)
            people.by_lang[lang].append(user_id)
    if rows:
        _insert(session, "user", rows)
    return people


def plan(count, rng, now):
    """(created_at, plan, answer count, solved?) per complaint, oldest first.

    Most complaints have a few answers and some many (0–60); one has exactly 20 and one
    200. Young complaints are mostly open, old ones mostly resolved or closed; every plan
    occurs at least once when ``count`` allows.
    """
    ages = sorted((SPAN_DAYS * rng.random() ** 1.4 for _ in range(count)), reverse=True)
    plans = [_status_plan(age, rng) for age in ages]
    answers = [0 if rng.random() < 0.2 else 1 + int(59 * rng.random() ** 6) for _ in ages]
    solved = [False] * count
    special = {}
    for position, size in zip((count // 3, count // 2), BIG_THREADS, strict=True):
        if position not in special.values():
            special[size] = position
            answers[position] = size
    if 20 in special:
        plans[special[20]], solved[special[20]] = "resolved", True
    _cover(plans, ages, set(special.values()), rng)
    threads = [(now - age * DAY, plans[i], answers[i], solved[i]) for i, age in enumerate(ages)]
    return threads, special


def _status_plan(age, rng):
    for limit, weights in STATUS_PLANS:
        if limit is None or age < limit:
            return rng.choices(list(weights), list(weights.values()))[0]
    raise AssertionError("unreachable")


def _cover(plans, ages, keep, rng):
    """Make sure every plan occurs, taking complaints from the commonest plans."""
    counts = Counter(plans)
    for wanted in ALL_PLANS:
        if counts[wanted]:
            continue
        old_enough = 0 if wanted in ("open", "acknowledged", "in_progress") else 10
        for index in rng.sample(range(len(plans)), len(plans)):
            if index not in keep and ages[index] >= old_enough and counts[plans[index]] > 1:
                counts[plans[index]] -= 1
                plans[index] = wanted
                counts[wanted] += 1
                break


def _write(session, batch):
    for name in TABLES:
        _insert(session, name, batch.rows[name])
    complaint = _table("complaint")
    if batch.solutions:
        session.execute(
            sa.update(complaint)
            .where(complaint.c.id == sa.bindparam("b_id"))
            .values(
                accepted_answer_id=sa.bindparam("b_accepted"),
                official_answer_id=sa.bindparam("b_official"),
            ),
            batch.solutions,
        )
    _add_to_counters(session, "category", "complaint_count", batch.categories)
    _add_to_counters(session, "user", "unread_notifications", batch.unread)


def _add_to_counters(session, name, column, counts):
    if not counts:
        return
    table = _table(name)
    session.execute(
        sa.update(table)
        .where(table.c.id == sa.bindparam("b_id"))
        .values({column: table.c[column] + sa.bindparam("b_add")}),
        [{"b_id": key, "b_add": value} for key, value in sorted(counts.items())],
    )


def _fix_sequences(session):
    """Move PostgreSQL's id sequences past the ids assigned here."""
    if session.get_bind().dialect.name != "postgresql":
        return
    quote = session.get_bind().dialect.identifier_preparer.quote
    for name in ID_TABLES:
        session.execute(
            sa.text(
                f"SELECT setval(pg_get_serial_sequence(:table, 'id'), max(id)) FROM {quote(name)} "
                "HAVING max(id) IS NOT NULL"
            ),
            {"table": quote(name)},
        )


def generate_forum(count, seed=2026, batch_size=2_000, echo=print):
    """Add ``count`` complaints with their threads; return a :class:`Summary`."""
    started = time.perf_counter()
    rng = random.Random(seed)
    now = utcnow().replace(microsecond=0)
    corpus = Corpus()
    with write_transaction() as session:
        ids = Ids(session)
        categories = _ensure_categories(session, ids)
        people = _ensure_users(session, ids, count, seed, now)
        _fix_sequences(session)
    threads, special = plan(count, rng, now)
    builder = ThreadBuilder(corpus, people, categories, ids, rng, now)
    summary = Summary()
    for start in range(0, count, batch_size):
        batch = builder.new_batch()
        for index in range(start, min(count, start + batch_size)):
            complaint_id = builder.add(batch, *threads[index])
            for size, position in special.items():
                if position == index:
                    summary.threads[size] = complaint_id
        with write_transaction() as session:
            _write(session, batch)
            _fix_sequences(session)
            # Rows written straight into the tables show on every kind of page.
            signals.site_changed.send(None, session=session)
        summary.complaints += len(batch.rows["complaint"])
        summary.answers += len(batch.rows["answer"])
        summary.complaint_votes += len(batch.rows["complaint_vote"])
        summary.answer_votes += len(batch.rows["answer_vote"])
        summary.events += len(batch.rows["complaint_event"])
        summary.notifications += len(batch.rows["notification"])
        echo(
            f"  {summary.complaints:,}/{count:,} complaints, {summary.answers:,} answers, "
            f"{summary.votes:,} votes ({time.perf_counter() - started:.1f} s)"
        )
    summary.seconds = time.perf_counter() - started
    return summary
