"""Load the demo data set through the same services the site uses. Idempotent."""

from datetime import timedelta

import sqlalchemy as sa

from forum.accounts import services as accounts
from forum.accounts.models import User
from forum.complaints import services as complaints
from forum.complaints.models import Answer, Category, Complaint
from forum.db import utcnow, write_transaction
from forum.demo import content
from forum.extensions import db


def _ensure_categories():
    with write_transaction() as session:
        existing = {c.slug: c for c in session.scalars(sa.select(Category))}
        for position, item in enumerate(content.CATEGORIES):
            if item["slug"] not in existing:
                session.add(Category(position=position, **item))
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


def _load_complaint(item, users, categories, now):
    author = users[item["author"]]
    exists = db.session.scalar(
        sa.select(Complaint.id).where(
            Complaint.author_id == author.id, Complaint.title == item["title"]
        )
    )
    if exists:
        return None
    posted = now - timedelta(days=item["days_ago"], hours=item.get("hour_offset", 0))
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
    return complaint


def load_demo(echo=print):
    """Create what is missing of the demo data set; leave everything else alone."""
    categories = _ensure_categories()
    users = _ensure_users()
    now = utcnow()
    added = 0
    for item in content.all_complaints():
        if _load_complaint(item, users, categories, now) is not None:
            added += 1
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
