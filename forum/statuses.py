"""The resolution workflow's vocabulary: a complaint's statuses, in workflow order.

Core: permissions, complaints, resolution, search and the demo all speak of statuses,
and none of them needs the others to do so. The labels are translated when shown.
"""

from flask_babel import lazy_pgettext

STATUSES = {
    "open": lazy_pgettext("status", "Open"),
    "acknowledged": lazy_pgettext("status", "Acknowledged"),
    "in_progress": lazy_pgettext("status", "In progress"),
    "resolved": lazy_pgettext("status", "Resolved"),
    "closed": lazy_pgettext("status", "Closed"),
}

# Statuses after which the author confirms, disputes or reopens.
CLOSED_STATUSES = ("resolved", "closed")

# Statuses in which a complaint waits for the company (the staff queue's backlog).
WAITING_STATUSES = ("open", "acknowledged", "in_progress")
