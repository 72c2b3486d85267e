"""Headers on every response, caching of personal pages, error pages."""

import pytest
import sqlalchemy as sa

from forum.extensions import db


def test_every_response_carries_the_security_headers(client):
    for path in ("/", "/login", "/does-not-exist", "/healthz"):
        response = client.get(path)
        csp = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp
        assert "frame-ancestors 'none'" in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"]


def test_pages_have_no_inline_script(client, make_complaint):
    complaint = make_complaint()
    for path in ("/", "/complaints", f"/complaints/{complaint.id}/{complaint.slug}", "/login"):
        html = client.get(path).get_data(as_text=True)
        assert "<script>" not in html
        assert " on" + "click=" not in html


def test_signed_in_pages_are_private_and_vary_on_cookie(client, auth, make_user):
    anonymous = client.get("/")
    assert "Cookie" in anonymous.headers["Vary"]
    assert "private" not in anonymous.headers.get("Cache-Control", "")
    make_user("member")
    auth.login("member")
    response = client.get("/")
    assert "private" in response.headers["Cache-Control"]
    assert "Cookie" in response.headers["Vary"]


@pytest.mark.parametrize(
    ("method", "path", "status", "title"),
    [
        ("get", "/nowhere", 404, "Page not found"),
        ("put", "/", 405, "Method not allowed"),
        ("get", "/logout", 405, "Method not allowed"),
    ],
)
def test_styled_error_pages(client, method, path, status, title):
    response = getattr(client, method)(path)
    assert response.status_code == status
    html = response.get_data(as_text=True)
    assert title in html
    assert 'class="site-header"' in html


def test_too_large_request_gets_a_413_page(client, app):
    app.config["MAX_CONTENT_LENGTH"] = 1024
    response = client.post("/login", data={"login": "x" * 5000, "password": "y"})
    assert response.status_code == 413
    assert "Too large" in response.get_data(as_text=True)


def test_server_error_page_rolls_back_the_session(app, client):
    app.config["PROPAGATE_EXCEPTIONS"] = False
    seen = {}

    @app.get("/boom")
    def boom():
        db.session.execute(sa.text("SELECT 1"))
        raise RuntimeError("unexpected")

    @app.teardown_request
    def check(exc):
        seen["in_transaction"] = db.session().in_transaction()

    response = client.get("/boom")
    assert response.status_code == 500
    assert "Something went wrong" in response.get_data(as_text=True)
    assert seen["in_transaction"] is False


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json()["checks"]["database"] == "ok"
