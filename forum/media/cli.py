"""``flask media gc``: remove stored files that no photo or evidence names any more."""

from datetime import timedelta

import click
from flask.cli import AppGroup

from forum.media import services

media_cli = AppGroup("media", help="Uploaded photos and evidence files.")


@media_cli.command("gc")
@click.option(
    "--older-than-hours",
    default=24,
    show_default=True,
    type=click.IntRange(min=1),
    help="Only files written longer ago than this (younger ones may be a post being written).",
)
@click.option("--dry-run", is_flag=True, help="List the files without removing them.")
def gc(older_than_hours, dry_run):
    """Remove orphaned files: those of deleted posts, and of uploads that failed."""
    keys = services.orphaned_files(timedelta(hours=older_than_hours))
    if dry_run:
        for key in keys:
            click.echo(key)
        click.echo(f"{len(keys):,} orphaned files (nothing removed: --dry-run).")
        return
    services.remove_files(keys)
    click.echo(f"Removed {len(keys):,} orphaned files.")


def init_app(app):
    app.cli.add_command(media_cli)
