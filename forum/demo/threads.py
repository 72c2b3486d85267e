"""One generated complaint and its thread, as the rows the services would have written.

:class:`ThreadBuilder` turns a planned complaint (its time, its fate in the workflow, its
number of answers) into rows for every table a real history touches, following the
services step by step: ``create_complaint``, ``post_answer``, the votes,
``mark_official``, ``accept_answer``, ``change_status``, ``respond_to_resolution``,
``revise_review`` and the notifications they send. :mod:`forum.demo.generate` writes them.
"""

from collections import Counter
from datetime import timedelta
from itertools import accumulate

from forum.complaints.links import thread_path
from forum.complaints.services import hot_score
from forum.demo.corpus import LANGUAGE_WEIGHTS, display_name
from forum.resolution.services import REVIEW_PROMPT
from forum.statuses import STATUSES
from forum.text import clean_text
from forum.urls import path_for

DAY = timedelta(days=1)
NOTIFY_DAYS = 30  # older activity sends no notifications (they would all be read)
READ_AFTER_DAYS = 3  # notifications older than this have been read
REOPEN_WINDOW = 30 * DAY  # the author may reopen within this (REOPEN_WINDOW_DAYS)
# Tables in the order their rows can be inserted (foreign keys point backwards).
TABLES = (
    "complaint",
    "answer",
    "complaint_vote",
    "answer_vote",
    "complaint_event",
    "review_revision",
    "review_prompt",
    "affected_feedback",
    "follow",
    "notification",
)
ACCEPT_CHANCE = {"resolved": 0.5, "closed": 0.5, "reopened": 0.2, "disputed": 0.2}


class Batch:
    """Rows for a batch of complaints, and what to add to stored counters."""

    def __init__(self):
        self.rows = {name: [] for name in TABLES}
        self.solutions = []  # accepted and official answer ids, set once the answers exist
        self.categories = Counter()  # category id -> complaints added
        self.unread = Counter()  # user id -> unread notifications added


class ThreadBuilder:
    def __init__(self, corpus, people, categories, ids, rng, now):
        self.corpus, self.people, self.categories, self.ids = corpus, people, categories, ids
        self.rng, self.now, self.today = rng, now, now.date()
        self.staff = set(people.staff)
        self.languages = list(LANGUAGE_WEIGHTS)
        self.cumulative = list(accumulate(LANGUAGE_WEIGHTS.values()))

    def new_batch(self):
        return Batch()

    def add(self, batch, created, plan, answer_count, solved):
        """Build one complaint with its thread into ``batch``; return the complaint's id."""
        rng = self.rng
        lang = rng.choices(self.languages, cum_weights=self.cumulative)[0]
        template = rng.choice(self.corpus.templates[lang])
        author = rng.choice(self.people.by_lang[lang] or self.people.members)
        handler = rng.choice(self.people.staff)
        item = template.item
        rating, review = item.get("rating"), clean_text(item.get("review")) or None
        if rating and rng.random() < 0.1:
            rating = review = None
        private = clean_text(item.get("private_details")) or None
        fields, follow_up = self.corpus.complaint(template, rng)
        age = self.now - created
        window = age if answer_count > 60 else min(age, rng.uniform(3, 45) * DAY)
        row = {
            "id": self.ids.next("complaint"),
            "author_id": author,
            "category_id": self.categories[item["category"]],
            **fields,
            "desired_outcome": item["desired_outcome"],
            "rating": rating,
            "review": review,
            "private_details": private,
            "status": "open",
            "vote_count": 0,
            "answer_count": answer_count,
            "created_at": created,
            "edited_at": None,
            "accepted_answer_id": None,
            "official_answer_id": None,
            "solved_at": None,
            "status_changed_at": None,
            "resolved_at": None,
            "resolution_state": None,
            "reopened_at": None,
            "promised_date": None,
            "visibility": "visible",
            "locked": False,
            "pinned": False,
        }
        batch.rows["complaint"].append(row)
        batch.categories[row["category_id"]] += 1
        batch.rows["follow"].append(
            {"user_id": author, "complaint_id": row["id"], "created_at": created}
        )
        if rating:
            self._revision(batch, row, rating, review, None, False, created)

        events, touches = [], []
        answers = self._answers(
            batch, row, template, handler, follow_up, answer_count, plan, solved, window, events
        )
        touches += [a["created_at"] for a in answers if a["author_id"] in self.staff]
        voters = self._complaint_votes(batch, row, answer_count)
        self._workflow(batch, row, plan, template, handler, window, events)
        for event in sorted(events, key=lambda e: e["created_at"]):
            event["id"] = self.ids.next("complaint_event")
            batch.rows["complaint_event"].append(event)
            if event["actor_id"] in self.staff:
                touches.append(event["created_at"])

        row["first_staff_response_at"] = min(touches, default=None)
        row["staff_updated_at"] = max(touches, default=None)
        row["last_activity_at"] = max(
            [created] + [a["created_at"] for a in answers] + [e["created_at"] for e in events]
        )
        row["vote_count"] = len(voters)
        row["hot_score"] = hot_score(len(voters), answer_count, created)
        if row["accepted_answer_id"] or row["official_answer_id"]:
            # Inserted without them (the answers do not exist yet), set after the answers.
            batch.solutions.append(
                {
                    "b_id": row["id"],
                    "b_accepted": row["accepted_answer_id"],
                    "b_official": row["official_answer_id"],
                }
            )
            row["accepted_answer_id"] = row["official_answer_id"] = None
        if row["status"] in ("resolved", "closed"):
            for voter in voters:
                if rng.random() < 0.3:
                    when = min(row["resolved_at"] + rng.uniform(0.1, 5) * DAY, self.now)
                    batch.rows["affected_feedback"].append(
                        {
                            "complaint_id": row["id"],
                            "user_id": voter,
                            "fixed": rng.random() < 0.75,
                            "created_at": when,
                        }
                    )
        self._notifications(batch, row, answers, events, voters)
        return row["id"]

    # -- answers and votes ------------------------------------------------------------------

    def _answers(self, batch, row, template, handler, used, count, plan, solved, window, events):
        rng, author, created = self.rng, row["author_id"], row["created_at"]
        name = display_name(self.people.names[author])
        specs = self.corpus.thread(template, count, rng, name, used)
        # The thread's official answer (a staff one) and accepted solution, chosen up front.
        staff_at = [i for i, (role, _text) in enumerate(specs) if role == "staff"]
        official = None
        if staff_at and (template.official in staff_at or rng.random() < 0.7):
            official = template.official if template.official in staff_at else staff_at[0]
        candidates = [i for i, (role, _text) in enumerate(specs) if role != "author"]
        accepted = None
        if candidates and (solved or rng.random() < ACCEPT_CHANCE.get(plan, 0.12)):
            if template.accepted in candidates:
                accepted = template.accepted
            elif official is not None and rng.random() < 0.5:
                accepted = official
            else:
                accepted = rng.choice(candidates)
        offsets = sorted(0.01 + 0.99 * rng.random() ** 1.6 for _ in specs)
        same_language = self.people.by_lang[template.lang] or self.people.members
        answers = []
        for index, ((role, text), offset) in enumerate(zip(specs, offsets, strict=True)):
            if role == "author":
                writer = author
            elif role == "staff":
                writer = handler if rng.random() < 0.85 else rng.choice(self.people.staff)
            else:
                writer = rng.choice(same_language)
                while writer == author and len(same_language) > 1:
                    writer = rng.choice(same_language)
            when = created + window * offset
            answer = {
                "id": self.ids.next("answer"),
                "complaint_id": row["id"],
                "author_id": writer,
                "body_source": text.source,
                "body_html": text.html,
                "language": text.language,
                "created_at": when,
                "visibility": "visible",
            }
            extra = 3 if index in (official, accepted) else 0
            answer["score"] = self._answer_votes(batch, answer, extra)
            answers.append(answer)
            if index == official:
                row["official_answer_id"] = answer["id"]
                events.append(self._event(row, writer, "official", when, answer_id=answer["id"]))
            if index == accepted:
                by_staff = rng.random() < 0.15
                actor = rng.choice(self.people.staff) if by_staff else author
                at = min(when + timedelta(minutes=30), self.now)
                row["accepted_answer_id"], row["solved_at"] = answer["id"], at
                events.append(self._event(row, actor, "accepted", at, answer_id=answer["id"]))
        batch.rows["answer"].extend(answers)
        return answers

    def _voters(self, count, exclude):
        """``count`` distinct members, never ``exclude`` (the author)."""
        members = self.people.members
        count = min(count, len(members) - 1)
        if count <= 0:
            return []
        chosen = self.rng.sample(members, count + 1)
        if exclude in chosen:
            chosen.remove(exclude)
        return chosen[:count]

    def _answer_votes(self, batch, answer, extra):
        rng, when = self.rng, answer["created_at"]
        score = 0
        for voter in self._voters(int(9 * rng.random() ** 4) + extra, answer["author_id"]):
            value = 1 if rng.random() < 0.85 else -1
            score += value
            batch.rows["answer_vote"].append(
                {
                    "user_id": voter,
                    "answer_id": answer["id"],
                    "value": value,
                    "created_at": when + (self.now - when) * rng.random() ** 2,
                }
            )
        return score

    def _complaint_votes(self, batch, row, answer_count):
        rng, when = self.rng, row["created_at"]
        count = 150 if answer_count > 60 else int(45 * rng.random() ** 3.5)
        voters = self._voters(count, row["author_id"])
        for voter in voters:
            batch.rows["complaint_vote"].append(
                {
                    "user_id": voter,
                    "complaint_id": row["id"],
                    "created_at": when + (self.now - when) * rng.random() ** 2,
                }
            )
        return voters

    # -- the workflow -----------------------------------------------------------------------

    def _event(self, row, actor, kind, when, **fields):
        event = {
            "complaint_id": row["id"],
            "actor_id": actor,
            "kind": kind,
            "from_status": None,
            "to_status": None,
            "old_date": None,
            "new_date": None,
            "answer_id": None,
            "note": None,
            "created_at": when,
        }
        event.update(fields)
        return event

    def _status(self, row, events, actor, status, when, kind="status", **fields):
        events.append(
            self._event(
                row, actor, kind, when, from_status=row["status"], to_status=status, **fields
            )
        )
        row["status"], row["status_changed_at"] = status, when

    def _workflow(self, batch, row, plan, template, handler, window, events):
        """Walk the complaint to its planned state through the workflow, as ``flask demo
        load`` does: acknowledged, in progress with a promised date, resolved (opening a
        review prompt), then confirmed or disputed, revised, closed or reopened."""
        rng, author, created = self.rng, row["author_id"], row["created_at"]

        def at(fraction):
            return created + window * fraction

        if plan == "open":
            return
        self._status(row, events, handler, "acknowledged", at(0.15))
        if plan == "acknowledged":
            return
        when = at(0.3)
        promised = None
        if plan == "in_progress":
            promised = self.today + rng.randint(1, 21) * DAY
        elif plan == "overdue":  # a promise made days ago whose date has passed
            promised = min(when.date() + rng.randint(2, 14) * DAY, self.today - DAY)
            promised = max(promised, when.date())
        elif rng.random() < 0.7:
            promised = when.date() + rng.randint(3, 14) * DAY
        if promised is not None:
            events.append(self._event(row, handler, "promise", when, new_date=promised))
            row["promised_date"] = promised
        self._status(row, events, handler, "in_progress", when)
        if plan in ("in_progress", "overdue"):
            return

        when = at(0.55)
        by_author = plan == "resolved" and rng.random() < 0.15
        self._status(row, events, author if by_author else handler, "resolved", when)
        row["resolved_at"] = when
        row["resolution_state"] = "confirmed" if by_author else "awaiting"
        prompt = {
            "id": self.ids.next("review_prompt"),
            "complaint_id": row["id"],
            "author_id": author,
            "state": "pending",
            "created_at": when,
            "answered_at": None,
        }
        batch.rows["review_prompt"].append(prompt)
        if plan == "disputed":
            when = at(0.65)
            reason = self.corpus.dispute_reason(template.lang, rng)
            self._status(row, events, author, "open", when, kind="disputed", note=reason)
            row["reopened_at"], row["resolution_state"] = when, "disputed"
            return
        if not by_author and rng.random() < 0.6:
            events.append(self._event(row, author, "confirmed", at(0.65)))
            row["resolution_state"] = "confirmed"
        if row["rating"] and rng.random() < 0.35:
            rating, review, would_return = self.corpus.revision(template, rng)
            self._revision(batch, row, rating, review, would_return, True, at(0.7))
            row["rating"], row["review"] = rating, review
            prompt["state"], prompt["answered_at"] = "answered", at(0.7)
        elif rng.random() < 0.15:
            prompt["state"], prompt["answered_at"] = "declined", at(0.7)
        if plan == "closed" or (plan == "reopened" and rng.random() < 0.5):
            self._status(row, events, handler, "closed", at(0.8))
        if plan == "reopened":
            when = at(0.9)
            actor = author if when - row["status_changed_at"] <= REOPEN_WINDOW else handler
            self._status(row, events, actor, "open", when, kind="reopened")
            row["reopened_at"], row["resolution_state"] = when, None

    def _revision(self, batch, row, rating, review, would_return, after_resolution, when):
        batch.rows["review_revision"].append(
            {
                "id": self.ids.next("review_revision"),
                "complaint_id": row["id"],
                "author_id": row["author_id"],
                "rating": rating,
                "review": review,
                "would_return": would_return,
                "after_resolution": after_resolution,
                "created_at": when,
            }
        )

    # -- notifications ----------------------------------------------------------------------

    def _notifications(self, batch, row, answers, events, voters):
        """What the services would have told the author (the thread's one follower) and
        the members it affects, for the last ``NOTIFY_DAYS`` only."""
        since = self.now - NOTIFY_DAYS * DAY
        author, title = row["author_id"], row["title"]
        path = thread_path(_Ref(row["id"], row["slug"]))
        notes = [  # (recipient, kind, when, message, url)
            (
                author,
                "answer",
                answer["created_at"],
                f"{self.people.names[answer['author_id']]} answered your complaint “{title}”",
                f"{path}#answer-{answer['id']}",
            )
            for answer in answers
            if answer["created_at"] >= since and answer["author_id"] != author
        ]
        for event in events:
            if event["created_at"] >= since:
                notes += self._event_notes(row, event, voters, path)
        read_before = self.now - READ_AFTER_DAYS * DAY
        for recipient, kind, when, message, url in notes:
            read_at = None
            if when < read_before:
                read_at = min(when + self.rng.uniform(0.05, 2) * DAY, self.now)
            elif self.rng.random() < 0.5:
                read_at = min(when + self.rng.uniform(0.01, 1) * DAY, self.now)
            if read_at is None:
                batch.unread[recipient] += 1
            batch.rows["notification"].append(
                {
                    "id": self.ids.next("notification"),
                    "user_id": recipient,
                    "complaint_id": row["id"],
                    "kind": kind,
                    "message": message[:300],
                    "url": url,
                    "created_at": when,
                    "read_at": read_at,
                }
            )

    def _event_notes(self, row, event, voters, path):
        """The author hears of each event they did not cause (``_tell_followers``); a
        resolution also prompts their review and asks the affected members (``_tell_affected``)."""
        author, title, actor = row["author_id"], row["title"], event["actor_id"]
        kind, when = event["kind"], event["created_at"]
        notes, told = [], None
        if kind == "status" and event["to_status"] == "resolved":
            review = path_for("resolution.review", complaint_id=row["id"])
            notes.append((author, "review", when, REVIEW_PROMPT.format(title=title), review))
            asked = (
                f"“{title}”, which affects you too, was marked resolved. Did the fix work for you?"
            )
            notes += [
                (v, "affected", when, asked, f"{path}#resolution") for v in voters if v != actor
            ]
            told = (
                "status",
                f"Staff marked “{title}” resolved. Confirm or dispute it on the thread.",
            )
        elif kind == "status":
            told = ("status", f"“{title}” is now {STATUSES[event['to_status']]}")
        elif kind == "reopened":
            told = ("status", f"“{title}” was reopened")
        elif kind == "official":
            told = ("official", f"Staff gave an official answer on “{title}”")
        elif kind == "accepted":
            told = ("accepted", f"“{title}” has an accepted solution")
        if told and actor != author:
            url = f"{path}#answer-{event['answer_id']}" if event["answer_id"] else path
            notes.append((author, told[0], when, told[1], url))
        return notes


class _Ref:
    """Enough of a complaint for :func:`thread_path`."""

    __slots__ = ("id", "slug")

    def __init__(self, id, slug):
        self.id, self.slug = id, slug
