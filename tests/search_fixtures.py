"""Fixtures and helpers shared by the search tests (imported with ``*``)."""

import re

import pytest
import sqlalchemy as sa

from forum.complaints.models import Complaint
from forum.search import outbox
from forum.search.backends import get_backend
from forum.uow import write_transaction

BODY = "Bought it in March and it has been a problem ever since, nothing helps at all."

__all__ = ["backend", "post", "whoosh"]


@pytest.fixture
def backend(request, app, _schema):
    """The search backend under test, with an (empty) index ready.

    Parametrised by ``pytest_generate_tests`` in conftest: Whoosh always, PostgreSQL's
    full-text backend too in the ``--postgres`` run.
    """
    app.config["SEARCH_BACKEND"] = request.param
    with app.app_context():
        get_backend().rebuild()
    return request.param


@pytest.fixture
def whoosh(app):
    """The Whoosh backend with a fresh (empty) index; the index folder."""
    from forum.search.backends.whoosh_backend import index_dir

    app.config["SEARCH_BACKEND"] = "whoosh"
    with app.app_context():
        get_backend().rebuild()
        return index_dir()


@pytest.fixture
def post(make_complaint, make_category):
    category = make_category()

    def make(title, body=BODY, **fields):
        fields.setdefault("category", category)
        return make_complaint(title=title, body=body, **fields)

    return make


def ids(client, q, **params):
    response = client.get("/search", query_string={"q": q, **params})
    assert response.status_code == 200
    return [int(x) for x in re.findall(r'data-complaint-id="(\d+)"', response.text)]


def change(app, complaint_id, **values):
    """What other engineers' services do: change a complaint and enqueue it."""
    with app.app_context():
        with write_transaction() as session:
            session.execute(
                sa.update(Complaint).where(Complaint.id == complaint_id).values(**values)
            )
            outbox.enqueue(session, complaint_id)
