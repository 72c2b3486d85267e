"""Every state-changing route, for every kind of visitor: the expected status, in one table.

``test_every_state_changing_route_has_a_row`` reads the routes from ``app.url_map``, so a
new POST route without a row here fails the suite instead of going unchecked.
"""

import re
import shutil
from collections import defaultdict
from datetime import timedelta

import pytest
import sqlalchemy as sa

from forum import mail
from forum.accounts import registration
from forum.accounts import services as accounts
from forum.accounts.models import User
from forum.admin import staff_accounts
from forum.complaints import services as complaint_services
from forum.complaints.models import Answer
from forum.db import utcnow
from forum.extensions import db
from forum.moderation import services as moderation
from forum.moderation.models import RemovalRequest
from forum.notifications.models import Notification
from forum.resolution import services as resolution
from tests.background import drain_background_work
from tests.conftest import _PASSWORD_HASH, PASSWORD, _empty_tables, fresh

ROLES = ("anonymous", "member", "author", "staff", "admin")
STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}
NEW_PASSWORD = "another horse battery staple"

# What the placeholders name (see ``world``): {c} a complaint by "author"; {a} an answer by
# "author" on it; {s} a staff answer on it; {p} an answer held for approval; {d} another
# member's complaint (a duplicate); {r} the author's complaint that staff resolved
# ("member" is affected by it too); {req} a removal, requested by another staff member,
# awaiting a second opinion; {n} a notification for the author; {unsubscribe} and {reset}
# the tokens of e-mailed links, and {register} that of a link creating an account.
#
# route (with placeholders), form data, expected status for each role:
#                                                      anon member author staff admin
TABLE = [
    # Accounts: signing up and in is for visitors; signed-in people are sent home.
    ("POST /register", {"username": "newcomer", "email": "newcomer@example.org",
                        "password": PASSWORD}, (303, 302, 302, 302, 302)),
    ("POST /login", {"login": "helper", "password": PASSWORD}, (303, 302, 302, 302, 302)),
    ("POST /logout", {}, (303, 303, 303, 303, 303)),
    ("POST /reset-password", {"email": "helper@example.org"}, (303, 303, 303, 303, 303)),
    # The signed token is the proof, whoever holds it.
    ("POST /reset-password/{reset}", {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
     (303, 303, 303, 303, 303)),
    ("POST /register/confirm/{register}", {}, (303, 303, 303, 303, 303)),
    ("POST /account/email", {"email": "moved@example.org", "current_password": PASSWORD},
     (302, 303, 303, 303, 303)),
    ("POST /account/password", {"current_password": PASSWORD, "new_password": NEW_PASSWORD},
     (302, 303, 303, 303, 303)),
    ("POST /account/delete", {"password": PASSWORD}, (302, 303, 303, 303, 303)),
    # The language menu: saved with the account, or kept in a visitor's cookie.
    ("POST /language", {"language": "de", "next": "/"}, (303, 303, 303, 303, 303)),
    # Complaints and answers.
    ("POST /complaints/new", "new", (302, 303, 303, 303, 303)),
    ("POST /complaints/{c}/edit", "edit", (302, 403, 303, 403, 403)),
    ("POST /complaints/{c}/answers", {"body": "Same here."}, (302, 303, 303, 303, 303)),
    ("POST /answers/{a}/edit", {"body": "Changed text."}, (302, 403, 303, 403, 403)),
    ("POST /complaints/{c}/vote", {"value": "1"}, (302, 303, 403, 303, 303)),
    ("POST /answers/{a}/vote", {"value": "1"}, (302, 303, 403, 303, 303)),
    # The resolution loop.
    ("POST /answers/{a}/accept", {}, (302, 403, 303, 303, 303)),
    ("POST /answers/{s}/official", {}, (302, 403, 403, 303, 303)),
    ("POST /complaints/{c}/status", {"status": "resolved"}, (302, 403, 303, 303, 303)),
    ("POST /complaints/{c}/status", {"status": "in_progress"}, (302, 403, 403, 303, 303)),
    ("POST /complaints/{r}/resolution", {"action": "confirm"}, (302, 403, 303, 403, 403)),
    ("POST /complaints/{r}/fixed", {"value": "yes"}, (302, 303, 403, 403, 403)),
    ("POST /complaints/{r}/review", {"rating": "4", "would_return": "yes"},
     (302, 403, 303, 403, 403)),
    ("POST /complaints/{r}/review/decline", {}, (302, 403, 303, 403, 403)),
    # Following and notifications (marking someone else's notification read is a no-op).
    ("POST /complaints/{c}/follow", {"value": "1"}, (302, 303, 303, 303, 303)),
    ("POST /notifications/{n}/read", {}, (302, 303, 303, 303, 303)),
    ("POST /notifications/read-all", {}, (302, 303, 303, 303, 303)),
    ("POST /settings/notifications", {"email_choice": "digest"}, (302, 303, 303, 303, 303)),
    # One click from an e-mail, signed in or not (RFC 8058).
    ("POST /unsubscribe/{unsubscribe}", {}, (200, 200, 200, 200, 200)),
    ("POST /search/solved-it/{r}", {}, (302, 303, 303, 303, 303)),
    # Markdown previews: any member, nothing written; the edit forms' keep their rules.
    ("POST /preview", {"body": "**Bold**"}, (302, 200, 200, 200, 200)),
    ("POST /complaints/{c}/edit", {"body": "**Bold**", "preview": "1"}, (302, 403, 200, 403, 403)),
    # Reports: members, never on their own posts.
    ("POST /complaints/{c}/flag", {"reason": "spam"}, (302, 303, 403, 303, 303)),
    ("POST /answers/{a}/flag", {"reason": "spam"}, (302, 303, 403, 303, 303)),
    # Moderation: staff and admins.
    ("POST /mod/answer/{p}/approve", {}, (302, 403, 403, 303, 303)),
    ("POST /mod/complaint/{c}/dismiss", {}, (302, 403, 403, 303, 303)),
    ("POST /mod/complaint/{c}/hide", {"reason": "abusive"}, (302, 403, 403, 303, 303)),
    ("POST /mod/answer/{a}/delete", {"reason": "spam"}, (302, 403, 403, 303, 303)),
    ("POST /mod/answer/{p}/restore", {}, (302, 403, 403, 303, 303)),
    ("POST /mod/requests/{req}", {"decision": "approve"}, (302, 403, 403, 303, 303)),
    # The queue's decisions come back to the queue (a post in another state: a notice).
    ("POST /mod/queue/complaint/{c}/dismiss", {}, (302, 403, 403, 303, 303)),
    ("POST /mod/queue/answer/{a}/hide", {"reason": "spam"}, (302, 403, 403, 303, 303)),
    ("POST /mod/queue/answer/{a}/restore", {}, (302, 403, 403, 303, 303)),
    ("POST /mod/queue/answer/{a}/keep_hidden", {"reason": "spam"}, (302, 403, 403, 303, 303)),
    ("POST /mod/queue/answer/{p}/approve", {}, (302, 403, 403, 303, 303)),
    ("POST /mod/queue/answer/{p}/reject", {"reason": "spam"}, (302, 403, 403, 303, 303)),
    ("POST /mod/complaint/{c}/edit", {"title": "{title}", "body": "Edited by staff for clarity.",
                                      "reason": "typo"}, (302, 403, 403, 303, 303)),
    ("POST /mod/answer/{a}/edit", {"body": "Edited by staff."}, (302, 403, 403, 303, 303)),
    ("POST /mod/complaint/{c}/redact", {"title": "{title}", "body": "Call me on [redacted]."},
     (302, 403, 403, 303, 303)),
    ("POST /mod/answer/{a}/redact", {"body": "Mail [redacted]."}, (302, 403, 403, 303, 303)),
    # Taking one photo off a post: staff only (no photo has this id: staff get 404).
    ("POST /media/photos/999999/remove", {}, (302, 403, 403, 404, 404)),
    ("POST /mod/complaints/{c}/lock", {}, (302, 403, 403, 303, 303)),
    ("POST /mod/complaints/{c}/unlock", {}, (302, 403, 403, 303, 303)),
    ("POST /mod/complaints/{c}/pin", {}, (302, 403, 403, 303, 303)),
    ("POST /mod/complaints/{c}/unpin", {}, (302, 403, 403, 303, 303)),
    ("POST /mod/complaints/{c}/move", {"category": "{category2}"}, (302, 403, 403, 303, 303)),
    ("POST /mod/complaints/{d}/merge", {"target": "{c}"}, (302, 403, 403, 303, 303)),
    ("POST /mod/complaints/{c}/notes", {"body": "Escalated."}, (302, 403, 403, 303, 303)),
    ("POST /mod/complaints/{c}/assign", {"assignee": "{staff_id}"}, (302, 403, 403, 303, 303)),
    ("POST /mod/users/{helper_id}/suspend", {"days": "3", "reason": "Spam links"},
     (302, 403, 403, 303, 303)),
    ("POST /mod/users/{helper_id}/ban", {"reason": "Spam links"}, (302, 403, 403, 303, 303)),
    ("POST /mod/users/{helper_id}/lift", {}, (302, 403, 403, 303, 303)),
    ("POST /mod/users/{helper_id}/role", {"role": "staff"}, (302, 403, 403, 403, 303)),
    # Administration: admins only.
    ("POST /admin/categories", {"name": "Garden tools"}, (302, 403, 403, 403, 303)),
    ("POST /admin/categories/new", {"name": "Garden tools"}, (302, 403, 403, 403, 303)),
    ("POST /admin/categories/{category}/edit", {"name": "Kitchen"}, (302, 403, 403, 403, 303)),
    ("POST /admin/categories/{category2}/archive", {}, (302, 403, 403, 403, 303)),
    ("POST /admin/categories/{category2}/unarchive", {}, (302, 403, 403, 403, 303)),
    ("POST /admin/categories/{category2}/merge", {"target": "{category}"},
     (302, 403, 403, 403, 303)),
    ("POST /admin/categories/{empty_category}/delete", {}, (302, 403, 403, 403, 303)),
    ("POST /admin/settings", "settings", (302, 403, 403, 403, 303)),
    ("POST /admin/settings/test-email", {"to": "ops@example.org"}, (302, 403, 403, 403, 303)),
    ("POST /admin/staff", {"username": "helper", "role": "staff", "reason": "Answers well"},
     (302, 403, 403, 403, 303)),
    ("POST /admin/staff/{helper_id}/role", {"role": "staff", "reason": "Answers well"},
     (302, 403, 403, 403, 303)),
    ("POST /admin/staff/invite", {"email": "hire@example.org", "role": "staff"},
     (302, 403, 403, 403, 303)),
    ("POST /admin/staff/invitations/{invitation}/revoke", {}, (302, 403, 403, 403, 303)),
    # A staff invitation's link is the proof: a visitor makes the invited account with it;
    # anyone signed in with another address is refused.
    ("POST /staff-invitations/{staff_invite}", {"username": "hired", "password": PASSWORD},
     (303, 403, 403, 403, 403)),
    # Staff pages, and the review form that only the author of a resolved complaint gets.
    ("GET /mod/queue", None, (302, 403, 403, 200, 200)),
    ("GET /mod/log", None, (302, 403, 403, 200, 200)),
    ("GET /mod/users", None, (302, 403, 403, 200, 200)),
    ("GET /staff", None, (302, 403, 403, 200, 200)),
    ("GET /staff/insights", None, (302, 403, 403, 200, 200)),
    ("GET /complaints/{c}/review", None, (302, 403, 403, 403, 403)),
    ("GET /complaints/{r}/review", None, (302, 403, 200, 403, 403)),
]  # fmt: skip

# A restricted account signs in and reads, and manages its own account and inbox, but
# changes nothing in public and has no staff powers: a suspended author and a banned
# staff member answer 403 to every other row (the rows' "member" status here).
RESTRICTED = ("suspended author", "banned staff")
RESTRICTED_MAY = {
    "POST /register",
    "POST /login",
    "POST /logout",
    "POST /reset-password",
    "POST /reset-password/{reset}",
    "POST /register/confirm/{register}",
    "POST /account/email",
    "POST /account/password",
    "POST /account/delete",
    "POST /notifications/{n}/read",
    "POST /notifications/read-all",
    "POST /settings/notifications",
    "POST /language",
    "POST /unsubscribe/{unsubscribe}",
}


def _restricted_status(route, statuses):
    return statuses[ROLES.index("member")] if route in RESTRICTED_MAY else 403


CASES = [
    pytest.param(route, data, role, statuses[index], id=f"{route}-{role}-{index_row}")
    for index_row, (route, data, statuses) in enumerate(TABLE)
    for index, role in enumerate(ROLES)
] + [
    pytest.param(route, data, role, _restricted_status(route, statuses), id=f"{route}-{role}")
    for route, data, statuses in TABLE
    for role in RESTRICTED
]

LOGINS = {
    "member": "member",
    "author": "author",
    "staff": "nina",
    "admin": "root",
    "suspended author": "author",
    "banned staff": "nina",
}


# --- The table covers every state-changing route ---------------------------------------

_ANY = re.compile(r"<any\(([^)]*)\):(\w+)>")


def _required(app):
    """What the table must cover: each state-changing endpoint and, for a rule like
    ``/mod/<any(lock, unlock):action>``, each value of each ``any`` part."""
    required = set()
    for rule in app.url_map.iter_rules():
        for method in sorted(rule.methods & STATE_CHANGING):
            required.add((method, rule.endpoint, None, None))
            for items, name in _ANY.findall(rule.rule):
                for item in items.split(","):
                    required.add((method, rule.endpoint, name, item.strip().strip("\"'")))
    return required


def _covered(app):
    adapter = app.url_map.bind("localhost")
    covered = set()
    for route, _data, _statuses in TABLE:
        method, path = route.split(" ", 1)
        # Any value matches an id or a token; what matters is the route it reaches.
        endpoint, args = adapter.match(path.format_map(defaultdict(lambda: "1")), method=method)
        covered.add((method, endpoint, None, None))
        covered.update((method, endpoint, name, str(value)) for name, value in args.items())
    return covered


def test_every_state_changing_route_has_a_row(app):
    missing = sorted(_required(app) - _covered(app), key=str)
    assert not missing, "state-changing routes without a row in TABLE: " + ", ".join(
        f"{method} {endpoint}" + (f" ({name}={value})" if name else "")
        for method, endpoint, name, value in missing
    )
    # The table is as long as the routes need: ~38 rules, some with several actions.
    assert len({key[:2] for key in _required(app)}) >= 38


def test_the_self_check_notices_a_new_route(app):
    """A POST route added without a row is reported by name."""
    app.add_url_rule("/brand-new/<id:thing_id>", "brand_new", lambda thing_id: "", methods=["POST"])
    assert ("POST", "brand_new", None, None) in _required(app) - _covered(app)


# --- Each row, for each role ------------------------------------------------------------


# The world is built once per database through the services, then copied into each test's
# emptied tables and instance folder: building it took a quarter of a second a test, over
# 287 tests a run.
_built = {}  # database URL -> (world, {table: rows}, instance folder copy)


def _copy_rows(app):
    with app.app_context():
        return {
            table.name: [dict(row._mapping) for row in db.session.execute(table.select())]
            for table in db.metadata.sorted_tables
        }


def _restore(app, rows, instance_copy):
    with app.app_context():
        for table in db.metadata.sorted_tables:
            if rows[table.name]:
                db.session.execute(table.insert(), rows[table.name])
        if db.engine.dialect.name == "postgresql":  # the ids go on after the copied rows
            for table in db.metadata.sorted_tables:
                if rows[table.name] and "id" in table.c and table.c.id.autoincrement:
                    db.session.execute(
                        sa.text(
                            f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                            f'(SELECT max(id) FROM "{table.name}"))'
                        )
                    )
        db.session.commit()
    shutil.copytree(instance_copy, app.instance_path, dirs_exist_ok=True)


@pytest.fixture
def world(app, tmp_path_factory, make_user, make_category, make_complaint, make_answer):
    """One of everything a route in the table acts on."""
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if url in _built:
        built, rows, instance_copy = _built[url]
        _restore(app, rows, instance_copy)
        return dict(built)
    built = _build_world(app, make_user, make_category, make_complaint, make_answer)
    # The search index is copied whole: not while a thread is still writing to it.
    drain_background_work()
    instance_copy = tmp_path_factory.mktemp("world-instance")
    shutil.copytree(app.instance_path, instance_copy, dirs_exist_ok=True)
    _built[url] = (built, _copy_rows(app), instance_copy)
    return dict(built)


def _build_world(app, make_user, make_category, make_complaint, make_answer):
    users = {
        "member": make_user("member"),
        "author": make_user("author"),
        "staff": make_user("nina", role="staff"),
        "admin": make_user("root", role="admin"),
        "helper": make_user("helper"),
        "second_staff": make_user("olga", role="staff"),
    }
    category = make_category()
    other_category = make_category()
    empty_category = make_category()
    complaint = make_complaint(author=users["author"], category=category)
    answer = make_answer(complaint, author=users["author"], body="Update: still broken.")
    staff_answer = make_answer(complaint, author=users["staff"], body="We are on it.")
    held = make_answer(complaint, author=users["helper"], body="Try the reset button.")
    duplicate = make_complaint(
        author=users["helper"], category=category, title="The fridge stopped cooling again"
    )
    disputed = make_complaint(
        author=users["helper"], category=category, title="The shop is run by crooks"
    )
    resolved = make_complaint(
        author=users["author"], category=category, title="The oven door shattered", rating=2
    )
    with app.app_context():
        db.session.execute(
            sa.update(Answer).where(Answer.id == held.id).values(visibility="pending")
        )
        db.session.commit()
        complaint_services.vote_on_complaint(fresh(users["member"]), fresh(resolved), 1)
        resolution.change_status(fresh(users["staff"]), fresh(resolved), "resolved")
        moderation.remove(fresh(users["second_staff"]), "complaint", disputed.id, "hide", "abusive")
        request_id = db.session.scalar(sa.select(RemovalRequest.id))
        notification_id = db.session.scalar(
            sa.select(Notification.id).where(Notification.user_id == users["author"].id)
        )
        reset_token = accounts.password_reset_token(fresh(users["helper"]))
        register_token = registration.registration_token(
            "joiner", "joiner@example.org", _PASSWORD_HASH
        )
        unsubscribe_token = mail.unsubscribe_token(users["author"].id)
        links = []
        invitation_id = staff_accounts.invite(
            fresh(users["admin"]), "hire.me@example.org", "staff", links.append
        ).id
    assert request_id and notification_id
    return {
        "c": complaint.id,
        "a": answer.id,
        "s": staff_answer.id,
        "p": held.id,
        "d": duplicate.id,
        "r": resolved.id,
        "req": request_id,
        "n": notification_id,
        "reset": reset_token,
        "register": register_token,
        "unsubscribe": unsubscribe_token,
        "invitation": invitation_id,
        "staff_invite": links[0],
        "helper_id": users["helper"].id,
        "staff_id": users["staff"].id,
        "category": category.id,
        "category2": other_category.id,
        "empty_category": empty_category.id,
        "title": complaint.title,
    }


def _form(data, world):
    if data == "edit":
        data = {
            "title": world["title"],
            "body": "A rewritten description of the problem.",
            "category": str(world["category"]),
            "desired_outcome": "refund",
        }
    elif data == "new":
        data = {
            "title": "The dishwasher leaves everything gritty",
            "body": "Since the last service visit every load comes out covered in grit.",
            "category": str(world["category"]),
            "desired_outcome": "repair",
            "not_my_problem": "1",
        }
    elif data == "settings":
        data = {
            "site_name": "Brightwell help", "tagline": "Answers in public.",
            "guidelines": "Be kind.", "about": "About us.", "privacy": "We keep little.",
            "registration": "open", "default_language": "en", "flag_threshold": "3",
            "review_prompt_delay_hours": "24",
            "new_account_hours": "24", "new_account_min_posts": "3",
            "new_account_max_links": "2", "new_account_posts_per_hour": "5",
        }  # fmt: skip
    return {key: value.format(**world) for key, value in (data or {}).items()}


@pytest.mark.parametrize(("route", "data", "role", "expected"), CASES)
def test_route_answers_each_role_as_expected(app, client, auth, world, route, data, role, expected):
    method, path = route.split(" ", 1)
    path = path.format(**world)
    if role in RESTRICTED:
        with app.app_context():
            _restrict(LOGINS[role], banned=role == "banned staff")
    if role in LOGINS:
        assert auth.login(LOGINS[role]).status_code == 303
    response = client.open(path, method=method, data=_form(data, world) if data else data)
    assert response.status_code == expected, response.get_data(as_text=True)[:500]
    if expected == 302 and role == "anonymous":
        assert "/login" in response.headers["Location"]


def _restrict(username, banned):
    """Suspend or ban the account in the copied world (the next test copies it afresh)."""
    values = {"banned": True} if banned else {"suspended_until": utcnow() + timedelta(days=3)}
    db.session.execute(sa.update(User).where(User.username == username).values(**values))
    db.session.commit()


def test_the_copied_world_is_the_built_one(app, world, make_user):
    """A world copied into emptied tables equals the one the services built (rows and
    all), and new rows after it get new ids. (Copied here whatever ran before: alone,
    this test's own world is the built one.)"""
    built, rows, instance_copy = _built[app.config["SQLALCHEMY_DATABASE_URI"]]
    assert world == built
    with app.app_context():
        _empty_tables()
        assert not any(_copy_rows(app).values())
    _restore(app, rows, instance_copy)
    assert _copy_rows(app) == rows
    assert len(rows["complaint"]) == 4 and len(rows["answer"]) == 3
    newcomer = make_user("newcomer")
    assert newcomer.id > max(row["id"] for row in rows["user"])
