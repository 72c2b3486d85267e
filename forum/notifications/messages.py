"""The sentences of notifications, rendered in the reader's language when shown.

A notification is stored as its kind plus the parameters of its sentence
(``Notification.params``: the sentence's name under ``"sentence"``, then the values it
names, such as a thread's title), not as finished text: the inbox, the digest and the
e-mails render it through gettext in the language of whoever reads it. ``message`` keeps
the English rendering, for rows written before sentences were stored this way and for
the member's data export.

Each sentence is described here once, as a function of its parameters; a feature passes
``Message("name", **params)`` to ``notify``.
"""

from dataclasses import dataclass, field
from datetime import date

from flask_babel import force_locale, gettext

from forum.statuses import STATUSES
from forum.templating import shortdate

SENTENCES = {}


def sentence(name):
    """Register a function ``params -> text`` as the sentence called ``name``."""

    def register(render):
        SENTENCES[name] = render
        return render

    return register


@dataclass(frozen=True)
class Message:
    """A notification's sentence and its parameters (JSON values only)."""

    name: str
    params: dict = field(default_factory=dict)

    def __init__(self, name, **params):
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "params", params)

    def stored(self):
        return {"sentence": self.name, **self.params}

    def __str__(self):
        """The sentence in the current language."""
        return SENTENCES[self.name](self.params)

    def english(self):
        with force_locale("en"):
            return str(self)


def text(value):
    """A message, a lazy string or plain text, as text in the current language."""
    return str(value) if value is not None else ""


def render(notification):
    """A stored notification's sentence in the current language; the stored English text
    for rows that have no parameters (or a sentence no longer known)."""
    params = notification.params or {}
    render_sentence = SENTENCES.get(params.get("sentence"))
    if render_sentence is None:
        return notification.message
    try:
        return render_sentence(params)
    except (KeyError, TypeError, ValueError):
        return notification.message


def _status(code):
    return str(STATUSES.get(code, code))


def _date(value):
    return shortdate(date.fromisoformat(value))


@sentence("answered")
def _answered(p):
    return gettext(
        "%(name)s answered your complaint “%(title)s”", name=p["actor"], title=p["title"]
    )


@sentence("official")
def _official(p):
    return gettext("Staff gave an official answer on “%(title)s”", title=p["title"])


@sentence("accepted")
def _accepted(p):
    return gettext("“%(title)s” has an accepted solution", title=p["title"])


@sentence("promise")
def _promise(p):
    return gettext(
        "Staff promised a resolution of “%(title)s” by %(date)s",
        title=p["title"],
        date=_date(p["date"]),
    )


@sentence("reopened")
def _reopened(p):
    return gettext("“%(title)s” was reopened", title=p["title"])


@sentence("status")
def _status_now(p):
    return gettext("“%(title)s” is now %(status)s", title=p["title"], status=_status(p["status"]))


@sentence("resolved_by_staff")
def _resolved_by_staff(p):
    return gettext(
        "Staff marked “%(title)s” resolved. Confirm or dispute it on the thread.",
        title=p["title"],
    )


@sentence("affected")
def _affected(p):
    return gettext(
        "“%(title)s”, which affects you too, was marked resolved. Did the fix work for you?",
        title=p["title"],
    )


@sentence("review")
def _review(p):
    return gettext(
        "“%(title)s” is marked resolved. If you like, you can revise the review you left: "
        "your rating, a few words, and whether you would do business with us again. "
        "You can also leave it as it is.",
        title=p["title"],
    )


@sentence("confirmed")
def _confirmed(p):
    return gettext("The author confirmed that “%(title)s” is resolved", title=p["title"])


@sentence("disputed")
def _disputed(p):
    return gettext("The author disputed the resolution of “%(title)s”", title=p["title"])


@sentence("merged")
def _merged(p):
    if p.get("reason"):
        return gettext(
            "Your complaint “%(source)s” was merged into “%(target)s”: %(reason)s",
            source=p["source"],
            target=p["target"],
            reason=p["reason"],
        )
    return gettext(
        "Your complaint “%(source)s” was merged into “%(target)s” as a duplicate.",
        source=p["source"],
        target=p["target"],
    )


@sentence("complaint_hidden")
def _complaint_hidden(p):
    return gettext(
        "Members reported your complaint “%(title)s”, so it is hidden until staff review it. "
        "Staff will restore it if it breaks no rule.",
        title=p["title"],
    )


@sentence("answer_hidden")
def _answer_hidden(p):
    return gettext(
        "Members reported your answer on “%(title)s”, so it is hidden until staff review it. "
        "Staff will restore it if it breaks no rule.",
        title=p["title"],
    )
