"""WSGI entry point: ``gunicorn app:app`` or ``flask --app app run``."""

from forum import create_app

app = create_app()
