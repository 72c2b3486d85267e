"""Hand-built worlds for the insights tests: rows written directly, at chosen times."""

from datetime import UTC, date, datetime

from forum.accounts.models import User
from forum.complaints.models import Category, Complaint
from forum.extensions import db
from forum.resolution.models import AffectedFeedback, ComplaintEvent, ReviewRevision
from forum.search.models import AvoidedComplaint


def at(text):
    """'2026-03-02 10:00' as an aware UTC datetime."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


class World:
    def __init__(self, prefix=""):
        self.count = 0
        self.prefix = prefix
        self.author = self.user("author")

    def user(self, name, role="member"):
        name = self.prefix + name
        user = User(username=name, email=f"{name}@example.org", role=role, password_hash="x")
        db.session.add(user)
        db.session.flush()
        return user

    def category(self, name, hours=None, position=0):
        category = Category(
            name=name, slug=name.lower().replace(" ", "-"), response_hours=hours, position=position
        )
        db.session.add(category)
        db.session.flush()
        return category

    def complaint(self, category, created, outcome="refund", **fields):
        self.count += 1
        rating = fields.pop("rating", None)
        complaint = Complaint(
            author_id=self.author.id,
            category_id=category.id,
            title=f"Complaint {self.count}",
            slug=f"complaint-{self.prefix}{self.count}",
            body_source="Body",
            body_html="<p>Body</p>",
            desired_outcome=outcome,
            created_at=created,
            last_activity_at=created,
            rating=rating,
            **fields,
        )
        db.session.add(complaint)
        db.session.flush()
        if rating:
            self.revision(complaint, rating, created)
        return complaint

    def event(self, complaint, kind, when, **fields):
        db.session.add(
            ComplaintEvent(complaint_id=complaint.id, kind=kind, created_at=when, **fields)
        )

    def resolved(self, complaint, when):
        self.event(complaint, "status", when, from_status="open", to_status="resolved")

    def revision(self, complaint, rating, when, after=False, would_return=None):
        db.session.add(
            ReviewRevision(
                complaint_id=complaint.id,
                author_id=self.author.id,
                rating=rating,
                after_resolution=after,
                would_return=would_return,
                created_at=when,
            )
        )
        db.session.flush()

    def feedback(self, complaint, fixed, when):
        user = self.user(f"affected{self.count}{len(db.session.new)}{id(when) % 1000}")
        db.session.add(
            AffectedFeedback(
                complaint_id=complaint.id, user_id=user.id, fixed=fixed, created_at=when
            )
        )

    def avoided(self, complaint, when):
        user = self.user(f"avoider{complaint.id}{when:%m%d%H%M%S}")
        db.session.add(
            AvoidedComplaint(user_id=user.id, complaint_id=complaint.id, created_at=when)
        )


MARCH = (date(2026, 3, 1), date(2026, 3, 31))


def small_world():
    """The world of test_insights_figures (its docstring gives the expected figures)."""
    world = World()
    a = world.category("Deliveries", hours=24, position=1)
    b = world.category("Billing", position=2)
    c1 = world.complaint(
        a,
        at("2026-03-02 10:00"),
        first_staff_response_at=at("2026-03-02 12:00"),
        status="resolved",
        resolution_state="confirmed",
        promised_date=date(2026, 3, 5),
        rating=2,
    )
    world.event(c1, "official", at("2026-03-02 13:00"))
    world.event(c1, "promise", at("2026-03-02 12:00"), new_date=date(2026, 3, 5))
    world.resolved(c1, at("2026-03-03 10:00"))
    world.revision(c1, 4, at("2026-03-04 10:00"), after=True, would_return=True)

    c2 = world.complaint(
        a,
        at("2026-03-04 00:00"),
        outcome="repair",
        first_staff_response_at=at("2026-03-05 06:00"),
        promised_date=date(2026, 3, 5),
        rating=3,
    )
    world.event(c2, "promise", at("2026-03-04 08:00"), new_date=date(2026, 3, 4))
    world.event(
        c2, "promise", at("2026-03-04 09:00"), old_date=date(2026, 3, 4), new_date=date(2026, 3, 5)
    )
    world.resolved(c2, at("2026-03-06 00:00"))
    world.event(c2, "reopened", at("2026-03-07 00:00"), from_status="resolved", to_status="open")
    world.revision(c2, 2, at("2026-03-06 12:00"), after=True, would_return=False)

    c3 = world.complaint(b, at("2026-03-10 00:00"), rating=5)

    c4 = world.complaint(
        b,
        at("2026-03-20 00:00"),
        first_staff_response_at=at("2026-03-20 10:00"),
        status="closed",
        resolution_state="awaiting",
    )
    world.resolved(c4, at("2026-03-21 12:00"))
    world.event(c4, "status", at("2026-03-25 00:00"), from_status="resolved", to_status="closed")
    for fixed in (True, True, False):
        world.feedback(c4, fixed, at("2026-03-22 00:00"))

    c5 = world.complaint(a, at("2026-02-15 00:00"), status="resolved")
    world.resolved(c5, at("2026-03-02 00:00"))

    world.complaint(a, at("2026-03-05 00:00"), visibility="merged", merged_into_id=c1.id, rating=1)

    world.avoided(c1, at("2026-03-10 00:00"))
    world.avoided(c1, at("2026-03-11 00:00"))
    world.avoided(c1, at("2026-04-11 00:00"))
    db.session.commit()
    return {"a": a.id, "b": b.id, "complaints": [c1.id, c2.id, c3.id, c4.id, c5.id]}
