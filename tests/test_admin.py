"""``/admin``: admins only — visitors are sent to sign in, members and staff get 403."""

import pytest


@pytest.mark.parametrize("role", ["member", "staff"])
def test_non_admins_are_refused(client, auth, make_user, role):
    user = make_user(role=role)
    auth.login(user.username)
    assert client.get("/admin").status_code == 403


def test_visitors_are_sent_to_sign_in(client):
    response = client.get("/admin")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_admins_see_the_index_and_a_link_to_it(client, auth, make_user):
    admin = make_user(role="admin")
    auth.login(admin.username)
    page = client.get("/admin")
    assert page.status_code == 200
    assert "<h1>Administration</h1>" in page.text
    assert 'href="/admin"' in client.get("/").text


def test_members_get_no_admin_link(client, auth, make_user):
    auth.login(make_user().username)
    assert 'href="/admin"' not in client.get("/").text
