"""``flask setup``: name the site, check SITE_URL, create the first admin and categories.

Safe to run again: what is already there (an admin, a category of the same name) is kept
and reported, never duplicated. Everything typed is checked before anything is written
(docs/admin.md, "First run").
"""

from urllib.parse import urlsplit

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import with_appcontext

from forum import settings
from forum.accounts import services as accounts
from forum.accounts.models import User
from forum.admin import site_settings
from forum.complaints import categories as category_services
from forum.complaints import first_run, queries
from forum.complaints.models import Category
from forum.config import Defaults
from forum.errors import DomainError
from forum.extensions import db
from forum.settings.models import SiteSetting

PASSWORD_ENV = "REDRESS_ADMIN_PASSWORD"


def _fail(message):
    raise click.ClickException(message)


def _check_tables():
    inspector = sa.inspect(db.engine)
    tables = (User.__tablename__, Category.__tablename__, SiteSetting.__tablename__)
    if not all(inspector.has_table(name) for name in tables):
        _fail("The database has no tables yet: run `flask db upgrade` first, then `flask setup`.")


def _check_url(url):
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        _fail(f"--site-url: {url!r} is not an address like https://complaints.example.com.")
    return url.rstrip("/")


def _read_password_file(path):
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read().rstrip("\r\n")
    except OSError as error:
        _fail(f"--admin-password-file: cannot read {path}: {error.strerror}.")


def _admins():
    return list(db.session.scalars(sa.select(User.username).where(User.role == "admin")))


@click.command("setup")
@click.option("--site-name", help="The site's name (the site_name setting).")
@click.option("--site-url", help="The address visitors use; checked against SITE_URL.")
@click.option("--admin-username", help="The first admin's username.")
@click.option("--admin-email", help="The first admin's e-mail address.")
@click.option(
    "--admin-password",
    envvar=PASSWORD_ENV,
    help=f"The first admin's password (better: --admin-password-file or ${PASSWORD_ENV}).",
)
@click.option(
    "--admin-password-file",
    type=click.Path(dir_okay=False),
    help="A file holding the first admin's password.",
)
@click.option("--category", "categories", multiple=True, help="A first category (repeatable).")
@click.option("--no-input", is_flag=True, help="Never prompt; fail on what is missing.")
@with_appcontext
def setup(
    site_name,
    site_url,
    admin_username,
    admin_email,
    admin_password,
    admin_password_file,
    categories,
    no_input,
):
    """Set up a new forum, or report what an existing one already has."""
    _check_tables()
    interactive = not no_input
    done, kept, todo = [], [], []

    # The site name: a site setting.
    current_name = settings.get("site_name")
    if site_name is None and interactive:
        site_name = click.prompt("Site name", default=current_name)
    if site_name is not None:
        try:
            site_name = settings.setting("site_name").parse(site_name)
        except settings.InvalidSetting as error:
            _fail(f"--site-name: {error.message}")

    # SITE_URL lives in the environment only (forum/config.py): checked, never stored.
    configured = current_app.config["SITE_URL"].rstrip("/")
    if site_url is None and interactive:
        site_url = click.prompt("Address of the site (SITE_URL)", default=configured)
    if site_url is not None:
        site_url = _check_url(site_url)

    # The first admin, through the registration rules.
    admins = _admins()
    new_admin = None
    if not admins:
        if admin_password_file:
            admin_password = _read_password_file(admin_password_file)
        if interactive:
            admin_username = admin_username or click.prompt("First admin's username")
            admin_email = admin_email or click.prompt("First admin's e-mail address")
            if not admin_password:
                admin_password = click.prompt(
                    "First admin's password", hide_input=True, confirmation_prompt=True
                )
        absent = [
            option
            for option, value in (
                ("--admin-username", admin_username),
                ("--admin-email", admin_email),
                ("--admin-password-file (or $" + PASSWORD_ENV + ")", admin_password),
            )
            if not value
        ]
        if absent:
            _fail("There is no admin yet: give " + ", ".join(absent) + ".")
        try:
            accounts.check_new_account(admin_username, admin_email, admin_password)
        except DomainError as error:
            _fail(f"First admin: {error.message}")
        new_admin = (admin_username, admin_email, admin_password)
    elif admin_username or admin_email:
        kept.append("(--admin-* ignored: the forum already has an admin)")

    # The first categories; one of the same name (any case) is kept.
    existing, _open = queries.categories_for_admin()
    names = [name.strip() for name in categories if name.strip()]
    if not names and not existing and interactive:
        typed = click.prompt("First categories (comma-separated)")
        names = [name.strip() for name in typed.split(",") if name.strip()]
    if not names and not existing:
        _fail("There is no category yet: give --category NAME (repeatable).")
    known = {category.name.casefold() for category in existing}

    # Everything checked: now write.
    if site_name is not None and site_name != current_name:
        site_settings.change(None, {"site_name": site_name})
        done.append(f"Site name set to {site_name!r}.")
    else:
        kept.append(f"Site name: {current_name!r}.")
    if new_admin:
        try:
            user = accounts.register(*new_admin, role="admin")
        except DomainError as error:
            _fail(f"First admin: {error.message}")
        done.append(f"Created admin {user.username} <{user.email}>.")
    else:
        kept.append("Admin already there: " + ", ".join(admins) + ".")
    for name in names:
        if name.casefold() in known:
            kept.append(f"Category already there: {name}.")
            continue
        try:
            category = category_services.create_category(None, name=name)
        except DomainError as error:
            _fail(f"Category {name!r}: {error.message}")
        known.add(name.casefold())
        done.append(f"Created category {category.name} (/c/{category.slug}).")
    if existing:
        kept.append("Categories already there: " + ", ".join(c.name for c in existing) + ".")

    if site_url is not None and site_url != configured:
        todo.append(
            f"SITE_URL is {configured}, not {site_url}: set SITE_URL={site_url} in the "
            "environment (/etc/redress/env, docs/deploy.md) and restart."
        )
    elif configured == Defaults.SITE_URL.rstrip("/"):
        todo.append(
            f"SITE_URL is the default {configured}: set SITE_URL in the environment "
            "(/etc/redress/env, docs/deploy.md) to the address visitors use."
        )
    else:
        kept.append(f"SITE_URL: {configured}.")

    first_run.forget(current_app._get_current_object())
    for line in done:
        click.echo(f"Done: {line}")
    for line in kept:
        click.echo(f"Already there: {line}")
    for line in todo:
        click.echo(f"To do: {line}")
    missing = first_run.missing()
    click.echo("The forum is set up." if not missing else "Still missing: " + ", ".join(missing))


def init_app(app):
    app.cli.add_command(setup)
