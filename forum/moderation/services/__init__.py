"""Moderation use cases. Each is one service call in one transaction, with its audit entry.

Removal is transparent: a hidden or deleted post leaves a public placeholder saying
whether staff removed it (and for which reason category) or member reports hid it pending
review. A staff member cannot take a complaint off the site on their own unless it is spam
or exposes personal data: any other removal, and any merge, waits, visible, for a second
staff member or an admin to approve it in the queue.

This package is moderation's service layer: the views and the other packages call the use
cases by these names (``services.flag``, ``services.merge`` …).
"""

from forum.moderation.services.flags import (
    add_note,
    approve,
    assign,
    ban,
    change_role,
    decide_removal,
    dismiss_flags,
    edit_post,
    flag,
    lift_suspension,
    merge,
    merge_into,
    move,
    needs_second_opinion,
    parse_duplicate,
    redact,
    remove,
    restore,
    set_locked,
    set_pinned,
    suspend,
    suspend_for,
)

__all__ = [
    "add_note",
    "approve",
    "assign",
    "ban",
    "change_role",
    "decide_removal",
    "dismiss_flags",
    "edit_post",
    "flag",
    "lift_suspension",
    "merge",
    "merge_into",
    "move",
    "needs_second_opinion",
    "parse_duplicate",
    "redact",
    "remove",
    "restore",
    "set_locked",
    "set_pinned",
    "suspend",
    "suspend_for",
]
