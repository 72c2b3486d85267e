"""``flask setup``: the first run. Names the site, keeps its ``SITE_URL``, creates the first
admin and the first categories, through the same use cases as the admin pages and the other
commands (``site_settings.change``, ``accounts.services.register``,
``complaints.categories.create_category``). Safe to run again: what exists is kept and named.

``SITE_URL`` is configuration, read before any request (canonical links, feeds, e-mails):
the command keeps it in the instance folder's ``redress.json`` (``forum.config``), which
every process started afterwards reads; a ``SITE_URL`` in the environment still wins.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import gettext as _

from forum import config, settings
from forum.accounts import services as accounts
from forum.admin import site_settings
from forum.complaints import categories, setup_state
from forum.errors import DomainError


def check_site_url(url):
    """``url`` without a trailing slash; ``click.BadParameter`` when it is no site address."""
    url = (url or "").strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise click.BadParameter(
            _("Give the address visitors use, such as https://complaints.example.com."),
            param_hint="--site-url",
        )
    return url


@click.command("setup")
@click.option("--site-name", help="The site's name (the site_name setting).")
@click.option("--site-url", help="SITE_URL: the address visitors use, https://…")
@click.option("--admin-username", help="The first admin's username.")
@click.option("--admin-email", help="The first admin's e-mail address.")
@click.option(
    "--admin-password",
    envvar="REDRESS_ADMIN_PASSWORD",
    help="The first admin's password (or the environment's REDRESS_ADMIN_PASSWORD).",
)
@click.option(
    "--admin-password-file",
    type=click.Path(exists=True, dir_okay=False),
    help="A file whose first line is the first admin's password.",
)
@click.option("--category", "category_names", multiple=True, help="A first category (repeat).")
@click.option("--no-input", is_flag=True, help="Ask nothing: only the options given are used.")
@with_appcontext
def setup(**options):
    """Set the forum up: its name, SITE_URL, the first admin and the first categories."""
    ask = not options["no_input"]
    _site_name(options["site_name"], ask)
    _site_url(options["site_url"], ask)
    _admin(options, ask)
    _categories(options["category_names"], ask)
    missing = setup_state.query_missing()
    if missing:
        steps = ", ".join(missing)
        message = _("Still missing: %(steps)s. Run flask setup again to add it.", steps=steps)
        click.echo(message, err=True)
    else:
        click.echo(_("The forum is set up."))


def _site_name(name, ask):
    current = settings.get("site_name")
    if name is None and ask:
        name = click.prompt(_("Site name"), default=current)
    if name is None or name == current:
        click.echo(_("Site name: %(name)s (kept).", name=current))
        return
    try:
        site_settings.change(None, {"site_name": name})
    except settings.InvalidSetting as error:
        raise click.ClickException(f"{error.name}: {error.message}") from None
    click.echo(_("Site name: %(name)s.", name=settings.get("site_name")))


def _site_url(url, ask):
    current = current_app.config["SITE_URL"]
    if url is None and ask:
        url = click.prompt(_("Site address (SITE_URL)"), default=current)
    if url is None:
        click.echo(_("SITE_URL: %(url)s (kept).", url=current))
        return
    url = check_site_url(url)
    config.write_instance_values(current_app, {"SITE_URL": url})
    path = config.instance_file(current_app)
    click.echo(_("SITE_URL: %(url)s, kept in %(path)s.", url=url, path=path))
    for name in ("SITE_URL", "FLASK_SITE_URL"):
        if os.environ.get(name, url).rstrip("/") != url:
            click.echo(
                _(
                    "Note: the environment sets %(name)s=%(value)s, which wins; change it there.",
                    name=name,
                    value=os.environ[name],
                ),
                err=True,
            )


def _admin(options, ask):
    username, email = options["admin_username"], options["admin_email"]
    if username is None and "admin" not in setup_state.query_missing():
        click.echo(_("An admin account exists already (kept)."))
        return
    if username is None and ask:
        username = click.prompt(_("First admin's username"))
    if username is None:
        return
    existing = accounts.find_by_login(username)
    if existing is not None:
        if not existing.is_admin:
            raise click.ClickException(
                _("%(name)s exists and is not an admin: choose another username.", name=username)
            )
        click.echo(_("Admin %(name)s exists already (kept).", name=existing.username))
        return
    if email is None and ask:
        email = click.prompt(_("First admin's e-mail address"))
    password = _password(options, ask)
    if email is None or password is None:
        raise click.UsageError(_("A new admin needs --admin-email and a password."))
    try:
        user = accounts.register(username, email, password, role="admin")
    except DomainError as error:
        raise click.ClickException(error.message) from None
    click.echo(_("Created admin %(name)s <%(email)s>.", name=user.username, email=user.email))


def _password(options, ask):
    if options["admin_password_file"]:
        lines = Path(options["admin_password_file"]).read_text().splitlines()
        return lines[0] if lines else ""
    if options["admin_password"] is not None:
        return options["admin_password"]
    if ask:
        return click.prompt(_("Password"), hide_input=True, confirmation_prompt=True)
    return None


def _categories(names, ask):
    names = list(names)
    if not names and ask and "category" in setup_state.query_missing():
        while name := click.prompt(
            _("A first category (a product or department; empty to finish)"),
            default="",
            show_default=False,
        ).strip():
            names.append(name)
    for name in names:
        existing = categories.category_named(name)
        if existing is not None:
            click.echo(_("Category %(name)s exists already (kept).", name=existing.name))
            continue
        try:
            category = categories.create_category(None, name=name)
        except DomainError as error:
            raise click.ClickException(error.message) from None
        name, slug = category.name, category.slug
        click.echo(_("Created category %(name)s at /c/%(slug)s.", name=name, slug=slug))


def init_app(app):
    app.cli.add_command(setup)
