"""The audit log as sentences: "nina_support changed the status of “Dishwasher E24” from
Open to In progress", with the complaints, answers and members it names linked.

What an entry names (its target, and the answers, complaints, members and categories in
its before and after) is read in bulk for the whole page: a fixed number of statements
however many entries it shows. An entry whose target is gone still reads as a sentence.
"""

import re
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

from forum.accounts.models import DELETED_NAME, User
from forum.complaints.links import category_path, thread_path
from forum.complaints.models import Answer, Category, Complaint
from forum.extensions import db
from forum.moderation.models import REMOVAL_REASONS
from forum.statuses import STATUSES
from forum.templating import shortdate
from forum.urls import path_for

# The kinds the log can be filtered by, each with the actions it holds.
KINDS = {
    "status": (_l("Status and promised dates"), ("status", "promise")),
    "answers": (
        _l("Official answers and solutions"),
        ("official", "unofficial", "accept", "unaccept"),
    ),
    "removals": (
        _l("Reports, removals and restores"),
        (
            "auto_hide",
            "dismiss_flags",
            "approve",
            "hide",
            "delete",
            "restore",
            "request_hide",
            "request_delete",
            "reject_hide",
            "reject_delete",
            "remove_photo",
        ),
    ),  # fmt: skip
    "merges": (_l("Merges"), ("merge", "request_merge", "reject_merge")),
    "threads": (_l("Thread tools"), ("lock", "unlock", "pin", "unpin", "move", "assign", "note")),
    "edits": (_l("Edits and redactions"), ("edit", "redact")),
    "accounts": (
        _l("Member accounts"),
        (
            "suspend",
            "ban",
            "lift_suspension",
            "change_role",
            "staff_invite",
            "staff_invite_revoke",
            "staff_invite_accept",
        ),
    ),  # fmt: skip
    "categories": (
        _l("Categories"),
        (
            "category_create",
            "category_edit",
            "category_archive",
            "category_unarchive",
            "category_delete",
            "category_merge",
        ),
    ),  # fmt: skip
}


# The roles as a sentence names them ("from member to staff").
ROLE_NAMES = {
    "member": lazy_pgettext("role, within a sentence", "member"),
    "staff": lazy_pgettext("role, within a sentence", "staff"),
    "admin": lazy_pgettext("role, within a sentence", "admin"),
}


@dataclass(frozen=True)
class Link:
    """A part of a sentence that links somewhere; ``gone`` marks a target that no longer
    exists (shown as text, without a link)."""

    text: str
    url: str | None = None
    gone: bool = False


@dataclass
class LogLine:
    entry: object
    parts: list = field(default_factory=list)

    @property
    def text(self):
        """The sentence as plain text (tests, and the title of nothing else)."""
        return "".join(part.text if isinstance(part, Link) else part for part in self.parts)


@dataclass
class _Names:
    """What the page's entries name, read in bulk: ``{id: row}`` per kind."""

    complaints: dict
    answers: dict
    users: dict
    categories: dict


def _ids(entries, target_type, *keys):
    """Ids of ``target_type`` the entries target, and those in their before/after ``keys``."""
    found = {e.target_id for e in entries if e.target_type == target_type}
    for entry in entries:
        for values in (entry.before, entry.after):
            for key in keys:
                value = (values or {}).get(key)
                if isinstance(value, int) and not isinstance(value, bool):
                    found.add(value)
    return found


def _rows(columns, key, ids):
    if not ids:
        return {}
    return {row[0]: row for row in db.session.execute(sa.select(*columns).where(key.in_(ids)))}


def _names(entries):
    answers = _rows(
        (Answer.id, Answer.complaint_id, Answer.author_id),
        Answer.id,
        _ids(entries, "answer", "official_answer", "accepted_answer"),
    )
    complaint_ids = _ids(entries, "complaint", "into") | {a.complaint_id for a in answers.values()}
    complaints = _rows((Complaint.id, Complaint.title, Complaint.slug), Complaint.id, complaint_ids)
    user_ids = (
        _ids(entries, "user", "assignee")
        | {e.actor_id for e in entries if e.actor_id}
        | {a.author_id for a in answers.values() if a.author_id}
    )
    users = _rows((User.id, User.username, User.deleted_at), User.id, user_ids)
    slugs = {
        (values or {}).get("category")
        for e in entries
        if e.action == "move"
        for values in (e.before, e.after)
    } - {None}
    category_ids = {e.target_id for e in entries if e.target_type == "category"}
    categories = {}
    if slugs or category_ids:
        for row in db.session.execute(
            sa.select(Category.id, Category.slug, Category.name).where(
                sa.or_(Category.slug.in_(slugs), Category.id.in_(category_ids))
            )
        ):
            categories[row.slug] = categories[row.id] = row
    return _Names(complaints, answers, users, categories)


class _Sentence:
    """Builds one entry's sentence from the names read for the page.

    Each sentence is one message whose placeholders (``%(actor)s``, ``%(target)s`` …) are
    filled with text, links, or the parts of a smaller message (an answer's "an answer by X
    on “T”"), so a translation may order them as its language needs.
    """

    def __init__(self, entry, names):
        self.entry = entry
        self.names = names
        self.before = entry.before or {}
        self.after = entry.after or {}

    def member(self, user_id):
        user = self.names.users.get(user_id)
        if user is None:
            return Link(_("an account that no longer exists (#%(id)s)", id=user_id), gone=True)
        name = DELETED_NAME if user.deleted_at is not None else user.username
        return Link(name, path_for("moderation.user", user_id=user.id))

    def complaint(self, complaint_id, fragment=None):
        row = self.names.complaints.get(complaint_id)
        if row is None:
            return Link(
                _("a complaint that no longer exists (#%(id)s)", id=complaint_id), gone=True
            )
        return Link(_("“%(title)s”", title=row.title), thread_path(row, fragment=fragment))

    def answer(self, answer_id):
        """ "an answer by X on “T”" — the answer's link is its place in the thread."""
        row = self.names.answers.get(answer_id)
        if row is None:
            return [Link(_("an answer that no longer exists (#%(id)s)", id=answer_id), gone=True)]
        on = self.complaint(row.complaint_id, fragment=f"answer-{row.id}")
        if row.author_id is None:
            return _parts(_("an answer on %(complaint)s"), complaint=on)
        return _parts(
            _("an answer by %(author)s on %(complaint)s"),
            author=self.member(row.author_id),
            complaint=on,
        )

    def target(self):
        entry = self.entry
        if entry.target_type == "complaint":
            return [self.complaint(entry.target_id)]
        if entry.target_type == "answer":
            return self.answer(entry.target_id)
        if entry.target_type == "user":
            return [self.member(entry.target_id)]
        if entry.target_type == "category":
            return [self.category_named(entry.target_id)]
        return [f"{entry.target_type} #{entry.target_id}"]

    def category(self, slug):
        row = self.names.categories.get(slug)
        if row is None:
            return Link(slug or _("no category"), gone=True)
        return Link(row.name, category_path(row))

    def category_named(self, category_id):
        """A category by id: its current name linked, or the name it had when it is gone."""
        row = self.names.categories.get(category_id)
        if row is not None:
            return Link(_("the category %(name)s", name=row.name), category_path(row))
        snapshot = self.before.get("source") or self.before or self.after
        name = snapshot.get("name") if isinstance(snapshot, dict) else None
        if name:
            return Link(_("the category %(name)s", name=name), gone=True)
        return Link(_("category #%(id)s", id=category_id), gone=True)

    def actor(self):
        if self.entry.actor_id is None and self.entry.target_type == "category":
            return _("The command line")
        if self.entry.actor_id is None:
            return _("Members’ reports")
        return self.member(self.entry.actor_id)

    def parts(self):
        builder = getattr(self, f"_{self.entry.action}", None)
        return builder() if builder else self._other()

    def say(self, message, **names):
        """``message`` (translated, not yet filled) as parts: the actor, the target (unless
        given), and ``names``."""
        names.setdefault("target", self.target())
        return _parts(message, actor=self.actor(), **names)

    # One method per action: its sentence.

    def _status(self):
        old, new = self.before.get("status"), self.after.get("status")
        old, new = str(STATUSES.get(old, old)), str(STATUSES.get(new, new))
        return self.say(
            _("%(actor)s changed the status of %(target)s from %(old)s to %(new)s"),
            old=old,
            new=new,
        )

    def _promise(self):
        old, new = (_day(v) for v in (self.before.get("promised_date"),
                                      self.after.get("promised_date")))  # fmt: skip
        if old is None:
            return self.say(
                _("%(actor)s promised a resolution of %(target)s by %(date)s"), date=new
            )
        return self.say(
            _("%(actor)s moved the promised date of %(target)s from %(old)s to %(new)s"),
            old=old,
            new=new,
        )

    def _marked(self, key, on, message):
        answer_id = (self.after if on else self.before).get(key)
        if answer_id:
            answer = self.answer(answer_id)
        else:
            answer = _parts(_("an answer on %(complaint)s"), complaint=self.target())
        return self.say(message, answer=answer)

    def _official(self):
        return self._marked(
            "official_answer", True, _("%(actor)s marked %(answer)s as the official answer")
        )

    def _unofficial(self):
        return self._marked(
            "official_answer", False, _("%(actor)s took the official mark off %(answer)s")
        )

    def _accept(self):
        return self._marked(
            "accepted_answer", True, _("%(actor)s accepted %(answer)s as the solution")
        )

    def _unaccept(self):
        return self._marked(
            "accepted_answer", False, _("%(actor)s unmarked %(answer)s as the solution")
        )

    def _lock(self):
        return self.say(_("%(actor)s locked %(target)s"))

    def _unlock(self):
        return self.say(_("%(actor)s unlocked %(target)s"))

    def _pin(self):
        return self.say(_("%(actor)s pinned %(target)s"))

    def _unpin(self):
        return self.say(_("%(actor)s unpinned %(target)s"))

    def _move(self):
        return self.say(
            _("%(actor)s moved %(target)s from %(old)s to %(new)s"),
            old=self.category(self.before.get("category")),
            new=self.category(self.after.get("category")),
        )

    def _assign(self):
        new, old = self.after.get("assignee"), self.before.get("assignee")
        if new:
            return self.say(
                _("%(actor)s assigned %(target)s to %(member)s"), member=self.member(new)
            )
        if old:
            return self.say(
                _("%(actor)s took %(target)s back from %(member)s"), member=self.member(old)
            )
        return self.say(_("%(actor)s left %(target)s unassigned"))

    def _note(self):
        return self.say(_("%(actor)s added an internal note to %(target)s"))

    def _edit(self):
        return self.say(_("%(actor)s edited %(target)s"))

    def _redact(self):
        return self.say(_("%(actor)s redacted personal data in %(target)s"))

    def _auto_hide(self):
        return self.say(_("%(actor)s hid %(target)s pending review"))

    def _dismiss_flags(self):
        return self.say(_("%(actor)s dismissed the reports on %(target)s"))

    def _approve(self):
        return self.say(_("%(actor)s approved and published %(target)s"))

    def _removal(self, message, message_with_reason):
        reason = self.after.get("moderation_reason") or self.after.get("reason")
        if not reason:
            return self.say(message)
        return self.say(message_with_reason, reason=str(REMOVAL_REASONS.get(reason, reason)))

    def _hide(self):
        return self._removal(
            _("%(actor)s hid %(target)s"), _("%(actor)s hid %(target)s as %(reason)s")
        )

    def _delete(self):
        return self._removal(
            _("%(actor)s deleted %(target)s"), _("%(actor)s deleted %(target)s as %(reason)s")
        )

    def _remove_photo(self):
        alt = self.before.get("alt_text") or ""
        if self.entry.reason:
            return self.say(
                _("%(actor)s removed the photo “%(alt)s” from %(target)s: %(reason)s"),
                alt=alt,
                reason=self.entry.reason,
            )
        return self.say(_("%(actor)s removed the photo “%(alt)s” from %(target)s"), alt=alt)

    def _restore(self):
        return self.say(_("%(actor)s restored %(target)s"))

    def _request_hide(self):
        return self._removal(
            _("%(actor)s asked for a second opinion on hiding %(target)s"),
            _("%(actor)s asked for a second opinion on hiding %(target)s as %(reason)s"),
        )

    def _request_delete(self):
        return self._removal(
            _("%(actor)s asked for a second opinion on deleting %(target)s"),
            _("%(actor)s asked for a second opinion on deleting %(target)s as %(reason)s"),
        )

    def _merge(self):
        into = self.complaint(self.after.get("into"))
        return self.say(_("%(actor)s merged %(target)s into %(into)s"), into=into)

    def _request_merge(self):
        into = self.complaint(self.after.get("into"))
        return self.say(
            _("%(actor)s asked for a second opinion on merging %(target)s into %(into)s"),
            into=into,
        )

    def _reject_hide(self):
        return self.say(_("%(actor)s kept %(target)s up: the request to hide it was turned down"))

    def _reject_delete(self):
        return self.say(_("%(actor)s kept %(target)s up: the request to delete it was turned down"))

    def _reject_merge(self):
        return self.say(
            _("%(actor)s kept %(target)s separate: the request to merge it was turned down")
        )

    def _suspend(self):
        until = _day(self.after.get("suspended_until"))
        if until:
            return self.say(_("%(actor)s suspended %(target)s until %(date)s"), date=until)
        return self.say(_("%(actor)s suspended %(target)s"))

    def _ban(self):
        return self.say(_("%(actor)s banned %(target)s"))

    def _lift_suspension(self):
        return self.say(_("%(actor)s lifted the suspension or ban of %(target)s"))

    def _change_role(self):
        old, new = self.before.get("role"), self.after.get("role")
        return self.say(
            _("%(actor)s changed the role of %(target)s from %(old)s to %(new)s"),
            old=str(ROLE_NAMES.get(old, old)),
            new=str(ROLE_NAMES.get(new, new)),
        )

    def _staff_invite(self):
        role = self.after.get("role", "staff")
        return self.say(
            _("%(actor)s invited %(email)s to join as %(role)s"),
            email=self.after.get("email", "?"),
            role=str(ROLE_NAMES.get(role, role)),
        )

    def _staff_invite_revoke(self):
        return self.say(
            _("%(actor)s withdrew the staff invitation to %(email)s"),
            email=self.before.get("email", "?"),
        )

    def _staff_invite_accept(self):
        role = self.after.get("role")
        return self.say(
            _("%(actor)s accepted a staff invitation and became %(role)s"),
            role=str(ROLE_NAMES.get(role, role)),
        )

    def _category_create(self):
        return self.say(_("%(actor)s created %(target)s"))

    def _category_edit(self):
        old, new = self.before.get("name"), self.after.get("name")
        if old and new and old != new:
            return self.say(_("%(actor)s renamed the category %(old)s to %(target)s"), old=old)
        return self.say(_("%(actor)s edited %(target)s"))

    def _category_archive(self):
        return self.say(_("%(actor)s archived %(target)s"))

    def _category_unarchive(self):
        return self.say(_("%(actor)s brought back %(target)s from the archive"))

    def _category_delete(self):
        return self.say(_("%(actor)s deleted %(target)s"))

    def _category_merge(self):
        source = (self.before.get("source") or {}).get("name") or _("a category")
        return self.say(
            _("%(actor)s merged the category %(source)s into %(target)s"), source=source
        )

    def _other(self):
        # An action this page has no sentence for: its code, as recorded.
        return self.say(
            _("%(actor)s %(action)s: %(target)s"), action=self.entry.action.replace("_", " ")
        )


_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _parts(message, **names):
    """A translated message cut at its ``%(name)s`` placeholders into a sentence's parts:
    its text, and each name's text, link or parts in the place the message puts it."""
    parts = []
    for index, piece in enumerate(_PLACEHOLDER.split(message)):
        if index % 2 == 0:
            if piece:
                parts.append(piece.replace("%%", "%"))
            continue
        value = names[piece]
        if isinstance(value, list):
            parts.extend(value)
        elif value is not None:
            parts.append(value if isinstance(value, Link) else str(value))
    return parts


def _day(value):
    """An ISO date or datetime from an entry as "12 Jan 2027"; None stays None."""
    if not value:
        return None
    try:
        day = date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return shortdate(day)


def lines(entries):
    """The entries as sentences, their names read in at most five statements."""
    entries = list(entries)
    if not entries:
        return []
    names = _names(entries)
    return [LogLine(entry, _Sentence(entry, names).parts()) for entry in entries]
