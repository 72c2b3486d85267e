"""Who follows what, as the other features' writes happen (``forum.signals``).

Run inside the unit of work that sent the event: the follows commit or roll back with it.
"""

import sqlalchemy as sa

from forum import signals
from forum.complaints.links import thread_path
from forum.notifications import services
from forum.notifications.messages import Message
from forum.notifications.models import Follow


def complaint_created(complaint, *, session, author, **_):
    """The author follows their own complaint."""
    services.start_following(session, author.id, complaint.id)


def complaints_merged(source, *, session, target, actor=None, reason=None, **_):
    """The duplicate's followers follow the complaint it joined (each once), and its
    author is told where their complaint went and why."""
    already = sa.select(Follow.user_id).where(Follow.complaint_id == target.id)
    followers = sa.select(Follow.user_id, sa.literal(target.id), Follow.created_at).where(
        Follow.complaint_id == source.id, Follow.user_id.not_in(already)
    )
    session.execute(
        sa.insert(Follow).from_select(["user_id", "complaint_id", "created_at"], followers)
    )
    if source.author is not None:
        message = Message("merged", source=source.title, target=target.title, reason=reason)
        services.notify(
            session,
            [source.author],
            target,
            "merged",
            message,
            thread_path(target, fragment=f"complaint-{source.id}"),
            exclude=actor,
            actor=actor,
        )


def init_app(app):
    """Connect the receivers (idempotent: blinker keys a receiver by its identity)."""
    signals.complaint_created.connect(complaint_created)
    signals.complaints_merged.connect(complaints_merged)
