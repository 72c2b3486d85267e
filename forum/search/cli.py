"""``flask search rebuild|sync|status``."""

import click
from flask.cli import AppGroup

from forum.extensions import db
from forum.search import documents, outbox
from forum.search.backends import get_backend

search_cli = AppGroup("search", help="The search index.")


@search_cli.command("rebuild")
@click.option("--batch-size", default=500, show_default=True, help="Threads read per query.")
def rebuild(batch_size):
    """Rebuild the search index from the database (the site keeps searching meanwhile)."""
    backend = get_backend()
    total = documents.public_count(db.session)
    db.session.rollback()
    with click.progressbar(length=total, label="Indexing threads") as bar:
        count, words, seconds = backend.rebuild(progress=bar.update, batch_size=batch_size)
    rate = count / seconds if seconds else 0
    click.echo(
        f"Indexed {count:,} threads ({words:,} words) in {seconds:.1f} s: "
        f"{rate:,.0f} documents/s, {words / seconds if seconds else 0:,.0f} words/s."
    )


@search_cli.command("sync")
def sync():
    """Apply pending outbox rows and merge the index's small segments (waits for them)."""
    applied = get_backend().apply_pending(timeout=30.0, merge=True)
    click.echo(f"Applied {applied:,} pending changes; {outbox.pending_count():,} left.")


@search_cli.command("status")
def status():
    """Threads in the database and in the index, pending changes, index size."""
    backend = get_backend()
    info = backend.status()
    click.echo(f"Backend:           {info['backend']} ({info['path']})")
    click.echo(f"Threads in the DB: {documents.public_count(db.session):,}")
    indexed = info["documents"]
    click.echo(f"In the index:      {'unavailable' if indexed is None else f'{indexed:,}'}")
    if info.get("segments") is not None:
        click.echo(f"Index segments:    {info['segments']:,}")
    click.echo(f"Pending changes:   {outbox.pending_count():,}")
    click.echo(f"Index size:        {info['size'] / 1_048_576:,.1f} MB")
    if not info["available"]:
        click.echo(
            f"The index is degraded: {info.get('error', 'missing')}. Run `flask search rebuild`."
        )


def init_app(app):
    app.cli.add_command(search_cli)
