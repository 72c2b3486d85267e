"""The notification kinds and the e-mail choices, in words for members.

Each kind a feature passes to ``notify`` is described here once: what one of them is
called in the inbox's "and 2 more: 1 answer, 1 status change", and whether it is about
the member's own post (so that the "own" e-mail choice sends it). A feature with a new
kind adds it with :func:`register`, from its ``init_app`` or at import; a kind nobody
registered still works, counted as an "update".
"""

from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import lazy_gettext, lazy_pgettext, ngettext


@dataclass(frozen=True)
class Kind:
    name: str
    # n -> "2 answers": how n of them are called, in the current language (ngettext)
    counted: Callable[[int], str]
    about_own_post: bool = False  # always about the recipient's own post (their complaint)

    def count(self, n):
        return self.counted(n)


KINDS = {}


def register(name, counted, about_own_post=False):
    """Describe a notification kind (registering a name again replaces it); ``counted``
    says how ``n`` of them are called, through ``ngettext``."""
    KINDS[name] = Kind(name, counted, about_own_post)
    return KINDS[name]


def _updates(n):
    return ngettext("%(num)d update", "%(num)d updates", n)


def kind(name):
    return KINDS.get(name) or Kind(name, _updates)


register("answer", lambda n: ngettext("%(num)d answer", "%(num)d answers", n), about_own_post=True)
register("status", lambda n: ngettext("%(num)d status change", "%(num)d status changes", n))
register("official", lambda n: ngettext("%(num)d official answer", "%(num)d official answers", n))
register(
    "accepted", lambda n: ngettext("%(num)d accepted solution", "%(num)d accepted solutions", n)
)
register("confirmed", lambda n: ngettext("%(num)d confirmation", "%(num)d confirmations", n))
register("disputed", lambda n: ngettext("%(num)d dispute", "%(num)d disputes", n))
register("promise", lambda n: ngettext("%(num)d promised date", "%(num)d promised dates", n))
register(
    "affected",
    lambda n: ngettext("%(num)d question about the fix", "%(num)d questions about the fix", n),
)
register(
    "review",
    lambda n: ngettext("%(num)d review reminder", "%(num)d review reminders", n),
    about_own_post=True,
)
register(
    "post_hidden",
    lambda n: ngettext(
        "%(num)d post hidden after reports", "%(num)d posts hidden after reports", n
    ),
    about_own_post=True,
)
register(
    "merged",
    lambda n: ngettext("%(num)d merge of your complaint", "%(num)d merges of your complaints", n),
    about_own_post=True,
)


# The member's choice of notification e-mail (``User.email_choice``), in the order the
# settings page offers them: value -> (label, hint).
EMAIL_CHOICES = {
    "each": (
        lazy_gettext("Each event, as it happens"),
        lazy_gettext(
            "An e-mail for every notification: answers, status changes, official answers, "
            "solutions on the threads you follow."
        ),
    ),
    "digest": (
        lazy_gettext("A daily digest"),
        lazy_gettext(
            "At most one e-mail a day listing what happened, grouped by thread. "
            "Nothing is sent on a day with nothing new."
        ),
    ),
    "own": (
        lazy_gettext("Only my own complaints"),
        lazy_gettext(
            "E-mail at once about complaints you posted (answers, status changes, a post "
            "hidden after reports); threads you only follow stay in your notifications."
        ),
    ),
    "off": (
        lazy_pgettext("e-mail choice", "Off"),
        lazy_gettext(
            "No notification e-mail. You still see everything under Notifications on the site."
        ),
    ),
}

# What each one-click unsubscribe link stops, and the choices it applies to.
STREAMS = {
    "notifications": {"each", "own"},
    "digest": {"digest"},
}
