"""The member's data export and account deletion, as the privacy package serves them."""

import pytest
import sqlalchemy as sa
from flask import url_for
from werkzeug.routing import BuildError

from forum import signals
from forum.accounts.models import User
from forum.complaints import services as complaints
from forum.complaints.models import Answer
from forum.errors import Invalid
from forum.extensions import db
from forum.notifications.models import Follow
from forum.privacy import services as privacy
from tests.conftest import PASSWORD, fresh


def test_export_and_deletion_pages_keep_their_addresses_under_the_privacy_endpoints(app):
    with app.test_request_context():
        assert url_for("privacy.export") == "/account/export"
        assert url_for("privacy.delete_account") == "/account/delete"
        for gone in ("accounts.export", "accounts.delete_account"):
            with pytest.raises(BuildError):
                url_for(gone)


def test_account_and_delete_pages_link_the_export(client, auth, make_user):
    make_user("alice")
    auth.login("alice")
    for path in ("/account", "/account/delete"):
        page = client.get(path)
        assert page.status_code == 200
        assert 'href="/account/export"' in page.get_data(as_text=True)


def test_a_wrong_password_keeps_the_form_and_deletes_nothing(client, auth, make_user, app):
    alice = make_user("alice")
    auth.login("alice")
    refused = client.post("/account/delete", data={"password": "not my password"})
    assert refused.status_code == 422
    body = refused.get_data(as_text=True)
    assert "Your current password is not right." in body
    assert 'name="password"' in body
    with app.app_context():
        assert fresh(alice).username == "alice"
        with pytest.raises(Invalid) as refused_service:
            privacy.delete_account(fresh(alice), "still not my password")
        assert refused_service.value.status == 403
        assert fresh(alice).deleted_at is None


def test_export_holds_the_members_votes_and_review_revisions(
    app, make_user, make_category, make_complaint, make_answer
):
    alice, bob = make_user("alice"), make_user("bob")
    mine = make_complaint(author=alice, rating=2, review="Slow to answer.")
    theirs = make_complaint(author=bob, category=make_category())
    answer = make_answer(theirs, author=bob, body="They replaced mine in a week.")
    with app.app_context():
        complaints.vote_on_answer(fresh(alice), db.session.get(Answer, answer.id), 1)
        data = privacy.export_data(fresh(alice))
    assert data["format"] == "redress-account-export/1"
    assert [c["id"] for c in data["complaints"]] == [mine.id]
    assert data["votes"]["answers"][0]["answer_id"] == answer.id
    assert data["votes"]["answers"][0]["value"] == 1
    [revision] = data["review_revisions"]
    assert revision["complaint_id"] == mine.id
    assert (revision["rating"], revision["review"]) == (2, "Slow to answer.")


def test_deleting_an_account_tells_the_other_features_once_and_only_on_success(
    app, make_user, make_complaint
):
    alice = make_user("alice")
    make_complaint(author=alice)
    heard = []

    def receiver(user, session):
        # Sent inside the unit of work, with the account already anonymised.
        heard.append((user.id, user.username, session is db.session()))

    with app.app_context(), signals.member_changed.connected_to(receiver):
        with pytest.raises(Invalid):
            privacy.delete_account(fresh(alice), "not my password")
        assert heard == []
        privacy.delete_account(fresh(alice), PASSWORD)
        assert heard == [(alice.id, f"deleted-{alice.id}", True)]
        # Nothing signs in to it again, not even its old password to delete it twice.
        with pytest.raises(Invalid):
            privacy.delete_account(fresh(alice), PASSWORD)
        assert len(heard) == 1
        assert db.session.scalar(sa.select(User.username).where(User.id == alice.id)) == (
            f"deleted-{alice.id}"
        )
        assert db.session.scalars(sa.select(Follow).where(Follow.user_id == alice.id)).all() == []
