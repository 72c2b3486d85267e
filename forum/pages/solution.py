"""The solution box at the top of a thread page: what fixed it, once, with a jump to it.

A visitor from a search engine wants the fix first. The box under the complaint's title
names the accepted solution (and the official answer, when it is another answer): its
badges, who answered, a short "what fixed it" — the note staff wrote when they resolved
the complaint, else the answer's first words — and a link to the full answer at its
place in the thread. The full text is shown once, there.
"""

from dataclasses import dataclass

from flask import current_app

from forum import markup
from forum.complaints import queries
from forum.complaints.links import thread_path
from forum.resolution import queries as resolution

SUMMARY_WORDS = 40
SUMMARY_CHARACTERS = 280  # for scripts written without spaces between words
LONG_COMPLAINT_WORDS = 60  # a longer complaint is collapsed on phones under a solution
LONG_COMPLAINT_CHARACTERS = 360


@dataclass(slots=True)
class Entry:
    """One answer the box names: the accepted solution or the official answer."""

    answer: object
    link: str
    on_page: bool  # the full answer is on this page of answers
    official: bool
    accepted: bool
    summary: str
    from_note: bool  # the summary is staff's resolution note, not the answer's words


@dataclass(slots=True)
class Solution:
    entries: list
    solved: bool  # an accepted solution leads the box
    collapse_complaint: bool  # the complaint's text is long: collapsed on phones


def excerpt(source):
    """The first words of Markdown ``source`` as plain text, "…" if cut."""
    return clip(markup.plain_text(source))


def clip(text, words=SUMMARY_WORDS, characters=SUMMARY_CHARACTERS):
    """The first ``words`` words of plain ``text`` on one line, "…" if cut."""
    found = (text or "").split()
    text = " ".join(found[:words])
    cut = len(found) > words
    if len(text) > characters:
        text, cut = text[: characters - 1].rstrip(), True
    return text + "…" if cut else text


def is_long(source):
    text = markup.plain_text(source)
    return len(text.split()) > LONG_COMPLAINT_WORDS or len(text) > LONG_COMPLAINT_CHARACTERS


def solution(complaint, answers, official, accepted):
    """The box's content for this page of ``answers``, or ``None`` when there is nothing
    to show (no visible official answer or accepted solution)."""
    if official is None and accepted is None:
        return None
    links = answer_links(complaint, answers, (official, accepted))
    note = resolution.resolution_note(complaint)
    entries = []
    for answer in (accepted, official):
        if answer is None or any(entry.answer is answer for entry in entries):
            continue
        use_note = bool(note) and not entries
        link, on_page = links[answer.id]
        entries.append(
            Entry(
                answer=answer,
                link=link,
                on_page=on_page,
                official=answer is official,
                accepted=answer is accepted,
                summary=clip(note) if use_note else excerpt(answer.body_source),
                from_note=use_note,
            )
        )
    return Solution(
        entries=entries,
        solved=accepted is not None,
        collapse_complaint=is_long(complaint.body_source),
    )


def answer_links(complaint, answers, featured):
    """``{answer id: (its place in the thread, on this page?)}`` for the official and
    accepted answers: on this page of answers if it holds them, else on the page
    counted for them."""
    links = {}
    for answer in filter(None, featured):
        on_page = answer in answers.items
        if on_page:
            page = answers.page
        else:
            page = queries.answer_page_number(answer, current_app.config["ANSWERS_PAGE_SIZE"])
        path = thread_path(complaint, page=page) if page > 1 else thread_path(complaint)
        links[answer.id] = (f"{path}#answer-{answer.id}", on_page)
    return links
