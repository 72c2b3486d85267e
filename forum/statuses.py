"""The resolution workflow's vocabulary: a complaint's statuses, in workflow order.

Core: permissions, complaints, resolution, search and the demo all speak of statuses,
and none of them needs the others to do so.
"""

STATUSES = {
    "open": "Open",
    "acknowledged": "Acknowledged",
    "in_progress": "In progress",
    "resolved": "Resolved",
    "closed": "Closed",
}

# Statuses after which the author confirms, disputes or reopens.
CLOSED_STATUSES = ("resolved", "closed")

# Statuses in which a complaint waits for the company (the staff queue's backlog).
WAITING_STATUSES = ("open", "acknowledged", "in_progress")
