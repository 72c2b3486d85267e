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
import math
import time
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from forum import permissions, rate_limits
from forum.complaints import queries
from forum.complaints.models import Complaint
from forum.complaints.queries import ThreadSummary
from forum.db import filter_only, utcnow
from forum.errors import Invalid, PermissionDenied
from forum.extensions import db
from forum.language import LANGUAGES
from forum.search.analysis import FUNCTION_WORDS, fold, is_cjk, tokens, written_tokens
from forum.search.backends import IndexUnavailable, get_backend
from forum.search.backends.base import SORTS, Clue, Hit, HitPage
from forum.search.models import AvoidedComplaint
from forum.search.query import MAX_CHARS, parse
from forum.statuses import STATUSES
from forum.uow import insert_ignoring_duplicates, write_transaction

log = logging.getLogger("forum.search")

MAX_PAGE = 50
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


def moved_category(slug):
    """Does ``slug`` belong to a renamed or merged-away category?"""
    return queries.moved_category_slug(slug) is not None


def search(q, *, category=None, status=None, solved=False, sort="relevance", page=1, language=None):
    """The ``/search`` page's results for what the user typed."""
    per_page = current_app.config["SEARCH_PAGE_SIZE"]
    results = SearchResults(query=" ".join((q or "").split())[:MAX_CHARS], page=page)
    results.per_page = per_page
    parsed = parse(q)
    if parsed.is_empty:
        if (q or "").strip():
            results.message = _("Those are not words we can search for. Try a few plain words.")
        return results
    if parsed.truncated:
        results.message = _("Your search was long, so only its beginning was used.")
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


# --- More like this: similar complaints, related threads, deflection ---------------------
#
# A text (a title being typed, a thread) is read as clues: its words weighed by how rare
# they are among the threads (BM25's idf), a title's words more than a body's, a word of
# letters and digits (a model number, an error code: E24, F3) and a name written with a
# capital inside a title (CoolMax, Smart Plug) more again. The ``ALIKE_CLUES`` heaviest
# are asked for; each thread holding some of them scores the share of the text's
# heaviest clues it holds (a clue held in the thread's own title counts whole, in its
# body ``BODY_HELD``), and a thread below ``MIN_SCORE`` is not shown: nothing rather than
# noise, and so is one whose title shares no clue with the text's title. The same
# category counts ``SAME_CATEGORY`` times; solved threads come first
# only among equals. Words in more than ``COMMON_SHARE`` of the threads say nothing.

TITLE_CLUE, BODY_CLUE = 2.0, 1.0
CODE_CLUE = 2.0  # letters and digits in one word
NAME_CLUE = 1.5  # a capital inside a title
BODY_CHARS = 2000
ALIKE_CLUES = 10
SCORED_CLUES = 4  # the score is a share of this many heaviest clues' weight
BODY_HELD = 0.6
MIN_SCORE = 0.35
# "Solved in <category>" on a thread page is a looser list: solved threads of the same
# category from this share.
NEARBY_SCORE = 0.15
SAME_CATEGORY = 1.5
COMMON_SHARE = 0.2
COMMON_FROM = 50  # threads: below this, every word counts
ALIKE_CANDIDATES = 30


def _written_weights(title, body):
    """``{token: (word, weight before rarity)}`` of a title and the start of a body."""
    found = {}
    parts = ((title or "", TITLE_CLUE), ((body or "")[:BODY_CHARS], BODY_CLUE))
    for text, base in parts:
        for position, (word, token) in enumerate(written_tokens(text)):
            if (len(token) < 2 and not is_cjk(token)) or fold(word) in FUNCTION_WORDS:
                continue  # "t" of "won't", "5" of "5 months", "my", "after"
            weight = base
            if any(c.isdigit() for c in word) and any(c.isalpha() for c in word):
                weight *= CODE_CLUE
            elif base == TITLE_CLUE and position and word[:1].isupper():
                weight *= NAME_CLUE
            if token not in found or found[token][1] < weight:
                found[token] = (word, weight)
    return found


def _common(threads):
    """How many threads a word may be in and still say something."""
    return threads if threads < COMMON_FROM else COMMON_SHARE * threads


def _idf(count, threads):
    return math.log(1 + (threads - count + 0.5) / (count + 0.5))


def clues(backend, title, body=None, exclude_id=None):
    """``(clues, unheld)``: the heaviest :class:`Clue` s of a text, heaviest first
    (none: nothing to go on), and the weights of its title's words no thread holds.

    With ``exclude_id`` (the text is that thread's own) the thread is not counted: a
    word only it holds would find nothing else."""
    written = _written_weights(title, body)
    if not written:
        return [], []
    candidates = [Clue(token, word, weight) for token, (word, weight) in written.items()]
    counts, threads = backend.frequencies(candidates, cap=_common)
    if exclude_id is not None:
        counts = {token: count - 1 for token, count in counts.items()}
        threads -= 1
    common = _common(threads)
    weighed = [
        Clue(clue.token, clue.word, clue.weight * _idf(counts[clue.token], threads))
        for clue in candidates
        if 0 < counts[clue.token] <= common
    ]
    weighed.sort(key=lambda clue: (-clue.weight, clue.token))
    # A title's word no other thread holds is still what the text is about: it weighs in
    # the score's whole as the rarest word held would (so a thread holding only the
    # text's common words falls short, and a typo costs no more than a rare word).
    unheld = [
        weight * _idf(1, threads)
        for token, (word, weight) in written.items()
        if counts[token] <= 0 and weight >= TITLE_CLUE
    ]
    return weighed[:ALIKE_CLUES], unheld


@dataclass
class Alike:
    """A thread like a text, and why: its score, the clues it holds."""

    complaint: ThreadSummary
    score: float  # the share, times SAME_CATEGORY in the text's category
    held: frozenset
    share: float  # of the text's heaviest clues' weight, held


def alike(
    title,
    body=None,
    *,
    category_id=None,
    exclude_id=None,
    solved=False,
    limit=5,
    min_score=MIN_SCORE,
):
    """Threads like the text ``title`` (and ``body``) as :class:`Alike`, best first.

    Raises :class:`IndexUnavailable` when the index cannot answer. Two index reads and
    one database query."""
    backend = get_backend()
    found_clues, unheld = clues(backend, title, body, exclude_id)
    if not found_clues:
        return []
    held_by = backend.alike(
        found_clues, exclude_id=exclude_id, solved=solved, limit=ALIKE_CANDIDATES
    )
    complaints = queries.summaries([complaint_id for complaint_id, _ in held_by])
    weights = {clue.token: clue.weight for clue in found_clues}
    titled = set(tokens(title or ""))
    heaviest = sorted([clue.weight for clue in found_clues] + unheld, reverse=True)
    whole = sum(heaviest[:SCORED_CLUES])
    ranked = []
    for complaint_id, held in held_by:
        complaint = complaints.get(complaint_id)
        if complaint is None:
            continue
        in_title = set(tokens(complaint.title))
        if not held & in_title & titled:
            continue  # the two titles share no telling word: not the same problem
        score = (
            sum(weights[token] * (1.0 if token in in_title else BODY_HELD) for token in held)
            / whole
        )
        if score < min_score:
            continue
        share = score
        if category_id is not None and complaint.category.id == category_id:
            score *= SAME_CATEGORY
        ranked.append(Alike(complaint, score, held, share))
    ranked.sort(
        key=lambda item: (
            -item.score,
            not item.complaint.is_solved,
            item.complaint.official_answer_id is None,
            -item.complaint.id,
        )
    )
    return ranked[:limit]


def similar(text, limit=5, exclude_id=None, body=None, category_id=None):
    """Complaints like ``text`` (a title being typed, with the ``body`` and category
    when known) for the new-complaint form; ``[]`` when the index cannot answer."""
    try:
        found = alike(text, body, category_id=category_id, exclude_id=exclude_id, limit=limit)
    except IndexUnavailable:
        return []
    return [item.complaint for item in found]


@dataclass
class AlikeThreads:
    """What a thread page shows of the threads like it."""

    related: list
    solved_nearby: list


_related_ids = {}  # (complaint id, created_at) -> (expires, ids): per worker
RELATED_REMEMBERED = 5000
RELATED_SHOWN = 5


def alike_threads(complaint, limit=RELATED_SHOWN):
    """Threads like ``complaint`` for its page: the related threads (same category first)
    and the solved threads of its category among them ("Solved in ..."), ``None`` when
    the index cannot answer. Never raises.

    The search costs more than the rest of the thread page, and which threads are alike
    changes slowly: each worker keeps the ids for ``SEARCH_RELATED_SECONDS`` and loads
    them again in one query, so a thread removed meanwhile disappears at once.
    """
    key = (complaint.id, complaint.created_at)
    now = time.monotonic()
    remembered = _related_ids.get(key)
    if remembered is None or remembered[0] <= now:
        try:
            found = alike(
                complaint.title,
                complaint.body_source,
                category_id=complaint.category_id,
                exclude_id=complaint.id,
                limit=ALIKE_CANDIDATES,
                min_score=NEARBY_SCORE,
            )
        except IndexUnavailable:
            return None
        except Exception:  # noqa: BLE001 - the thread page must render without them
            log.exception("Related threads failed for complaint %s", complaint.id)
            return None
        related_ids = [item.complaint.id for item in found if item.share >= MIN_SCORE]
        solved_ids = [
            item.complaint.id
            for item in found
            if item.complaint.is_solved and item.complaint.category.id == complaint.category_id
        ]
        if len(_related_ids) >= RELATED_REMEMBERED:
            _related_ids.clear()
        seconds = current_app.config["SEARCH_RELATED_SECONDS"]
        remembered = _related_ids[key] = (now + seconds, related_ids[:limit], solved_ids)
    _when, related_ids, solved_ids = remembered
    complaints = queries.summaries(related_ids + solved_ids)
    solved = [complaints[i] for i in solved_ids if i in complaints]
    solved = [thread for thread in solved if thread.is_solved][:limit]
    return AlikeThreads([complaints[i] for i in related_ids if i in complaints], solved)


def related(complaint, limit=RELATED_SHOWN):
    """Threads related to ``complaint`` for its page (``[]`` without an index)."""
    found = alike_threads(complaint, limit)
    return found.related if found is not None else []


def deflection(title, confirmed, body=None, category_id=None):
    """Threads like a new complaint to show before it is posted, or ``[]`` to go ahead:
    only when one of them is solved.

    Shown once: after the member says "not my problem, continue" (``confirmed``), or
    saw the suggestions while typing, the complaint is posted.
    """
    if confirmed:
        return []
    found = similar(title, body=body, category_id=category_id)
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
            raise Invalid(_("That thread is not available."), status=404)
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
