"""``flask settings show`` and ``flask settings set KEY VALUE``."""

import sys
from pathlib import Path

import click
from flask.cli import AppGroup

from forum import settings
from forum.admin import site_settings

settings_cli = AppGroup("settings", help="Show and change the site settings.")


@settings_cli.command("show")
def show():
    """Print every setting and its value (Markdown texts on lines of their own)."""
    site = settings.current()
    for definition in settings.SETTINGS:
        value = definition.show(site[definition.name])
        if "\n" in value:
            indented = "\n".join(f"    {line}" if line else "" for line in value.splitlines())
            click.echo(f"{definition.name}:\n{indented}")
        else:
            click.echo(f"{definition.name} = {value}")


@settings_cli.command("set")
@click.argument("key")
@click.argument("value")
def set_(key, value):
    """Set KEY to VALUE, checked as the admin form checks it. For `logo`, VALUE is the path
    of a PNG, JPEG or WebP file ("" removes the logo); for a Markdown text, "-" reads it
    from standard input."""
    try:
        definition = settings.setting(key)
        if definition.kind == "markdown" and value == "-":
            value = sys.stdin.read()
        if definition.kind == "image":
            data = _read(value) if value else None
            changed = site_settings.change(None, {}, logo_data=data, remove_logo=not value)
        else:
            changed = site_settings.change(None, {key: value})
    except settings.InvalidSetting as error:
        raise click.ClickException(f"{error.name}: {error.message}") from None
    if changed:
        shown = definition.show(settings.get(key))
        click.echo(f"{key} = {shown}" if "\n" not in shown else f"{key} set.")
    else:
        click.echo(f"{key} unchanged.")


def _read(path):
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise settings.InvalidSetting("logo", f"cannot read {path}: {error.strerror}.") from None


def init_app(app):
    app.cli.add_command(settings_cli)
