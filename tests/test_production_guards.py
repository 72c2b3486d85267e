"""A production app refuses the development secret key and warns about a default SITE_URL."""

import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from forum import create_app
from forum.config import Defaults
from forum.extensions import db
from forum.guards import InsecureSettings

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def production(monkeypatch, _schema, tmp_path):
    """``build(**config)``: an app as gunicorn or the ``flask`` command would build it."""
    for name in ("SECRET_KEY", "FLASK_SECRET_KEY", "FLASK_DEBUG", "FLASK_TESTING", "SITE_URL"):
        monkeypatch.delenv(name, raising=False)
    built = []

    def build(**config):
        app = create_app({"SQLALCHEMY_DATABASE_URI": _schema, **config})
        app.instance_path = str(tmp_path)
        built.append(app)
        return app

    yield build
    for app in built:
        with app.app_context():
            db.engine.dispose()


def env_example_secret_key():
    text = (ROOT / "deploy" / "env.example").read_text()
    return re.search(r"^SECRET_KEY=(.*)$", text, re.MULTILINE).group(1).strip()


@pytest.mark.parametrize("key", [None, "", Defaults.SECRET_KEY, env_example_secret_key()])
def test_a_production_app_refuses_a_missing_or_placeholder_secret_key(production, key):
    config = {} if key is None else {"SECRET_KEY": key}
    with pytest.raises(InsecureSettings) as refused:
        production(**config)
    message = str(refused.value)
    assert message.startswith("SECRET_KEY is not set")
    assert "SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_hex(32))')" in message
    assert "--debug" in message


def test_with_a_key_of_its_own_a_production_app_starts_and_serves(production):
    app = production(SECRET_KEY="a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6")
    assert not app.debug and not app.testing
    assert app.test_client().get("/healthz").status_code == 200


def test_the_key_may_come_from_the_environment(production, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "from-the-environment-0123456789")
    assert production().secret_key == "from-the-environment-0123456789"


def test_debug_and_testing_apps_may_use_the_development_key(production, monkeypatch):
    assert production(DEBUG=True).secret_key == Defaults.SECRET_KEY
    assert production(TESTING=True).secret_key == Defaults.SECRET_KEY
    monkeypatch.setenv("FLASK_DEBUG", "1")  # flask --debug
    assert production().debug


def test_the_flask_command_refuses_to_start_without_a_key(tmp_path):
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in ("SECRET_KEY", "FLASK_DEBUG", "FLASK_SECRET_KEY")
    }
    env["DATABASE_URL"] = f"sqlite:///{tmp_path}/refused.sqlite3"
    flask = [sys.executable, "-m", "flask", "--app", "app"]
    refused = subprocess.run(
        [*flask, "routes"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert refused.returncode != 0
    assert "InsecureSettings: SECRET_KEY is not set" in refused.stderr
    debug = subprocess.run(
        [*flask, "--debug", "routes"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert debug.returncode == 0, debug.stderr
    assert "complaints.home" in debug.stdout


def site_url_warnings(caplog):
    return [r for r in caplog.records if r.name == "forum.guards" and "SITE_URL" in r.message]


def test_a_default_site_url_is_warned_about_once_when_another_host_is_served(production, caplog):
    app = production(SECRET_KEY="a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6")
    client = app.test_client()
    with caplog.at_level(logging.WARNING, logger="forum.guards"):
        client.get("/healthz", base_url="http://127.0.0.1:5000")
        assert site_url_warnings(caplog) == []
        client.get("/healthz", base_url="https://complaints.example.com")
        client.get("/healthz", base_url="https://complaints.example.com")
    (warning,) = site_url_warnings(caplog)
    assert warning.levelno == logging.WARNING
    assert Defaults.SITE_URL in warning.message
    assert "https://complaints.example.com" in warning.message
    assert "Set SITE_URL" in warning.message


def test_a_configured_site_url_is_not_warned_about(production, caplog):
    app = production(
        SECRET_KEY="a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6", SITE_URL="https://complaints.example.com"
    )
    with caplog.at_level(logging.WARNING, logger="forum.guards"):
        app.test_client().get("/healthz", base_url="https://complaints.example.com")
    assert site_url_warnings(caplog) == []
