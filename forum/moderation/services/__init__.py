"""Moderation use cases. Each is one service call in one transaction, with its audit entry.

Removal is transparent: a hidden or deleted post leaves a public placeholder saying
whether staff removed it (and for which reason category) or member reports hid it pending
review. A staff member cannot take a complaint off the site on their own unless it is spam
or exposes personal data: any other removal, and any merge, waits, visible, for a second
staff member or an admin to approve it in the queue.

This package is moderation's service layer, one module per concern; the views and the
other packages call the use cases by these names (``services.flag``, ``services.merge`` …):

- ``flags``: members' reports, hiding by reports, dismissing them, approving a post;
- ``removal``: hide, delete and restore, and the removal rule (``needs_second_opinion``);
- ``merges``: merging a duplicate, under the same rule;
- ``second_opinion``: deciding a removal or merge request from the queue;
- ``threads``: lock, pin, move;
- ``edits``: staff edits and redaction;
- ``staff_work``: assignment and internal notes;
- ``members``: suspensions, bans and roles;
- ``common``: what they share (the staff check, visibility changes, closing reports).
"""

from forum.moderation.services.edits import edit_post, redact
from forum.moderation.services.flags import approve, dismiss_flags, flag, parse_duplicate
from forum.moderation.services.members import (
    ban,
    change_role,
    lift_suspension,
    suspend,
    suspend_for,
)
from forum.moderation.services.merges import merge, merge_into
from forum.moderation.services.removal import needs_second_opinion, remove, restore
from forum.moderation.services.second_opinion import decide_removal
from forum.moderation.services.staff_work import add_note, assign
from forum.moderation.services.threads import move, set_locked, set_pinned

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
