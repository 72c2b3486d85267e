"""Audit entries for the changes announced by events rather than written by a feature.

The category use cases live in ``complaints``, below the audit log, so they cannot call
:func:`forum.audit.record`; they send ``category_changed`` and the entry is written here,
in the same transaction.
"""

from forum import audit, signals


def category_changed(category, *, session, actor, action, before, after, **_):
    audit.record(session, actor, f"category_{action}", "category", category.id, None, before, after)


def init_app(app):
    """Connect the receivers (idempotent: blinker keys a receiver by its identity)."""
    signals.category_changed.connect(category_changed)
