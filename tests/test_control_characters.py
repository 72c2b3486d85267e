"""Control characters from the wire: stripped from form values and query arguments, and a
path carrying one is a 404, on SQLite and PostgreSQL alike (PostgreSQL refuses a NUL in
any text value: those requests answered 500 and lost what was typed)."""

import html

import pytest
import sqlalchemy as sa

from forum.complaints.models import Answer, Complaint
from forum.extensions import db
from forum.incoming import strip_controls
from forum.mail import MailMessage
from forum.moderation.models import Flag, InternalNote
from forum.resolution import services as resolution
from forum.resolution.models import ComplaintEvent, ReviewRevision
from tests.conftest import PASSWORD, fresh

NUL = "\x00"
# A NUL, other C0 controls, and DEL.
CONTROLS = ["\x00", "\x01", "\x08", "\x0b", "\x1b", "\x1f", "\x7f"]


@pytest.fixture
def world(app, make_user, make_category, make_complaint, make_answer):
    member = make_user("rosa_m")
    staff = make_user("sam_staff", role="staff")
    category = make_category(slug="kitchen")
    complaint = make_complaint(author=member, category=category)
    answer = make_answer(complaint, author=member)
    with app.app_context():
        resolution.change_status(fresh(staff), fresh(complaint), "resolved")
    return {"member": member, "staff": staff, "category": category, "complaint": complaint,
            "answer": answer}  # fmt: skip


def signed_in(app, username):
    client = app.test_client()
    if username:
        client.post("/login", data={"login": username, "password": PASSWORD})
    return client


def test_strip_controls_keeps_tabs_line_breaks_and_every_other_character():
    typed = "a\x00b\x01c\x1fd\x7fe\tf\ng\r\nh é 漢字 \u200b\U0001f600"
    assert strip_controls(typed) == "abcde\tf\ng\r\nh é 漢字 \u200b\U0001f600"
    assert strip_controls(None) is None


def test_form_values_and_query_arguments_arrive_without_control_characters(app):
    seen = {}

    @app.post("/echo")
    def echo():
        from flask import request

        seen.update(args=request.args.to_dict(flat=False), form=request.form.to_dict(flat=False))
        return ""

    app.test_client().post(
        "/echo?q=fr%00idge&q=a%01b&na%1bme=x",
        data={"body": "one\x00two\tthree\nfour", "title": ["x\x7fy", "z"]},
    )
    assert seen["args"] == {"q": ["fridge", "ab"], "name": ["x"]}
    assert seen["form"] == {"body": ["onetwo\tthree\nfour"], "title": ["xy", "z"]}


# --- Forms refused for another reason come back with what was typed, minus controls -----

RE_RENDERED = [
    pytest.param(
        None, "/login", {"login": f"ro{NUL}sa_m", "password": f"wrong{NUL}"}, 401,
        ['value="rosa_m"'], id="sign-in",
    ),
    pytest.param(
        None, "/register",
        {"username": f"new{NUL}bie", "email": f"new{NUL}bie@example.org", "password": "short"},
        422, ['value="newbie"', 'value="newbie@example.org"'], id="register",
    ),
    pytest.param(
        None, "/reset-password", {"email": f"ro{NUL}sa"}, 422, ['value="rosa"'], id="reset",
    ),
    pytest.param(
        "rosa_m", "/complaints/new",
        {"title": f"The kettle{NUL} leaks", "body": f"Too{NUL} short", "category": "",
         "desired_outcome": "refund"},
        422, ['value="The kettle leaks"', "Too short</textarea>"], id="new-complaint",
    ),
    pytest.param(
        "sam_staff", "/complaints/{complaint}/answers", {"body": f"N{NUL}"}, 422,
        ["\nN</textarea>"], id="answer",
    ),
    pytest.param(
        "rosa_m", "/complaints/{complaint}/edit",
        {"title": f"Fr{NUL}idge", "body": f"Still{NUL} warm", "desired_outcome": "refund"},
        422, ['value="Fridge"', "Still warm</textarea>"], id="edit-complaint",
    ),
    pytest.param(
        "rosa_m", "/answers/{answer}/edit", {"body": f"N{NUL}"}, 422, ["\nN</textarea>"],
        id="edit-answer",
    ),
    pytest.param(
        "sam_staff", "/complaints/{complaint}/flag",
        {"reason": "other", "details": "x" * 1000 + NUL + "y"}, 422,
        ["x" * 1000 + "y</textarea>"], id="flag",
    ),
    pytest.param(
        "rosa_m", "/complaints/{complaint}/review",
        {"rating": "", "review": f"Fixed{NUL} at last", "would_return": "yes"}, 422,
        ["Fixed at last</textarea>"], id="review",
    ),
]  # fmt: skip


def _path(template, world):
    return template.format(complaint=world["complaint"].id, answer=world["answer"].id)


@pytest.mark.parametrize(("who", "path", "data", "status", "shown"), RE_RENDERED)
def test_a_refused_form_comes_back_with_what_was_typed_minus_control_characters(
    app, world, who, path, data, status, shown
):
    response = signed_in(app, who).post(_path(path, world), data=data)
    assert response.status_code == status
    page = html.unescape(response.get_data(as_text=True))
    for text in shown:
        assert text in page


# --- Accepted forms store the text without control characters ------------------------


def _one(statement):
    return db.session.execute(statement).one()


LANDED = [
    pytest.param(
        None, "/register",
        {"username": f"new{NUL}bie", "email": f"new{NUL}bie@example.org",
         "password": f"a long enough{NUL} password"},
        # The link that creates the account goes to the address, for the username.
        lambda w: _one(sa.select(MailMessage.to_address).where(
            MailMessage.kind == "account", MailMessage.body.contains("account newbie with"))),
        ("newbie@example.org",), id="register",
    ),
    pytest.param(
        None, "/reset-password", {"email": f"rosa{NUL}_m@example.org"},
        lambda w: _one(sa.select(MailMessage.to_address).where(MailMessage.kind == "account")),
        ("rosa_m@example.org",), id="reset",
    ),
    pytest.param(
        "rosa_m", "/complaints/new",
        {"title": f"The kettle{NUL} leaks\x1b everywhere",
         "body": f"It leaks{NUL} all over the counter,\n\tevery\x07 morning.",
         "category": "{category}", "desired_outcome": "refund",
         "review": f"Poor{NUL}.", "private_details": f"Order{NUL} 12"},
        lambda w: _one(
            sa.select(Complaint.title, Complaint.body_source, Complaint.review,
                      Complaint.private_details).order_by(Complaint.id.desc()).limit(1)
        ),
        ("The kettle leaks everywhere", "It leaks all over the counter,\n\tevery morning.",
         "Poor.", "Order 12"),
        id="new-complaint",
    ),
    pytest.param(
        "sam_staff", "/complaints/{complaint}/answers", {"body": f"Same{NUL} here, mine too"},
        lambda w: _one(sa.select(Answer.body_source).order_by(Answer.id.desc()).limit(1)),
        ("Same here, mine too",), id="answer",
    ),
    pytest.param(
        "rosa_m", "/complaints/{complaint}/edit",
        {"title": f"The fridge{NUL} stopped cooling", "category": "{category}",
         "body": f"Since 10 March{NUL} it does not cool at all, nothing helps.",
         "desired_outcome": "refund"},
        lambda w: _one(sa.select(Complaint.title, Complaint.body_source)
                       .where(Complaint.id == w["complaint"].id)),
        ("The fridge stopped cooling", "Since 10 March it does not cool at all, nothing helps."),
        id="edit-complaint",
    ),
    pytest.param(
        "rosa_m", "/answers/{answer}/edit", {"body": f"Reset{NUL} it twice"},
        lambda w: _one(sa.select(Answer.body_source).where(Answer.id == w["answer"].id)),
        ("Reset it twice",), id="edit-answer",
    ),
    pytest.param(
        "sam_staff", "/complaints/{complaint}/flag", {"reason": "other", "details": f"Ru{NUL}de"},
        lambda w: _one(sa.select(Flag.details)), ("Rude",), id="flag",
    ),
    pytest.param(
        "rosa_m", "/complaints/{complaint}/review",
        {"rating": "4", "review": f"Fixed{NUL} at last", "would_return": "yes"},
        lambda w: _one(sa.select(ReviewRevision.review).order_by(ReviewRevision.id.desc())
                       .limit(1)),
        ("Fixed at last",), id="review",
    ),
    pytest.param(
        "sam_staff", "/complaints/{complaint}/status",
        {"status": "closed", "note": f"Closed{NUL} after the repair"},
        lambda w: _one(sa.select(ComplaintEvent.note).where(ComplaintEvent.to_status == "closed")),
        ("Closed after the repair",), id="status",
    ),
    pytest.param(
        "sam_staff", "/mod/complaints/{complaint}/notes", {"body": f"Call{NUL} her back"},
        lambda w: _one(sa.select(InternalNote.body)), ("Call her back",), id="staff-note",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("who", "path", "data", "stored", "expected"), LANDED)
def test_an_accepted_form_stores_what_was_typed_minus_control_characters(
    app, world, who, path, data, stored, expected
):
    data = {key: value.format(category=world["category"].id) for key, value in data.items()}
    response = signed_in(app, who).post(_path(path, world), data=data)
    assert response.status_code == 303
    with app.app_context():
        assert tuple(stored(world)) == expected


@pytest.mark.parametrize("control", CONTROLS)
def test_every_control_character_is_stripped_from_a_complaint(app, world, control):
    response = signed_in(app, "rosa_m").post(
        "/complaints/new",
        data={
            "title": f"The kettle{control} leaks",
            "body": f"It leaks{control} all over the counter.",
            "category": world["category"].id,
            "desired_outcome": "refund",
        },
    )
    assert response.status_code == 303
    with app.app_context():
        latest = db.session.scalars(sa.select(Complaint).order_by(Complaint.id.desc())).first()
        assert (latest.title, latest.body_source) == (
            "The kettle leaks",
            "It leaks all over the counter.",
        )


# --- Query arguments --------------------------------------------------------------------

QUERIES = [
    pytest.param("sam_staff", "/mod/log?actor=sam%00_staff&action=st%00atus&target=x%00",
                 ['value="sam_staff"'], id="audit-log-filters"),
    pytest.param("sam_staff", "/mod/users?q=ro%00sa&status=act%00ive",
                 ['value="rosa"', ">rosa_m</a>", '<option value="active" selected>'],
                 id="member-search"),
    pytest.param(None, "/search?q=fri%00dge", ['value="fridge"'], id="search"),
    pytest.param(None, "/search/similar?q=fri%00dge", [], id="similar"),
    pytest.param(None, "/complaints?category=kit%00chen&status=res%00olved&sort=n%00ew",
                 ["The fridge stopped cooling"], id="listing"),
    pytest.param("rosa_m", "/complaints/new?category=kit%00chen", ["selected"],
                 id="new-complaint-category"),
    pytest.param(None, "/c/kitchen?page=1%00", ["The fridge stopped cooling"], id="category"),
    pytest.param(None, "/login?next=/x%00", ['name="login"'], id="sign-in-next"),
]  # fmt: skip


@pytest.mark.parametrize(("who", "path", "shown"), QUERIES)
def test_query_arguments_are_read_without_control_characters(app, world, who, path, shown):
    response = signed_in(app, who).get(path)
    assert response.status_code == 200
    page = html.unescape(response.get_data(as_text=True))
    for text in shown:
        assert text in page


# --- Paths --------------------------------------------------------------------------------

PATHS = [
    "/members/rosa{c}_m",
    "/members/rosa_m{c}",
    "/c/kit{c}chen",
    "/c/kitchen{c}/solved",
    "/c/kitchen/new{c}.atom",
    "/feeds/new{c}.atom",
    "/complaints/{complaint}/the-fridge{c}",
    "/reset-password/abc{c}def",
    "/unsubscribe/abc{c}def",
    "/static/css/site{c}.css",
]


@pytest.mark.parametrize("control", ["%00", "%01", "%1B", "%7F"])
@pytest.mark.parametrize("path", PATHS)
def test_a_path_with_a_control_character_is_not_found(app, world, path, control):
    response = signed_in(app, "rosa_m").get(path.format(c=control, complaint=world["complaint"].id))
    assert response.status_code == 404
