"""``flask notify send-due``: queue the daily digests that are due, then send queued e-mail
that is due. Safe to run every minute: a member gets at most one digest a day."""

import click
from flask.cli import AppGroup

from forum import mail
from forum.notifications import digest

notify_cli = AppGroup("notify", help="Notifications and e-mail.")


@notify_cli.command("send-due")
@click.option("--limit", default=500, show_default=True, help="At most this many messages.")
def send_due(limit):
    """Send the due daily digests and e-mail that is due (retries failures; never sends a
    message twice)."""
    digests = digest.queue_due(limit=limit)
    sent, failed, cancelled = mail.send_due(limit=limit)
    click.echo(
        f"Digests queued {digests}. "
        f"Sent {sent}, failed {failed} (kept for retry), cancelled {cancelled}."
    )


def init_app(app):
    app.cli.add_command(notify_cli)
