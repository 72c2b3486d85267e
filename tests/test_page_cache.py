"""The page cache: anonymous public pages come from the shared store until a write;
members always get pages rendered for them, and nothing of theirs is ever stored."""

import os
import pickle
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from forum import page_cache
from forum.accounts.models import User
from forum.complaints import services
from forum.complaints.models import Complaint
from forum.db import utcnow
from forum.extensions import db
from forum.moderation import services as moderation
from forum.uow import write_transaction
from tests.background import drain_background_work
from tests.conftest import PASSWORD, fresh
from tests.servers import refusing_port
from tests.test_page_cache_tags import kept
from tests.test_seo_caching import public_paths
from tests.test_seo_pages import thread_path


@pytest.fixture
def app(app):
    """The suite's app with the page cache on (conftest turns it off), in its own folder."""
    app.config["PAGE_CACHE_ENABLED"] = True
    return app


def test_a_second_anonymous_visit_is_served_from_the_cache_without_sql(
    app, client, make_complaint, make_answer, count_queries
):
    complaint = make_complaint()
    make_answer(complaint, body="Unplug it for a minute, then plug it back in.")
    first = client.get(thread_path(complaint))
    assert first.status_code == 200
    with count_queries() as queries:
        second = client.get(thread_path(complaint))
    assert len(queries) == 0
    assert second.status_code == 200
    assert second.data == first.data
    assert "Unplug it for a minute" in second.text


def test_cached_pages_carry_the_same_headers_and_answer_if_none_match_with_304(
    app, client, make_complaint, count_queries
):
    complaint = make_complaint()
    for path in public_paths(complaint):
        rendered = client.get(path)
        assert rendered.status_code == 200, path
        with count_queries() as queries:
            cached = client.get(path)
            not_modified = client.get(path, headers={"If-None-Match": rendered.headers["ETag"]})
            head = client.head(path, headers={"If-None-Match": rendered.headers["ETag"]})
        assert len(queries) == 0, path
        assert cached.data == rendered.data, path
        for header in ("Content-Type", "ETag", "Cache-Control", "Vary", "Content-Security-Policy"):
            assert cached.headers[header] == rendered.headers[header], (path, header)
        assert "Set-Cookie" not in cached.headers
        assert not_modified.status_code == 304 and not_modified.data == b"", path
        assert not_modified.headers["ETag"] == rendered.headers["ETag"]
        assert head.status_code == 304, path


def test_with_csrf_on_a_visitor_without_cookies_gets_public_pages_that_are_kept(
    app, make_complaint, make_answer, count_queries
):
    """Production has CSRF on: building a form for a visitor must not start a session."""
    app.config["WTF_CSRF_ENABLED"] = True
    complaint = make_complaint()
    make_answer(complaint)
    for path in public_paths(complaint):
        rendered = app.test_client().get(path)
        assert rendered.status_code == 200, path
        assert "Set-Cookie" not in rendered.headers, path
        assert rendered.cache_control.public, path
        with count_queries() as queries:
            assert app.test_client().get(path).data == rendered.data
        assert len(queries) == 0, path


def test_the_key_is_the_path_and_the_query_string_in_any_order(
    app, client, make_complaint, count_queries
):
    make_complaint()
    client.get("/complaints?sort=new&status=open")
    with count_queries() as same:
        assert client.get("/complaints?status=open&sort=new").status_code == 200
    with count_queries() as other:
        assert client.get("/complaints?sort=top").status_code == 200
    assert len(same) == 0
    assert len(other) > 0


def test_a_posted_answer_shows_at_once_to_anonymous_visitors(
    app, client, auth, make_user, make_complaint
):
    complaint = make_complaint()
    path = thread_path(complaint)
    visitor = app.test_client()
    assert "Check the door seal" not in visitor.get(path).text
    assert "Check the door seal" not in visitor.get(path).text  # now from the cache
    member = make_user()
    auth.login(member.username)
    response = client.post(
        f"/complaints/{complaint.id}/answers", data={"body": "Check the door seal first."}
    )
    assert response.status_code == 303
    assert "Check the door seal first." in visitor.get(path).text


def test_a_committed_write_drops_the_pages_it_changed_and_a_rolled_back_one_drops_none(
    app, client, make_user, make_category, make_complaint, count_queries
):
    here, elsewhere = make_category(), make_category()
    complaint = make_complaint(category=here)
    other = make_complaint(category=elsewhere)
    changed = [thread_path(complaint), f"/c/{here.slug}", "/complaints"]
    unchanged = [thread_path(other), f"/c/{elsewhere.slug}/solved"]
    for path in changed + unchanged:
        client.get(path)
    with app.app_context():
        with pytest.raises(RuntimeError), write_transaction() as session:
            session.execute(sa.update(Complaint).values(title="Never committed"))
            page_cache.invalidate(page_cache.thread_tag(complaint.id), page_cache.LISTINGS)
            raise RuntimeError("the unit of work fails")
        assert fresh(complaint).title != "Never committed"
    assert all(kept(client, count_queries, path) for path in changed + unchanged)
    with app.app_context():
        services.post_answer(fresh(make_user()), fresh(complaint), "A first answer.")
    assert not any(kept(client, count_queries, path) for path in changed)
    assert all(kept(client, count_queries, path) for path in unchanged)
    assert "A first answer." in client.get(thread_path(complaint)).text


def test_signed_in_members_never_get_a_cached_thread_page(
    app, client, auth, make_user, make_complaint, count_queries
):
    complaint = make_complaint()
    path = thread_path(complaint)
    visitor = app.test_client()
    visitor.get(path)
    visitor.get(path)
    member = make_user("rosa_m")
    auth.login(member.username)
    with count_queries() as queries:
        page = client.get(path)
    assert len(queries) > 0
    assert "rosa_m" in page.text
    assert page.cache_control.private
    # Nor is a member's page kept for anyone else.
    client.get("/")
    assert "rosa_m" not in visitor.get("/").text


TOKEN = re.compile(rb'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')
VIEWER = b'<span class="nav-user">rosa_m'  # the header of a page rendered for rosa_m


def member_paths(complaint, member):
    """Every public page, and the pages that show the member's own name."""
    return [*public_paths(complaint), f"/members/{member.username}"]


def signed_in(app, user):
    """A client signed in as ``user`` through the form (CSRF on), its message seen."""
    member = app.test_client()
    token = TOKEN.search(member.get("/login").data).group(1).decode()
    form = {"login": user.username, "password": PASSWORD, "csrf_token": token}
    assert member.post("/login", data=form).status_code in (302, 303)
    assert "Signed in as" in member.get("/notifications").text
    return member


def stored_pages(app):
    """The pages in the store's folder, by file name (the other entries are tag versions)."""
    folder = os.path.join(app.instance_path, page_cache.FOLDER)
    pages = {}
    for name in os.listdir(folder) if os.path.isdir(folder) else ():
        with open(os.path.join(folder, name), "rb") as file:
            file.read(4)  # FileSystemCache's expiry time, then the pickled value
            value = pickle.load(file)
        if isinstance(value, tuple):  # (body, headers)
            pages[name] = value[0]
    return pages


def test_a_members_render_of_a_public_page_is_never_stored(
    app, make_user, make_complaint, make_answer
):
    member = make_user("rosa_m")
    complaint = make_complaint(author=member)
    make_answer(complaint, author=member)
    client = signed_in(app, member)
    before = stored_pages(app)
    for path in member_paths(complaint, member):
        page = client.get(path)
        assert page.status_code == 200, path
        assert page.cache_control.private and "ETag" not in page.headers, path
    assert stored_pages(app) == before  # no page was written to the store
    for path in member_paths(complaint, member):
        visitor = app.test_client().get(path)
        assert b"Sign out" not in visitor.data and VIEWER not in visitor.data, path


def test_a_visitors_stored_page_is_never_served_to_a_member(
    app, make_user, make_complaint, make_answer, count_queries
):
    member = make_user("rosa_m")
    complaint = make_complaint()
    make_answer(complaint)
    client = signed_in(app, member)
    for path in member_paths(complaint, member):
        stored = app.test_client().get(path)
        assert kept(app.test_client(), count_queries, path), path
        with count_queries() as queries:
            page = client.get(path)
        # Rendered for them: not the stored response (which carries its ETag).
        assert page.cache_control.private and "ETag" not in page.headers, path
        if page.mimetype == "text/html":
            assert len(queries) > 1, path  # their account, then the page's own queries
            assert page.data != stored.data, path
            assert VIEWER in page.data and b"Sign out" in page.data, path


def test_a_members_form_token_never_appears_in_any_stored_entry(
    app, make_user, make_complaint, make_answer
):
    app.config["WTF_CSRF_ENABLED"] = True
    member = make_user("rosa_m")
    complaint = make_complaint()
    make_answer(complaint)
    client = signed_in(app, member)
    tokens = set()
    for path in member_paths(complaint, member):
        app.test_client().get(path)  # a visitor's page: stored
        page = client.get(path)  # rendered for the member, forms and all
        tokens.update(TOKEN.findall(page.data))
        app.test_client().get(path)  # a visitor again, after the member
    assert tokens  # the thread page and the header's sign-out form carry theirs
    folder = os.path.join(app.instance_path, page_cache.FOLDER)
    entries = [os.path.join(folder, name) for name in os.listdir(folder)]
    assert entries
    for entry in entries:
        with open(entry, "rb") as file:
            content = file.read()
        assert not any(token in content for token in tokens), entry
        assert VIEWER not in content and b"Sign out" not in content, entry


def test_a_page_with_a_flashed_message_is_neither_cached_nor_served_from_the_cache(
    app, client, make_complaint
):
    make_complaint()
    other = app.test_client()
    other.get("/")  # "/" is in the cache now
    # Asking for a members-only page flashes "Sign in to continue." into the session.
    assert client.get("/complaints/new").status_code == 302
    flashed = client.get("/")
    assert "Sign in to continue." in flashed.text
    assert not flashed.cache_control.public
    assert "Sign in to continue." not in app.test_client().get("/").text
    # Rendered with the flash, not cached: a fresh visitor still gets the public page.
    assert client.get("/complaints/new").status_code == 302
    app.test_client().get("/complaints")
    assert "Sign in to continue." in client.get("/complaints").text
    assert "Sign in to continue." not in app.test_client().get("/complaints").text


def test_pages_that_are_not_200_are_not_cached(app, client, make_complaint, count_queries):
    complaint = make_complaint()
    client.get(f"/complaints/{complaint.id}")  # 301 to the canonical URL
    client.get("/complaints/999999/missing")
    with count_queries() as queries:
        assert client.get(f"/complaints/{complaint.id}").status_code == 301
        assert client.get("/complaints/999999/missing").status_code == 404
    assert len(queries) > 0


def test_the_cache_is_off_when_disabled(app, client, make_complaint, count_queries):
    app.config["PAGE_CACHE_ENABLED"] = False
    complaint = make_complaint()
    client.get(thread_path(complaint))
    with count_queries() as queries:
        client.get(thread_path(complaint))
    assert len(queries) > 0


def test_the_store_is_a_folder_in_the_instance_folder(app, client, make_complaint):
    make_complaint()
    client.get("/")
    folder = os.path.join(app.instance_path, page_cache.FOLDER)
    assert os.path.isdir(folder) and os.listdir(folder)


@pytest.fixture
def refused_port():
    """A port that refuses connections for the whole test (bound and never listened on,
    so no other server can take it meanwhile)."""
    with refusing_port() as port:
        yield port


def test_pages_and_writes_carry_on_when_the_store_is_down(
    _schema, tmp_path, monkeypatch, caplog, make_user, make_complaint, refused_port
):
    from forum import create_app
    from forum.extensions import db

    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": _schema,
            "WTF_CSRF_ENABLED": False,
            "CACHE_TYPE": "RedisCache",
            "CACHE_REDIS_URL": f"redis://127.0.0.1:{refused_port}/1",
        }
    )
    app.instance_path = str(tmp_path)
    monkeypatch.setattr(page_cache, "_paused_until", 0.0)  # and back afterwards
    monkeypatch.setattr(page_cache, "_warned_at", -60.0)
    complaint = make_complaint()
    client = app.test_client()
    path = thread_path(complaint)
    try:
        assert client.get(path).status_code == 200
        assert client.get(path).status_code == 200
        with app.app_context():
            services.post_answer(fresh(make_user()), fresh(complaint), "Still answered.")
        assert "Still answered." in client.get(path).text
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
    assert "The page cache is unavailable" in caplog.text
    assert "The page cache missed a write" in caplog.text


def test_staff_and_restricted_members_get_pages_of_their_own(
    app, client, auth, make_user, make_complaint, count_queries
):
    make_complaint()
    app.test_client().get("/complaints")  # stored
    staff = make_user("vera_staff", role="staff")
    auth.login(staff.username)
    with count_queries() as queries:
        page = client.get("/complaints")
    assert len(queries) > 1 and "Staff queue" in page.text
    client.post("/logout")
    member = make_user("otto_k")
    with app.app_context():
        until = utcnow() + timedelta(days=2)
        db.session.execute(sa.update(User).filter_by(id=member.id).values(suspended_until=until))
        db.session.commit()
    auth.login(member.username)
    with count_queries() as queries:
        page = client.get("/complaints")
    assert len(queries) > 1 and "suspended" in page.text.lower()
    assert "suspended" not in app.test_client().get("/complaints").text.lower()


def test_a_member_sees_a_write_on_a_public_page_at_once(
    app, client, auth, make_user, make_complaint
):
    make_complaint(title="Kettle switch sticks")
    member = make_user("rosa_m")
    auth.login(member.username)
    assert "Kettle switch sticks" in client.get("/complaints").text
    make_complaint(title="Toaster crumb tray missing")
    assert "Toaster crumb tray missing" in client.get("/complaints").text


def test_a_threads_related_part_is_kept_for_every_viewer_until_a_write(
    app, client, auth, make_user, make_category, make_complaint, count_queries
):
    category = make_category()
    thread = make_complaint(category=category, title="Blender jug cracked at the base")
    solved = make_complaint(category=category, title="Blender blade loose after a month")
    with app.app_context(), write_transaction() as session:
        session.execute(sa.update(Complaint).filter_by(id=solved.id).values(solved_at=utcnow()))
    staff = make_user(role="staff")
    # A member: the thread page is rendered for her every time, related part aside.
    auth.login(make_user("rosa_m").username)
    path = thread_path(thread)
    with count_queries() as first:
        assert solved.title in client.get(path).text
    with count_queries() as second:
        assert solved.title in client.get(path).text

    def solved_nearby(counter):
        return [s for s in counter.statements if "solved_at IS NOT NULL" in s]

    assert solved_nearby(first) and not solved_nearby(second)  # the second came from memory
    with app.app_context():
        assert moderation.remove(fresh(staff), "complaint", solved.id, "hide", "spam") == "done"
    assert solved.title not in client.get(path).text  # a write, and it is gone at once


def test_kept_search_results_change_when_the_index_catches_up(app, client, make_complaint):
    from whoosh import index

    from forum.search.backends import get_backend
    from forum.search.backends.whoosh_backend import index_dir

    app.config["SEARCH_BACKEND"] = "whoosh"
    with app.app_context():
        get_backend().rebuild()
        folder = index_dir()

    def found():
        return client.get("/search?q=kettle").text.count("data-complaint-id=")

    make_complaint(title="Kettle whistle stuck")
    assert found() == 1
    drain_background_work()  # no merge of this process holds the lock the test takes
    busy = index.open_dir(folder).writer()  # another process is writing to the index
    try:
        make_complaint(title="Kettle lid hinge broken")  # its index update waits
        assert found() == 1  # rendered again after the write, and kept
    finally:
        busy.cancel()
    with app.app_context():
        assert get_backend().apply_pending(timeout=1.0) == 1  # as that process then does
    assert found() == 2


def test_apps_with_another_site_url_on_one_store_never_see_each_others_pages(
    _schema, tmp_path, make_complaint
):
    """As after a restart with a new SITE_URL: the store still holds the old pages."""
    from forum import create_app

    complaint = make_complaint()
    sites = ("https://old.example.com", "https://new.example.com")
    apps = {}
    for site in sites:
        apps[site] = create_app(
            {
                "TESTING": True,
                "SQLALCHEMY_DATABASE_URI": _schema,
                "SITE_URL": site,
                "CACHE_DIR": str(tmp_path / "one-store"),
            }
        )
        apps[site].instance_path = str(tmp_path / site.split("//")[1])
    try:
        for path in ("/", "/complaints", thread_path(complaint), "/sitemap.xml"):
            for site, other in (sites, sites[::-1]):
                for _ in range(2):  # rendered, then from the store
                    page = apps[site].test_client().get(path)
                    assert page.status_code == 200, path
                    assert site in page.text and other not in page.text, (site, path)
    finally:
        for app in apps.values():
            with app.app_context():
                db.engine.dispose()


def test_the_code_version_changes_with_any_file_of_the_release(tmp_path):
    code, templates = tmp_path / "code", tmp_path / "templates"
    (code / "sub").mkdir(parents=True)
    templates.mkdir()
    (code / "sub" / "views.py").write_text("x = 1\n")
    (templates / "page.html").write_text("<p>{{ x }}</p>\n")
    before = page_cache.code_version(str(code), str(templates))
    (templates / "page.html").write_text("<p>{{ x }}!</p>\n")
    page_cache.code_version.cache_clear()
    assert page_cache.code_version(str(code), str(templates)) != before
    (templates / "page.html").write_text("<p>{{ x }}</p>\n")
    page_cache.code_version.cache_clear()
    assert page_cache.code_version(str(code), str(templates)) == before
