"""``flask demo load``: a populated, multilingual forum, loaded idempotently."""

import sqlalchemy as sa

from forum.accounts.models import User
from forum.complaints.models import Answer, AnswerVote, Category, Complaint, ComplaintVote
from forum.demo import content
from forum.extensions import db


def count(model):
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_demo_content_is_well_formed():
    items = content.all_complaints()
    assert len(items) >= 80
    assert {item["lang"] for item in items} == {"en", "de", "sv", "sl", "hu", "zh"}
    assert len({item["key"] for item in items}) == len(items)
    usernames = {name for name, _email, _lang in content.MEMBERS}
    usernames |= {name for name, _email, _role in content.STAFF}
    for item in items:
        assert item["author"] in usernames
        assert item["author"] not in item.get("affected", [])
        for answer in item.get("answers", []):
            assert answer["author"] in usernames
            assert answer["author"] not in answer.get("votes", {})
        text = (item["title"] + item["body"]).lower()
        assert "lorem" not in text and "ipsum" not in text


def test_demo_load_populates_the_forum_is_idempotent_and_its_accounts_sign_in(runner, app, auth):
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    assert "redress-demo-2026" in result.output
    with app.app_context():
        first = {m.__name__: count(m) for m in (Category, User, Complaint, Answer)}
        assert first["Category"] >= 6
        assert first["Complaint"] >= 80
        assert first["Answer"] > 100
        assert count(ComplaintVote) > 50 and count(AnswerVote) > 50
        roles = dict(
            db.session.execute(sa.select(User.role, sa.func.count()).group_by(User.role)).all()
        )
        assert roles["member"] >= 12 and roles["staff"] >= 2
        # Counters match the rows they count.
        for complaint in db.session.scalars(sa.select(Complaint)):
            answers = db.session.scalar(
                sa.select(sa.func.count()).where(Answer.complaint_id == complaint.id)
            )
            votes = db.session.scalar(
                sa.select(sa.func.count()).where(ComplaintVote.complaint_id == complaint.id)
            )
            assert (complaint.answer_count, complaint.vote_count) == (answers, votes)
        chinese = db.session.scalar(sa.select(Complaint).where(Complaint.title.contains("退款")))
        assert chinese is not None

    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        again = {m.__name__: count(m) for m in (Category, User, Complaint, Answer)}
    assert again == first
    # (In this test, not one of its own: loading the demo takes ten seconds.)
    response = auth.login("nina_support", content.DEMO_PASSWORD)
    assert response.status_code == 303
