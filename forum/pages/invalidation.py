"""Which kept public pages each domain event changes: the signal -> page tags table.

The pages know what they show, so the mapping lives here rather than in the services: a
service announces its write (``forum.signals``), and each receiver below names the tags of
the pages that write changes (``forum.page_cache.invalidate``). They are bumped once the
unit of work has committed, never after a rollback; every other kept page stays.

The tags (declared on the views with ``@page_cache.public_page``):

- ``layout``: every page (the categories, the site's settings, member names and badges);
- ``thread:<id>``: the thread page;
- ``category:<slug>``: its listing, feed and solved page;
- ``category-counts``: the pages whose sidebar counts each category's complaints;
- ``listings``: the home page, ``/complaints``, the solved hub, sitemaps, the site feed and
  search results (the PostgreSQL backend searches the tables themselves);
- ``member:<username>``: the member's page;
- ``search``: search results (bumped by the search backend once its index changed).

An event that changes no public page is listed in ``CHANGES_NO_PUBLIC_PAGE``;
``tests/test_page_cache_tags.py`` fails for a signal in neither.
"""

from forum import page_cache, signals
from forum.complaints.models import Category
from forum.extensions import db
from forum.page_cache import (
    CATEGORY_COUNTS,
    LAYOUT,
    LISTINGS,
    SEARCH,
    category_tag,
    member_tag,
    thread_tag,
)


def _thread(complaint):
    """A complaint's own page and the lists it appears in."""
    return [thread_tag(complaint.id), category_tag(complaint.category.slug), LISTINGS]


def _member(user):
    return [member_tag(user.username)] if user is not None else []


def complaint_created(complaint, *, author, **_):
    page_cache.invalidate(*_thread(complaint), CATEGORY_COUNTS, *_member(author))


def complaint_edited(complaint, **_):
    page_cache.invalidate(*_thread(complaint), *_member(complaint.author))


def answer_published(answer, *, complaint, author, **_):
    page_cache.invalidate(*_thread(complaint), *_member(author))


def answer_edited(answer, **_):
    page_cache.invalidate(thread_tag(answer.complaint_id), SEARCH, *_member(answer.author))


def vote_changed(target, *, complaint, **_):
    page_cache.invalidate(*_thread(complaint))


def status_changed(complaint, **_):
    page_cache.invalidate(*_thread(complaint), *_member(complaint.author))


def answer_marked(answer, *, complaint, **_):
    page_cache.invalidate(*_thread(complaint), *_member(answer.author))


def resolution_feedback(complaint, *, kind, **_):
    # A revised rating shows in the lists and on the author's page; the fix tally only on
    # the thread.
    if kind == "review":
        page_cache.invalidate(*_thread(complaint), *_member(complaint.author))
    else:
        page_cache.invalidate(thread_tag(complaint.id))


def post_changed(post, *, complaint, **_):
    tags = [*_thread(complaint), CATEGORY_COUNTS, SEARCH, *_member(post.author)]
    page_cache.invalidate(*tags)


def complaint_moved(complaint, *, old_category_id, **_):
    old = db.session.get(Category, old_category_id)
    before = [category_tag(old.slug)] if old is not None else []
    page_cache.invalidate(*_thread(complaint), *before, CATEGORY_COUNTS)


def complaints_merged(complaint, *, target, **_):
    page_cache.invalidate(*_thread(complaint), *_thread(target), CATEGORY_COUNTS)


def member_changed(user, **_):
    # A name, a staff badge or "deleted member" shows on any page they wrote on.
    page_cache.invalidate(LAYOUT, *_member(user))


def category_changed(category, *, slugs, **_):
    # Every page lists the categories (the sidebar, the posting form's choices), so the
    # layout goes; the category pages at the old and new slugs go with it.
    page_cache.invalidate(LAYOUT, LISTINGS, CATEGORY_COUNTS, *map(category_tag, slugs))


def site_changed(sender, **_):
    page_cache.invalidate(LAYOUT)


RECEIVERS = {
    signals.complaint_created: complaint_created,
    signals.complaint_edited: complaint_edited,
    signals.answer_published: answer_published,
    signals.answer_edited: answer_edited,
    signals.vote_changed: vote_changed,
    signals.status_changed: status_changed,
    signals.answer_marked: answer_marked,
    signals.resolution_feedback: resolution_feedback,
    signals.post_changed: post_changed,
    signals.complaint_moved: complaint_moved,
    signals.complaints_merged: complaints_merged,
    signals.member_changed: member_changed,
    signals.category_changed: category_changed,
    signals.site_changed: site_changed,
}

# A question asked before an edit, not a change.
CHANGES_NO_PUBLIC_PAGE = frozenset({signals.rating_locked})


def init_app(app):
    # blinker keys receivers by identity: the many apps the tests build connect them once.
    for signal, receiver in RECEIVERS.items():
        signal.connect(receiver)
