"""Merging a duplicate: its text stays readable on the target under its own author, its
author is told, the target's timeline shows it, and staff links point at the right member."""

import re

import pytest
import sqlalchemy as sa

from forum.accounts.models import User
from forum.complaints.models import Complaint, ComplaintVote
from forum.extensions import db
from forum.mail.models import MailMessage
from forum.moderation import services as moderation
from forum.notifications.models import Follow, Notification
from forum.resolution.models import ComplaintEvent
from tests.conftest import fresh
from tests.test_moderation import age_accounts, thread_url
from tests.test_page_cache_tags import kept


@pytest.fixture
def pair(app, make_user, make_complaint, make_answer):
    """A target thread by ``ada_l`` and a duplicate by ``ben_k`` with an answer by ``cy_a``."""
    people = {
        "ada": make_user("ada_l"),
        "ben": make_user("ben_k"),
        "cy": make_user("cy_a"),
        "root": make_user("root", role="admin"),
        "nina": make_user("nina", role="staff"),
    }
    age_accounts(app, *people.values())
    target = make_complaint(
        author=people["ada"],
        title="Dishwasher shows E24 and will not drain",
        body="The dishwasher stops with **E24** after ten minutes.",
    )
    duplicate = make_complaint(
        author=people["ben"],
        title="E24 error on my dishwasher",
        body="Mine also shows E24, the filter is clean. Order details: see private.",
        private_details="Order 55-1234, phone 0701234567",
    )
    answer = make_answer(duplicate, author=people["cy"], body="Check the drain hose for kinks.")
    return {"target": target, "duplicate": duplicate, "answer": answer, **people}


def merge(client, auth, pair, reason="Same E24 fault as the original."):
    auth.login("root")
    response = client.post(
        f"/mod/complaints/{pair['duplicate'].id}/merge",
        data={"target": str(pair["target"].id), "reason": reason},
    )
    auth.logout()
    assert response.status_code == 303
    return response


def merged_post(html, complaint_id):
    """The merged post's element on the target's page."""
    found = re.search(
        rf'<article class="post post-merged" id="complaint-{complaint_id}".*?</article>', html, re.S
    )
    assert found, "no merged post on the page"
    return found.group(0)


def test_the_duplicates_text_stays_readable_on_the_target_under_its_own_author(client, auth, pair):
    merge(client, auth, pair)
    html = client.get(thread_url(pair["target"])).get_data(as_text=True)
    post = merged_post(html, pair["duplicate"].id)
    assert "Merged from a duplicate by" in post
    assert "ben_k" in post and "ada_l" not in post
    assert "E24 error on my dishwasher" in post
    assert "Mine also shows E24, the filter is clean." in post
    assert "Order 55-1234" not in html  # private details never follow it
    # Its answer moved with it and keeps its author.
    assert "Check the drain hose for kinks." in html
    # Visitors see no staff links on it.
    assert "Author's account" not in post


def test_the_duplicates_old_addresses_answer_301_to_its_merged_post(client, auth, pair):
    merge(client, auth, pair)
    duplicate, target = pair["duplicate"], pair["target"]
    expected = f"{thread_url(target)}#complaint-{duplicate.id}"
    for path in (thread_url(duplicate), f"/complaints/{duplicate.id}"):
        response = client.get(path)
        assert response.status_code == 301, path
        assert response.headers["Location"] == expected, path


def test_the_duplicates_author_is_told_where_it_went_and_why(app, client, auth, pair):
    merge(client, auth, pair, reason="Same E24 fault as the original.")
    with app.app_context():
        merged = sa.select(Notification).where(Notification.kind == "merged")
        rows = list(db.session.scalars(merged))
        assert [row.user_id for row in rows] == [pair["ben"].id]
        (told,) = rows
        assert told.complaint_id == pair["target"].id
        assert "E24 error on my dishwasher" in told.message
        assert "Dishwasher shows E24 and will not drain" in told.message
        assert "Same E24 fault as the original." in told.message
        assert told.url == f"{thread_url(pair['target'])}#complaint-{pair['duplicate'].id}"
        assert db.session.get(User, pair["ben"].id).unread_notifications >= 1
    auth.login("ben_k")
    inbox = client.get("/notifications").get_data(as_text=True)
    assert "was merged into" in inbox and "Same E24 fault as the original." in inbox


def test_without_a_note_the_author_is_told_it_was_a_duplicate(app, client, auth, pair):
    merge(client, auth, pair, reason="")
    with app.app_context():
        message = db.session.scalar(
            sa.select(Notification.message).where(Notification.kind == "merged")
        )
    assert message.endswith("as a duplicate.")


def test_the_targets_timeline_shows_the_merge_with_a_link_to_the_merged_post(
    app, client, auth, pair
):
    merge(client, auth, pair)
    with app.app_context():
        (event,) = db.session.scalars(
            sa.select(ComplaintEvent).where(ComplaintEvent.kind == "merged")
        )
        assert event.complaint_id == pair["target"].id
        assert event.merged_id == pair["duplicate"].id
        assert event.actor_id == pair["root"].id
    html = client.get(thread_url(pair["target"])).get_data(as_text=True)
    link = f'href="{thread_url(pair["target"])}#complaint-{pair["duplicate"].id}"'
    event = re.search(r'<li class="event event-merged".*?</li>', html, re.S).group(0)
    assert re.search(rf"</span>\s+merged <a {re.escape(link)}>a duplicate from ben_k</a>", event)


def test_a_merge_waiting_for_a_second_opinion_tells_nobody_until_it_is_approved(
    app, client, auth, pair
):
    auth.login("nina")
    client.post(
        f"/mod/complaints/{pair['duplicate'].id}/merge",
        data={"target": str(pair["target"].id), "reason": "Same fault."},
    )
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(ComplaintEvent)) == 0
        assert (
            db.session.scalar(sa.select(sa.func.count()).where(Notification.kind == "merged")) == 0
        )
    auth.logout()
    html = client.get(thread_url(pair["target"])).get_data(as_text=True)
    assert "post-merged" not in html


def test_staff_links_on_the_merged_post_point_at_its_own_author(app, client, auth, pair):
    """Suspending through the merged post's link suspends the duplicate's author, not the
    target's."""
    merge(client, auth, pair)
    auth.login("nina")
    html = client.get(thread_url(pair["target"])).get_data(as_text=True)
    post = merged_post(html, pair["duplicate"].id)
    (account,) = re.findall(r'<a href="(/mod/users/\d+)" data-author-account>', post)
    assert client.get(account).status_code == 200
    response = client.post(f"{account}/suspend", data={"days": "3", "reason": "Spam."})
    assert response.status_code == 303
    with app.app_context():
        assert db.session.get(User, pair["ben"].id).suspended_until is not None
        assert db.session.get(User, pair["ada"].id).suspended_until is None


def test_votes_and_follows_move_to_the_target_once_each(app, client, auth, pair):
    with app.app_context():
        for user in ("cy", "ada"):
            db.session.add(ComplaintVote(user_id=pair[user].id, complaint_id=pair["duplicate"].id))
        db.session.add(ComplaintVote(user_id=pair["cy"].id, complaint_id=pair["target"].id))
        db.session.add(Follow(user_id=pair["cy"].id, complaint_id=pair["duplicate"].id))
        db.session.add(Follow(user_id=pair["cy"].id, complaint_id=pair["target"].id))
        db.session.commit()
    merge(client, auth, pair)
    with app.app_context():
        target = db.session.get(Complaint, pair["target"].id)
        assert target.vote_count == 1  # cy once; ada is the target's own author
        assert target.answer_count == 1
        followers = set(
            db.session.scalars(
                sa.select(Follow.user_id).where(Follow.complaint_id == pair["target"].id)
            )
        )
        # The target's author, the duplicate's author (who followed their own) and cy.
        assert followers == {pair["ada"].id, pair["ben"].id, pair["cy"].id}


def test_the_kept_target_page_shows_the_merged_post_and_a_later_redaction(
    app, client, auth, pair, count_queries
):
    app.config["PAGE_CACHE_ENABLED"] = True
    target = thread_url(pair["target"])
    client.get(target)
    assert kept(client, count_queries, target)
    with app.app_context():
        assert moderation.merge(fresh(pair["root"]), pair["duplicate"].id, pair["target"].id)
    assert not kept(client, count_queries, target)
    assert "Mine also shows E24" in client.get(target).get_data(as_text=True)
    assert kept(client, count_queries, target)
    with app.app_context():
        moderation.redact(
            fresh(pair["root"]), "complaint", pair["duplicate"].id, "Mine also shows [removed]."
        )
    html = client.get(target).get_data(as_text=True)
    assert "Mine also shows [removed]." in merged_post(html, pair["duplicate"].id)


def test_the_target_page_issues_the_same_statements_for_one_and_three_merged_posts(
    app, client, auth, pair, make_user, make_complaint, count_queries
):
    def statements():
        with count_queries() as queries:
            assert client.get(thread_url(pair["target"])).status_code == 200
        return len(queries)

    merge(client, auth, pair)
    one = statements()
    with app.app_context():
        for number in range(2):
            other = make_complaint(author=make_user(), title=f"E24 again, number {number}")
            moderation.merge(fresh(pair["root"]), other.id, pair["target"].id)
    html = client.get(thread_url(pair["target"])).get_data(as_text=True)
    assert html.count('class="post post-merged"') == 3
    assert statements() == one


def test_duplicates_merged_earlier_follow_their_thread_when_it_is_merged_in_turn(
    app, client, auth, pair, make_user, make_complaint
):
    earlier = make_complaint(author=make_user("dan_e"), title="E24 on the dishwasher again")
    with app.app_context():
        moderation.merge(fresh(pair["root"]), earlier.id, pair["duplicate"].id)
    merge(client, auth, pair)
    html = client.get(thread_url(pair["target"])).get_data(as_text=True)
    assert "dan_e" in merged_post(html, earlier.id)
    assert "ben_k" in merged_post(html, pair["duplicate"].id)
    response = client.get(thread_url(earlier))
    assert response.headers["Location"] == f"{thread_url(pair['target'])}#complaint-{earlier.id}"


def test_the_author_who_wants_mail_about_their_own_complaints_gets_one(app, client, auth, pair):
    with app.app_context():
        db.session.execute(
            sa.update(User).where(User.id == pair["ben"].id).values(email_choice="own")
        )
        db.session.commit()
    merge(client, auth, pair)
    with app.app_context():
        sent = list(db.session.scalars(sa.select(MailMessage).where(MailMessage.kind == "merged")))
        assert [message.user_id for message in sent] == [pair["ben"].id]
        assert "was merged into" in sent[0].subject
