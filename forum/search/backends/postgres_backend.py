"""PostgreSQL full-text search: the path for more than one app server.

``complaint.search_vector`` and ``answer.search_vector`` are generated ``tsvector``
columns with GIN indexes (``forum.search.models``): the database keeps them current in
the same transaction as the text, so there is nothing to apply after commit and every
app server sees the same data. Queries use the ``redress`` text search configuration
(English stemming, accents folded by ``unaccent``) and ``redress_search_text`` (CJK
bigrams), and only ``phraseto_tsquery`` with bound parameters: no user syntax reaches
PostgreSQL. Snippets come from ``ts_headline``, escaped before display.
"""

import difflib
import operator
import time
from functools import reduce

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import aliased

from forum.complaints.models import Answer, Complaint
from forum.extensions import db
from forum.search.backends.base import Hit, HitPage, IndexUnavailable, SearchBackend
from forum.search.marks import START, STOP, marked_html
from forum.search.models import TS_CONFIG, SearchOutbox

HEADLINE = (
    f"StartSel={START}, StopSel={STOP}, MaxWords=35, MinWords=15, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)
TITLE_HEADLINE = f"StartSel={START}, StopSel={STOP}, HighlightAll=true"
VOCABULARY_SAMPLE = 5000


def _config():
    return sa.literal_column(f"'{TS_CONFIG}'::regconfig")


def _vector(table):
    return sa.literal_column(f"{table}.search_vector")


def _phrase(text):
    return sa.func.phraseto_tsquery(_config(), sa.func.redress_search_text(sa.literal(text)))


def _term(term):
    return _phrase(term.text)


def _matches(query, in_answers=True):
    """The thread matches when the complaint or (``in_answers``) a public answer does."""
    own = _vector("complaint").op("@@")(query)
    if not in_answers:
        return own
    answered = sa.select(Answer.complaint_id).where(
        Answer.visibility == "visible", _vector("answer").op("@@")(query)
    )
    return sa.or_(own, Complaint.id.in_(answered))


def _headline(column, query, options=HEADLINE):
    return sa.func.ts_headline(_config(), column, query, options)


class PostgresBackend(SearchBackend):
    name = "postgres"

    def search(
        self,
        parsed,
        *,
        any_word=False,
        category_id=None,
        status=None,
        solved=False,
        sort="relevance",
        page=1,
        per_page=20,
        highlight=True,
        exclude_id=None,
        in_answers=True,
    ):
        combine = sa.func.tsquery_or if any_word else sa.func.tsquery_and
        query = reduce(combine, [_term(term) for term in parsed.required])
        conditions = [Complaint.visibility == "visible", _matches(query, in_answers)]
        if parsed.excluded:
            unwanted = reduce(sa.func.tsquery_or, [_term(term) for term in parsed.excluded])
            conditions.append(sa.not_(_matches(unwanted, in_answers)))
        if category_id is not None:
            conditions.append(Complaint.category_id == category_id)
        if status:
            conditions.append(Complaint.status == status)
        if solved:
            conditions.append(Complaint.solved_at.is_not(None))
        if exclude_id:
            conditions.append(Complaint.id != exclude_id)
        rank = sa.func.ts_rank_cd(_vector("complaint"), query)
        order = {
            "new": (Complaint.created_at.desc(), Complaint.id.desc()),
            "votes": (Complaint.vote_count.desc(), Complaint.id.desc()),
        }.get(sort, (rank.desc(), Complaint.id.desc()))
        # Counted up to SEARCH_COUNT_LIMIT (+1, to tell "more than" from "exactly"), as
        # the Whoosh backend counts: a count of every match is no use to anyone reading.
        limit = current_app.config["SEARCH_COUNT_LIMIT"]
        counted = sa.select(Complaint.id).where(*conditions).limit(limit + 1).subquery()
        matching = (
            sa.select(
                Complaint.id,
                sa.func.row_number().over(order_by=order).label("position"),
                sa.select(sa.func.count()).select_from(counted).scalar_subquery().label("total"),
            )
            .where(*conditions)
            .order_by(*order)
            .limit(per_page)
            .offset((page - 1) * per_page)
            .subquery()
        )
        shown = aliased(Complaint)
        columns = [matching.c.id, matching.c.total]
        if highlight:
            answer_snippet = (
                sa.select(_headline(Answer.body_source, query))
                .where(
                    Answer.complaint_id == shown.id,
                    Answer.visibility == "visible",
                    _vector("answer").op("@@")(query),
                )
                .order_by(Answer.id)
                .limit(1)
                .scalar_subquery()
            )
            columns += [
                _headline(shown.title, query, TITLE_HEADLINE),
                _headline(shown.body_source, query),
                answer_snippet,
            ]
        statement = (
            sa.select(*columns).join(shown, shown.id == matching.c.id).order_by(matching.c.position)
        )
        rows, timed_out = self._run_limited(statement)
        hits = []
        for row in rows:
            hit = Hit(row[0])
            if highlight:
                title, body, answer = row[2], row[3], row[4]
                hit.title_html = marked_html(title) if START in (title or "") else None
                if START not in (body or "") and answer:
                    hit.snippet_html, hit.from_answer = marked_html(answer), True
                else:
                    hit.snippet_html = marked_html(body)
            hits.append(hit)
        total = rows[0][1] if rows else 0
        if total > limit:
            return HitPage(hits, limit, False, timed_out)
        return HitPage(hits, total, True, timed_out)

    def _run_limited(self, statement):
        """Run ``statement`` under ``SEARCH_TIME_LIMIT`` in a savepoint."""
        limit_ms = str(int(current_app.config["SEARCH_TIME_LIMIT"] * 1000))
        session = db.session
        try:
            with session.begin_nested():
                session.execute(sa.select(sa.func.set_config("statement_timeout", limit_ms, True)))
                rows = session.execute(statement).all()
                session.execute(sa.select(sa.func.set_config("statement_timeout", "0", True)))
            return rows, False
        except sa.exc.OperationalError as error:
            if "statement timeout" in str(error) or "canceling statement" in str(error):
                return [], True
            raise IndexUnavailable(str(error)) from error
        except sa.exc.ProgrammingError as error:  # the columns or functions are missing
            raise IndexUnavailable(str(error)) from error

    def _answer(self, statement):
        rows, timed_out = self._run_limited(statement)
        if timed_out:
            raise IndexUnavailable("the full-text query took too long")
        return rows

    def frequencies(self, clues, cap):
        """Two statements: the public threads, then each clue's threads up to
        ``cap(threads) + 1`` (counting every thread of a common word read thousands)."""
        own = _vector("complaint")
        visible = Complaint.visibility == "visible"
        threads = self._answer(sa.select(sa.func.count()).select_from(Complaint).where(visible))
        threads = threads[0][0]
        limit = int(cap(threads)) + 1
        counts = [
            sa.select(sa.func.count())
            .select_from(
                sa.select(sa.literal(1))
                .where(visible, own.op("@@")(_phrase(clue.word)))
                .limit(limit)
                .subquery()
            )
            .scalar_subquery()
            for clue in clues
        ]
        row = self._answer(sa.select(*counts))[0]
        return {clue.token: count for clue, count in zip(clues, row, strict=True)}, threads

    def alike(self, clues, *, exclude_id=None, solved=False, limit=30):
        """One statement: each clue a bound phrase query, the thread's held clues' weights
        summed in SQL as the order (the caller weighs the clues)."""
        own = _vector("complaint")
        held = [own.op("@@")(_phrase(clue.word)) for clue in clues]
        weight = reduce(
            operator.add,
            [
                sa.case((h, sa.literal(clue.weight)), else_=sa.literal(0.0))
                for h, clue in zip(held, clues, strict=True)
            ],
        )
        anything = reduce(sa.func.tsquery_or, [_phrase(clue.word) for clue in clues])
        conditions = [Complaint.visibility == "visible", own.op("@@")(anything)]
        if solved:
            conditions.append(Complaint.solved_at.is_not(None))
        if exclude_id:
            conditions.append(Complaint.id != exclude_id)
        statement = (
            sa.select(Complaint.id, *held)
            .where(*conditions)
            .order_by(weight.desc(), Complaint.id.desc())
            .limit(limit)
        )
        return [
            (row[0], frozenset(clue.token for clue, hit in zip(clues, row[1:], strict=True) if hit))
            for row in self._answer(statement)
        ]

    def suggest(self, words):
        sample = (
            "SELECT to_tsvector(''simple'', title) FROM complaint "
            f"WHERE visibility = ''visible'' ORDER BY id DESC LIMIT {VOCABULARY_SAMPLE}"
        )
        vocabulary = set(
            db.session.scalars(sa.text(f"SELECT word FROM ts_stat('{sample}') WHERE nentry > 0"))
        )
        suggestions = {}
        for word in words:
            text = word.lower()
            if " " in text or len(text) < 3 or text in vocabulary:
                continue
            found = difflib.get_close_matches(text, vocabulary, n=1, cutoff=0.75)
            if found:
                suggestions[word] = found[0]
        return suggestions

    def apply_pending(self, timeout=0.0, merge=False, hold=None):
        """The database maintains the vectors itself: the outbox rows are only cleared."""
        with db.engine.begin() as connection:
            result = connection.execute(sa.delete(SearchOutbox))
        return result.rowcount

    def rebuild(self, progress=None, batch_size=500):
        """Nothing to rebuild (generated columns); clear the outbox and count the threads."""
        started = time.perf_counter()
        self.apply_pending()
        status = self.status()
        if progress:
            progress(status["documents"] or 0)
        return status["documents"] or 0, 0, time.perf_counter() - started

    def status(self):
        info = {"backend": self.name, "path": "PostgreSQL", "available": False}
        try:
            with db.engine.connect() as connection:
                info["documents"] = connection.scalar(
                    sa.text(
                        "SELECT count(*) FROM complaint "
                        "WHERE visibility = 'visible' AND search_vector IS NOT NULL"
                    )
                )
                info["size"] = connection.scalar(
                    sa.text(
                        "SELECT coalesce(sum(pg_relation_size(indexrelid)), 0) FROM pg_index "
                        "WHERE indexrelid::regclass::text IN "
                        "('ix_complaint_search_vector', 'ix_answer_search_vector')"
                    )
                )
        except sa.exc.SQLAlchemyError as error:
            info["error"] = str(error).splitlines()[0]
            info["documents"], info["size"] = None, 0
            return info
        info["available"] = True
        return info
