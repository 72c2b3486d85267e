"""Votes: "affects me too" on complaints, helpful / not helpful on answers."""

import pytest
import sqlalchemy as sa

from forum.complaints.models import Answer, AnswerVote, Complaint, ComplaintVote
from forum.extensions import db


def complaint_votes(app, complaint_id):
    with app.app_context():
        count = db.session.get(Complaint, complaint_id).vote_count
        rows = db.session.scalar(
            sa.select(sa.func.count())
            .select_from(ComplaintVote)
            .where(ComplaintVote.complaint_id == complaint_id)
        )
    return count, rows


def answer_score(app, answer_id):
    with app.app_context():
        return db.session.get(Answer, answer_id).score


def test_affects_me_too_counts_once_and_can_be_undone(client, auth, make_user, make_complaint, app):
    complaint = make_complaint()
    make_user("voter")
    auth.login("voter")
    url = f"/complaints/{complaint.id}/vote"
    assert client.post(url, data={"value": "1"}).status_code == 303
    assert complaint_votes(app, complaint.id) == (1, 1)
    # A double click sends the same vote twice: it still counts once.
    client.post(url, data={"value": "1"})
    assert complaint_votes(app, complaint.id) == (1, 1)
    client.post(url, data={"value": "0"})
    assert complaint_votes(app, complaint.id) == (0, 0)
    client.post(url, data={"value": "0"})
    assert complaint_votes(app, complaint.id) == (0, 0)


def test_votes_raise_the_hot_score(client, auth, make_user, make_complaint, app):
    complaint = make_complaint()
    make_user("voter")
    auth.login("voter")
    client.post(f"/complaints/{complaint.id}/vote", data={"value": "1"})
    with app.app_context():
        assert db.session.get(Complaint, complaint.id).hot_score > complaint.hot_score


def test_member_cannot_vote_on_own_complaint(client, auth, make_user, make_complaint, app):
    author = make_user("author")
    complaint = make_complaint(author=author)
    auth.login("author")
    response = client.post(f"/complaints/{complaint.id}/vote", data={"value": "1"})
    assert response.status_code == 403
    assert "own complaint" in response.get_data(as_text=True)
    assert complaint_votes(app, complaint.id) == (0, 0)


def test_member_cannot_vote_on_own_answer(
    client, auth, make_user, make_complaint, make_answer, app
):
    helper = make_user("helper")
    answer = make_answer(make_complaint(), author=helper)
    auth.login("helper")
    assert client.post(f"/answers/{answer.id}/vote", data={"value": "1"}).status_code == 403
    assert answer_score(app, answer.id) == 0


def test_answer_votes_move_between_helpful_and_not_helpful(
    client, auth, make_user, make_complaint, make_answer, app
):
    answer = make_answer(make_complaint())
    make_user("voter")
    auth.login("voter")
    url = f"/answers/{answer.id}/vote"
    steps = [("1", 1), ("1", 1), ("-1", -1), ("0", 0), ("-1", -1), ("1", 1), ("0", 0)]
    for value, expected in steps:
        client.post(url, data={"value": value})
        assert answer_score(app, answer.id) == expected, value
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(AnswerVote)) == 0


def test_scores_add_up_across_members(client, auth, make_user, make_complaint, make_answer, app):
    answer = make_answer(make_complaint())
    for name, value in (("a_one", "1"), ("a_two", "1"), ("a_three", "-1")):
        make_user(name)
        auth.login(name)
        client.post(f"/answers/{answer.id}/vote", data={"value": value})
        auth.logout()
    assert answer_score(app, answer.id) == 1


@pytest.mark.parametrize("value", ["2", "-1", "yes", ""])
def test_invalid_complaint_vote_values_are_refused(
    client, auth, make_user, make_complaint, app, value
):
    complaint = make_complaint()
    make_user("voter")
    auth.login("voter")
    response = client.post(f"/complaints/{complaint.id}/vote", data={"value": value})
    assert response.status_code == 400
    assert complaint_votes(app, complaint.id) == (0, 0)


def test_votes_answer_json_for_inline_voting(client, auth, make_user, make_complaint):
    complaint = make_complaint()
    make_user("voter")
    auth.login("voter")
    response = client.post(
        f"/complaints/{complaint.id}/vote",
        data={"value": "1"},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 200
    assert response.get_json() == {"count": 1, "voted": True}


def test_anonymous_votes_go_to_sign_in(client, make_complaint, app):
    complaint = make_complaint()
    response = client.post(f"/complaints/{complaint.id}/vote", data={"value": "1"})
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
    assert complaint_votes(app, complaint.id) == (0, 0)


def test_the_database_refuses_a_second_vote_row(app, make_user, make_complaint):
    voter = make_user()
    complaint = make_complaint()
    with app.app_context():
        db.session.add(ComplaintVote(user_id=voter.id, complaint_id=complaint.id))
        db.session.commit()
        db.session.add(ComplaintVote(user_id=voter.id, complaint_id=complaint.id))
        with pytest.raises(sa.exc.IntegrityError):
            db.session.commit()
        db.session.rollback()
