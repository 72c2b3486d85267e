"""Paths to complaints and answers that work inside and outside a request."""

from flask import current_app, has_request_context, url_for


def path_for(endpoint, **values):
    """``url_for`` that also works outside a request (CLI, e-mail from cron)."""
    if has_request_context():
        return url_for(endpoint, **values)
    adapter = current_app.url_map.bind("localhost", script_name="/")
    return adapter.build(endpoint, values)


def thread_path(complaint, fragment=None, **params):
    """The canonical path of a thread, e.g. ``/complaints/7/late-delivery#answer-3``."""
    path = path_for("complaints.thread", complaint_id=complaint.id, slug=complaint.slug, **params)
    return f"{path}#{fragment}" if fragment else path


def absolute(path):
    """A path made absolute with the configured ``SITE_URL``, for e-mails."""
    return current_app.config["SITE_URL"].rstrip("/") + path
