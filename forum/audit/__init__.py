"""The audit log: one entry per staff or admin action, written in that action's transaction.

A service every feature may call (moderation, resolution, accounts): it sits below the
features in the import layers.
"""

from forum.audit.models import AuditEntry
from forum.db import utcnow


def record(session, actor, action, target_type, target_id, reason=None, before=None, after=None):
    """Append an entry describing what ``actor`` did; never edited or deleted afterwards."""
    session.add(
        AuditEntry(
            actor_id=actor.id if actor is not None else None,
            action=action,
            target_type=target_type,
            target_id=target_id,
            reason=(reason or None),
            before=before,
            after=after,
            created_at=utcnow(),
        )
    )


def snapshot(post, *fields):
    """The named fields of a post, JSON-ready, for an entry's before/after."""
    values = {}
    for name in fields:
        value = getattr(post, name)
        values[name] = value.isoformat() if hasattr(value, "isoformat") else value
    return values
