"""Search use cases: the results page, similar complaints, related threads, deflection.

Rules that hold whatever the backend:
- a hit is shown only if its complaint is public *now* (one database query per page
  loads the displayed complaints with their live status, badges, rating and votes);
- an empty or odd query answers with a message, never an error;
- a missing or corrupt index falls back to a simple database query and says so;
- when nothing matches: "did you mean" from the index's vocabulary, then the results
  that match some of the words.
"""

import logging
import time
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask import current_app

from forum import permissions, rate_limits
from forum.complaints import queries
from forum.complaints.models import Complaint
from forum.complaints.queries import ThreadSummary
from forum.db import filter_only, utcnow
from forum.errors import Invalid, PermissionDenied
from forum.extensions import db
from forum.language import LANGUAGES
from forum.search.analysis import tokens
from forum.search.backends import IndexUnavailable, get_backend
from forum.search.backends.base import SORTS, Hit, HitPage
from forum.search.models import AvoidedComplaint
from forum.search.query import MAX_CHARS, parse
from forum.statuses import STATUSES
from forum.uow import insert_ignoring_duplicates, write_transaction

log = logging.getLogger("forum.search")

MAX_PAGE = 50
SIMILAR_CANDIDATES = 15
# "Did you mean" looks at this many words at most: each word the index lacks walks the
# index's words within two edits (10-45 ms on Whoosh), so twenty odd words took 0.5 s.
SUGGESTED_WORDS = 5


@dataclass
class Result:
    """One thread on a results page: the live thread and its highlighted snippets."""

    complaint: ThreadSummary
    title_html: object = None
    snippet_html: object = None
    from_answer: bool = False


@dataclass
class SearchResults:
    query: str = ""
    items: list = field(default_factory=list)
    total: int = 0
    exact: bool = True
    page: int = 1
    per_page: int = 20
    message: str | None = None
    suggestion: str | None = None
    relaxed: bool = False
    degraded: bool = False
    timed_out: bool = False

    @property
    def has_prev(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page * self.per_page < self.total and self.page < MAX_PAGE

    @property
    def pages(self):
        return None


def _results_from(hits_page):
    complaints = queries.summaries([hit.complaint_id for hit in hits_page.hits])
    return [
        Result(complaints[hit.complaint_id], hit.title_html, hit.snippet_html, hit.from_answer)
        for hit in hits_page.hits
        if hit.complaint_id in complaints
    ]


def _like(text):
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _database_fallback(parsed, filters, page, per_page):
    """Titles and excerpts containing every word: slow but always there."""
    statement = sa.select(Complaint.id).where(Complaint.visibility == "visible")
    for term in parsed.required:
        pattern = _like(term.text)
        statement = statement.where(
            sa.or_(
                Complaint.title.ilike(pattern, escape="\\"),
                Complaint.excerpt.ilike(pattern, escape="\\"),
            )
        )
    if filters["category_id"] is not None:
        statement = statement.where(Complaint.category_id == filters["category_id"])
    if filters["status"]:
        statement = statement.where(filter_only(Complaint.status) == filters["status"])
    if filters["solved"]:
        statement = statement.where(Complaint.solved_at.is_not(None))
    if filters["language"]:
        statement = statement.where(filter_only(Complaint.language) == filters["language"])
    statement = statement.order_by(Complaint.created_at.desc(), Complaint.id.desc())
    ids = list(db.session.scalars(statement.limit(per_page + 1).offset((page - 1) * per_page)))
    total = (page - 1) * per_page + len(ids)
    return HitPage([Hit(complaint_id) for complaint_id in ids[:per_page]], total, False)


def category_filter(slug):
    """The categories for the filter, the one chosen by ``slug`` (``None`` for all, or for
    a slug that names none) and the languages of the public threads (site-wide), for the
    language filter: one statement for all three."""
    categories, languages = queries.category_labels()
    chosen = next((item for item in categories if slug and item.slug == slug), None)
    return categories, chosen, languages.present()


def search(q, *, category=None, status=None, solved=False, sort="relevance", page=1, language=None):
    """The ``/search`` page's results for what the user typed."""
    per_page = current_app.config["SEARCH_PAGE_SIZE"]
    results = SearchResults(query=" ".join((q or "").split())[:MAX_CHARS], page=page)
    results.per_page = per_page
    parsed = parse(q)
    if parsed.is_empty:
        if (q or "").strip():
            results.message = "Those are not words we can search for. Try a few plain words."
        return results
    if parsed.truncated:
        results.message = "Your search was long, so only its beginning was used."
    filters = {
        "category_id": category.id if category is not None else None,
        "status": status if status in STATUSES else None,
        "solved": bool(solved),
        "language": language if language in LANGUAGES else None,
    }
    sort = sort if sort in SORTS else "relevance"
    backend = get_backend()
    try:
        found = backend.search(parsed, sort=sort, page=page, per_page=per_page, **filters)
        if found.total == 0:
            if page == 1:
                corrections = backend.suggest(parsed.words()[:SUGGESTED_WORDS])
                if corrections:
                    results.suggestion = " ".join(corrections.get(w, w) for w in parsed.words())
            # On every page: the pager's next page of "some of your words" is that search's.
            if len(parsed.required) > 1:
                found = backend.search(
                    parsed, any_word=True, sort=sort, page=page, per_page=per_page, **filters
                )
                results.relaxed = found.total > 0
    except IndexUnavailable as error:
        log.warning("Search index unavailable (%s); using the database fallback", error)
        results.degraded = True
        found = _database_fallback(parsed, filters, page, per_page)
    results.items = _results_from(found)
    results.total, results.exact, results.timed_out = found.total, found.exact, found.timed_out
    return results


def _shared_words(query_tokens, complaint):
    return len(query_tokens & set(tokens(complaint.title + " " + (complaint.excerpt or ""))))


def similar(text, limit=5, exclude_id=None):
    """Threads like ``text`` (a title being typed): solved with an official answer
    first, then solved, then the rest; each shares at least two words with ``text``
    (one, for a one-word title). One search and one database query.
    """
    parsed = parse(text)
    if parsed.is_empty:
        return []
    try:
        found = get_backend().search(
            parsed,
            any_word=True,
            per_page=SIMILAR_CANDIDATES,
            highlight=False,
            exclude_id=exclude_id,
            in_answers=False,
        )
    except IndexUnavailable:
        return []
    complaints = queries.summaries([hit.complaint_id for hit in found.hits])
    wanted = set(tokens(" ".join(term.text for term in parsed.required)))
    needed = min(2, len(wanted))
    ranked = []
    for position, hit in enumerate(found.hits):
        complaint = complaints.get(hit.complaint_id)
        if complaint is None or _shared_words(wanted, complaint) < needed:
            continue
        group = 0 if complaint.is_solved and complaint.official_answer_id else 1
        group = group if complaint.is_solved else 2
        ranked.append((group, position, complaint))
    ranked.sort(key=lambda item: item[:2])
    return [complaint for _, _, complaint in ranked[:limit]]


_related_ids = {}  # (complaint id, created_at) -> (expires, ids): per worker
RELATED_REMEMBERED = 5000


def related(complaint, limit=5):
    """Threads related to ``complaint`` for its page, solved first. Never raises.

    The search costs more than the rest of the thread page, and which threads are alike
    changes slowly: each worker keeps the ids for ``SEARCH_RELATED_SECONDS`` and loads
    them again in one query, so a thread removed meanwhile disappears at once.
    """
    key = (complaint.id, complaint.created_at)
    now = time.monotonic()
    remembered = _related_ids.get(key)
    if remembered is not None and remembered[0] > now:
        complaints = queries.summaries(remembered[1])
        return [complaints[i] for i in remembered[1] if i in complaints][:limit]
    try:
        found = similar(complaint.title, limit=limit, exclude_id=complaint.id)
    except Exception:  # noqa: BLE001 - the thread page must render without them
        log.exception("Related threads failed for complaint %s", complaint.id)
        return []
    if len(_related_ids) >= RELATED_REMEMBERED:
        _related_ids.clear()
    seconds = current_app.config["SEARCH_RELATED_SECONDS"]
    _related_ids[key] = (now + seconds, [thread.id for thread in found])
    return found


def deflection(title, confirmed):
    """Solved threads to show before a new complaint is posted, or ``[]`` to go ahead.

    Shown once: after the member says "not my problem, continue" (``confirmed``) the
    complaint is posted.
    """
    if confirmed:
        return []
    found = similar(title)
    return found if any(complaint.is_solved for complaint in found) else []


def record_avoided(user, complaint_id):
    """ "This solved it for me": count a complaint that did not need posting.

    Once per member and thread (a repeat changes nothing), and at most
    ``SOLVED_IT_LIMIT_PER_MEMBER`` times in a while, so one member cannot inflate the
    avoided-complaints figure.
    """
    if not permissions.is_active(user):
        raise PermissionDenied(permissions.refusal(user, 'say "this solved it for me"'))
    rate_limits.consume("SOLVED_IT_LIMIT_PER_MEMBER", user.id, doing='say "this solved it for me"')
    with write_transaction() as session:
        complaint = session.get(Complaint, complaint_id)
        if complaint is None or not complaint.is_public:
            raise Invalid("That thread is not available.", status=404)
        session.execute(
            insert_ignoring_duplicates(AvoidedComplaint.__table__).values(
                user_id=user.id, complaint_id=complaint.id, created_at=utcnow()
            )
        )
    return complaint


def avoided_count(since=None):
    """How many complaints members did not need to post (for the staff page)."""
    statement = sa.select(sa.func.count()).select_from(AvoidedComplaint)
    if since is not None:
        statement = statement.where(AvoidedComplaint.created_at >= since)
    return db.session.scalar(statement)


def health():
    """``"ok"`` or ``"degraded"`` for ``/healthz``."""
    try:
        return get_backend().health()
    except Exception:  # noqa: BLE001 - a health check reports, never raises
        return "degraded"
