"""Every state-changing route, for every kind of visitor: the expected status, in one table."""

import pytest

ROLES = ("anonymous", "member", "author", "staff", "admin")

# route (with placeholders), form data, expected status per role
#                                                    anon member author staff admin
TABLE = [
    ("POST /complaints/{c}/answers", {"body": "Same here."}, (302, 303, 303, 303, 303)),
    ("POST /complaints/{c}/vote", {"value": "1"}, (302, 303, 403, 303, 303)),
    ("POST /answers/{a}/vote", {"value": "1"}, (302, 303, 303, 303, 303)),
    ("POST /answers/{a}/accept", {}, (302, 403, 303, 303, 303)),
    ("POST /answers/{s}/official", {}, (302, 403, 403, 303, 303)),
    ("POST /complaints/{c}/status", {"status": "resolved"}, (302, 403, 303, 303, 303)),
    ("POST /complaints/{c}/status", {"status": "in_progress"}, (302, 403, 403, 303, 303)),
    ("POST /complaints/{c}/flag", {"reason": "spam"}, (302, 303, 403, 303, 303)),
    ("POST /answers/{a}/flag", {"reason": "spam"}, (302, 303, 303, 303, 303)),
    ("POST /complaints/{c}/follow", {"value": "1"}, (302, 303, 303, 303, 303)),
    ("POST /complaints/{c}/edit", "edit", (302, 403, 303, 403, 403)),
    ("POST /answers/{a}/edit", {"body": "Changed text."}, (302, 403, 403, 403, 403)),
    (
        "POST /complaints/{c}/review",
        {"rating": "4", "would_return": "yes"},
        (302, 403, 403, 403, 403),
    ),
    ("POST /complaints/{c}/resolution", {"action": "confirm"}, (302, 403, 403, 403, 403)),
    ("POST /mod/complaint/{c}/hide", {"reason": "abusive"}, (302, 403, 403, 303, 303)),
    ("POST /mod/answer/{a}/delete", {"reason": "spam"}, (302, 403, 403, 303, 303)),
    ("POST /mod/complaints/{c}/lock", {}, (302, 403, 403, 303, 303)),
    ("POST /mod/complaints/{c}/pin", {}, (302, 403, 403, 303, 303)),
    ("POST /mod/complaints/{c}/notes", {"body": "Escalated."}, (302, 403, 403, 303, 303)),
    ("POST /mod/complaints/{c}/assign", {"assignee": "{staff_id}"}, (302, 403, 403, 303, 303)),
    (
        "POST /mod/users/{helper_id}/suspend",
        {"days": "3", "reason": "Spam links"},
        (302, 403, 403, 303, 303),
    ),
    ("POST /mod/users/{helper_id}/role", {"role": "staff"}, (302, 403, 403, 403, 303)),
    ("GET /mod/queue", None, (302, 403, 403, 200, 200)),
    ("GET /mod/log", None, (302, 403, 403, 200, 200)),
    ("GET /staff", None, (302, 403, 403, 200, 200)),
    ("GET /complaints/{c}/review", None, (302, 403, 403, 403, 403)),
]

CASES = [
    pytest.param(route, data, role, statuses[index], id=f"{route}-{role}-{index_row}")
    for index_row, (route, data, statuses) in enumerate(TABLE)
    for index, role in enumerate(ROLES)
]


@pytest.fixture
def world(app, make_user, make_category, make_complaint, make_answer):
    app.config["RATELIMIT_ENABLED"] = False
    users = {
        "member": make_user("member"),
        "author": make_user("author"),
        "staff": make_user("nina", role="staff"),
        "admin": make_user("root", role="admin"),
        "helper": make_user("helper"),
    }
    category = make_category()
    complaint = make_complaint(author=users["author"], category=category)
    answer = make_answer(complaint, author=users["helper"], body="Try the reset button.")
    staff_answer = make_answer(complaint, author=users["staff"], body="We are on it.")
    return {
        "c": complaint.id,
        "a": answer.id,
        "s": staff_answer.id,
        "helper_id": users["helper"].id,
        "staff_id": users["staff"].id,
        "category": category.id,
        "title": complaint.title,
    }


@pytest.mark.parametrize(("route", "data", "role", "expected"), CASES)
def test_route_answers_each_role_as_expected(client, auth, world, route, data, role, expected):
    method, path = route.split(" ", 1)
    path = path.format(**world)
    if data == "edit":
        data = {
            "title": world["title"],
            "body": "A rewritten description of the problem.",
            "category": str(world["category"]),
            "desired_outcome": "refund",
        }
    if data:
        data = {key: value.format(**world) for key, value in data.items()}
    logins = {"member": "member", "author": "author", "staff": "nina", "admin": "root"}
    if role in logins:
        assert auth.login(logins[role]).status_code == 303
    response = client.open(path, method=method, data=data)
    assert response.status_code == expected, response.get_data(as_text=True)[:500]
    if expected == 302:
        assert "/login" in response.headers["Location"]
