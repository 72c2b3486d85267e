"""The audit log as sentences: "nina_support changed the status of “Dishwasher E24” from
Open to In progress", with the complaints, answers and members it names linked.

What an entry names (its target, and the answers, complaints, members and categories in
its before and after) is read in bulk for the whole page: a fixed number of statements
however many entries it shows. An entry whose target is gone still reads as a sentence.
"""

from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from forum.accounts.models import DELETED_NAME, User
from forum.complaints.links import category_path, thread_path
from forum.complaints.models import Answer, Category, Complaint
from forum.extensions import db
from forum.moderation.models import REMOVAL_REASONS
from forum.statuses import STATUSES
from forum.urls import path_for

# The kinds the log can be filtered by, each with the actions it holds.
KINDS = {
    "status": ("Status and promised dates", ("status", "promise")),
    "answers": ("Official answers and solutions", ("official", "unofficial", "accept", "unaccept")),
    "removals": (
        "Reports, removals and restores",
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
        ),
    ),  # fmt: skip
    "merges": ("Merges", ("merge", "request_merge", "reject_merge")),
    "threads": ("Thread tools", ("lock", "unlock", "pin", "unpin", "move", "assign", "note")),
    "edits": ("Edits and redactions", ("edit", "redact")),
    "accounts": (
        "Member accounts",
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
        "Categories",
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
    """Builds one entry's sentence from the names read for the page."""

    def __init__(self, entry, names):
        self.entry = entry
        self.names = names
        self.before = entry.before or {}
        self.after = entry.after or {}

    def member(self, user_id):
        user = self.names.users.get(user_id)
        if user is None:
            return Link(f"an account that no longer exists (#{user_id})", gone=True)
        name = DELETED_NAME if user.deleted_at is not None else user.username
        return Link(name, path_for("moderation.user", user_id=user.id))

    def complaint(self, complaint_id, fragment=None):
        row = self.names.complaints.get(complaint_id)
        if row is None:
            return Link(f"a complaint that no longer exists (#{complaint_id})", gone=True)
        return Link(f"“{row.title}”", thread_path(row, fragment=fragment))

    def answer(self, answer_id):
        """``["an answer by X on ", “T”]`` — the answer's link is its place in the thread."""
        row = self.names.answers.get(answer_id)
        if row is None:
            return [Link(f"an answer that no longer exists (#{answer_id})", gone=True)]
        on = self.complaint(row.complaint_id, fragment=f"answer-{row.id}")
        if row.author_id is None:
            return ["an answer on ", on]
        return ["an answer by ", self.member(row.author_id), " on ", on]

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
            return Link(slug or "no category", gone=True)
        return Link(row.name, category_path(row))

    def category_named(self, category_id):
        """A category by id: its current name linked, or the name it had when it is gone."""
        row = self.names.categories.get(category_id)
        if row is not None:
            return Link(f"the category {row.name}", category_path(row))
        snapshot = self.before.get("source") or self.before or self.after
        name = snapshot.get("name") if isinstance(snapshot, dict) else None
        return Link(f"the category {name}" if name else f"category #{category_id}", gone=True)

    def actor(self):
        if self.entry.actor_id is None and self.entry.target_type == "category":
            return "The command line"
        if self.entry.actor_id is None:
            return "Members’ reports"
        return self.member(self.entry.actor_id)

    def parts(self):
        action = self.entry.action
        builder = getattr(self, f"_{action}", None)
        words = builder() if builder else self._other()
        if isinstance(words, str):
            words = [words]
        return [self.actor(), " ", *words]

    # One method per action: the words after the actor's name.

    def _status(self):
        old, new = self.before.get("status"), self.after.get("status")
        old, new = STATUSES.get(old, old), STATUSES.get(new, new)
        return ["changed the status of ", *self.target(), f" from {old} to {new}"]

    def _promise(self):
        old, new = (_day(v) for v in (self.before.get("promised_date"),
                                      self.after.get("promised_date")))  # fmt: skip
        if old is None:
            return ["promised a resolution of ", *self.target(), f" by {new}"]
        return ["moved the promised date of ", *self.target(), f" from {old} to {new}"]

    def _marked(self, key, on, words):
        answer_id = (self.after if on else self.before).get(key)
        answer = self.answer(answer_id) if answer_id else ["an answer on ", *self.target()]
        return [words[0], *answer, words[1]]

    def _official(self):
        return self._marked("official_answer", True, ("marked ", " as the official answer"))

    def _unofficial(self):
        return self._marked("official_answer", False, ("took the official mark off ", ""))

    def _accept(self):
        return self._marked("accepted_answer", True, ("accepted ", " as the solution"))

    def _unaccept(self):
        return self._marked("accepted_answer", False, ("unmarked ", " as the solution"))

    def _lock(self):
        return ["locked ", *self.target()]

    def _unlock(self):
        return ["unlocked ", *self.target()]

    def _pin(self):
        return ["pinned ", *self.target()]

    def _unpin(self):
        return ["unpinned ", *self.target()]

    def _move(self):
        return [
            "moved ", *self.target(), " from ", self.category(self.before.get("category")),
            " to ", self.category(self.after.get("category")),
        ]  # fmt: skip

    def _assign(self):
        new, old = self.after.get("assignee"), self.before.get("assignee")
        if new:
            return ["assigned ", *self.target(), " to ", self.member(new)]
        if old:
            return ["took ", *self.target(), " back from ", self.member(old)]
        return ["left ", *self.target(), " unassigned"]

    def _note(self):
        return ["added an internal note to ", *self.target()]

    def _edit(self):
        return ["edited ", *self.target()]

    def _redact(self):
        return ["redacted personal data in ", *self.target()]

    def _auto_hide(self):
        return ["hid ", *self.target(), " pending review"]

    def _dismiss_flags(self):
        return ["dismissed the reports on ", *self.target()]

    def _approve(self):
        return ["approved and published ", *self.target()]

    def _removal(self, verb):
        reason = self.after.get("moderation_reason") or self.after.get("reason")
        why = f" as {REMOVAL_REASONS.get(reason, reason)}" if reason else ""
        return [verb, *self.target(), why]

    def _hide(self):
        return self._removal("hid ")

    def _delete(self):
        return self._removal("deleted ")

    def _restore(self):
        return ["restored ", *self.target()]

    def _request_hide(self):
        return self._removal("asked for a second opinion on hiding ")

    def _request_delete(self):
        return self._removal("asked for a second opinion on deleting ")

    def _merge(self):
        into = self.after.get("into")
        return ["merged ", *self.target(), " into ", self.complaint(into)]

    def _request_merge(self):
        into = self.after.get("into")
        return ["asked for a second opinion on merging ", *self.target(), " into ",
                self.complaint(into)]  # fmt: skip

    def _reject_hide(self):
        return ["kept ", *self.target(), " up: the request to hide it was turned down"]

    def _reject_delete(self):
        return ["kept ", *self.target(), " up: the request to delete it was turned down"]

    def _reject_merge(self):
        return ["kept ", *self.target(), " separate: the request to merge it was turned down"]

    def _suspend(self):
        until = _day(self.after.get("suspended_until"))
        return ["suspended ", *self.target(), f" until {until}" if until else ""]

    def _ban(self):
        return ["banned ", *self.target()]

    def _lift_suspension(self):
        return ["lifted the suspension or ban of ", *self.target()]

    def _change_role(self):
        old, new = self.before.get("role"), self.after.get("role")
        return ["changed the role of ", *self.target(), f" from {old} to {new}"]

    def _staff_invite(self):
        return _(
            "invited %(email)s to join as %(role)s",
            email=self.after.get("email", "?"),
            role=self.after.get("role", "staff"),
        )

    def _staff_invite_revoke(self):
        return _("withdrew the staff invitation to %(email)s", email=self.before.get("email", "?"))

    def _staff_invite_accept(self):
        return _("accepted a staff invitation and became %(role)s", role=self.after.get("role"))

    def _category_create(self):
        return ["created ", *self.target()]

    def _category_edit(self):
        old, new = self.before.get("name"), self.after.get("name")
        if old and new and old != new:
            return ["renamed the category ", old, " to ", *self.target()]
        return ["edited ", *self.target()]

    def _category_archive(self):
        return ["archived ", *self.target()]

    def _category_unarchive(self):
        return ["brought back ", *self.target(), " from the archive"]

    def _category_delete(self):
        return ["deleted ", *self.target()]

    def _category_merge(self):
        source = (self.before.get("source") or {}).get("name", "a category")
        return ["merged the category ", source, " into ", *self.target()]

    def _other(self):
        return [f"{self.entry.action.replace('_', ' ')}: ", *self.target()]


def _day(value):
    """An ISO date or datetime from an entry as "12 Jan 2027"; None stays None."""
    if not value:
        return None
    try:
        day = date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return f"{day.day} {day:%b} {day.year}"


def lines(entries):
    """The entries as sentences, their names read in at most five statements."""
    entries = list(entries)
    if not entries:
        return []
    names = _names(entries)
    return [LogLine(entry, _Sentence(entry, names).parts()) for entry in entries]
