"""X-Forwarded-* headers count only when the deployment says a proxy sets them."""

from flask import request

from forum import create_app
from forum.proxy import proxy_counts

FORWARDED = {
    "X-Forwarded-For": "203.0.113.7",
    "X-Forwarded-Proto": "https",
    "X-Forwarded-Host": "complaints.example.com",
}


def seen_by(app):
    """What a view sees of the client and the URL for a request sent through a proxy."""

    @app.get("/_test/whoami")
    def whoami():
        return {"addr": request.remote_addr, "scheme": request.scheme, "host": request.host}

    response = app.test_client().get(
        "/_test/whoami", headers=FORWARDED, environ_base={"REMOTE_ADDR": "127.0.0.1"}
    )
    return response.get_json()


def test_forwarded_headers_are_ignored_by_default(app):
    assert proxy_counts(app.config) == dict.fromkeys(("for", "proto", "host", "port", "prefix"), 0)
    assert seen_by(app) == {"addr": "127.0.0.1", "scheme": "http", "host": "localhost"}


def test_forwarded_headers_are_trusted_when_a_proxy_is_configured(_schema, tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": _schema,
            "PROXY_FIX_X_FOR": 1,
            "PROXY_FIX_X_PROTO": 1,
            "PROXY_FIX_X_HOST": 1,
        }
    )
    app.instance_path = str(tmp_path)
    assert seen_by(app) == {
        "addr": "203.0.113.7",
        "scheme": "https",
        "host": "complaints.example.com",
    }


def test_only_the_last_proxy_hop_is_trusted(_schema, tmp_path):
    """A client's own X-Forwarded-For entry, before nginx's, cannot set the address."""
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": _schema, "PROXY_FIX_X_FOR": 1})
    app.instance_path = str(tmp_path)

    @app.get("/_test/addr")
    def addr():
        return request.remote_addr

    response = app.test_client().get(
        "/_test/addr", headers={"X-Forwarded-For": "10.9.9.9, 198.51.100.4"}
    )
    assert response.text == "198.51.100.4"


def test_proxy_settings_come_from_the_environment(monkeypatch, _schema, tmp_path):
    monkeypatch.setenv("FLASK_PROXY_FIX_X_FOR", "1")
    monkeypatch.setenv("FLASK_PROXY_FIX_X_PROTO", "1")
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": _schema})
    app.instance_path = str(tmp_path)
    seen = seen_by(app)
    assert seen["addr"] == "203.0.113.7" and seen["scheme"] == "https"
    assert seen["host"] == "localhost"  # X-Forwarded-Host is not trusted unless configured
