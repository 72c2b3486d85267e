"""``flask demo generate``: bulk-inserted data that reads as if the services wrote it."""

import re

import pytest
import sqlalchemy as sa

from forum import markup
from forum.accounts.models import User
from forum.complaints.models import Answer, AnswerVote, Category, Complaint, ComplaintVote
from forum.complaints.services import hot_score
from forum.db import utcnow
from forum.demo import content
from forum.extensions import db
from forum.language import detect_post
from forum.notifications.models import Follow, Notification
from forum.resolution.models import ComplaintEvent, ReviewPrompt, ReviewRevision
from forum.search.models import SearchOutbox
from forum.text import slugify

COUNT = 60


def generate(runner, seed=7):
    result = runner.invoke(
        args=["demo", "generate", "--complaints", str(COUNT), "--seed", str(seed)]
    )
    assert result.exit_code == 0, result.output
    threads = dict(
        (int(size), int(ident))
        for size, ident in re.findall(
            r"Thread with (\d+) answers: /complaints/(\d+)", result.output
        )
    )
    return result.output, threads


def rows(statement):
    return db.session.execute(statement).all()


def count(model):
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def ids_where(model, condition):
    """The ids of ``model`` rows for which ``condition`` holds (expected: none)."""
    return [ident for (ident,) in rows(sa.select(model.id).where(condition))]


def latest(key, column):
    """{key: the largest value of ``column``} per key, e.g. the last answer per complaint."""
    return dict(rows(sa.select(key, sa.func.max(column)).group_by(key)))


def thread_rows():
    return rows(
        sa.select(
            Complaint.title, Complaint.author_id, Complaint.status, Complaint.answer_count
        ).order_by(Complaint.id)
    )


def counted(child_key, parent_key, value=None):
    """A correlated subquery: how many child rows (or their ``value`` summed) per parent."""
    aggregate = sa.func.coalesce(sa.func.sum(value), 0) if value is not None else sa.func.count()
    return sa.select(aggregate).where(child_key == parent_key).scalar_subquery()


def test_generate_reports_what_it_made(runner):
    output, threads = generate(runner)
    assert f"Generated {COUNT} complaints" in output
    assert re.search(r"[\d,]+ answers and [\d,]+ votes .* in [\d.]+ s\.", output)
    assert set(threads) == {20, 200}


def test_generated_counters_match_the_rows(runner, app):
    generate(runner)
    with app.app_context():
        answers = counted(Answer.complaint_id, Complaint.id)
        votes = counted(ComplaintVote.complaint_id, Complaint.id)
        score = counted(AnswerVote.answer_id, Answer.id, AnswerVote.value)
        in_category = counted(Complaint.category_id, Category.id)
        unread = (
            sa.select(sa.func.count())
            .where(Notification.user_id == User.id, Notification.read_at.is_(None))
            .scalar_subquery()
        )
        assert ids_where(Complaint, Complaint.answer_count != answers) == []
        assert ids_where(Complaint, Complaint.vote_count != votes) == []
        assert ids_where(Answer, Answer.score != score) == []
        assert ids_where(Category, Category.complaint_count != in_category) == []
        assert ids_where(User, User.unread_notifications != unread) == []
        assert count(Notification) > 0

        last_answer = latest(Answer.complaint_id, Answer.created_at)
        last_event = latest(ComplaintEvent.complaint_id, ComplaintEvent.created_at)
        follows = set(rows(sa.select(Follow.user_id, Follow.complaint_id)))
        complaints = list(db.session.scalars(sa.select(Complaint)))
        assert len(complaints) == COUNT
        for c in complaints:
            expected = hot_score(c.vote_count, c.answer_count, c.created_at)
            assert c.hot_score == pytest.approx(expected, abs=1e-6)
            times = [c.created_at, last_answer.get(c.id), last_event.get(c.id)]
            assert c.last_activity_at == max(t for t in times if t is not None)
            assert (c.author_id, c.id) in follows
        # Nothing was queued for search: `flask search rebuild` indexes it all afterwards.
        assert count(SearchOutbox) == 0


def test_generated_votes_are_unique_and_never_the_authors_own(runner, app):
    generate(runner)
    with app.app_context():
        own_complaint = (
            sa.select(sa.func.count())
            .select_from(ComplaintVote)
            .join(Complaint, Complaint.id == ComplaintVote.complaint_id)
            .where(ComplaintVote.user_id == Complaint.author_id)
        )
        own_answer = (
            sa.select(sa.func.count())
            .select_from(AnswerVote)
            .join(Answer, Answer.id == AnswerVote.answer_id)
            .where(AnswerVote.user_id == Answer.author_id)
        )
        assert db.session.scalar(own_complaint) == 0
        assert db.session.scalar(own_answer) == 0
        for model, target in ((ComplaintVote, "complaint_id"), (AnswerVote, "answer_id")):
            key = getattr(model, target)
            doubles = (
                sa.select(model.user_id, key)
                .group_by(model.user_id, key)
                .having(sa.func.count() > 1)
            )
            assert rows(doubles) == []
            assert count(model) > COUNT
        assert {value for (value,) in rows(sa.select(AnswerVote.value).distinct())} <= {-1, 1}


def test_generated_texts_are_rendered_and_detected_as_the_services_would(runner, app):
    generate(runner)
    with app.app_context():
        for complaint in db.session.scalars(sa.select(Complaint)):
            assert complaint.body_html == markup.render(complaint.body_source)
            assert complaint.excerpt == markup.plain_text(complaint.body_source, 280)
            assert complaint.language == detect_post(complaint.title, complaint.body_source)
            assert complaint.slug == slugify(complaint.title)
            assert 10 <= len(complaint.title) <= 150
        for source, html, language in rows(
            sa.select(Answer.body_source, Answer.body_html, Answer.language).distinct()
        ):
            assert html == markup.render(source)
            assert language == detect_post(source)
        languages = {lang for (lang,) in rows(sa.select(Complaint.language).distinct())}
        assert set(content.LANGUAGES) <= languages
        titles = db.session.scalar(sa.select(sa.func.count(sa.distinct(Complaint.title))))
        assert titles > COUNT * 0.8


def test_generated_forum_has_every_status_and_a_consistent_workflow(runner, app):
    # The generator's "today" lies between these two, also when a run crosses midnight.
    before = utcnow().date()
    generate(runner)
    with app.app_context():
        after = utcnow().date()
        complaints = list(db.session.scalars(sa.select(Complaint)))
        statuses = {c.status for c in complaints}
        assert statuses == {"open", "acknowledged", "in_progress", "resolved", "closed"}
        in_progress = [c for c in complaints if c.status == "in_progress"]
        assert any(c.promised_date and c.promised_date < after for c in in_progress)  # overdue
        assert any(c.promised_date and c.promised_date > before for c in in_progress)
        assert any(
            c.status == "open" and c.reopened_at and c.resolution_state is None for c in complaints
        )
        assert any(c.status == "open" and c.resolution_state == "disputed" for c in complaints)
        staff = {u for (u,) in rows(sa.select(User.id).where(User.role.in_(("staff", "admin"))))}
        answers = {a.id: a for a in db.session.scalars(sa.select(Answer))}
        prompts = {p for (p,) in rows(sa.select(ReviewPrompt.complaint_id))}
        accepted_events = set(
            rows(
                sa.select(ComplaintEvent.complaint_id, ComplaintEvent.answer_id).where(
                    ComplaintEvent.kind == "accepted"
                )
            )
        )
        solved = 0
        for c in complaints:
            assert (c.solved_at is None) == (c.accepted_answer_id is None)
            if c.accepted_answer_id:
                solved += 1
                assert answers[c.accepted_answer_id].complaint_id == c.id
                assert (c.id, c.accepted_answer_id) in accepted_events
            if c.official_answer_id:
                assert answers[c.official_answer_id].complaint_id == c.id
                assert answers[c.official_answer_id].author_id in staff
            if c.status in ("resolved", "closed"):
                assert c.resolved_at is not None and c.id in prompts
                assert c.resolution_state in ("awaiting", "confirmed")
            if c.status in ("acknowledged", "in_progress", "resolved", "closed"):
                assert c.first_staff_response_at is not None
                assert c.status_changed_at is not None
                assert c.first_staff_response_at <= c.staff_updated_at
            staff_answers = [
                a.created_at
                for a in answers.values()
                if a.complaint_id == c.id and a.author_id in staff
            ]
            if staff_answers:
                assert c.first_staff_response_at <= min(staff_answers)
        assert solved >= 3
        # Each rating has its history; a revision after resolution sets the current rating.
        revisions = list(
            db.session.scalars(
                sa.select(ReviewRevision).order_by(ReviewRevision.created_at, ReviewRevision.id)
            )
        )
        last = {r.complaint_id: r for r in revisions}
        assert any(r.after_resolution for r in revisions)
        for c in complaints:
            if c.rating:
                assert last[c.id].rating == c.rating and last[c.id].review == c.review
        counts = sorted(c.answer_count for c in complaints)
        assert counts[0] == 0 and 20 in counts and counts[-1] == 200
        assert counts[-2] <= 60


def test_generated_pages_render(runner, app, client):
    _output, threads = generate(runner)
    with app.app_context():
        category = db.session.scalar(sa.select(Category).order_by(Category.complaint_count.desc()))
        solved = db.session.scalar(
            sa.select(Complaint).where(
                Complaint.solved_at.is_not(None), Complaint.answer_count < 200
            )
        )
        paths = {
            size: f"/complaints/{ident}/{db.session.get(Complaint, ident).slug}"
            for size, ident in threads.items()
        }
        assert db.session.get(Complaint, threads[20]).answer_count == 20
        assert db.session.get(Complaint, threads[200]).answer_count == 200
        solved_path = f"/complaints/{solved.id}/{solved.slug}"
        slug = category.slug
    pages = [
        "/",
        "/complaints",
        "/complaints?page=2",
        f"/c/{slug}",
        "/complaints?sort=solved",
        paths[20],
        paths[200],
        paths[200] + "?page=7",
        solved_path,
    ]
    for path in pages:
        assert client.get(path).status_code == 200, path
    # The demo's members sign in with the demo password and see the same pages.
    response = client.post("/login", data={"login": "jamie_r", "password": content.DEMO_PASSWORD})
    assert response.status_code in (302, 303)
    for path in ("/", paths[20], paths[200]):
        response = client.get(path)
        assert response.status_code == 200 and b"jamie_r" in response.data, path


def test_same_seed_same_forum_and_accounts_reused(runner, app):
    generate(runner)
    with app.app_context():
        users, first = count(User), thread_rows()
    generate(runner)
    with app.app_context():
        assert count(User) == users
        both = thread_rows()
        assert both[:COUNT] == first and both[COUNT:] == first
        in_category = counted(Complaint.category_id, Category.id)
        assert ids_where(Category, Category.complaint_count != in_category) == []


def test_the_services_keep_working_after_generation(runner, app, make_complaint, make_answer):
    """New rows get ids after the generated ones (PostgreSQL's sequences were moved)."""
    generate(runner)
    with app.app_context():
        last = {
            model: db.session.scalar(sa.select(sa.func.max(model.id)))
            for model in (User, Category, Complaint, Answer)
        }
    complaint = make_complaint(title="A new complaint after the generated ones")
    answer = make_answer(complaint)
    with app.app_context():
        assert complaint.id > last[Complaint] and answer.id > last[Answer]
        assert complaint.author_id > last[User] and complaint.category_id > last[Category]
        assert db.session.get(Complaint, complaint.id).answer_count == 1
