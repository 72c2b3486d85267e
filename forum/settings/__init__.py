"""Site settings: stored in the database, typed in code, cached in each process.

Core, below mail and the templates (which show the site's name) and above the unit of
work (a change is written in one): every layer reads a setting with ``settings.get(name)``
or ``settings.current().name``. The definitions are in ``definitions.py``; how a change
reaches every worker within a second is in ``store.py``; the logo in ``logo.py``
(docs/admin.md, "Site settings").
"""

from forum.settings.definitions import (
    BY_NAME,
    GROUP_LABELS,
    GROUPS,
    REGISTRATION_MODES,
    SETTINGS,
    InvalidSetting,
    Setting,
    setting,
)
from forum.settings.store import Snapshot, current, get, load, update

__all__ = [
    "BY_NAME", "GROUP_LABELS", "GROUPS", "REGISTRATION_MODES", "SETTINGS", "InvalidSetting",
    "Setting",
    "Snapshot", "current", "get", "load", "setting", "update",
]  # fmt: skip
