"""``flask demo load`` and ``flask demo generate``."""

import click
from flask.cli import AppGroup

demo_cli = AppGroup("demo", help="Demo data.")


@demo_cli.command("load")
def load():
    """Load the demo data set (safe to run again: it adds only what is missing)."""
    from forum.demo.loader import load_demo  # noqa: PLC0415 - demo data, only for `flask demo`

    load_demo(echo=click.echo)
    from forum.demo import content  # noqa: PLC0415 - demo data, only for `flask demo`

    click.echo(f"Demo accounts use the password: {content.DEMO_PASSWORD}")


@demo_cli.command("generate")
@click.option(
    "--complaints",
    "count",
    type=click.IntRange(1, 2_000_000),
    required=True,
    help="How many complaints to add.",
)
@click.option("--seed", type=int, default=2026, show_default=True, help="Same seed, same data.")
@click.option(
    "--batch",
    "batch_size",
    type=click.IntRange(100, 100_000),
    default=2_000,
    show_default=True,
    help="Complaints per transaction.",
)
def generate(count, seed, batch_size):
    """Fill a fresh database with COUNT realistic complaints, fast (bulk inserts).

    Nothing else may write to the database meanwhile. Run `flask search rebuild` after it.
    """
    from forum.demo import content  # noqa: PLC0415 - demo data, only for `flask demo`
    from forum.demo.generate import generate_forum  # noqa: PLC0415 - demo data, only for `flask demo`

    click.echo(f"Generating {count:,} complaints (seed {seed})…")
    summary = generate_forum(count, seed=seed, batch_size=batch_size, echo=click.echo)
    click.echo(
        f"Generated {summary.complaints:,} complaints, {summary.answers:,} answers and "
        f"{summary.votes:,} votes ({summary.complaint_votes:,} on complaints, "
        f"{summary.answer_votes:,} on answers), {summary.events:,} timeline events and "
        f"{summary.notifications:,} notifications in {summary.seconds:.1f} s."
    )
    for size, complaint_id in sorted(summary.threads.items()):
        click.echo(f"Thread with {size} answers: /complaints/{complaint_id}")
    click.echo(f"Demo accounts use the password: {content.DEMO_PASSWORD}")
    click.echo("Search is not updated: run `flask search rebuild`.")


def init_app(app):
    app.cli.add_command(demo_cli)
