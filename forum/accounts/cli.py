"""``flask users …`` commands."""

import click
from flask import current_app
from flask.cli import AppGroup

from forum import settings
from forum.accounts import registration, services
from forum.accounts.models import ROLES
from forum.errors import Invalid
from forum.urls import absolute, path_for

users_cli = AppGroup("users", help="Manage accounts.")


@users_cli.command("create")
@click.argument("username")
@click.argument("email")
@click.option("--role", type=click.Choice(ROLES), default="member", show_default=True)
@click.option(
    "--password", prompt=True, hide_input=True, confirmation_prompt=True, help="Prompted if absent."
)
def create_user(username, email, role, password):
    """Create an account with the given role."""
    try:
        user = services.register(username, email, password, role=role)
    except Invalid as error:
        raise click.ClickException(error.message) from None
    click.echo(f"Created {user.role} {user.username} <{user.email}>.")


@users_cli.command("invite")
@click.argument("email")
def invite_user(email):
    """Print an invitation link for EMAIL (for the "invite" registration setting)."""
    try:
        token = registration.invitation_token(email)
    except Invalid as error:
        raise click.ClickException(error.message) from None
    days = current_app.config["INVITATION_MAX_AGE"] // 86400
    click.echo(absolute(path_for("accounts.register", invite=token)))
    click.echo(f"The link works for {days} days, for one account with that address.", err=True)
    if settings.get("registration") != "invite":
        click.echo(
            f"Registration is {settings.get('registration')!r}: invitation links are needed "
            "only while it is 'invite' (flask settings set registration invite).",
            err=True,
        )


def init_app(app):
    app.cli.add_command(users_cli)
