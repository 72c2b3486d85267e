"""Staff tools: finding a member (/mod/users), the queue's rendered posts and decisions
(/mod/queue), and the audit log's sentences (/mod/log), with their statement counts."""

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from forum.accounts.models import User
from forum.audit.models import AuditEntry
from forum.complaints.models import Answer, Complaint
from forum.db import utcnow
from forum.extensions import db
from forum.moderation import services as moderation
from forum.moderation import views as moderation_views
from forum.resolution import services as resolution
from tests.conftest import fresh


@pytest.fixture
def people(app, make_user):
    people = {
        "author": make_user("author", email="author@shop.example"),
        "staff": make_user("nina", role="staff"),
        "admin": make_user("root", role="admin"),
        "m1": make_user("member1"),
        "m2": make_user("member2"),
        "m3": make_user("member3"),
    }
    with app.app_context():
        db.session.execute(sa.update(User).values(created_at=utcnow() - timedelta(days=30)))
        db.session.commit()
    app.config["FLAG_WEIGHT_VISIBLE_POSTS"] = 0
    return people


def thread_url(complaint):
    return f"/complaints/{complaint.id}/{complaint.slug}"


def flash_text(client):
    """The flash messages the next page shows."""
    html = client.get("/mod/queue").get_data(as_text=True)
    return " ".join(re.findall(r'class="flash[^"]*"[^>]*>(.*?)</', html, re.S))


def flag(app, member, target_type, target_id, reason):
    with app.app_context():
        return moderation.flag(fresh(member), target_type, target_id, reason)


def visibility(app, model, ident):
    with app.app_context():
        return db.session.get(model, ident).visibility


# --- /mod/users --------------------------------------------------------------------------


def member_rows(html):
    """``{username: row html}`` of the members list."""
    return {
        name: row
        for row in html.split('<tr id="member-')[1:]
        for name in re.findall(r'href="/mod/users/\d+">([^<]+)</a>', row)[:1]
    }


def test_staff_find_members_by_name_or_email_with_status_role_and_counts(
    client, auth, people, make_complaint, make_answer, make_user, app
):
    complaint = make_complaint(author=people["author"])
    make_complaint(author=people["author"], title="A second complaint about the fridge")
    make_answer(complaint, author=people["m1"], body="Same here, twice.")
    flag(app, people["m1"], "complaint", complaint.id, "spam")
    flag(app, people["m2"], "complaint", complaint.id, "abusive")
    suspended, banned, gone = make_user("suzy"), make_user("barry"), make_user("goner")
    with app.app_context():
        moderation.suspend_for(fresh(people["staff"]), suspended.id, 7, "Cool off")
        moderation.ban(fresh(people["staff"]), banned.id, "Spam links")
        db.session.execute(sa.update(User).where(User.id == gone.id).values(deleted_at=utcnow()))
        db.session.commit()
    auth.login("nina")
    html = client.get("/mod/users").get_data(as_text=True)
    rows = member_rows(html)
    assert "9 members" in html
    author = rows["author"]
    assert f'href="/mod/users/{people["author"].id}"' in author
    assert "author@shop.example" in author
    assert re.search(r'data-label="Complaints">2<', author)
    assert re.search(r'data-label="Answers">0<', author)
    assert re.search(r'data-label="Reports received">2<', author)
    assert re.search(r'data-label="Answers">1<', rows["member1"])
    assert "Active" in author and ">Staff<" in rows["nina"] and ">Admin<" in rows["root"]
    assert "Suspended" in rows["suzy"] and "until" in rows["suzy"]
    assert "Banned" in rows["barry"]
    assert "deleted user" in rows and "Deleted" in rows["deleted user"]

    def names(query):
        return set(member_rows(client.get(f"/mod/users?{query}").get_data(as_text=True)))

    assert names("q=shop.example") == {"author"}  # by e-mail
    assert names("q=MEMBER") == {"member1", "member2", "member3"}  # by name, any case
    assert names("q=%25") == set()  # a LIKE wildcard is a character like any other
    assert names("status=suspended") == {"suzy"}
    assert names("status=banned") == {"barry"}
    assert names("status=deleted") == {"deleted user"}
    assert "suzy" not in names("status=active") and "author" in names("status=active")
    assert names("role=staff") == {"nina"}
    assert names("q=member&status=banned") == set()
    nothing = client.get("/mod/users?q=nobody-at-all").get_data(as_text=True)
    assert "No member matches" in nothing
    # An unknown status or role is ignored, not an error.
    assert len(names("status=bogus&role=bogus")) == 9
    # Linked from the staff pages.
    assert 'href="/mod/users"' in client.get("/mod/queue").get_data(as_text=True)
    assert 'href="/mod/users"' in client.get("/staff").get_data(as_text=True)


def test_the_members_list_is_paginated(client, auth, people, make_user, monkeypatch):
    monkeypatch.setattr(moderation_views, "MEMBERS_PAGE_SIZE", 4)
    for _ in range(4):
        make_user()
    auth.login("nina")
    first = client.get("/mod/users").get_data(as_text=True)
    assert "10 members" in first and "Page 1 of 3" in first and 'rel="next"' in first
    assert len(member_rows(first)) == 4
    last = client.get("/mod/users?page=3").get_data(as_text=True)
    assert len(member_rows(last)) == 2 and 'rel="prev"' in last and 'rel="next"' not in last
    seen = set()
    for page in (1, 2, 3):
        seen |= set(member_rows(client.get(f"/mod/users?page={page}").get_data(as_text=True)))
    assert len(seen) == 10
    assert client.get("/mod/users?page=4").status_code == 404


def test_members_and_visitors_cannot_list_members(client, auth, people):
    assert client.get("/mod/users").status_code == 302
    auth.login("member1")
    assert client.get("/mod/users").status_code == 403
    assert "author@shop.example" not in client.get("/mod/users").get_data(as_text=True)


# --- /mod/queue ------------------------------------------------------------------------


def test_the_queue_shows_reported_posts_rendered_and_sanitised_long_ones_folded(
    client, auth, people, make_complaint, make_answer, app
):
    short = make_complaint(
        author=people["author"],
        title="The kettle switch sticks every morning",
        body="The switch **sticks** and <script>alert(1)</script> the light stays on.",
    )
    long_body = "The dishwasher shows E24 and will not drain. " * 30 + "\n\nThe **end**."
    long = make_complaint(
        author=people["author"], title="Dishwasher E24 and no draining", body=long_body
    )
    flag(app, people["m1"], "complaint", short.id, "spam")
    flag(app, people["m1"], "complaint", long.id, "spam")
    auth.login("nina")
    html = client.get("/mod/queue").get_data(as_text=True)
    row = html.split(f'id="queue-complaint-{short.id}"')[1].split("</li>\n")[0]
    assert "<strong>sticks</strong>" in row and "**sticks**" not in row
    assert "<script>" not in row
    folded = html.split(f'id="queue-complaint-{long.id}"')[1].split('id="held-heading"')[0]
    preview = re.search(r'<p class="queue-preview"[^>]*>(.*?)</p>', folded, re.S).group(1)
    assert preview.startswith("The dishwasher shows E24") and preview.endswith("…")
    assert len(preview) <= 280
    assert "<details>" in folded and "Show the whole complaint" in folded
    assert "The <strong>end</strong>." in folded  # the whole post, rendered, inside


def decisions(html, key):
    """The labels of the buttons the queue offers for ``key`` ("complaint-7")."""
    block = html.split(f'data-queue-actions="{key}"')[1].split("</div>")[0]
    return re.findall(r'<button[^>]*type="submit">([^<]+)</button>', block)


def test_the_queue_offers_one_decision_per_state_each_back_to_the_queue(
    client, auth, people, make_complaint, make_answer, app
):
    reported = make_complaint(author=people["author"], title="Reported but still visible")
    hidden = make_complaint(author=people["author"], title="Hidden by three reports")
    answer = make_answer(reported, author=people["m3"], body="Held **until** approved.")
    with app.app_context():
        db.session.execute(
            sa.update(Answer).where(Answer.id == answer.id).values(visibility="pending")
        )
        db.session.commit()
    flag(app, people["m1"], "complaint", reported.id, "spam")
    for name in ("m1", "m2", "m3"):
        flag(app, people[name], "complaint", hidden.id, "spam")
    assert visibility(app, Complaint, hidden.id) == "hidden"
    auth.login("nina")
    html = client.get("/mod/queue").get_data(as_text=True)
    assert decisions(html, f"complaint-{reported.id}") == ["Dismiss reports (keep visible)", "Hide"]
    assert decisions(html, f"complaint-{hidden.id}") == ["Restore (show again)", "Keep hidden"]
    assert decisions(html, f"answer-{answer.id}") == ["Approve and publish", "Reject"]
    assert "Held <strong>until</strong> approved." in html

    def decide(path, **data):
        response = client.post(path, data=data)
        assert response.status_code == 303 and response.headers["Location"] == "/mod/queue"
        return flash_text(client)

    said = decide(f"/mod/queue/complaint/{reported.id}/dismiss")
    assert f"Reports dismissed: “{reported.title}” stays visible." in said
    assert visibility(app, Complaint, reported.id) == "visible"
    said = decide(f"/mod/queue/complaint/{hidden.id}/restore")
    assert f"Restored: “{hidden.title}” is public again" in said
    assert visibility(app, Complaint, hidden.id) == "visible"
    said = decide(f"/mod/queue/answer/{answer.id}/approve")
    assert f"Approved: The answer by member3 on “{reported.title}” is published." in said
    assert visibility(app, Answer, answer.id) == "visible"
    # The queue is empty of them now.
    html = client.get("/mod/queue").get_data(as_text=True)
    assert f"queue-complaint-{reported.id}" not in html and f"held-answer-{answer.id}" not in html
    # A decision on a page gone stale (the post was restored meanwhile) changes nothing.
    said = decide(f"/mod/queue/complaint/{hidden.id}/keep_hidden", reason="spam")
    assert "changed while the queue was open" in said
    assert visibility(app, Complaint, hidden.id) == "visible"


def test_keeping_hidden_hiding_and_rejecting_from_the_queue(
    client, auth, people, make_complaint, make_answer, app
):
    complaint = make_complaint(author=people["author"], title="Shop spam posted as a complaint")
    answer = make_answer(complaint, author=people["m1"], body="Buy cheap watches here.")
    held = make_answer(complaint, author=people["m2"], body="Visit my shop for deals.")
    with app.app_context():
        db.session.execute(
            sa.update(Answer).where(Answer.id == held.id).values(visibility="pending")
        )
        db.session.commit()
    for name in ("m1", "m2", "m3"):
        flag(app, people[name], "complaint", complaint.id, "spam")
    flag(app, people["m2"], "answer", answer.id, "spam")
    auth.login("nina")
    response = client.post(
        f"/mod/queue/complaint/{complaint.id}/keep_hidden", data={"reason": "spam"}
    )
    assert response.status_code == 303
    assert f"Kept hidden: “{complaint.title}” (spam); its reports are upheld." in flash_text(client)
    with app.app_context():
        kept = db.session.get(Complaint, complaint.id)
        assert kept.visibility == "hidden" and kept.moderated_at is not None
    client.post(f"/mod/queue/answer/{answer.id}/hide", data={"reason": "spam"})
    assert f"Hidden: The answer by member1 on “{complaint.title}” (spam)" in flash_text(client)
    assert visibility(app, Answer, answer.id) == "hidden"
    client.post(f"/mod/queue/answer/{held.id}/reject", data={"reason": "spam"})
    assert "Rejected: The answer by member2" in flash_text(client)
    assert visibility(app, Answer, held.id) == "deleted"


def test_a_refused_queue_decision_shows_the_queue_with_the_reason(
    client, auth, people, make_complaint, app
):
    complaint = make_complaint(author=people["author"], title="Rude staff at the counter")
    flag(app, people["m1"], "complaint", complaint.id, "abusive")
    auth.login("nina")
    # Hiding a complaint for abuse needs a second opinion: asked once, then refused.
    client.post(f"/mod/queue/complaint/{complaint.id}/hide", data={"reason": "abusive"})
    assert "Asked for a second opinion on hiding" in flash_text(client)
    assert visibility(app, Complaint, complaint.id) == "visible"
    response = client.post(f"/mod/queue/complaint/{complaint.id}/hide", data={"reason": "abusive"})
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert (
        f"Not done — “{complaint.title}”: A removal of this complaint is already waiting "
        "for approval." in html
    )
    assert "<h1>Moderation queue</h1>" in html
    # A reason staff may not remove for is a 400, with the queue again.
    response = client.post(f"/mod/queue/complaint/{complaint.id}/dismiss", data={})
    assert response.status_code == 303
    response = client.post(f"/mod/queue/complaint/{complaint.id}/hide", data={"reason": "other"})
    assert response.status_code == 400 and "Choose the reason" in response.get_data(as_text=True)


def test_the_queue_issues_the_same_statements_for_2_and_12_posts(
    client, auth, people, make_complaint, make_answer, app, count_queries
):
    counts = {}
    made = 0
    for total in (2, 12):
        while made < total:
            complaint = make_complaint(author=people["author"], title=f"Reported complaint {made}")
            answer = make_answer(complaint, author=people["m3"], body="A " * 400)
            flag(app, people["m1"], "complaint", complaint.id, "spam")
            flag(app, people["m2"], "answer", answer.id, "spam")
            made += 1
        auth.login("nina")
        with count_queries() as queries:
            page = client.get("/mod/queue")
        auth.logout()
        assert page.status_code == 200 and page.text.count("data-queue-actions=") == 2 * total
        counts[total] = len(queries)
    assert counts[2] == counts[12]


# --- /mod/log --------------------------------------------------------------------------


def log_sentences(client, path="/mod/log"):
    html = client.get(path).get_data(as_text=True)
    return [
        re.sub(r"<[^>]+>", "", sentence)
        for sentence in re.findall(r'<p class="log-sentence">(.*?)</p>', html, re.S)
    ]


def test_the_log_reads_as_sentences_with_links(
    client, auth, people, make_complaint, make_answer, make_category, app
):
    complaint = make_complaint(author=people["author"], title="Dishwasher E24 after the update")
    other = make_complaint(author=people["author"], title="Same E24 error on my dishwasher")
    target_category = make_category(name="Kitchen appliances")
    with app.app_context():
        staff = fresh(people["staff"])
        official = make_answer(complaint, author=people["staff"], body="A technician will call.")
        resolution.change_status(staff, fresh(complaint), "in_progress", note="On it")
        resolution.change_status(
            staff,
            fresh(complaint),
            "in_progress",
            promised_date=utcnow().date() + timedelta(days=3),
        )
        resolution.mark_official(staff, db.session.get(Answer, official.id))
        moderation.set_locked(staff, complaint.id, True)
        moderation.move(staff, complaint.id, target_category.id, "Right place")
        moderation.assign(staff, complaint.id, people["admin"].id)
        moderation.suspend_for(staff, people["m1"].id, 3, "Spam links")
        moderation.merge_into(fresh(people["admin"]), other.id, str(complaint.id), "Same fault")
    auth.login("nina")
    html = client.get("/mod/log").get_data(as_text=True)
    sentences = log_sentences(client)
    title, other_title = f"“{complaint.title}”", f"“{other.title}”"
    promised = utcnow().date() + timedelta(days=3)
    expected = [
        f"root merged {other_title} into {title}",
        "nina suspended member1 until",
        f"nina assigned {title} to root",
        f"nina moved {title} from Category 1 to Kitchen appliances",
        f"nina locked {title}",
        f"nina marked an answer by nina on {title} as the official answer",
        f"nina promised a resolution of {title} by {promised.day} {promised:%b} {promised.year}",
        f"nina changed the status of {title} from Open to In progress",
    ]
    assert len(sentences) == len(expected)
    for sentence, start in zip(sentences, expected, strict=True):
        assert sentence.startswith(start), (sentence, start)
    assert f'<a href="{thread_url(complaint)}">{title}</a>' in html
    assert f'<a href="{thread_url(complaint)}#answer-{official.id}">{title}</a>' in html
    assert f'<a href="/mod/users/{people["m1"].id}">member1</a>' in html
    assert '<a href="/c/' in html  # the categories
    # Times read "… ago", the exact time in the <time> element.
    assert re.search(
        r'<time datetime="\d{4}-\d\d-\d\dT[^"]+" title="[^"]+UTC">just now</time>', html
    )
    assert "{&#34;" not in html and '{"status"' not in html  # no raw JSON
    assert "“On it”" in html and "“Same fault”" in html  # reasons, quoted
    # Filter by kind and by who.
    assert log_sentences(client, "/mod/log?kind=accounts") == [
        s for s in sentences if " suspended " in s
    ]
    assert all(s.startswith("root ") for s in log_sentences(client, "/mod/log?actor=root"))


def test_the_log_names_what_is_gone(client, auth, people, make_complaint, app):
    complaint = make_complaint(author=people["author"])
    with app.app_context():
        db.session.add_all(
            [
                AuditEntry(actor_id=people["staff"].id, action="hide", target_type="complaint",
                           target_id=99_999, after={"moderation_reason": "spam"}),
                AuditEntry(actor_id=people["staff"].id, action="edit", target_type="answer",
                           target_id=88_888),
                AuditEntry(actor_id=None, action="auto_hide", target_type="complaint",
                           target_id=complaint.id),
                AuditEntry(actor_id=people["staff"].id, action="ban", target_type="user",
                           target_id=77_777),
                AuditEntry(actor_id=people["staff"].id, action="something_new",
                           target_type="complaint", target_id=complaint.id),
            ]
        )  # fmt: skip
        db.session.execute(
            sa.update(User).where(User.id == people["staff"].id).values(deleted_at=utcnow())
        )
        db.session.commit()
    auth.login("root")
    assert log_sentences(client) == [
        f"deleted user something new: “{complaint.title}”",
        "deleted user banned an account that no longer exists (#77777)",
        f"Members’ reports hid “{complaint.title}” pending review",
        "deleted user edited an answer that no longer exists (#88888)",
        "deleted user hid a complaint that no longer exists (#99999) as spam",
    ]
    html = client.get("/mod/log").get_data(as_text=True)
    assert '<span class="log-gone">a complaint that no longer exists (#99999)</span>' in html


def test_the_log_is_paginated(client, auth, people, app):
    with app.app_context():
        for number in range(51):
            db.session.add(
                AuditEntry(actor_id=people["staff"].id, action="lock", target_type="complaint",
                           target_id=number, created_at=utcnow() - timedelta(minutes=number))
            )  # fmt: skip
        db.session.commit()
    auth.login("nina")
    first = client.get("/mod/log").get_data(as_text=True)
    assert first.count('class="log-entry"') == 50 and 'rel="next"' in first
    second = client.get("/mod/log?page=2").get_data(as_text=True)
    assert second.count('class="log-entry"') == 1 and "(#50)" in second and 'rel="prev"' in second
    assert client.get("/mod/log?page=3").status_code == 404


# --- Statement counts --------------------------------------------------------------------


def test_members_and_log_pages_issue_the_same_statements_for_5_and_50_rows(
    client, auth, people, make_user, make_complaint, make_answer, app, count_queries
):
    counts = {}
    for n in (5, 50):
        with app.app_context():
            db.session.execute(sa.delete(AuditEntry))
            db.session.commit()
        for number in range(n):
            member = make_user(f"m{n}x{number}")
            complaint = make_complaint(author=member, title=f"Complaint number {number} of {n}")
            answer = make_answer(complaint, author=member, body="An answer of mine.")
            with app.app_context():
                staff = fresh(people["staff"])
                resolution.change_status(staff, fresh(complaint), "acknowledged")
                moderation.set_pinned(staff, complaint.id, True)
                moderation.edit_post(staff, "answer", answer.id, "An answer, edited.", None)
                moderation.suspend_for(staff, member.id, 2, "Cool off")
        auth.login("nina")
        with count_queries() as users:
            page = client.get("/mod/users")
        assert page.status_code == 200
        with count_queries() as log:
            page = client.get("/mod/log")
        assert page.status_code == 200 and page.text.count('class="log-entry"') == min(4 * n, 50)
        auth.logout()
        counts[n] = (len(users), len(log))
    assert counts[5] == counts[50]


def test_the_log_tells_category_changes_by_admins_and_the_command_line(client, auth, people, app):
    from forum.complaints import categories

    with app.app_context():
        admin = fresh(people["admin"])
        kettles = categories.create_category(admin, name="Kettles")
        categories.edit_category(admin, kettles.id, name="Kettles and toasters")
        categories.archive_category(admin, kettles.id)
        categories.unarchive_category(None, kettles.id)
        old = categories.create_category(None, name="Old range")
        categories.merge_categories(admin, old.id, kettles.id)
        spare = categories.create_category(admin, name="Spare parts")
        categories.delete_category(admin, spare.id)
        kettles_path = f"/c/{fresh(kettles).slug}"
    auth.login("nina")
    sentences = log_sentences(client, "/mod/log?kind=categories")
    assert sentences == [
        "root deleted the category Spare parts",
        "root created the category Spare parts",
        "root merged the category Old range into the category Kettles and toasters",
        "The command line created the category Old range",
        "The command line brought back the category Kettles and toasters from the archive",
        "root archived the category Kettles and toasters",
        "root renamed the category Kettles to the category Kettles and toasters",
        "root created the category Kettles and toasters",
    ]
    html = client.get("/mod/log?kind=categories").get_data(as_text=True)
    assert '<span class="log-gone">the category Spare parts</span>' in html
    assert f'<a href="{kettles_path}">the category Kettles and toasters</a>' in html
