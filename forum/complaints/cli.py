"""``flask markup rerender``."""

import click
from flask.cli import AppGroup

from forum.complaints import rerender as rerendering

markup_cli = AppGroup("markup", help="The HTML stored for posts.")


@markup_cli.command("rerender")
@click.option("--batch-size", default=500, show_default=True, help="Posts read per query.")
def rerender(batch_size):
    """Render every post's Markdown again with the current sanitiser; store what changed."""
    total = rerendering.rendered_count()
    with click.progressbar(length=total, label="Rendering posts") as bar:
        read, written = rerendering.rerender_posts(batch_size=batch_size, progress=bar.update)
    click.echo(f"Rendered {read:,} posts; {written:,} changed and were stored.")


def init_app(app):
    app.cli.add_command(markup_cli)
