"""The settings each process holds, and how a change reaches every worker within a second.

Each app keeps a :class:`Snapshot` of every setting's value in memory. Reading a setting
(:func:`current`, :func:`get`) costs a clock comparison; at most once a second
(:data:`REFRESH_SECONDS`) a worker reads one key, the settings' version token, from the
shared cache store that the page cache already uses (Flask-Caching: a folder in the
instance folder, or Redis), and loads the settings from the database (one ``SELECT``)
only when the token differs from the one its snapshot was loaded under. No SQL runs per
request.

:func:`update` writes inside the caller's unit of work; once it has committed, a new
random token goes into the store (every other worker sees it within a second) and this
process loads the new values at once. A missing token (first use, the folder pruned,
Redis restarted) is set anew, which only makes every worker load once more; while the
store is unavailable each worker loads from the database once a second. The page cache's
key carries :attr:`Snapshot.digest` (the values that shape pages), so a change drops the
kept pages it affects and nothing else is needed to invalidate them.
"""

import hashlib
import json
import logging
import secrets
import time
from functools import cached_property

import sqlalchemy as sa
from flask import current_app
from markupsafe import Markup

from forum import markup, uow
from forum.db import utcnow
from forum.extensions import cache, db
from forum.settings.definitions import SETTINGS, setting
from forum.settings.models import SiteSetting
from forum.urls import path_for

log = logging.getLogger("forum.settings")

REFRESH_SECONDS = 1.0
VERSION_KEY = "site-settings:version"
EXTENSION = "site_settings"
clock = time.monotonic  # tests move it forward instead of waiting


class Snapshot:
    """Every setting's value at one moment: ``snapshot.site_name``, ``snapshot["tagline"]``."""

    def __init__(self, values):
        self._values = values

    def __getattr__(self, name):
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(self, name):
        return self._values[name]

    def values(self):
        return dict(self._values)

    @cached_property
    def digest(self):
        """A digest of the values that shape pages (the page cache's key carries it)."""
        shown = {s.name: self._values[s.name] for s in SETTINGS if s.shapes_pages}
        encoded = json.dumps(shown, sort_keys=True, default=str).encode()
        return hashlib.sha256(encoded).hexdigest()[:16]

    @property
    def company(self):
        """Who answers officially: the company's name, else the site's."""
        return self._values["company_name"] or self._values["site_name"]

    @cached_property
    def _html(self):
        return {}

    def html(self, name):
        """A Markdown setting rendered and sanitised, once per snapshot."""
        if name not in self._html:
            self._html[name] = Markup(markup.render(self._values[name]))
        return self._html[name]

    @property
    def logo_url(self):
        logo = self._values.get("logo")
        if not logo:
            return None
        return path_for("site.logo", name=logo["url_name"])


class _State:
    def __init__(self):
        self.snapshot = None
        self.token = None
        self.checked_at = 0.0


def _state(app):
    state = app.extensions.get(EXTENSION)
    if state is None:
        state = app.extensions[EXTENSION] = _State()
    return state


def current():
    """The settings as this worker knows them, no more than a second behind the database."""
    app = current_app._get_current_object()
    state = _state(app)
    now = clock()
    if state.snapshot is None or now - state.checked_at >= REFRESH_SECONDS:
        _refresh(app, state, now)
    return state.snapshot


def get(name):
    """One setting's value."""
    return current()[name]


def _refresh(app, state, now):
    state.checked_at = now
    try:
        token = cache.get(VERSION_KEY)
        if not token:
            token = secrets.token_hex(8)
            cache.set(VERSION_KEY, token, timeout=0)
    except Exception as error:  # noqa: BLE001 - settings never break a page
        log.warning("The shared cache is unavailable; settings read from the database: %s", error)
        token = None
    if state.snapshot is not None and token is not None and token == state.token:
        return
    state.snapshot = load(app)
    state.token = token


def load(app=None):
    """Every setting's value from the database, defaults for those never set."""
    app = app or current_app._get_current_object()
    statement = sa.select(SiteSetting.key, SiteSetting.value)
    session = db.session()
    if session.in_transaction():  # inside a unit of work too: SQLite has one writer
        rows = dict(session.execute(statement).all())
    else:
        # A connection of its own: loading never opens a transaction in the session (an
        # error page renders the site's name after rolling the session back).
        with db.engine.connect() as connection:
            rows = dict(connection.execute(statement).all())
    return Snapshot({s.name: _value(s, rows, app.config) for s in SETTINGS})


def _value(definition, rows, config):
    """A setting's value from the stored rows, its default when unset or refused."""
    try:
        if definition.name in rows:
            return definition.parse(rows[definition.name])
        return definition.default_value(config)
    except ValueError as error:
        log.error("Setting refused, its built-in default applies: %s", error)
        return definition.default


def stored(session, names):
    """The values of ``names`` as the database has them now (defaults for unset ones)."""
    rows = dict(
        session.execute(
            sa.select(SiteSetting.key, SiteSetting.value).where(SiteSetting.key.in_(names))
        ).all()
    )
    config = current_app.config
    return {name: _value(setting(name), rows, config) for name in names}


def update(session, changes):
    """Write ``changes`` (name → typed text or value) in the caller's unit of work.

    Every value is checked first (``InvalidSetting`` names the first one refused, and
    nothing is written). Returns ``(before, after)``: the values of the settings that
    really changed, for the audit log. Once the unit of work commits, every worker sees
    the new values within a second, this one at once.
    """
    parsed = {name: setting(name).parse(value) for name, value in changes.items()}
    before = stored(session, list(parsed))
    changed = {name: value for name, value in parsed.items() if value != before[name]}
    if not changed:
        return {}, {}
    now = utcnow()
    for name, value in changed.items():
        stored_value = _storable(value)
        session.execute(
            uow.insert_ignoring_duplicates(SiteSetting.__table__).values(
                key=name, value=stored_value, updated_at=now
            )
        )
        session.execute(
            sa.update(SiteSetting)
            .where(SiteSetting.key == name)
            .values(value=stored_value, updated_at=now)
        )
    uow.after_commit(_Changed(current_app._get_current_object()), key="site-settings")
    return (
        {name: _storable(before[name]) for name in changed},
        {name: _storable(value) for name, value in changed.items()},
    )


def _storable(value):
    if isinstance(value, dict):
        return {key: item for key, item in value.items() if key != "url_name"}
    return value


class _Changed:
    """After the commit: a new version for every worker, and this one's values now."""

    def __init__(self, app):
        self.app = app

    def __call__(self):
        state = _state(self.app)
        token = secrets.token_hex(8)
        try:
            cache.set(VERSION_KEY, token, timeout=0)
        except Exception as error:  # noqa: BLE001
            log.error("Other workers will see the new settings late: %s", error)
            token = None
        state.snapshot = load(self.app)
        state.token = token
        state.checked_at = clock()

    def __repr__(self):
        return "<site settings changed>"
