"""The resolution loop: official answers, solutions, the status workflow and reviews."""

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from forum.complaints.models import Complaint
from forum.db import utcnow
from forum.extensions import db
from forum.resolution import services
from forum.resolution.models import ComplaintEvent, ReviewPrompt, ReviewRevision
from tests.conftest import fresh


@pytest.fixture
def people(make_user):
    return {
        "author": make_user("author"),
        "staff": make_user("nina", role="staff"),
        "other": make_user("other"),
        "voter": make_user("voter"),
    }


def thread(client, complaint):
    """The thread page's body (the head repeats the solution in its description)."""
    html = client.get(f"/complaints/{complaint.id}/{complaint.slug}").get_data(as_text=True)
    return html.split("<body", 1)[1]


def reload(app, complaint):
    with app.app_context():
        row = db.session.get(Complaint, complaint.id)
        db.session.expunge(row)
        return row


def events(app, complaint):
    with app.app_context():
        return list(
            db.session.execute(
                sa.select(ComplaintEvent.kind, ComplaintEvent.to_status, ComplaintEvent.note)
                .where(ComplaintEvent.complaint_id == complaint.id)
                .order_by(ComplaintEvent.id)
            ).all()
        )


def test_staff_mark_their_answer_official_and_it_shows_under_the_complaint(
    client, auth, people, make_complaint, make_answer, app
):
    complaint = make_complaint(author=people["author"])
    make_answer(complaint, author=people["other"], body="A customer tip.")
    answer = make_answer(complaint, author=people["staff"], body="Official word from us.")
    auth.login("nina")
    assert client.post(f"/answers/{answer.id}/official").status_code == 303
    html = thread(client, complaint)
    # Named in the box under the title, before the timeline of answers; the full answer,
    # marked, stays at its place.
    box = html.split("data-solution", 1)[1].split("</section>", 1)[0]
    assert "Official word from us." in box and "Jump to the official answer" in box
    assert html.index("data-solution") < html.index("A customer tip.")
    assert html.count("data-official-answer") == 1
    assert f'data-official-answer id="answer-{answer.id}"' in html
    assert reload(app, complaint).official_answer_id == answer.id
    client.post(f"/answers/{answer.id}/official")
    assert reload(app, complaint).official_answer_id is None
    assert "data-official-answer" not in thread(client, complaint)


def test_only_staff_answers_can_be_official_and_only_staff_mark_them(
    client, auth, people, make_complaint, make_answer
):
    complaint = make_complaint(author=people["author"])
    member_answer = make_answer(complaint, author=people["other"])
    staff_answer = make_answer(complaint, author=people["staff"])
    auth.login("nina")
    assert client.post(f"/answers/{member_answer.id}/official").status_code == 403
    auth.logout()
    auth.login("author")
    response = client.post(f"/answers/{staff_answer.id}/official")
    assert response.status_code == 403
    assert "Only staff" in response.get_data(as_text=True)


@pytest.mark.parametrize("who", ["author", "nina"])
def test_author_or_staff_accept_a_solution_and_the_thread_is_solved(
    client, auth, people, make_complaint, make_answer, app, who
):
    complaint = make_complaint(author=people["author"], title="Refund missing for three weeks")
    answer = make_answer(complaint, author=people["other"], body="Call the bank, it worked.")
    auth.login(who)
    assert client.post(f"/answers/{answer.id}/accept").status_code == 303
    solved = reload(app, complaint)
    assert solved.accepted_answer_id == answer.id and solved.solved_at is not None
    html = thread(client, complaint)
    assert "data-accepted-answer" in html
    assert f'href="/complaints/{complaint.id}/{complaint.slug}#answer-{answer.id}"' in html
    listing = client.get("/complaints").get_data(as_text=True)
    assert "✓ Solved" in listing
    assert "Refund missing" in client.get("/complaints?sort=solved").get_data(as_text=True)
    client.post(f"/answers/{answer.id}/accept")
    assert reload(app, complaint).solved_at is None
    assert "Refund missing" not in client.get("/complaints?sort=solved").get_data(as_text=True)


def test_other_members_cannot_accept(client, auth, people, make_complaint, make_answer):
    complaint = make_complaint(author=people["author"])
    answer = make_answer(complaint, author=people["staff"])
    auth.login("other")
    assert client.post(f"/answers/{answer.id}/accept").status_code == 403


def test_solved_listing_is_newest_solved_first(people, make_complaint, make_answer, app, client):
    first = make_complaint(author=people["author"], title="Solved long ago complaint")
    second = make_complaint(author=people["author"], title="Solved just now complaint")
    a1 = make_answer(first, author=people["other"])
    a2 = make_answer(second, author=people["other"])
    with app.app_context():
        author = fresh(people["author"])
        services.accept_answer(author, fresh(a2), at=utcnow() - timedelta(days=2))
        services.accept_answer(author, fresh(a1), at=utcnow() - timedelta(days=5))
    html = client.get("/complaints?sort=solved").get_data(as_text=True)
    assert html.index("Solved just now complaint") < html.index("Solved long ago complaint")


def test_staff_move_a_complaint_through_the_workflow_on_a_public_timeline(
    client, auth, people, make_complaint, app
):
    complaint = make_complaint(author=people["author"])
    auth.login("nina")
    url = f"/complaints/{complaint.id}/status"
    for status, note in (("acknowledged", "Looking into it"), ("in_progress", None),
                         ("closed", "Closing"), ("open", None)):  # fmt: skip
        response = client.post(url, data={"status": status, "note": note or ""})
        assert response.status_code == 303, status
    assert [e.to_status for e in events(app, complaint)] == [
        "acknowledged", "in_progress", "closed", "open",
    ]  # fmt: skip
    assert events(app, complaint)[-1].kind == "reopened"
    auth.logout()
    html = thread(client, complaint)
    assert "Looking into it" in html
    assert 'data-status="open"' in html
    row = reload(app, complaint)
    assert row.first_staff_response_at is not None and row.staff_updated_at is not None
    assert row.reopened_at is not None


def test_status_filter_and_badge_in_listings(client, auth, people, make_complaint):
    make_complaint(author=people["author"], title="Waiting in the open state")
    moving = make_complaint(author=people["author"], title="Being worked on right now")
    auth.login("nina")
    client.post(f"/complaints/{moving.id}/status", data={"status": "in_progress"})
    html = client.get("/complaints?status=in_progress").get_data(as_text=True)
    assert "Being worked on right now" in html and "Waiting in the open state" not in html
    assert 'data-status="in_progress"' in html


def test_author_may_resolve_and_reopen_but_not_other_moves(
    client, auth, people, make_complaint, app
):
    complaint = make_complaint(author=people["author"])
    auth.login("author")
    url = f"/complaints/{complaint.id}/status"
    assert client.post(url, data={"status": "in_progress"}).status_code == 403
    assert client.post(url, data={"status": "resolved"}).status_code == 303
    resolved = reload(app, complaint)
    assert resolved.resolution_state == "confirmed"
    assert client.post(url, data={"status": "open"}).status_code == 303
    assert reload(app, complaint).status == "open"


def test_author_cannot_reopen_after_thirty_days(people, make_complaint, app):
    complaint = make_complaint(author=people["author"])
    with app.app_context():
        staff = fresh(people["staff"])
        author = fresh(people["author"])
        long_ago = utcnow() - timedelta(days=31)
        services.change_status(staff, complaint, "resolved", at=long_ago)
        row = db.session.get(Complaint, complaint.id)
        with pytest.raises(services.PermissionDenied, match="within 30 days"):
            services.change_status(author, row, "open")


def test_other_members_cannot_change_status(client, auth, people, make_complaint):
    complaint = make_complaint(author=people["author"])
    auth.login("other")
    response = client.post(f"/complaints/{complaint.id}/status", data={"status": "resolved"})
    assert response.status_code == 403


def test_invalid_status_is_a_4xx_keeping_the_note(client, auth, people, make_complaint):
    complaint = make_complaint(author=people["author"])
    auth.login("nina")
    response = client.post(
        f"/complaints/{complaint.id}/status", data={"status": "exploded", "note": "typed note"}
    )
    assert 400 <= response.status_code < 500
    assert "typed note" in response.get_data(as_text=True)


def test_staff_resolution_awaits_the_author_who_confirms(client, auth, people, make_complaint, app):
    complaint = make_complaint(author=people["author"])
    auth.login("nina")
    client.post(f"/complaints/{complaint.id}/status", data={"status": "resolved"})
    auth.logout()
    html = thread(client, complaint)
    assert "Resolved by staff — not yet confirmed" in html
    assert "Resolution confirmed by the author" not in html
    auth.login("author")
    assert "Staff marked your complaint resolved" in thread(client, complaint)
    response = client.post(f"/complaints/{complaint.id}/resolution", data={"action": "confirm"})
    assert response.status_code == 303
    assert "Resolution confirmed by the author" in thread(client, complaint)
    assert events(app, complaint)[-1].kind == "confirmed"


def test_author_disputes_with_a_reason_and_the_complaint_reopens(
    client, auth, people, make_complaint, app
):
    complaint = make_complaint(author=people["author"])
    auth.login("nina")
    client.post(f"/complaints/{complaint.id}/status", data={"status": "resolved"})
    auth.logout()
    auth.login("author")
    url = f"/complaints/{complaint.id}/resolution"
    refused = client.post(url, data={"action": "dispute", "reason": ""})
    assert refused.status_code == 422
    assert (
        client.post(url, data={"action": "dispute", "reason": "Still no refund."}).status_code
        == 303
    )
    row = reload(app, complaint)
    assert (row.status, row.resolution_state) == ("open", "disputed")
    assert events(app, complaint)[-1] == ("disputed", "open", "Still no refund.")
    assert "Still no refund." in thread(client, complaint)


def test_affected_members_say_whether_the_fix_worked_and_the_thread_shows_the_tally(
    client, auth, people, make_user, make_complaint, app
):
    complaint = make_complaint(author=people["author"])
    voters = [make_user(f"affected{n}") for n in range(3)]
    for voter in voters:
        auth.login(voter.username)
        client.post(f"/complaints/{complaint.id}/vote", data={"value": "1"})
        auth.logout()
    auth.login("nina")
    client.post(f"/complaints/{complaint.id}/status", data={"status": "resolved"})
    auth.logout()
    for voter, answer in zip(voters[:2], ("yes", "no"), strict=True):
        auth.login(voter.username)
        assert "Did the fix work for you?" in thread(client, complaint)
        assert (
            client.post(f"/complaints/{complaint.id}/fixed", data={"value": answer}).status_code
            == 303
        )
        auth.logout()
    assert "Fixed for <strong>1 of 2</strong> affected members who answered" in thread(
        client, complaint
    )
    auth.login("other")
    response = client.post(f"/complaints/{complaint.id}/fixed", data={"value": "yes"})
    assert response.status_code == 403


def test_promised_date_shows_overdue_and_moving_it_needs_a_note(
    client, auth, people, make_complaint, app
):
    complaint = make_complaint(author=people["author"])
    auth.login("nina")
    url = f"/complaints/{complaint.id}/status"
    past = (utcnow() - timedelta(days=2)).date().isoformat()
    later = (utcnow() + timedelta(days=7)).date().isoformat()
    # A promise made five days ago for two days ago's date: it has passed since.
    with app.app_context():
        services.change_status(
            fresh(people["staff"]),
            fresh(complaint),
            "in_progress",
            promised_date=past,
            at=utcnow() - timedelta(days=5),
        )
    html = thread(client, complaint)
    # The form starts with the current promise, to keep or move.
    assert f'name="promised_date" type="date" value="{past}"' in html
    assert "overdue" in html
    moved = client.post(url, data={"status": "in_progress", "promised_date": later})
    assert moved.status_code == 422
    assert "needs a note" in moved.get_data(as_text=True)
    response = client.post(
        url, data={"status": "in_progress", "promised_date": later, "note": "Parts delayed."}
    )
    assert response.status_code == 303
    promise = [e for e in events(app, complaint) if e.kind == "promise"]
    assert len(promise) == 2
    with app.app_context():
        last = db.session.scalars(
            sa.select(ComplaintEvent)
            .where(ComplaintEvent.kind == "promise")
            .order_by(ComplaintEvent.id.desc())
        ).first()
        assert last.old_date.isoformat() == past and last.new_date.isoformat() == later
    assert "overdue" not in thread(client, complaint).lower().split("</header>")[0]


def test_a_promised_date_in_the_past_is_refused_on_its_field_keeping_what_was_typed(
    client, auth, people, make_complaint, app
):
    complaint = make_complaint(author=people["author"])
    auth.login("nina")
    yesterday = (utcnow() - timedelta(days=1)).date()
    response = client.post(
        f"/complaints/{complaint.id}/status",
        data={
            "status": "in_progress",
            "promised_date": yesterday.isoformat(),
            "note": "Parts ordered from the supplier.",
        },
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    error = f"The promised date {yesterday:%-d %b %Y} is in the past: choose today or a later date."
    # The message sits on the date field (described by it), not only above the form.
    assert f'<p class="error" id="promised_date-error">{error}</p>' in html
    assert 'aria-describedby="promised_date-hint promised_date-error"' in html
    assert f'value="{yesterday.isoformat()}"' in html
    assert "Parts ordered from the supplier." in html
    assert 'selected value="in_progress"' in html or 'value="in_progress" selected' in html
    # Nothing changed: no status move, no promise, no event.
    assert reload(app, complaint).status == "open"
    assert reload(app, complaint).promised_date is None
    assert events(app, complaint) == []
    # Today is fine.
    today = utcnow().date().isoformat()
    response = client.post(
        f"/complaints/{complaint.id}/status", data={"status": "in_progress", "promised_date": today}
    )
    assert response.status_code == 303
    assert reload(app, complaint).promised_date.isoformat() == today


def test_the_service_refuses_a_past_promise_but_keeps_an_old_one_on_a_status_move(
    people, make_complaint, app
):
    from forum.errors import Invalid

    complaint = make_complaint(author=people["author"])
    past = (utcnow() - timedelta(days=3)).date()
    with app.app_context():
        with pytest.raises(Invalid) as refused:
            services.change_status(
                fresh(people["staff"]), fresh(complaint), "acknowledged", promised_date=past
            )
        assert refused.value.field == "promised_date"
        services.change_status(
            fresh(people["staff"]),
            fresh(complaint),
            "in_progress",
            promised_date=past,
            at=utcnow() - timedelta(days=6),
        )
        # The form sends the current (now passed) promise back with a status move: not
        # a new promise, so not refused.
        services.change_status(
            fresh(people["staff"]), fresh(complaint), "resolved", promised_date=past
        )
    assert reload(app, complaint).status == "resolved"


def test_members_cannot_promise_dates(client, auth, people, make_complaint):
    complaint = make_complaint(author=people["author"])
    auth.login("author")
    response = client.post(
        f"/complaints/{complaint.id}/status",
        data={"status": "resolved", "promised_date": "2030-01-01"},
    )
    assert response.status_code == 403


def test_timeline_interleaves_events_with_answers_by_time(people, make_complaint, app, client):
    complaint = make_complaint(author=people["author"])
    with app.app_context():
        from forum.complaints import services as complaints

        staff = fresh(people["staff"])
        other = fresh(people["other"])
        start = utcnow() - timedelta(hours=5)
        complaints.post_answer(other, complaint, "First answer here.", start)
        services.change_status(staff, complaint, "acknowledged", note="Seen it.",
                               at=start + timedelta(hours=1))  # fmt: skip
        complaints.post_answer(other, complaint, "Second answer here.", start + timedelta(hours=2))
    html = thread(client, complaint)
    assert (
        html.index("First answer here.")
        < html.index("Seen it.")
        < html.index("Second answer here.")
    )


def test_review_revision_keeps_history_and_only_the_author_can_revise(
    client, auth, people, make_complaint, app
):
    complaint = make_complaint(author=people["author"], rating=1, review="Awful.")
    url = f"/complaints/{complaint.id}/review"
    auth.login("author")
    assert client.get(url).status_code == 403  # not resolved yet
    auth.logout()
    auth.login("nina")
    client.post(f"/complaints/{complaint.id}/status", data={"status": "resolved"})
    assert client.get(url).status_code == 403  # staff cannot revise
    assert client.post(url, data={"rating": "5", "would_return": "yes"}).status_code == 403
    auth.logout()
    auth.login("author")
    assert "revise the review you left" in thread(client, complaint)
    bad = client.post(url, data={"rating": "9", "review": "typed words", "would_return": "yes"})
    assert bad.status_code == 422 and "typed words" in bad.get_data(as_text=True)
    response = client.post(
        url, data={"rating": "4", "review": "Fixed well.", "would_return": "yes"}
    )
    assert response.status_code == 303
    html = thread(client, complaint)
    assert 'data-rating="4"' in html
    assert "★1" in html and "★4" in html and "after resolution" in html
    assert "revise the review you left" not in html
    with app.app_context():
        ratings = [r.rating for r in db.session.scalars(
            sa.select(ReviewRevision).order_by(ReviewRevision.id))]  # fmt: skip
        assert ratings == [1, 4]
        assert db.session.scalar(sa.select(ReviewPrompt.state)) == "answered"
    listing = client.get("/complaints").get_data(as_text=True)
    assert 'data-rating="4"' in listing


def test_the_review_form_starts_from_the_review_as_it_stands(
    client, auth, people, make_complaint, app
):
    complaint = make_complaint(author=people["author"], rating=2, review="Slow & unhelpful <b>.")
    url = f"/complaints/{complaint.id}/review"
    auth.login("nina")
    client.post(f"/complaints/{complaint.id}/status", data={"status": "resolved"})
    auth.logout()
    auth.login("author")
    html = client.get(url).get_data(as_text=True)
    checked = re.findall(r'<input[^>]*name="rating"[^>]*>', html)
    assert [bool(re.search(r"\bchecked\b", tag)) for tag in checked] == [
        False, True, False, False, False
    ]  # fmt: skip
    assert re.search(r"<textarea[^>]*>\s*Slow &amp; unhelpful &lt;b&gt;.</textarea>", html)
    # One fieldset per choice, its legend inside, each choice labelled for screen readers.
    assert html.count('class="fieldset choice-fieldset') == 2
    assert "<legend>Your rating now</legend>" in html
    assert '<span class="visually-hidden"> stars</span>' in html
    # After a first revision the form starts from it, "would do business again" too.
    client.post(url, data={"rating": "4", "review": "Sorted in the end.", "would_return": "no"})
    auth.logout()
    auth.login("nina")
    client.post(f"/complaints/{complaint.id}/status", data={"status": "open"})
    client.post(f"/complaints/{complaint.id}/status", data={"status": "resolved"})
    auth.logout()
    auth.login("author")
    html = client.get(url).get_data(as_text=True)
    assert re.search(r'<input[^>]*checked[^>]*value="4"|<input[^>]*value="4"[^>]*checked', html)
    assert re.search(r'<input[^>]*checked[^>]*value="no"|<input[^>]*value="no"[^>]*checked', html)
    assert "Sorted in the end.</textarea>" in html


def test_a_refused_review_keeps_what_was_typed_and_names_the_missing_answer(
    client, auth, people, make_complaint
):
    complaint = make_complaint(author=people["author"], rating=2)
    auth.login("nina")
    client.post(f"/complaints/{complaint.id}/status", data={"status": "resolved"})
    auth.logout()
    auth.login("author")
    response = client.post(
        f"/complaints/{complaint.id}/review", data={"rating": "5", "review": "Much better now."}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Answer yes or no." in html and "Much better now.</textarea>" in html
    assert 'aria-describedby="would_return-error"' in html
    assert re.search(r'<input[^>]*checked[^>]*value="5"|<input[^>]*value="5"[^>]*checked', html)


def test_declining_the_prompt_changes_nothing(client, auth, people, make_complaint, app):
    complaint = make_complaint(author=people["author"], rating=2)
    auth.login("nina")
    client.post(f"/complaints/{complaint.id}/status", data={"status": "resolved"})
    auth.logout()
    auth.login("author")
    assert client.post(f"/complaints/{complaint.id}/review/decline").status_code == 303
    row = reload(app, complaint)
    assert row.rating == 2
    with app.app_context():
        assert db.session.scalar(sa.select(ReviewPrompt.state)) == "declined"
        assert db.session.scalar(sa.select(sa.func.count()).select_from(ReviewRevision)) == 1
    assert "revise the review you left" not in thread(client, complaint)


def test_staff_queue_lists_waiting_overdue_and_reopened(client, auth, people, make_complaint, app):
    waiting = make_complaint(author=people["author"], title="Nobody from staff answered yet")
    late = make_complaint(author=people["author"], title="Promised date has passed")
    back = make_complaint(author=people["author"], title="Reopened by its author")
    with app.app_context():
        staff = fresh(people["staff"])
        author = fresh(people["author"])
        services.change_status(staff, late, "in_progress",
                               promised_date=(utcnow() - timedelta(days=1)).date(),
                               at=utcnow() - timedelta(days=4))  # fmt: skip
        services.change_status(staff, back, "resolved")
        services.change_status(author, db.session.get(Complaint, back.id), "open")
    auth.login("author")
    assert client.get("/staff").status_code == 403
    auth.logout()
    auth.login("nina")
    html = client.get("/staff").get_data(as_text=True)
    waiting_part, rest = html.split('id="overdue-heading"')
    overdue_part, reopened_part = rest.split('id="reopened-heading"')
    assert waiting.title in waiting_part and late.title not in waiting_part
    assert late.title in overdue_part
    assert back.title in reopened_part
