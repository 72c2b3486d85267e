"""What the viewer may do with each answer of a thread page, worked out once per page.

The template of an answer (``templates/complaints/_answer.html``) only reads the record
built here: the predicates of :mod:`forum.permissions` run in Python, and the paths of
the answer routes are joined from one ``url_for`` per route instead of one per link
(``url_for`` costs about 15 µs, and a member's page of 30 answers had some 90).
"""

from dataclasses import dataclass

from flask import url_for

from forum import permissions
from forum.complaints.links import thread_path

SAMPLE_ID = 918273645  # stands for the answer's id in the sample path of a route


@dataclass(slots=True)
class AnswerControls:
    """One answer's controls for the viewer; a ``None`` path means "not for them"."""

    shown: bool  # False: the viewer sees a placeholder instead of the answer
    link: str
    my_vote: int = 0
    vote_url: str | None = None
    edit_url: str | None = None
    flag_url: str | None = None
    accept_url: str | None = None
    official_url: str | None = None
    accepted: bool = False
    official: bool = False
    # The viewer's own answer, hidden after members reported it: they see it, and why.
    own_hidden: bool = False


def id_path(endpoint):
    """``id -> path`` for a route whose one value is an answer id, from one ``url_for``."""
    sample = url_for(endpoint, answer_id=SAMPLE_ID)
    head, found, tail = sample.partition(str(SAMPLE_ID))
    if not found or str(SAMPLE_ID) in tail:
        raise RuntimeError(f"{endpoint}'s path does not hold its id once: {sample}")
    return lambda answer_id: f"{head}{answer_id}{tail}"


def controls(viewer, complaint, answers, votes):
    """``{answer id: AnswerControls}`` for the answers of ``answers`` (a page of them).

    ``votes`` maps answer ids to the viewer's vote on them (1 or -1).
    """
    page = answers.page if answers.page > 1 else None
    link_head = thread_path(complaint, page=page) if page else thread_path(complaint)
    member = permissions.is_member(viewer)
    may_flag = member and permissions.can_flag(viewer)
    may_accept = member and permissions.can_accept(viewer, complaint)
    vote = id_path("complaints.vote_answer") if member else None
    edit = id_path("complaints.edit_answer") if member else None
    flag = id_path("moderation.flag_answer") if may_flag else None
    accept = id_path("resolution.accept") if may_accept else None
    official = id_path("resolution.official") if member else None
    records = {}
    for answer in answers.items:
        record = AnswerControls(
            shown=answer.is_public or permissions.can_see_removed(viewer, answer),
            link=f"{link_head}#answer-{answer.id}",
            accepted=answer.id == complaint.accepted_answer_id,
            official=answer.id == complaint.official_answer_id,
        )
        records[answer.id] = record
        record.own_hidden = (
            member
            and permissions.is_hidden_by_reports(answer)
            and permissions.is_author(viewer, answer)
        )
        if not (member and record.shown):
            continue
        record.my_vote = votes.get(answer.id, 0)
        if not complaint.locked and permissions.can_vote(viewer, answer):
            record.vote_url = vote(answer.id)
        if permissions.can_edit(viewer, answer):
            record.edit_url = edit(answer.id)
        if flag and not permissions.is_author(viewer, answer):
            record.flag_url = flag(answer.id)
        if accept:
            record.accept_url = accept(answer.id)
        if permissions.can_mark_official(viewer, answer):
            record.official_url = official(answer.id)
    return records
