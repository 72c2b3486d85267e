"""``flask users …`` commands."""

import click
from flask.cli import AppGroup

from forum.accounts import services
from forum.accounts.models import ROLES
from forum.errors import Invalid

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


def init_app(app):
    app.cli.add_command(users_cli)
