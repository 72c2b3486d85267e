"""The notification kinds and the e-mail choices, in words for members.

Each kind a feature passes to ``notify`` is described here once: what one of them is
called in the inbox's "and 2 more: 1 answer, 1 status change", and whether it is about
the member's own post (so that the "own" e-mail choice sends it). A feature with a new
kind adds it with :func:`register`, from its ``init_app`` or at import; a kind nobody
registered still works, counted as an "update".
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    name: str
    one: str  # "answer": what one of them is called
    many: str  # "answers"
    about_own_post: bool = False  # always about the recipient's own post (their complaint)

    def count(self, n):
        return f"{n} {self.one if n == 1 else self.many}"


KINDS = {}


def register(name, one, many, about_own_post=False):
    """Describe a notification kind (registering a name again replaces it)."""
    KINDS[name] = Kind(name, one, many, about_own_post)
    return KINDS[name]


def kind(name):
    return KINDS.get(name) or Kind(name, "update", "updates")


register("answer", "answer", "answers", about_own_post=True)
register("status", "status change", "status changes")
register("official", "official answer", "official answers")
register("accepted", "accepted solution", "accepted solutions")
register("confirmed", "confirmation", "confirmations")
register("disputed", "dispute", "disputes")
register("promise", "promised date", "promised dates")
register("affected", "question about the fix", "questions about the fix")
register("review", "review reminder", "review reminders", about_own_post=True)
register("post_hidden", "post hidden after reports", "posts hidden after reports", True)


# The member's choice of notification e-mail (``User.email_choice``), in the order the
# settings page offers them: value -> (label, hint).
EMAIL_CHOICES = {
    "each": (
        "Each event, as it happens",
        "An e-mail for every notification: answers, status changes, official answers, "
        "solutions on the threads you follow.",
    ),
    "digest": (
        "A daily digest",
        "At most one e-mail a day listing what happened, grouped by thread. "
        "Nothing is sent on a day with nothing new.",
    ),
    "own": (
        "Only my own complaints",
        "E-mail at once about complaints you posted (answers, status changes, a post "
        "hidden after reports); threads you only follow stay in your notifications.",
    ),
    "off": (
        "Off",
        "No notification e-mail. You still see everything under Notifications on the site.",
    ),
}

# What each one-click unsubscribe link stops, and the choices it applies to.
STREAMS = {
    "notifications": {"each", "own"},
    "digest": {"digest"},
}
