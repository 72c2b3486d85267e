"""Load the demo data set through the same services the site uses. Idempotent."""

from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from forum import mail, markup, signals
from forum.accounts import services as accounts
from forum.accounts.models import User
from forum.complaints import services as complaints
from forum.complaints.models import Answer, Category, Complaint
from forum.db import utcnow
from forum.demo import content
from forum.extensions import db
from forum.resolution import services as resolution
from forum.uow import write_transaction

DEMO_STAFF = "nina_support"


def _ensure_categories():
    with write_transaction() as session:
        existing = {c.slug: c for c in session.scalars(sa.select(Category))}
        missing = [
            (position, item)
            for position, item in enumerate(content.CATEGORIES)
            if item["slug"] not in existing
        ]
        for position, item in missing:
            session.add(
                Category(
                    position=position,
                    description_html=markup.render(item.get("description", "")),
                    **item,
                )
            )
        if missing:
            signals.site_changed.send(None, session=session)  # every page lists the categories
    return {c.slug: c for c in db.session.scalars(sa.select(Category))}


def _ensure_users():
    users = {}
    people = [(name, email, "member") for name, email, _lang in content.MEMBERS]
    people += list(content.STAFF)
    for username, email, role in people:
        user = accounts.find_by_login(username)
        if user is None:
            user = accounts.register(username, email, content.DEMO_PASSWORD, role=role)
        users[username] = user
    return users


def _moment(posted, now, fraction):
    """A time ``fraction`` of the way from posting to now."""
    return posted + (now - posted) * fraction


def _resolve(item, complaint, author, staff, posted, now):
    """Walk the complaint through the workflow to the state the demo item describes."""
    status = item.get("status", "open")
    if status == "open":
        return
    resolution.change_status(staff, complaint, "acknowledged", at=_moment(posted, now, 0.2))
    if status == "acknowledged":
        return
    promised = None
    started = _moment(posted, now, 0.35)
    if item.get("promised_in_days") is not None:
        # Promised when the work started, for that many days later (a date in the past
        # is refused): an older thread's promise has passed, so it shows as overdue.
        promised = (started + timedelta(days=item["promised_in_days"])).date()
    resolution.change_status(staff, complaint, "in_progress", promised_date=promised, at=started)
    if status == "in_progress":
        return
    resolution.change_status(staff, complaint, "resolved", at=_moment(posted, now, 0.6))
    complaint = db.session.get(Complaint, complaint.id)
    if item.get("resolution_confirmed"):
        resolution.respond_to_resolution(author, complaint, True, at=_moment(posted, now, 0.7))
    if item.get("revised_rating"):
        revised = item["revised_rating"]
        resolution.revise_review(
            author,
            complaint,
            revised["rating"],
            revised.get("review"),
            revised.get("would_return"),
            at=_moment(posted, now, 0.75),
        )
    if status == "closed":
        resolution.change_status(staff, complaint, "closed", at=_moment(posted, now, 0.85))
    elif status == "reopened":
        resolution.change_status(author, complaint, "open", at=_moment(posted, now, 0.9))


def _load_complaint(item, users, categories, now):
    author = users[item["author"]]
    exists = db.session.scalar(
        sa.select(Complaint.id).where(
            Complaint.author_id == author.id, Complaint.title == item["title"]
        )
    )
    if exists:
        return None
    posted = now - timedelta(days=item["days_ago"], hours=item.get("hour_offset", 3))
    complaint = complaints.create_complaint(
        author,
        title=item["title"],
        body=item["body"],
        category_id=categories[item["category"]].id,
        desired_outcome=item["desired_outcome"],
        rating=item.get("rating"),
        review=item.get("review"),
        private_details=item.get("private_details"),
        created_at=posted,
    )
    for name in item.get("affected", []):
        complaints.vote_on_complaint(users[name], complaint, 1)
    for spec in item.get("answers", []):
        when = min(posted + timedelta(hours=spec["hours_after"]), now)
        answer = complaints.post_answer(users[spec["author"]], complaint, spec["body"], when)
        for name, value in spec.get("votes", {}).items():
            complaints.vote_on_answer(users[name], answer, value)
        answer = db.session.get(Answer, answer.id)
        if spec.get("official"):
            resolution.mark_official(users[spec["author"]], answer, at=when)
        if spec.get("accepted"):
            resolution.accept_answer(author, answer, at=when + timedelta(minutes=30))
    staff_names = [s["author"] for s in item.get("answers", []) if users[s["author"]].is_staff]
    staff = users[staff_names[0] if staff_names else DEMO_STAFF]
    _resolve(item, complaint, author, staff, posted, now)
    return complaint


def load_demo(echo=print):
    """Create what is missing of the demo data set; leave everything else alone."""
    categories = _ensure_categories()
    users = _ensure_users()
    now = utcnow()
    added = 0
    sending = current_app.config["MAIL_SEND_AFTER_COMMIT"]
    current_app.config["MAIL_SEND_AFTER_COMMIT"] = False
    try:
        for item in content.all_complaints():
            if _load_complaint(item, users, categories, now) is not None:
                added += 1
    finally:
        current_app.config["MAIL_SEND_AFTER_COMMIT"] = sending
    # The demo's history happened "in the past": nobody is e-mailed about it.
    mail.cancel_unsent("demo history")
    totals = {
        "categories": db.session.scalar(sa.select(sa.func.count()).select_from(Category)),
        "users": db.session.scalar(sa.select(sa.func.count()).select_from(User)),
        "complaints": db.session.scalar(sa.select(sa.func.count()).select_from(Complaint)),
        "answers": db.session.scalar(sa.select(sa.func.count()).select_from(Answer)),
    }
    echo(
        f"Demo data: {added} complaints added; now {totals['categories']} categories, "
        f"{totals['users']} accounts, {totals['complaints']} complaints, "
        f"{totals['answers']} answers."
    )
    return totals
