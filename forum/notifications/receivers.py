"""Who follows what, as the other features' writes happen (``forum.signals``).

Run inside the unit of work that sent the event: the follows commit or roll back with it.
"""

from forum import signals
from forum.notifications import services


def complaint_created(complaint, *, session, author, **_):
    """The author follows their own complaint."""
    services.start_following(session, author.id, complaint.id)


def init_app(app):
    """Connect the receivers (idempotent: blinker keys a receiver by its identity)."""
    signals.complaint_created.connect(complaint_created)
