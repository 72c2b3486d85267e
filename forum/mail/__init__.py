"""E-mail: the outbox every layer queues into, sent after commit and retried until it goes.

``from forum import mail``, then ``mail.queue(session, user, ...)`` in a unit of work;
``mail.send_due()`` for ``flask notify send-due``; ``mail.register_check(kind, still_wanted)``
for a feature whose messages may stop mattering before they are sent. Core: it imports
nothing above the unit of work, and knows no feature (forum.mail.outbox has the details).
"""

from forum.mail.models import MailMessage
from forum.mail.outbox import (
    cancel_unsent,
    link,
    queue,
    register_check,
    send_due,
    unsubscribe_target,
    unsubscribe_token,
)

__all__ = [
    "MailMessage",
    "cancel_unsent",
    "link",
    "queue",
    "register_check",
    "send_due",
    "unsubscribe_target",
    "unsubscribe_token",
]
