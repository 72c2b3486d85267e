"""Scoped invalidation: a write drops the kept pages that show what it changed, no others."""

import blinker
import pytest
import sqlalchemy as sa

from forum import page_cache, signals, uow
from forum.complaints import services as complaints
from forum.complaints.models import Answer, Category, Complaint
from forum.db import utcnow
from forum.extensions import cache
from forum.moderation import services as moderation
from forum.notifications.models import Notification
from forum.pages import invalidation
from forum.resolution import services as resolution
from forum.uow import write_transaction
from tests.conftest import fresh
from tests.test_seo_pages import thread_path


@pytest.fixture
def app(app):
    """The suite's app with the page cache on (conftest turns it off)."""
    app.config["PAGE_CACHE_ENABLED"] = True
    return app


def versions(app, *tags):
    with app.app_context():
        return dict(zip(tags, cache.get_many(*(page_cache.TAG_KEY + t for t in tags)), strict=True))


def kept(client, count_queries, path):
    """Is ``path`` answered from the store (no SQL statement)?"""
    with count_queries() as queries:
        assert client.get(path).status_code == 200, path
    return len(queries) == 0


def _send_answer_published(app, answer_id):
    with app.app_context(), write_transaction() as session:
        answer = session.get(Answer, answer_id)
        complaint = session.get(Complaint, answer.complaint_id)
        signals.answer_published.send(
            answer, session=session, complaint=complaint, author=answer.author
        )


def test_an_answer_in_one_thread_drops_its_pages_and_keeps_another_threads(
    app, client, make_category, make_complaint, make_answer, count_queries
):
    here, elsewhere = make_category(), make_category()
    thread_a = make_complaint(category=here, title="Washer drum rattles")
    thread_b = make_complaint(category=elsewhere, title="Oven door will not shut")
    answer = make_answer(thread_a, body="Check the drum bearings.")
    paths = {
        "a": thread_path(thread_a),
        "b": thread_path(thread_b),
        "category a": f"/c/{here.slug}",
        "category b": f"/c/{elsewhere.slug}",
        "solved b": f"/c/{elsewhere.slug}/solved",
        "listing": "/complaints",
        "member": f"/members/{answer.author.username}",
    }
    for path in paths.values():
        client.get(path)
    assert all(kept(client, count_queries, path) for path in paths.values())

    _send_answer_published(app, answer.id)

    assert not kept(client, count_queries, paths["a"])
    assert not kept(client, count_queries, paths["category a"])
    assert not kept(client, count_queries, paths["listing"])
    assert not kept(client, count_queries, paths["member"])
    assert kept(client, count_queries, paths["b"])
    assert kept(client, count_queries, paths["category b"])
    assert kept(client, count_queries, paths["solved b"])


def test_a_rolled_back_unit_bumps_no_tag(app, client, make_complaint, make_answer):
    complaint = make_complaint()
    answer = make_answer(complaint)
    client.get(thread_path(complaint))  # sets the versions of the page's tags
    tags = ("layout", f"thread:{complaint.id}")
    before = versions(app, *tags)
    assert all(before.values())
    with pytest.raises(RuntimeError), app.app_context(), write_transaction() as session:
        found = session.get(Answer, answer.id)
        signals.answer_published.send(
            found, session=session, complaint=found.complaint, author=found.author
        )
        raise RuntimeError("the unit of work fails")
    assert versions(app, *tags) == before
    # What the failed unit collected is not bumped by the next one either.
    with app.app_context(), write_transaction():
        page_cache.invalidate("listings")
    assert versions(app, *tags) == before


def test_a_unit_bumps_each_tag_once_after_its_commit(app, make_complaint):
    with app.app_context():
        cache.set_many(
            {page_cache.TAG_KEY + "thread:1": "old", page_cache.TAG_KEY + "listings": "old"}
        )
        with write_transaction():
            page_cache.invalidate("thread:1", "listings")
            page_cache.invalidate("listings")
            assert cache.get(page_cache.TAG_KEY + "thread:1") == "old"  # not before the commit
        assert cache.get(page_cache.TAG_KEY + "thread:1") not in (None, "old")
        assert cache.get(page_cache.TAG_KEY + "listings") not in (None, "old")


def test_work_after_the_commit_that_starts_its_own_unit_does_not_lose_the_tags(app):
    """Mail sent at once after a commit opens a unit of work of its own: the tags the
    committed unit changed are still bumped, whichever ran first."""
    with app.app_context():
        cache.set(page_cache.TAG_KEY + "thread:7", "old", timeout=0)

        def send_mail_at_once():
            with write_transaction():
                pass

        with write_transaction():
            uow.after_commit(send_mail_at_once, key="mail")
            page_cache.invalidate("thread:7")
        assert cache.get(page_cache.TAG_KEY + "thread:7") not in (None, "old")


def test_a_unit_run_after_the_commit_leaves_the_committed_units_tags_to_be_bumped(app):
    """Work after a commit may run a unit of its own (sending the mail the write queued)
    before the page cache's bump: that unit must not take the tags of the first."""

    def a_unit_of_its_own():
        with write_transaction():
            page_cache.invalidate("listings")

    with app.app_context():
        cache.set_many({page_cache.TAG_KEY + tag: "old" for tag in ("thread:1", "listings")})
        with write_transaction():
            uow.after_commit(a_unit_of_its_own)  # registered before the first invalidate
            page_cache.invalidate("thread:1")
        assert cache.get(page_cache.TAG_KEY + "thread:1") not in (None, "old")
        assert cache.get(page_cache.TAG_KEY + "listings") not in (None, "old")


def test_outside_a_unit_of_work_tags_are_bumped_at_once(app):
    with app.app_context():
        cache.set(page_cache.TAG_KEY + "search", "old", timeout=0)
        page_cache.invalidate("search")
        assert cache.get(page_cache.TAG_KEY + "search") not in (None, "old")


def test_a_moved_complaint_drops_both_categories(app, make_category, make_complaint):
    old, new = make_category(), make_category()
    complaint = make_complaint(category=old)
    tags = (f"category:{old.slug}", f"category:{new.slug}", f"thread:{complaint.id}")
    with app.app_context():
        cache.set_many({page_cache.TAG_KEY + tag: "old" for tag in tags}, timeout=0)
        with write_transaction() as session:
            session.execute(
                sa.update(Complaint).filter_by(id=complaint.id).values(category_id=new.id)
            )
            moved = session.get(Complaint, complaint.id)
            session.refresh(moved)
            signals.complaint_moved.send(moved, session=session, old_category_id=old.id, actor=None)
    assert all(version not in (None, "old") for version in versions(app, *tags).values())


def test_a_site_change_drops_every_page(app, client, make_complaint, count_queries):
    complaint = make_complaint()
    for path in ("/", thread_path(complaint), "/solved"):
        client.get(path)
        assert kept(client, count_queries, path)
    with app.app_context(), write_transaction() as session:
        session.execute(sa.update(Category).values(name="Renamed"))
        signals.site_changed.send(None, session=session)
    for path in ("/", thread_path(complaint), "/solved"):
        assert not kept(client, count_queries, path)


def test_a_unit_that_announces_nothing_drops_nothing(app, client, make_complaint, count_queries):
    """A notification read (like mail bookkeeping) sends no page event."""
    complaint = make_complaint()
    for path in ("/", thread_path(complaint)):
        client.get(path)
    with app.app_context(), write_transaction() as session:
        note = Notification(
            user_id=complaint.author_id, complaint_id=complaint.id, kind="answer",
            message="A new answer", url=thread_path(complaint),
        )  # fmt: skip
        session.add(note)
        session.flush()
        note.read_at = utcnow()
    assert kept(client, count_queries, "/")
    assert kept(client, count_queries, thread_path(complaint))


def test_every_signal_is_mapped_to_tags_or_listed_as_changing_no_public_page():
    events = [value for value in vars(signals).values() if isinstance(value, blinker.Signal)]
    assert events
    mapped = set(invalidation.RECEIVERS) | invalidation.CHANGES_NO_PUBLIC_PAGE
    assert [event.name for event in events if event not in mapped] == []
    assert not set(invalidation.RECEIVERS) & invalidation.CHANGES_NO_PUBLIC_PAGE


class Visitor:
    """A visitor's view of the site with the page cache on: which pages are kept."""

    def __init__(self, app, count_queries):
        self.client = app.test_client()
        self.count_queries = count_queries

    def keep(self, *paths):
        for path in paths:
            self.client.get(path)
            assert kept(self.client, self.count_queries, path), path

    def dropped(self, *paths):
        """Every one of ``paths`` rendered again (then kept again)."""
        return [path for path in paths if kept(self.client, self.count_queries, path)] == []

    def text(self, path):
        return self.client.get(path).text


@pytest.fixture
def site(app, make_user, make_category, make_complaint, make_answer):
    """Two categories, a thread in each, an answer, a staff member."""
    here, elsewhere = make_category(), make_category()
    author = make_user("ada_l")
    thread = make_complaint(author=author, category=here, title="Washer drum rattles")
    other = make_complaint(category=elsewhere, title="Oven door will not shut")
    answer = make_answer(thread, author=make_user("ben_k"), body="Check the drum bearings.")
    staff = make_user("sam_admin", role="admin")
    return {
        "here": here, "elsewhere": elsewhere, "author": author, "thread": thread,
        "other": other, "answer": answer, "staff": staff,
    }  # fmt: skip


def make_answer_as(app, user, complaint, body):
    with app.app_context():
        answer = complaints.post_answer(fresh(user), fresh(complaint), body)
        return fresh(answer)


def _resolve(app, site):
    with app.app_context():
        resolution.change_status(fresh(site["staff"]), fresh(site["thread"]), "resolved")


def test_each_write_a_visitor_can_see_drops_the_kept_pages_that_show_it(
    app, count_queries, make_user, make_complaint, site
):
    visitor = Visitor(app, count_queries)
    thread, other = thread_path(site["thread"]), thread_path(site["other"])
    here, elsewhere = f"/c/{site['here'].slug}", f"/c/{site['elsewhere'].slug}"
    staff, answer = site["staff"], site["answer"]

    visitor.keep("/", "/complaints", here, "/sitemaps/threads-1.xml", "/feeds/new.atom", other)
    make_complaint(author=site["author"], category=site["here"], title="Dryer belt snapped")
    assert visitor.dropped("/", "/complaints", here, "/sitemaps/threads-1.xml", "/feeds/new.atom")
    assert "Dryer belt snapped" in visitor.text(here)
    assert "Dryer belt snapped" in visitor.text("/members/ada_l")
    assert visitor.dropped(other) is False  # another thread's page is still kept

    visitor.keep(thread, other)
    with app.app_context():
        complaints.post_answer(fresh(make_user()), fresh(site["thread"]), "Level the feet.")
    assert "Level the feet." in visitor.text(thread)
    assert visitor.dropped(other) is False

    voter = make_user()
    visitor.keep(thread)
    with app.app_context():
        complaints.vote_on_complaint(fresh(voter), fresh(site["thread"]), 1)
    assert visitor.dropped(thread)

    visitor.keep(thread, "/solved", f"{here}/solved")
    _resolve(app, site)
    assert visitor.dropped(thread, "/solved", f"{here}/solved")

    visitor.keep(thread)
    with app.app_context():
        resolution.accept_answer(fresh(site["author"]), fresh(answer))
    assert "data-accepted-answer" in visitor.text(thread)

    official = make_answer_as(app, staff, site["thread"], "We will send a new drum.")
    visitor.keep(thread)
    with app.app_context():
        resolution.mark_official(fresh(staff), fresh(official))
    assert "data-official-answer" in visitor.text(thread)

    visitor.keep(thread, "/members/ben_k")
    with app.app_context():
        assert moderation.remove(fresh(staff), "answer", answer.id, "hide", "spam") == "done"
    assert "Check the drum bearings." not in visitor.text(thread)
    assert visitor.dropped("/members/ben_k")
    visitor.keep(thread)
    with app.app_context():
        moderation.restore(fresh(staff), "answer", answer.id)
    assert "Check the drum bearings." in visitor.text(thread)

    visitor.keep(thread)
    with app.app_context():
        moderation.edit_post(fresh(staff), "answer", answer.id, "Check the drum bearings first.")
    assert "Check the drum bearings first." in visitor.text(thread)

    visitor.keep(thread, here, elsewhere)
    with app.app_context():
        moderation.move(fresh(staff), site["thread"].id, site["elsewhere"].id)
    assert visitor.dropped(thread, here, elsewhere)
    assert "Washer drum rattles" in visitor.text(elsewhere)

    visitor.keep(thread, other)
    with app.app_context():
        assert moderation.merge(fresh(staff), site["other"].id, site["thread"].id) == "done"
    assert visitor.dropped(thread)
    assert visitor.client.get(other).status_code == 301  # to the thread it went into

    visitor.keep(thread, "/members/ben_k", "/")
    with app.app_context():
        moderation.suspend_for(fresh(staff), answer.author_id, 3, "Spam links.")
    assert visitor.dropped(thread, "/members/ben_k", "/")

    visitor.keep("/", "/complaints", thread)
    with app.app_context():
        assert moderation.remove(fresh(staff), "complaint", site["thread"].id, "hide", "spam")
    assert "Washer drum rattles" not in visitor.text("/complaints")
    assert visitor.dropped("/")
    assert visitor.client.get(thread).status_code == 404


def test_a_revised_review_and_a_fix_report_drop_the_pages_that_show_them(
    app, count_queries, make_user, site
):
    visitor = Visitor(app, count_queries)
    thread, here = thread_path(site["thread"]), f"/c/{site['here'].slug}"
    affected = make_user("cy_a")
    with app.app_context():
        complaints.vote_on_complaint(fresh(affected), fresh(site["thread"]), 1)
    _resolve(app, site)

    visitor.keep(thread, here, "/members/ada_l")
    with app.app_context():
        resolution.revise_review(fresh(site["author"]), fresh(site["thread"]), 4, "Fixed fast.")
    assert 'data-rating="4"' in visitor.text(thread)
    assert visitor.dropped(here, "/members/ada_l")

    visitor.keep(thread, here)
    with app.app_context():
        resolution.record_fix_feedback(fresh(affected), fresh(site["thread"]), True)
    assert "Fixed for <strong>1 of 1</strong>" in visitor.text(thread)
    assert visitor.dropped(here) is False  # the tally shows on the thread only


def test_locking_and_pinning_a_thread_drop_the_kept_pages_that_show_it(app, count_queries, site):
    visitor = Visitor(app, count_queries)
    thread, staff = thread_path(site["thread"]), site["staff"]
    visitor.keep(thread, "/complaints")
    with app.app_context():
        moderation.set_locked(fresh(staff), site["thread"].id, True)
    assert "This thread is locked by staff" in visitor.text(thread)
    visitor.keep("/complaints")
    assert "badge-pinned" not in visitor.text("/complaints")
    with app.app_context():
        moderation.set_pinned(fresh(staff), site["thread"].id, True)
    assert "badge-pinned" in visitor.text("/complaints")


def test_generated_complaints_drop_every_kept_page(app, runner, count_queries, site):
    visitor = Visitor(app, count_queries)
    visitor.keep("/", "/complaints", thread_path(site["thread"]))
    result = runner.invoke(args=["demo", "generate", "--complaints", "3", "--seed", "5"])
    assert result.exit_code == 0, result.output
    assert visitor.dropped("/", "/complaints", thread_path(site["thread"]))
