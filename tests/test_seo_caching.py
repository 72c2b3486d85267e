"""HTTP caching: public pages for anonymous visitors with ETags, private pages for
members, never a public response that sets a cookie; static files cached for a year."""

import pytest
from flask import Response, request

from forum import page_cache, templating
from tests.test_seo_pages import thread_path


def public_paths(complaint):
    slug = complaint.category.slug
    return [
        "/",
        "/complaints",
        f"/c/{slug}",
        thread_path(complaint),
        "/solved",
        f"/c/{slug}/solved",
        "/robots.txt",
        "/sitemap.xml",
        "/sitemaps/pages.xml",
        "/sitemaps/threads-1.xml",
        "/feeds/new.atom",
        f"/c/{slug}/solved.atom",
        "/search?q=fridge",
    ]


def test_anonymous_public_pages_are_cacheable_and_answer_if_none_match_with_304(
    client, make_complaint
):
    complaint = make_complaint()
    for path in public_paths(complaint):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["Cache-Control"] == "public, max-age=60", path
        assert "Cookie" in response.headers["Vary"], path
        assert "Set-Cookie" not in response.headers, path
        etag = response.headers["ETag"]
        again = client.get(path, headers={"If-None-Match": etag})
        assert again.status_code == 304, path
        assert again.data == b""
        assert again.headers["ETag"] == etag
        head = client.head(path, headers={"If-None-Match": etag})
        assert head.status_code == 304, path


def test_the_etag_changes_when_the_page_does(client, make_complaint, make_answer):
    complaint = make_complaint()
    etag = client.get(thread_path(complaint)).headers["ETag"]
    make_answer(complaint, body="A new answer changes the page.")
    response = client.get(thread_path(complaint), headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert response.headers["ETag"] != etag


def test_pages_for_signed_in_members_are_private(client, auth, make_user, make_complaint):
    complaint = make_complaint()
    member = make_user()
    auth.login(member.username)
    for path in public_paths(complaint)[:6]:
        response = client.get(path)
        assert response.status_code == 200
        cache = response.cache_control
        assert cache.private and cache.no_cache and not cache.public, path
        assert "ETag" not in response.headers
        assert "Cookie" in response.headers["Vary"]


def test_a_response_that_sets_a_cookie_is_never_public(client, make_complaint):
    make_complaint()
    # Asking for a members-only page flashes "Sign in to continue." into the session.
    assert client.get("/complaints/new").status_code == 302
    response = client.get("/")  # shows (and so removes) the flashed message
    assert "Sign in to continue." in response.get_data(as_text=True)
    assert "Set-Cookie" in response.headers
    assert not response.cache_control.public
    assert response.cache_control.private and "ETag" not in response.headers
    # Once the message is gone the page is the same for everyone again.
    assert client.get("/").headers["Cache-Control"] == "public, max-age=60"


@pytest.mark.parametrize("path", ["/login", "/no-such-page", "/search/similar?title=fridge"])
def test_other_pages_are_not_made_public(client, path):
    response = client.get(path)
    assert not response.cache_control.public
    assert "ETag" not in response.headers


def test_posts_are_not_cached(client, auth, make_user, make_complaint):
    complaint = make_complaint()
    auth.login(make_user().username)
    response = client.post(f"/complaints/{complaint.id}/vote", data={"value": "1"})
    assert response.status_code == 303
    assert not response.cache_control.public


def test_fingerprinted_static_files_are_cached_for_a_year(app, client):
    with app.test_request_context():
        url = templating.static_url("css/site.css")
    assert "?v=" in url
    response = client.get(url)
    assert response.status_code == 200
    cache = response.cache_control
    assert cache.public and cache.immutable and cache.max_age == 365 * 24 * 3600
    response.close()

    stale = client.get("/static/css/site.css?v=000000000000")
    assert not stale.cache_control.immutable
    stale.close()
    plain = client.get("/static/css/site.css")
    assert not plain.cache_control.immutable and plain.cache_control.max_age is None
    plain.close()


def test_a_page_carrying_a_form_token_is_never_public(app):
    with app.test_request_context("/complaints"):
        assert request.endpoint == "complaints.listing"
        app.preprocess_request()  # loads the (anonymous) visitor
        plain = page_cache.apply_headers(Response("<p>the same for everyone</p>"))
        assert plain.cache_control.public and "ETag" in plain.headers
        token = page_cache.apply_headers(Response('<input name="csrf_token" value="one-session">'))
        assert not token.cache_control.public and token.cache_control.private
        assert "ETag" not in token.headers
