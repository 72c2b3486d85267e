"""``flask demo load``."""

import click
from flask.cli import AppGroup

demo_cli = AppGroup("demo", help="Demo data.")


@demo_cli.command("load")
def load():
    """Load the demo data set (safe to run again: it adds only what is missing)."""
    from forum.demo.loader import load_demo

    load_demo(echo=click.echo)
    from forum.demo import content

    click.echo(f"Demo accounts use the password: {content.DEMO_PASSWORD}")


def init_app(app):
    app.cli.add_command(demo_cli)
