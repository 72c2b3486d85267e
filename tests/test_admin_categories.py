"""Categories: the rules (forum.complaints.categories), /admin/categories, the 301s from old
slugs, archive, merge, delete, the page cache, the staff queue and ``flask categories``."""

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from forum.audit.models import AuditEntry
from forum.complaints import categories
from forum.complaints import services as complaint_services
from forum.complaints.models import Category, CategorySlugRedirect, Complaint
from forum.db import utcnow
from forum.errors import Invalid, PermissionDenied
from forum.extensions import db
from forum.moderation import services as moderation
from tests.conftest import fresh
from tests.search_fixtures import *  # noqa: F403 - the backend and post fixtures
from tests.search_fixtures import ids
from tests.test_page_cache_tags import kept


def _create(app, actor=None, **fields):
    with app.app_context():
        category = categories.create_category(fresh(actor) if actor else None, **fields)
        db.session.refresh(category)
        db.session.expunge(category)
        return category


def _entries(app, action):
    with app.app_context():
        return list(db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == action)))


def _complaint_in(app, make_user, category, title="The kettle switched itself off", author=None):
    author = author or make_user()
    with app.app_context():
        complaint = complaint_services.create_complaint(
            fresh(author),
            title=title,
            body="It switches off before the water boils, every single time.",
            category_id=category.id,
            desired_outcome="refund",
        )
        db.session.refresh(complaint)
        db.session.expunge(complaint)
        return complaint


def _category_choices(client):
    page = client.get("/complaints/new").text
    return page.split('id="category"')[1].split("</select>")[0]


# --- The rules --------------------------------------------------------------------------


def test_a_slug_is_made_from_the_name_and_kept_unique(app):
    first = _create(app, name="Kitchen Appliances")
    second = _create(app, name="Kitchen appliances!", slug="")
    assert first.slug == "kitchen-appliances"
    assert second.slug != first.slug  # a free one, not an error
    with pytest.raises(Invalid, match="taken"):
        _create(app, name="Other kitchen", slug="kitchen-appliances")


def test_names_are_two_to_sixty_characters_and_not_shared(app):
    with pytest.raises(Invalid, match="at least 2"):
        _create(app, name=" x ")
    with pytest.raises(Invalid, match="at most 60"):
        _create(app, name="n" * 61)
    _create(app, name="Deliveries")
    with pytest.raises(Invalid, match="already called"):
        _create(app, name="deliveries")
    assert _create(app, name="n" * 60).name == "n" * 60


@pytest.mark.parametrize("slug", ["new", "admin", "feed", "search", "page", "solved"])
def test_reserved_words_are_refused_as_slugs(app, slug):
    with pytest.raises(Invalid, match="reserved"):
        _create(app, name="Anything", slug=slug)


def test_a_name_that_is_a_reserved_word_gets_another_slug(app):
    assert _create(app, name="Search").slug == "search-2"


@pytest.mark.parametrize("slug", ["Upper", "two--hyphens", "-lead", "with space", "a_b"])
def test_badly_formed_slugs_are_refused(app, slug):
    with pytest.raises(Invalid, match="lower-case letters"):
        _create(app, name="Anything", slug=slug)


def test_the_description_is_markdown_rendered_once_and_sanitised(app):
    category = _create(app, name="Phones", description="**Mobile** phones <script>x()</script>")
    assert "<strong>Mobile</strong>" in category.description_html
    assert "<script" not in category.description_html


def test_position_defaults_to_last_and_orders_every_list(app, client):
    _create(app, name="Bravo", position=5)
    _create(app, name="Alpha", position=9)
    last = _create(app, name="Charlie")
    assert last.position == 10
    page = client.get("/complaints").text
    assert page.index("Bravo") < page.index("Alpha") < page.index("Charlie")


def test_the_default_assignee_must_be_staff_and_the_promise_in_range(app, make_user):
    member, staff = make_user(), make_user(role="staff")
    with pytest.raises(Invalid, match="staff member"):
        _create(app, name="Laptops", default_assignee_id=member.id)
    with pytest.raises(Invalid, match="between 1 and"):
        _create(app, name="Laptops", response_hours=0)
    category = _create(app, name="Laptops", default_assignee_id=staff.id, response_hours=24)
    assert (category.default_assignee_id, category.response_hours) == (staff.id, 24)


def test_only_admins_manage_categories(app, make_user):
    staff = make_user(role="staff")
    with pytest.raises(PermissionDenied):
        _create(app, actor=staff, name="Cameras")


def test_every_change_is_audited_with_before_and_after(app, admin):
    category = _create(app, admin, name="Cameras", description="Old words")
    with app.app_context():
        categories.edit_category(
            fresh(admin), category.id, name="Cameras and lenses", description="New words"
        )
        categories.archive_category(fresh(admin), category.id)
    (created,) = _entries(app, "category_create")
    assert created.before is None and created.after["name"] == "Cameras"
    assert created.actor_id == admin.id
    (edited,) = _entries(app, "category_edit")
    assert edited.before["name"] == "Cameras"
    assert edited.after["name"] == "Cameras and lenses"
    assert (edited.before["description"], edited.after["description"]) == (
        "Old words",
        "New words",
    )
    (archived,) = _entries(app, "category_archive")
    assert archived.before["archived_at"] is None and archived.after["archived_at"]


# --- Renames and 301s ------------------------------------------------------------------


def test_a_renamed_slug_answers_301_and_chains_collapse(app, client):
    category = _create(app, name="Ovens", slug="ovens")
    with app.app_context():
        categories.edit_category(None, category.id, name="Ovens", slug="cookers")
        categories.edit_category(None, category.id, name="Ovens", slug="ranges")
    for old in ("ovens", "cookers"):
        response = client.get(f"/c/{old}?sort=new")
        assert response.status_code == 301
        assert response.headers["Location"] == "/c/ranges?sort=new"
        assert client.get(f"/c/{old}/solved").headers["Location"] == "/c/ranges/solved"
        feed = client.get(f"/c/{old}/new.atom")
        assert (feed.status_code, feed.headers["Location"]) == (301, "/c/ranges/new.atom")
        listing = client.get(f"/complaints?category={old}")
        assert listing.status_code == 301
        assert listing.headers["Location"] == "/complaints?category=ranges"
    search = client.get("/search?q=oven&category=cookers")
    assert (search.status_code, search.headers["Location"]) == (
        301,
        "/search?q=oven&category=ranges",
    )
    assert client.get("/search?q=oven&category=never-was").status_code == 200
    assert client.get("/c/ranges").status_code == 200
    assert client.get("/c/never-was").status_code == 404


def test_a_slug_taken_back_stops_redirecting(app, client):
    category = _create(app, name="Ovens", slug="ovens")
    with app.app_context():
        categories.edit_category(None, category.id, name="Ovens", slug="cookers")
        categories.edit_category(None, category.id, name="Ovens", slug="ovens")
        assert db.session.scalars(sa.select(CategorySlugRedirect.old_slug)).all() == ["cookers"]
    assert client.get("/c/ovens").status_code == 200
    assert client.get("/c/cookers").headers["Location"] == "/c/ovens"


# --- Archive ----------------------------------------------------------------------------


def test_an_archived_category_takes_no_new_complaints_but_keeps_its_threads(
    app, client, auth, make_user, backend
):
    category = _create(app, name="Old range", slug="old-range")
    kept = _complaint_in(app, make_user, category, title="Kettle from the old range leaks")
    with app.app_context():
        categories.archive_category(None, category.id)
    page = client.get("/c/old-range")
    assert page.status_code == 200 and "data-archived" in page.text
    assert kept.title in page.text
    assert ids(client, "kettle") == [kept.id]
    member = make_user()
    auth.login(member.username)
    assert f'value="{category.id}"' not in _category_choices(client)
    response = client.post(
        "/complaints/new",
        data={
            "title": "My new kettle leaks as well",
            "body": "Bought it last week, it leaks from the base.",
            "category": str(category.id),
            "desired_outcome": "refund",
            "not_my_problem": "1",
        },
    )
    assert response.status_code == 422
    assert "is archived and takes no new complaints" in response.text
    assert "My new kettle leaks as well" in response.text  # what was typed is kept
    with app.app_context():
        with pytest.raises(Invalid, match="archived"):
            complaint_services.create_complaint(
                fresh(member),
                title="Another kettle that leaks",
                body="It leaks from the base after a week.",
                category_id=category.id,
                desired_outcome="refund",
            )
        categories.unarchive_category(None, category.id)
        assert not fresh(category).is_archived
    assert f'value="{category.id}"' in _category_choices(client)


def test_an_author_edits_a_complaint_in_an_archived_category(app, client, auth, make_user):
    category = _create(app, name="Old range")
    author = make_user()
    complaint = _complaint_in(app, make_user, category, author=author)
    with app.app_context():
        categories.archive_category(None, category.id)
    auth.login(author.username)
    response = client.post(
        f"/complaints/{complaint.id}/edit",
        data={
            "title": "The kettle switched itself off again",
            "body": "It switches off before the water boils, every single time.",
            "category": str(category.id),
            "desired_outcome": "refund",
        },
    )
    assert response.status_code == 303


# --- Merge ------------------------------------------------------------------------------


def test_a_merge_moves_complaints_with_their_counts_and_redirects(app, client, make_user, backend):
    source = _create(app, name="Kettles", slug="kettles")
    target = _create(app, name="Small appliances", slug="small-appliances")
    moved = [_complaint_in(app, make_user, source, f"Kettle number {n} leaks") for n in (1, 2)]
    hidden = _complaint_in(app, make_user, source, "Kettle number 3 leaks")
    _complaint_in(app, make_user, target, "Toaster burns the bread")
    staff = make_user(role="staff")
    with app.app_context():
        moderation.remove(fresh(staff), "complaint", hidden.id, "hide", "spam")
        categories.edit_category(None, source.id, name="Kettles", slug="kettle")
        categories.merge_categories(None, source.id, target.id)
        assert db.session.get(Category, source.id) is None
        merged = db.session.get(Category, target.id)
        assert merged.complaint_count == 3  # the hidden one is not counted, as before
        in_target = db.session.scalars(
            sa.select(Complaint.id).where(Complaint.category_id == target.id)
        ).all()
        assert set(in_target) >= {c.id for c in moved} | {hidden.id}
        # The counts stay right afterwards: restoring the hidden one counts it here.
        moderation.restore(fresh(staff), "complaint", hidden.id)
        assert fresh(merged).complaint_count == 4
    for old in ("kettles", "kettle"):
        assert client.get(f"/c/{old}").headers["Location"] == "/c/small-appliances"
        feed = client.get(f"/c/{old}/hot.atom")
        assert feed.headers["Location"] == "/c/small-appliances/hot.atom"
    page = client.get("/c/small-appliances")
    assert all(c.title in page.text for c in moved)
    assert "4 complaints" in page.text
    sitemap = client.get("/sitemaps/pages.xml").text
    assert "/c/small-appliances" in sitemap and "/c/kettle" not in sitemap
    assert set(ids(client, "kettle", category="small-appliances")) == {c.id for c in moved} | {
        hidden.id
    }
    (entry,) = _entries(app, "category_merge")
    assert entry.before["source"]["slug"] == "kettle"
    assert entry.after["target"]["slug"] == "small-appliances"


def test_a_category_is_not_merged_into_itself_or_nothing(app):
    category = _create(app, name="Kettles")
    with app.app_context():
        with pytest.raises(Invalid):
            categories.merge_categories(None, category.id, category.id)
        with pytest.raises(Invalid):
            categories.merge_categories(None, category.id, None)


# --- Delete -----------------------------------------------------------------------------


def test_only_an_empty_category_is_deleted(app, make_user, make_complaint):
    empty = _create(app, name="Empty", slug="empty")
    held = _create(app, name="Held", slug="held")
    complaint = _complaint_in(app, make_user, held)
    with app.app_context():
        moderation.remove(fresh(make_user(role="staff")), "complaint", complaint.id, "hide", "spam")
        with pytest.raises(Invalid, match="holds 1 complaint"):
            categories.delete_category(None, held.id)
        categories.delete_category(None, empty.id)
        assert db.session.get(Category, empty.id) is None
        assert db.session.get(Category, held.id) is not None
    (entry,) = _entries(app, "category_delete")
    assert entry.before["slug"] == "empty" and entry.after is None


# --- The page cache ---------------------------------------------------------------------


@pytest.fixture
def cached(app):
    app.config["PAGE_CACHE_ENABLED"] = True
    return app


@pytest.mark.parametrize(
    "change",
    ["create", "edit", "archive", "merge", "delete"],
)
def test_each_change_drops_the_pages_listing_categories(
    cached, app, client, make_user, count_queries, change
):
    category = _create(app, name="Kettles", slug="kettles")
    other = _create(app, name="Toasters", slug="toasters")
    _complaint_in(app, make_user, category)
    paths = ["/", "/complaints", "/c/kettles", "/c/toasters", "/solved"]
    for path in paths:
        client.get(path)
    assert all(kept(client, count_queries, path) for path in paths)
    with app.app_context():
        if change == "create":
            categories.create_category(None, name="Irons")
        elif change == "edit":
            categories.edit_category(None, category.id, name="Kettles and jugs")
        elif change == "archive":
            categories.archive_category(None, category.id)
        elif change == "merge":
            categories.merge_categories(None, other.id, category.id)
        else:
            categories.delete_category(None, other.id)
    fresh_paths = [p for p in paths if not (change in ("merge", "delete") and "toasters" in p)]
    assert not any(kept(client, count_queries, path) for path in fresh_paths)
    home = client.get("/").text
    expected = {"create": "Irons", "edit": "Kettles and jugs"}.get(change)
    if expected:
        assert expected in home
    if change in ("merge", "delete"):
        assert "Toasters" not in home


# --- The staff queue --------------------------------------------------------------------


def test_the_staff_queue_shows_the_assignee_and_flags_complaints_past_the_promise(
    app, client, auth, make_user
):
    staff = make_user("nina", role="staff")
    promised = _create(app, name="Fridges", default_assignee_id=staff.id, response_hours=24)
    relaxed = _create(app, name="Kettles")
    late = _complaint_in(app, make_user, promised, "The fridge stopped cooling")
    recent = _complaint_in(app, make_user, promised, "The fridge hums loudly")
    other = _complaint_in(app, make_user, relaxed, "The kettle leaks from the base")
    with app.app_context():
        db.session.execute(
            sa.update(Complaint)
            .where(Complaint.id == late.id)
            .values(created_at=utcnow() - timedelta(hours=30))
        )
        db.session.commit()
    auth.login(staff.username)
    page = client.get("/staff").text
    rows = {c.id: page.split(f">{c.title}</a>")[1].split("</li>")[0] for c in (late, recent, other)}
    assert "data-past-promise" in rows[late.id] and "24-hour promise" in rows[late.id]
    assert "data-past-promise" not in rows[recent.id] and "within 24 h" in rows[recent.id]
    assert "for nina" in rows[late.id] and "for nina" not in rows[other.id]


# --- The admin pages --------------------------------------------------------------------


@pytest.mark.parametrize("role", ["member", "staff"])
def test_the_pages_are_for_admins_only(client, auth, make_user, role):
    auth.login(make_user(role=role).username)
    for path in ("/admin/categories", "/admin/categories/new"):
        assert client.get(path).status_code == 403
    assert client.post("/admin/categories", data={"name": "Nope"}).status_code == 403


def test_visitors_are_sent_to_sign_in(client):
    response = client.get("/admin/categories")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_index_lists_categories(as_admin):
    assert 'href="/admin/categories"' in as_admin.get("/admin").text


def test_the_list_shows_counts_state_and_position(app, as_admin, make_user):
    category = _create(app, name="Kettles", position=3)
    _complaint_in(app, make_user, category)
    with app.app_context():
        categories.archive_category(None, _create(app, name="Old range").id)
    page = as_admin.get("/admin/categories")
    assert page.status_code == 200
    row = page.text.split(f'id="category-{category.id}"')[1].split("</tr>")[0]
    assert 'data-complaints="1"' in row and 'data-open="1"' in row
    assert '<td class="num" data-label="Position">3</td>' in row
    assert page.text.count("data-archived") == 1


def test_an_admin_creates_a_category_in_the_browser(app, as_admin, client):
    for path in ("/admin/categories/new", "/admin/categories"):
        response = as_admin.post(
            path,
            data={"name": f"Garden tools {path[-3:]}", "description": "Mowers and *hoses*."},
        )
        assert response.status_code == 303
    page = as_admin.get("/admin/categories").text
    assert "Garden tools new" in page and "/c/garden-tools-new" in page
    listing = client.get("/c/garden-tools-new").text
    assert "<em>hoses</em>" in listing
    assert '<meta name="description" content="Mowers and hoses.">' in listing


def test_invalid_input_is_shown_again_with_what_was_typed(app, as_admin):
    _create(app, name="Kettles", slug="kettles")
    response = as_admin.post(
        "/admin/categories/new",
        data={
            "name": "Kettles and jugs",
            "slug": "kettles",
            "description": "Typed *description*",
            "position": "abc",
            "response_hours": "12",
        },
    )
    assert response.status_code == 422
    assert 'value="Kettles and jugs"' in response.text
    assert "Typed *description*" in response.text
    assert 'value="abc"' in response.text and "aria-invalid" in response.text
    fixed = as_admin.post(
        "/admin/categories/new",
        data={"name": "Kettles and jugs", "slug": "kettles", "position": "4"},
    )
    assert fixed.status_code == 422
    assert "is taken by the category" in fixed.text
    assert 'value="Kettles and jugs"' in fixed.text
    short = as_admin.post("/admin/categories/new", data={"name": "K"})
    assert short.status_code == 422 and "2 to 60 characters" in short.text


def test_an_admin_edits_renames_and_archives(app, as_admin, make_user, client):
    staff = make_user(role="staff")
    category = _create(app, name="Kettles", slug="kettles")
    form = as_admin.get(f"/admin/categories/{category.id}/edit")
    assert form.status_code == 200 and 'value="Kettles"' in form.text
    response = as_admin.post(
        f"/admin/categories/{category.id}/edit",
        data={
            "name": "Kettles and jugs",
            "slug": "kettles-jugs",
            "description": "",
            "position": "2",
            "default_assignee": str(staff.id),
            "response_hours": "48",
        },
    )
    assert response.status_code == 303
    with app.app_context():
        saved = fresh(category)
        assert (saved.slug, saved.default_assignee_id, saved.response_hours) == (
            "kettles-jugs",
            staff.id,
            48,
        )
    assert client.get("/c/kettles").headers["Location"] == "/c/kettles-jugs"
    bad = as_admin.post(
        f"/admin/categories/{category.id}/edit",
        data={"name": "Kettles and jugs", "slug": "new", "default_assignee": "999999"},
    )
    assert bad.status_code == 422
    assert "Choose a staff member" in bad.text
    assert as_admin.post(f"/admin/categories/{category.id}/archive").status_code == 303
    assert "data-archived" in as_admin.get(f"/admin/categories/{category.id}/edit").text
    again = as_admin.post(f"/admin/categories/{category.id}/archive", follow_redirects=True)
    assert "already archived" in again.text
    assert as_admin.post(f"/admin/categories/{category.id}/unarchive").status_code == 303
    assert as_admin.get("/admin/categories/999999/edit").status_code == 404


def test_merge_and_delete_ask_first(app, as_admin, make_user):
    source = _create(app, name="Kettles")
    target = _create(app, name="Small appliances")
    _complaint_in(app, make_user, source)
    page = as_admin.get(f"/admin/categories/{source.id}/merge")
    assert page.status_code == 200 and "cannot be undone" in page.text
    assert f'value="{source.id}"' not in page.text.split("<select")[1]
    unchosen = as_admin.post(f"/admin/categories/{source.id}/merge", data={"target": ""})
    assert unchosen.status_code == 422 and "Choose the category" in unchosen.text
    delete = as_admin.post(f"/admin/categories/{source.id}/delete")
    assert delete.status_code == 422 and "holds 1 complaint" in delete.text
    merged = as_admin.post(f"/admin/categories/{source.id}/merge", data={"target": str(target.id)})
    assert merged.status_code == 303
    assert as_admin.get(f"/admin/categories/{source.id}/edit").status_code == 404
    empty = _create(app, name="Empty")
    assert as_admin.get(f"/admin/categories/{empty.id}/delete").status_code == 200
    assert as_admin.post(f"/admin/categories/{empty.id}/delete").status_code == 303
    with app.app_context():
        assert db.session.get(Category, empty.id) is None


def test_the_forms_need_their_csrf_token(app, as_admin):
    category = _create(app, name="Kettles")
    app.config["WTF_CSRF_ENABLED"] = True
    for path in (
        "/admin/categories",
        f"/admin/categories/{category.id}/edit",
        f"/admin/categories/{category.id}/archive",
        f"/admin/categories/{category.id}/delete",
    ):
        assert as_admin.post(path, data={"name": "Kettles two"}).status_code == 400
    with app.app_context():
        assert fresh(category).name == "Kettles" and not fresh(category).is_archived


# --- The command line -------------------------------------------------------------------


def test_flask_categories_create_prints_the_slug(app, runner):
    result = runner.invoke(
        args=["categories", "create", "Washing machines", "--description", "Front *loaders*"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "washing-machines"
    named = runner.invoke(args=["categories", "create", "Dryers", "--slug", "tumble-dryers"])
    assert named.output.strip() == "tumble-dryers"
    with app.app_context():
        made = db.session.scalar(sa.select(Category).where(Category.slug == "washing-machines"))
        assert "<em>loaders</em>" in made.description_html


@pytest.mark.parametrize(
    "args, message",
    [
        (["x"], "at least 2"),
        (["Search page", "--slug", "search"], "reserved"),
        (["Bad slug", "--slug", "Bad Slug"], "lower-case"),
    ],
)
def test_flask_categories_create_refuses_invalid_input(runner, args, message):
    result = runner.invoke(args=["categories", "create", *args])
    assert result.exit_code != 0
    assert message in result.output


def test_flask_categories_list(app, runner, make_user):
    category = _create(app, name="Kettles", slug="kettles", position=1)
    _complaint_in(app, make_user, category)
    with app.app_context():
        categories.archive_category(None, _create(app, name="Old range", position=2).id)
    result = runner.invoke(args=["categories", "list"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "slug\tname\tcomplaints\tarchived"
    assert lines[1:] == ["kettles\tKettles\t1\tno", "old-range\tOld range\t0\tyes"]


def test_the_audit_log_shows_category_changes_from_the_command_line(
    client, auth, runner, make_user
):
    assert runner.invoke(args=["categories", "create", "Dryers"]).exit_code == 0
    auth.login(make_user(role="staff").username)
    log = client.get("/mod/log").text
    row = log.split('data-action="category_create"')[1].split("</li>")[0]
    assert re.search(r'The command line created <a href="/c/dryers">the category Dryers</a>', row)
    assert 'value="categories"' in log  # the log filters by this kind too
