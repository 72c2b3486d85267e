"""Complaint use cases: post, edit, answer, vote. Each commits once or not at all."""

import math
from datetime import UTC, datetime

import sqlalchemy as sa
from flask_babel import format_number
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from forum import markup, permissions, rate_limits, signals
from forum.complaints import categories, trust
from forum.complaints.models import (
    DESIRED_OUTCOMES,
    Answer,
    AnswerVote,
    Category,
    Complaint,
    ComplaintVote,
)
from forum.complaints.revisions import keep_revision
from forum.db import utcnow
from forum.errors import Invalid, PermissionDenied
from forum.extensions import db
from forum.language import detect_post
from forum.text import clean_text, slugify
from forum.uow import insert_ignoring_duplicates, locked, write_transaction

TITLE_MIN, TITLE_MAX = 10, 150
BODY_MIN, BODY_MAX = 20, 20_000
ANSWER_MIN, ANSWER_MAX = 2, 20_000
REVIEW_MAX = 5_000
PRIVATE_MAX = 2_000

# "hot": log10 of activity plus age in units of HOT_DECAY_SECONDS, so a complaint needs
# ten times the activity to rank level with one posted HOT_DECAY_SECONDS later. The
# score depends only on stored values and never needs recomputing as time passes.
HOT_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)
HOT_DECAY_SECONDS = 2 * 24 * 3600
HOT_ANSWER_WEIGHT = 2

# What a length check says of each field: too short, too long (``_check_length``).
_LENGTH_MESSAGES = {
    "title": (
        _l("The title must be at least %(min)s characters (it has %(length)s)."),
        _l("The title must be at most %(max)s characters (it has %(length)s)."),
    ),
    "body": (
        _l("The description must be at least %(min)s characters (it has %(length)s)."),
        _l("The description must be at most %(max)s characters (it has %(length)s)."),
    ),
    "answer": (
        _l("The answer must be at least %(min)s characters (it has %(length)s)."),
        _l("The answer must be at most %(max)s characters (it has %(length)s)."),
    ),
}


def hot_score(votes, answers, created_at):
    """Rank for the "hot" listing; see ``docs/listings.md``."""
    activity = 1 + max(votes, 0) + HOT_ANSWER_WEIGHT * max(answers, 0)
    age = (created_at - HOT_EPOCH).total_seconds() / HOT_DECAY_SECONDS
    return round(math.log10(activity) + age, 6)


PREVIEW_MAX = max(BODY_MAX, ANSWER_MAX)


def preview(user, text):
    """Markdown as it would be posted: through the same renderer and sanitiser
    (``markup.render``), with nothing stored and no event sent. The Preview tab's
    endpoint and the forms' Preview button both count against
    ``PREVIEW_LIMIT_PER_MEMBER``."""
    if not permissions.is_active(user):
        raise PermissionDenied(permissions.refusal(user, "preview posts"))
    text = text or ""
    if len(text) > PREVIEW_MAX:
        raise Invalid(
            _(
                "A preview is limited to %(max)s characters, as posts are.",
                max=format_number(PREVIEW_MAX),
            ),
            status=413,
        )
    rate_limits.consume("PREVIEW_LIMIT_PER_MEMBER", user.id, doing="preview")
    return markup.render(text)


def _check_length(value, low, high, field):
    """Refuse ``value`` outside ``low``–``high`` characters, as ``_LENGTH_MESSAGES[field]``
    says."""
    too_short, too_long = _LENGTH_MESSAGES[field]
    if len(value) < low:
        raise Invalid(str(too_short) % {"min": low, "length": len(value)})
    if len(value) > high:
        numbers = {"max": format_number(high), "length": format_number(len(value))}
        raise Invalid(str(too_long) % numbers)


def _complaint_fields(
    title, body, category_id, desired_outcome, rating, review, private, filed_in=None
):
    title = " ".join((title or "").split())
    body = clean_text(body)
    _check_length(title, TITLE_MIN, TITLE_MAX, "title")
    _check_length(body, BODY_MIN, BODY_MAX, "body")
    category = db.session.get(Category, category_id) if category_id else None
    if category is None:
        raise Invalid(_("Choose a category."))
    if category.id != filed_in:
        # An edit may keep an archived category; nothing new goes into one.
        categories.check_open(category)
    if desired_outcome not in DESIRED_OUTCOMES:
        raise Invalid(_("Choose the outcome you want."))
    if rating is not None and rating not in (1, 2, 3, 4, 5):
        raise Invalid(_("A rating is 1 to 5 stars."))
    review = clean_text(review) or None
    if review and len(review) > REVIEW_MAX:
        raise Invalid(
            _(
                "The review must be at most %(max)s characters.",
                max=format_number(REVIEW_MAX),
            )
        )
    private = clean_text(private) or None
    if private and len(private) > PRIVATE_MAX:
        raise Invalid(
            _(
                "Private details must be at most %(max)s characters.",
                max=format_number(PRIVATE_MAX),
            )
        )
    return {
        "title": title,
        "slug": slugify(title),
        "body_source": body,
        "body_html": markup.render(body),
        "excerpt": markup.plain_text(body, 280),
        "language": detect_post(title, body),
        "category_id": category.id,
        "desired_outcome": desired_outcome,
        "rating": rating,
        "review": review,
        "private_details": private,
    }


def _public_text(body, review):
    """The text of a complaint that readers see and links can hide in."""
    return "\n\n".join(part for part in (body, review) if part)


def _count_post(author):
    """Complaints and answers a member may post in a while, however old the account
    (``POST_LIMIT_PER_MEMBER``; new accounts also have the trust rules). Staff are not
    limited."""
    if not permissions.is_staff(author):
        rate_limits.consume("POST_LIMIT_PER_MEMBER", author.id, doing="post")


def _count_vote(user):
    """Votes a member may cast or change in a while: each one empties the page cache."""
    rate_limits.consume("VOTE_LIMIT_PER_MEMBER", user.id, doing="vote")


def create_complaint(
    author,
    *,
    title,
    body,
    category_id,
    desired_outcome,
    rating=None,
    review=None,
    private_details=None,
    created_at=None,
):
    """Publish a new complaint by ``author``, or hold it for approval (``"pending"``).

    A held complaint stays out of listings, search and the category counts until staff
    approve it in the moderation queue (which counts it then).
    """
    if not permissions.can_post(author):
        raise PermissionDenied(permissions.refusal(author, "post a complaint"))
    _count_post(author)
    with write_transaction() as session:
        trust.check_new_post(session, author, _public_text(body, review))
        fields = _complaint_fields(
            title, body, category_id, desired_outcome, rating, review, private_details
        )
        now = created_at or utcnow()
        held = trust.should_hold(session, author, now)
        complaint = Complaint(
            author_id=author.id,
            created_at=now,
            last_activity_at=now,
            hot_score=hot_score(0, 0, now),
            visibility="pending" if held else "visible",
            **fields,
        )
        session.add(complaint)
        if not held:
            session.execute(
                sa.update(Category)
                .where(Category.id == fields["category_id"])
                .values(complaint_count=Category.complaint_count + 1)
            )
        session.flush()
        signals.complaint_created.send(complaint, session=session, author=author)
    return complaint


def edit_complaint(
    user, complaint, *, title, body, category_id, desired_outcome, rating, review, private_details
):
    """The author changes their complaint; the thread shows it was edited.

    The new-account link limit applies as it does to new posts (not the hourly limit:
    an edit is not a new post).
    """
    if not permissions.can_edit(user, complaint):
        raise PermissionDenied(_("Only the author can edit this complaint."))
    with write_transaction() as session:
        trust.check_links(session, user, _public_text(body, review))
        complaint = locked(Complaint, complaint.id)
        fields = _complaint_fields(
            title,
            body,
            category_id,
            desired_outcome,
            rating,
            review,
            private_details,
            filed_in=complaint.category_id,
        )
        keep_revision(session, "complaint", complaint, user)
        old_category = complaint.category_id
        if _rating_locked(session, complaint):
            # After a revision the rating changes only through the review page.
            fields.pop("rating")
            fields.pop("review")
            rating_changed = False
        else:
            rating_changed = (fields["rating"], fields["review"]) != (
                complaint.rating,
                complaint.review,
            )
        for name, value in fields.items():
            setattr(complaint, name, value)
        complaint.edited_at = utcnow()
        if old_category != complaint.category_id:
            session.execute(
                sa.update(Category)
                .where(Category.id == old_category)
                .values(complaint_count=Category.complaint_count - 1)
            )
            session.execute(
                sa.update(Category)
                .where(Category.id == complaint.category_id)
                .values(complaint_count=Category.complaint_count + 1)
            )
        signals.complaint_edited.send(
            complaint, session=session, editor=user, rating_changed=rating_changed
        )
    return complaint


def _rating_locked(session, complaint):
    """Whether a receiver of the question took the rating and review over from the author."""
    answers = signals.rating_locked.send(complaint, session=session)
    return any(answer for _receiver, answer in answers)


def _answer_body(body):
    body = clean_text(body)
    _check_length(body, ANSWER_MIN, ANSWER_MAX, "answer")
    return body


def _refresh_hot_score(session, complaint_id, **changes):
    """Apply counter changes in SQL and recompute the stored hot score from the result."""
    row = session.execute(
        sa.update(Complaint)
        .where(Complaint.id == complaint_id)
        .values(**changes)
        .returning(Complaint.vote_count, Complaint.answer_count, Complaint.created_at)
    ).one()
    session.execute(
        sa.update(Complaint)
        .where(Complaint.id == complaint_id)
        .values(hot_score=hot_score(row.vote_count, row.answer_count, row.created_at))
    )


def post_answer(author, complaint, body, created_at=None):
    """Add an answer to a complaint, or hold it for approval (``"pending"``).

    A held answer is not counted, indexed or announced to the complaint's author until
    staff approve it in the moderation queue.
    """
    if not permissions.can_post(author):
        raise PermissionDenied(permissions.refusal(author, "answer"))
    if complaint.locked:
        raise PermissionDenied(_("This thread is locked: it takes no new answers."))
    if not complaint.is_public:
        raise PermissionDenied(_("This complaint is not public and takes no answers."))
    body = _answer_body(body)
    _count_post(author)
    with write_transaction() as session:
        trust.check_new_post(session, author, body)
        now = created_at or utcnow()
        held = trust.should_hold(session, author, now)
        answer = Answer(
            complaint_id=complaint.id,
            author_id=author.id,
            body_source=body,
            body_html=markup.render(body),
            language=detect_post(body),
            created_at=now,
            visibility="pending" if held else "visible",
        )
        session.add(answer)
        session.flush()
        if not held:
            publish_answer(session, answer, author, now)
    return answer


def change_answer_count(session, complaint_id, delta, last_activity_at=None):
    """Move a thread's public answer count by ``delta``, and its hot score with it."""
    changes = {"answer_count": Complaint.answer_count + delta}
    if last_activity_at is not None:
        changes["last_activity_at"] = last_activity_at
    _refresh_hot_score(session, complaint_id, **changes)


def publish_answer(session, answer, author, now):
    """What makes an answer public, when posted or approved: counted, announced, indexed."""
    change_answer_count(session, answer.complaint_id, 1, last_activity_at=now)
    complaint = session.get(Complaint, answer.complaint_id)
    signals.answer_published.send(answer, session=session, complaint=complaint, author=author)


def edit_answer(user, answer, body):
    """The author changes their answer; the thread shows it was edited.

    The new-account link limit applies as it does to new answers.
    """
    if not permissions.can_edit(user, answer):
        raise PermissionDenied(_("Only the author can edit this answer."))
    body = _answer_body(body)
    with write_transaction() as session:
        trust.check_links(session, user, body)
        answer = locked(Answer, answer.id)
        keep_revision(session, "answer", answer, user)
        answer.body_source = body
        answer.body_html = markup.render(body)
        answer.language = detect_post(body)
        answer.edited_at = utcnow()
        signals.answer_edited.send(answer, session=session, editor=user)
    return answer


def _require_visible(user, post):
    """What the voter may not read does not exist for them (a 404, as the thread is)."""
    if not permissions.can_see(user, post):
        raise Invalid(_("That post is not available."), status=404)


def _vote_refusal(user, post, kind):
    if permissions.is_author(user, post):
        if kind == "complaint":
            return _("You cannot vote on your own complaint.")
        return _("You cannot vote on your own answer.")
    return permissions.refusal(user, "vote")


def vote_on_complaint(user, complaint, value):
    """ "Affects me too" (``value`` 1) or undo it (0). Returns the new vote count.

    The primary key allows one vote per member; the counter changes in SQL only when a
    row was actually inserted or deleted, so a double click never counts twice.
    """
    if value not in (0, 1):
        raise Invalid(_("A vote is 1 (affects me too) or 0 (undo)."))
    _require_visible(user, complaint)
    if not permissions.can_vote(user, complaint):
        raise PermissionDenied(_vote_refusal(user, complaint, "complaint"))
    if complaint.locked:
        raise PermissionDenied(_("This thread is locked: it takes no new votes."))
    _count_vote(user)
    with write_transaction() as session:
        # RETURNING tells whether a row really changed (rowcount is not reliable for
        # INSERT … ON CONFLICT DO NOTHING on every driver).
        if value == 1:
            changed = session.execute(
                insert_ignoring_duplicates(ComplaintVote.__table__)
                .values(user_id=user.id, complaint_id=complaint.id, created_at=utcnow())
                .returning(ComplaintVote.__table__.c.user_id)
            ).first()
        else:
            changed = session.execute(
                sa.delete(ComplaintVote)
                .where(ComplaintVote.user_id == user.id, ComplaintVote.complaint_id == complaint.id)
                .returning(ComplaintVote.user_id)
            ).first()
        if changed is not None:
            delta = 1 if value == 1 else -1
            _refresh_hot_score(session, complaint.id, vote_count=Complaint.vote_count + delta)
            signals.vote_changed.send(complaint, session=session, complaint=complaint, value=value)
        count = session.scalar(sa.select(Complaint.vote_count).where(Complaint.id == complaint.id))
    return count


def vote_on_answer(user, answer, value):
    """Helpful (1), not helpful (-1) or undo (0). Returns the answer's new score."""
    if value not in (-1, 0, 1):
        raise Invalid(_("A vote is 1 (helpful), -1 (not helpful) or 0 (undo)."))
    _require_visible(user, answer)
    if not permissions.can_vote(user, answer):
        raise PermissionDenied(_vote_refusal(user, answer, "answer"))
    if answer.complaint.locked:
        raise PermissionDenied(_("This thread is locked: it takes no new votes."))
    _count_vote(user)
    with write_transaction() as session:
        # Lock the answer so concurrent votes on it queue (PostgreSQL; SQLite's write
        # transaction already holds the database lock).
        session.execute(sa.select(Answer.id).where(Answer.id == answer.id).with_for_update())
        previous = session.execute(
            sa.delete(AnswerVote)
            .where(AnswerVote.user_id == user.id, AnswerVote.answer_id == answer.id)
            .returning(AnswerVote.value)
        ).scalar()
        previous = previous or 0
        if value:
            session.add(
                AnswerVote(user_id=user.id, answer_id=answer.id, value=value, created_at=utcnow())
            )
        if value != previous:
            session.execute(
                sa.update(Answer)
                .where(Answer.id == answer.id)
                .values(score=Answer.score + (value - previous))
            )
            signals.vote_changed.send(
                answer, session=session, complaint=answer.complaint, value=value
            )
        score = session.scalar(sa.select(Answer.score).where(Answer.id == answer.id))
    return score
