"""``flask markup rerender``; ``flask categories create|list``."""

import click
from flask.cli import AppGroup

from forum.complaints import categories as category_services
from forum.complaints import queries
from forum.complaints import rerender as rerendering
from forum.errors import DomainError

markup_cli = AppGroup("markup", help="The HTML stored for posts.")
categories_cli = AppGroup("categories", help="The products and departments complaints go under.")


@markup_cli.command("rerender")
@click.option("--batch-size", default=500, show_default=True, help="Posts read per query.")
def rerender(batch_size):
    """Render every post's Markdown again with the current sanitiser; store what changed."""
    total = rerendering.rendered_count()
    with click.progressbar(length=total, label="Rendering posts") as bar:
        read, written = rerendering.rerender_posts(batch_size=batch_size, progress=bar.update)
    click.echo(f"Rendered {read:,} posts; {written:,} changed and were stored.")


@categories_cli.command("create")
@click.argument("name")
@click.option("--slug", default="", help="The URL slug (default: made from the name).")
@click.option("--description", default="", help="Markdown shown on the category page.")
def create_category(name, slug, description):
    """Create a category and print its slug."""
    try:
        category = category_services.create_category(
            None, name=name, slug=slug, description=description
        )
    except DomainError as error:
        raise click.ClickException(error.message) from None
    click.echo(category.slug)


@categories_cli.command("list")
def list_categories():
    """Every category in display order: slug, name, complaints, archived."""
    rows, _open = queries.categories_for_admin()
    if not rows:
        click.echo("No categories yet: flask categories create NAME")
        return
    click.echo("slug\tname\tcomplaints\tarchived")
    for category in rows:
        archived = "yes" if category.is_archived else "no"
        click.echo(f"{category.slug}\t{category.name}\t{category.complaint_count}\t{archived}")


def init_app(app):
    app.cli.add_command(markup_cli)
    app.cli.add_command(categories_cli)
