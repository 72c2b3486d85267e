"""Parts of the thread page that are the same for every viewer, rendered once and kept.

A member's thread page is rendered for them (their votes, controls and forms), but most
of its markup is not theirs: each answer's author line, dates, badges and text, and the
related and solved-nearby sections. Those are rendered here, from templates that get no
viewer (they are rendered without the context processors, so ``current_user`` is not
even defined in them), and kept in this process's memory:

- an answer's block under ``answer:<id>:<v>``, where ``v`` is a digest of exactly what
  :data:`ANSWER_BODY` reads (:func:`answer_key`). An edit, a hide, an accepted or
  official mark, a renamed author, a new release or the "3 hours ago" turning into "4
  hours ago" makes a new key, so a kept block needs no invalidation and no coherence
  between workers; old keys are forgotten when the store is full (``SimpleCache``
  drops the oldest entries beyond :data:`KEPT`).
- the related sections under ``related-<complaint id>`` through
  :func:`forum.page_cache.fragment` (the search index's and the site's versions, at most
  ``PAGE_CACHE_SECONDS``), so the two queries behind them run once per thread and worker.

A page gets all its answers' blocks in one ``get_many`` and stores the ones it had to
render in one ``set_many``. With ``PAGE_CACHE_ENABLED`` off nothing is kept: every
block is rendered for every page.
"""

import hashlib

from cachelib import SimpleCache
from flask import current_app
from flask_babel import get_locale
from markupsafe import Markup

from forum import page_cache
from forum.search import services as search
from forum.seo import queries as seo
from forum.templating import timeago

ANSWER_BODY = "complaints/_answer_body.html"
RELATED = ("search/_related.html", "seo/_related_solved.html")
KEPT = 2000  # answer blocks per worker: about 5 MB of markup

_store = SimpleCache(threshold=KEPT, default_timeout=0)


def answer_key(answer, complaint, now=None):
    """The key of ``answer``'s block: its id and a digest of everything the block shows.

    ``now`` is the page's time: the block says "answered 3 hours ago", and that text is
    part of the key, so the block is rendered again when it changes.
    """
    author = answer.author
    shown = (
        page_cache.fingerprint(),
        str(get_locale()),
        answer.id,
        answer.visibility,
        answer.moderation_reason,
        answer.moderated_at,
        answer.created_at,
        timeago(answer.created_at, now),
        answer.edited_at,
        answer.language,
        answer.id == complaint.official_answer_id,
        answer.id == complaint.accepted_answer_id,
        author and (author.id, author.username, author.role, author.deleted_at),
        hashlib.blake2b(answer.body_html.encode(), digest_size=16).digest(),
    )
    digest = hashlib.blake2b(repr(shown).encode(), digest_size=12).hexdigest()
    return f"answer:{answer.id}:{digest}"


def render_answer(answer, complaint):
    """An answer's block: its article's opening and heading, and the top of its body."""
    parts = current_app.jinja_env.get_template(ANSWER_BODY).module
    return parts.opening(answer, complaint), parts.body(answer, complaint)


def answer_blocks(complaint, answers, now=None):
    """``{answer id: (opening, body)}`` for ``answers``, from the store where kept."""
    if not answers:
        return {}
    keep = current_app.config["PAGE_CACHE_ENABLED"]
    keys = [answer_key(answer, complaint, now) for answer in answers] if keep else None
    found = _store.get_many(*keys) if keep else [None] * len(answers)
    blocks, rendered = {}, {}
    for index, (answer, block) in enumerate(zip(answers, found, strict=True)):
        if block is None:
            block = render_answer(answer, complaint)
            if keep:
                rendered[keys[index]] = block
        blocks[answer.id] = block
    if rendered:
        _store.set_many(rendered)
    return blocks


def forget_answers():
    """Drop every kept answer block of this process (tests start from nothing)."""
    _store.clear()


def related_block(complaint):
    """The related threads and the solved threads nearby, as one block of markup."""
    return page_cache.fragment(f"related-{complaint.id}", _render_related, complaint)


def _render_related(complaint):
    """Search's threads like this one and the solved ones of its category among them;
    without a search index, the category's recently solved threads (seo)."""
    alike = search.alike_threads(complaint)
    if alike is None:
        related, solved = [], seo.related_solved(complaint)
    else:
        related, solved = alike.related, alike.solved_nearby
    context = {
        "complaint": complaint,
        "related": related,
        "solved_nearby": solved if complaint.is_public else [],
    }
    env = current_app.jinja_env
    return Markup("".join(env.get_template(name).render(context) for name in RELATED))
