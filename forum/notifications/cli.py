"""``flask notify send-due``: send queued e-mail that is due. Safe to run every minute."""

import click
from flask.cli import AppGroup

from forum import mail

notify_cli = AppGroup("notify", help="Notifications and e-mail.")


@notify_cli.command("send-due")
@click.option("--limit", default=500, show_default=True, help="At most this many messages.")
def send_due(limit):
    """Send e-mail that is due (retries failures; never sends a message twice)."""
    sent, failed, cancelled = mail.send_due(limit=limit)
    click.echo(f"Sent {sent}, failed {failed} (kept for retry), cancelled {cancelled}.")


def init_app(app):
    app.cli.add_command(notify_cli)
