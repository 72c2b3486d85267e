"""Query strings carrying the names ``url_for`` reserves, and forged ``Host`` headers.

Every page is asked for with each name ``url_for`` reserves (and each route value's name)
in its query string, for a forged host, by a visitor, a member and staff: the answer is
the one the page gives without it, never a 500 and never a link to the forged host. The
page cache keeps pages per host, so a page built for one is never served to another.
"""

from urllib.parse import urlencode

import pytest
from flask import url_for

from tests.test_seo_pages import thread_path

FORGED = "evil.example"
# url_for's own keyword arguments: passed on from the query string, they changed the link
# (_external, _scheme), or broke the page (_method, endpoint).
RESERVED = {"_external": "1", "_scheme": "https", "_method": "POST", "_anchor": "x"}


@pytest.fixture
def app(app):
    """The page cache on, so that a poisoned page would be kept and served again."""
    app.config["PAGE_CACHE_ENABLED"] = True
    return app


@pytest.fixture
def world(make_user, make_category, make_complaint, make_answer):
    member = make_user("rosa_m")
    staff = make_user("sam_staff", role="staff")
    category = make_category(slug="kitchen")
    complaint = make_complaint(author=member, category=category)
    answer = make_answer(complaint)
    return {"member": member, "staff": staff, "category": category, "complaint": complaint,
            "answer": answer}  # fmt: skip


def route_values(rule, world):
    """Values that make ``rule`` a page that exists."""
    complaint = world["complaint"]
    samples = {
        "complaint_id": complaint.id,
        "answer_id": world["answer"].id,
        "notification_id": 1,
        "target_id": complaint.id,
        "target_type": "complaint",
        "user_id": world["member"].id,
        "username": world["member"].username,
        "kind": "new",
        "number": 1,
        "token": "not-a-valid-token",
        "filename": "css/site.css",
        "name": "no-such-logo.png",
        "category_id": world["category"].id,
        "evidence_id": 1,
        "slug": complaint.slug if rule.endpoint == "thread.show" else "kitchen",
    }
    missing = set(rule.arguments) - set(samples)
    assert not missing, f"give {rule.rule} a sample value for {sorted(missing)}"
    return {name: samples[name] for name in rule.arguments}


def pages(app, world):
    """Every page's path (each GET route with values that exist)."""
    paths = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if "GET" in rule.methods:
                paths.append(url_for(rule.endpoint, **route_values(rule, world)))
    return sorted(set(paths))


def reserved_queries(app):
    """One query string per reserved name and per route value's name, then all of them."""
    names = dict(RESERVED, endpoint="x")
    for rule in app.url_map.iter_rules():
        for name in rule.arguments:
            names[name] = "2" if name.endswith("id") or name == "number" else "x"
    return [urlencode({name: value}) for name, value in names.items()] + [urlencode(names)]


def with_query(path, query):
    return f"{path}{'&' if '?' in path else '?'}{query}"


def fetch(client, url):
    """Status, ``Location`` and body of ``url`` asked for with a forged ``Host``."""
    with client.get(url, headers={"Host": FORGED}) as response:
        return response.status_code, response.headers.get("Location", ""), response.get_data()


def assert_unchanged_and_nothing_forged(client, path, query):
    expected = fetch(client, path)[0]
    assert expected < 500, (path, expected)
    url = with_query(path, query)
    status, location, body = fetch(client, url)
    assert status == expected, (url, status, expected)
    assert FORGED not in location, url
    assert FORGED.encode() not in body, url


def signed_in(app, user):
    client = app.test_client()
    client.post("/login", data={"login": user.username, "password": "correct horse battery"})
    return client


def test_reserved_names_in_the_query_string_change_no_page_for_a_visitor(app, world):
    client = app.test_client()
    for path in pages(app, world):
        for query in reserved_queries(app):
            assert_unchanged_and_nothing_forged(client, path, query)


@pytest.mark.parametrize("viewer", ["member", "staff"])
def test_reserved_names_in_the_query_string_change_no_page_for_members_or_staff(app, world, viewer):
    client = signed_in(app, world[viewer])
    every_name = reserved_queries(app)[-1]
    for path in pages(app, world):
        assert_unchanged_and_nothing_forged(client, path, every_name)
    assert client.get("/account").status_code == 200  # still signed in


def test_links_to_the_same_page_keep_only_the_query_parameters_it_reads(
    app, world, client, make_complaint
):
    make_complaint(category=world["category"])
    app.config["PAGE_SIZE"] = 1
    html = client.get("/complaints?sort=new&category=kitchen&utm_source=mail&_external=1").text
    assert 'href="/complaints?sort=top&amp;category=kitchen"' in html  # the sort links
    assert 'href="/complaints?sort=new&amp;category=kitchen&amp;page=2"' in html  # the pager
    main = html[html.index("<main") :]  # (the header's sign-in link returns to any path)
    assert "utm_source" not in main and "_external" not in main


def test_the_short_thread_address_redirects_with_the_page_only(app, world, client):
    complaint = world["complaint"]
    response = client.get(
        f"/complaints/{complaint.id}?page=1&_external=1&_scheme=https&slug=x",
        headers={"Host": FORGED},
    )
    assert response.status_code == 301
    assert response.headers["Location"] == thread_path(complaint) + "?page=1"
    wrong_slug = client.get(f"/complaints/{complaint.id}/old-title?_external=1&endpoint=x")
    assert wrong_slug.status_code == 301
    assert wrong_slug.headers["Location"] == thread_path(complaint)


def test_the_page_cache_never_serves_a_page_built_for_another_host(app, world, count_queries):
    client = app.test_client()
    path = "/complaints"
    client.get(path, headers={"Host": "complaints.example.com"})
    with count_queries() as same_host:
        kept = client.get(path, headers={"Host": "complaints.example.com"})
    with count_queries() as other_host:
        other = client.get(path, headers={"Host": FORGED})
    with count_queries() as other_port:
        client.get(path, headers={"Host": "complaints.example.com:8080"})
    assert kept.status_code == other.status_code == 200
    assert len(same_host) == 0  # the kept page
    assert len(other_host) > 0 and len(other_port) > 0  # rendered for their own host
