"""The use case behind ``/admin/settings`` and ``flask settings set``: change settings in
one unit of work, with one audit entry holding the values before and after."""

from forum import audit, settings
from forum.settings import logo
from forum.uow import write_transaction

AUDIT_ACTION = "change_settings"
AUDIT_TARGET = ("settings", 0)


def change(actor, values, logo_data=None, remove_logo=False):
    """Set ``values`` (name → typed text or value), and the logo from ``logo_data`` (an
    upload's bytes) or removed. Everything is checked before anything is kept: the first
    value refused raises ``settings.InvalidSetting`` and nothing changes. Returns the
    names of the settings that changed (none: no audit entry)."""
    with write_transaction() as session:
        changes = dict(values)
        if logo_data is not None:
            changes["logo"] = logo.store(session, logo_data)
        elif remove_logo:
            logo.remove(session)
            changes["logo"] = None
        before, after = settings.update(session, changes)
        if after:
            audit.record(session, actor, AUDIT_ACTION, *AUDIT_TARGET, before=before, after=after)
    return sorted(after)
