"""Every Flask extension, created unbound; ``create_app`` binds them."""

import click
from flask_caching import Cache
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect

from forum.db import Model

db = SQLAlchemy(model_class=Model)


class LazyMigrate:
    """Flask-Migrate, set up on first use: only the ``flask db`` commands use it, and it
    brings Alembic and Mako, about 10 MB in every app worker that never migrates."""

    options = {"render_as_batch": True, "compare_type": True}

    def init_app(self, app, db, directory):
        app.extensions["migrate"] = _MigrateOnFirstUse(app, db, directory, self.options)
        app.cli.add_command(_MigrateCommands("db", help="Perform database migrations."))


class _MigrateCommands(click.Group):
    """``flask db``: Flask-Migrate's command group, imported when it is run (``--help`` of
    ``flask`` lists it without importing anything)."""

    @staticmethod
    def _real():
        from flask_migrate.cli import db as commands  # noqa: PLC0415 - Alembic and Mako, only for `flask db`

        return commands

    def list_commands(self, ctx):
        return self._real().list_commands(ctx)

    def get_command(self, ctx, name):
        return self._real().get_command(ctx, name)

    def make_context(self, info_name, args, parent=None, **extra):
        return self._real().make_context(info_name, args, parent=parent, **extra)


class _MigrateOnFirstUse:
    def __init__(self, app, db, directory, options):
        self._setup = (app, db, directory, options)

    def __getattr__(self, name):
        from flask_migrate import Migrate  # noqa: PLC0415 - Alembic and Mako, only for `flask db`

        app, db, directory, options = self._setup
        Migrate(**options).init_app(app, db, directory=directory)  # replaces this object
        return getattr(app.extensions["migrate"], name)


migrate = LazyMigrate()
login_manager = LoginManager()
csrf = CSRFProtect()
# Keyed by client address unless a limit says otherwise. Storage, on/off and the limits
# themselves come from the config (RATELIMIT_STORAGE_URI, RATELIMIT_ENABLED, LOGIN_LIMIT_*).
limiter = Limiter(key_func=get_remote_address)
# The page cache's store (forum/page_cache.py): CACHE_TYPE, CACHE_DIR, CACHE_REDIS_URL.
cache = Cache(with_jinja2_ext=False)
