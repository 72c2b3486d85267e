"""Redress, a community complaint forum."""

import os

from flask import Flask
from flask_babel import lazy_gettext as _l

from forum import config, guards, incoming, proxy
from forum.urls import IdConverter


def create_app(test_config=None):
    """Build the application. No I/O beyond creating the instance folder."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=os.path.join(root, "templates"),
        static_folder=os.path.join(root, "static"),
        # The instance folder (SQLite database, search index, uploads, `flask setup`'s
        # redress.json): <checkout>/instance unless REDRESS_INSTANCE_PATH names another.
        instance_path=_instance_path(),
    )
    config.load(app, test_config)
    guards.init_app(app)
    os.makedirs(app.instance_path, exist_ok=True)
    incoming.init_app(app)
    app.url_map.converters["id"] = IdConverter
    register_extensions(app)
    register_blueprints(app)
    register_receivers(app)
    register_errorhandlers(app)
    register_commands(app)
    register_templates(app)
    proxy.init_app(app)
    return app


def _instance_path():
    path = os.environ.get("REDRESS_INSTANCE_PATH")
    return os.path.abspath(path) if path else None


def register_extensions(app):
    from forum import i18n, page_cache, rate_limits
    from forum.extensions import cache, csrf, db, limiter, login_manager, migrate

    db.init_app(app)
    i18n.init_app(app)
    rate_limits.configure(app)
    limiter.init_app(app)
    rate_limits.init_app(app)
    cache.init_app(app, config=page_cache.backend_config(app.config))
    migrate.init_app(app, db, directory=os.path.join(app.root_path, "..", "migrations"))
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Sign in to continue.")
    login_manager.localize_callback = str  # flashed in the language of the request
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"

    from forum import permissions, security

    permissions.init_app(app)
    security.init_app(app)
    page_cache.init_app(app)


def register_blueprints(app):
    from forum import health
    from forum.accounts.views import bp as accounts_bp
    from forum.admin import categories as _admin_categories  # noqa: F401 - adds its routes
    from forum.admin import settings as _admin_settings  # noqa: F401 - its routes join admin
    from forum.admin import staff as admin_staff
    from forum.admin.views import bp as admin_bp
    from forum.complaints.views import bp as complaints_bp
    from forum.insights.views import bp as insights_bp
    from forum.media.views import bp as media_bp
    from forum.moderation.views import bp as moderation_bp
    from forum.notifications.views import bp as notifications_bp
    from forum.pages import answering as _answering  # noqa: F401 - its route joins complaints
    from forum.pages import compose, site, staff, thread
    from forum.pages import editing as _editing  # noqa: F401 - its route joins complaints
    from forum.privacy.views import bp as privacy_bp
    from forum.resolution.views import bp as resolution_bp
    from forum.search.views import bp as search_bp
    from forum.seo.views import bp as seo_bp

    app.register_blueprint(accounts_bp)
    app.register_blueprint(privacy_bp)
    app.register_blueprint(complaints_bp)
    app.register_blueprint(thread.bp)
    app.register_blueprint(compose.bp)
    app.register_blueprint(staff.bp)
    app.register_blueprint(insights_bp)
    app.register_blueprint(site.bp)
    app.register_blueprint(resolution_bp)
    app.register_blueprint(notifications_bp)
    app.register_blueprint(moderation_bp)
    app.register_blueprint(search_bp)
    app.register_blueprint(seo_bp)
    app.register_blueprint(media_bp)
    health.init_app(app)
    app.register_blueprint(admin_bp)
    app.register_blueprint(admin_staff.invitations_bp)


def register_receivers(app):
    """Connect each feature's receivers of the domain events (forum.signals), the page
    cache's invalidation (which pages each event changes) and mail's per-kind checks."""
    from forum.audit import receivers as audit_receivers
    from forum.notifications import receivers as notification_receivers
    from forum.pages import invalidation
    from forum.resolution import mail_checks
    from forum.resolution import receivers as resolution_receivers
    from forum.search import receivers as search_receivers

    audit_receivers.init_app(app)
    notification_receivers.init_app(app)
    resolution_receivers.init_app(app)
    search_receivers.init_app(app)
    invalidation.init_app(app)
    mail_checks.init_app(app)


def register_errorhandlers(app):
    from forum import errors

    errors.init_app(app)


def register_commands(app):
    from forum import backup
    from forum.accounts import cli as accounts_cli
    from forum.admin import settings_cli, setup_cli
    from forum.complaints import cli as complaints_cli
    from forum.demo import cli as demo_cli
    from forum.media import cli as media_cli
    from forum.notifications import cli as notify_cli
    from forum.search import cli as search_cli

    accounts_cli.init_app(app)
    complaints_cli.init_app(app)
    demo_cli.init_app(app)
    media_cli.init_app(app)
    notify_cli.init_app(app)
    search_cli.init_app(app)
    settings_cli.init_app(app)
    setup_cli.init_app(app)
    backup.init_app(app)


def register_templates(app):
    from forum import templating

    templating.init_app(app)
