"""``flask markup rerender``: stored HTML follows a change of the renderer or its allowlist."""

import re

import sqlalchemy as sa

from forum import markup
from forum.complaints.models import Answer, Complaint
from forum.extensions import db
from tests.test_seo_pages import thread_path

LINKED = "The manual is at https://example.com/manual and says nothing about it."
NEW_REL = "nofollow ugc noopener noreferrer external"


def stored_html(app, model, post_id):
    with app.app_context():
        return db.session.scalar(sa.select(model.body_html).where(model.id == post_id))


def updates(counter):
    return [s for s in counter.statements if re.match(r"\s*UPDATE", s, re.I)]


def test_rerender_rewrites_only_the_html_the_renderer_now_writes_differently(
    app, client, runner, monkeypatch, count_queries, make_complaint, make_answer
):
    linked = make_complaint(body=LINKED)
    plain = make_complaint(body="No link in this one, only words about a broken kettle.")
    linked_answer = make_answer(plain, body="See https://example.com/fix for the fix.")
    plain_answer = make_answer(plain, body="Mine was replaced within a week.")
    before = {
        (Complaint, plain.id): stored_html(app, Complaint, plain.id),
        (Answer, plain_answer.id): stored_html(app, Answer, plain_answer.id),
    }
    app.config["PAGE_CACHE_ENABLED"] = True
    assert NEW_REL not in client.get(thread_path(linked)).get_data(as_text=True)

    monkeypatch.setattr(markup, "LINK_REL", NEW_REL)
    with count_queries() as first:
        result = runner.invoke(args=["markup", "rerender", "--batch-size", "1"])
    assert result.exit_code == 0, result.output
    assert "Rendered 4 posts; 2 changed and were stored." in result.output
    assert len(updates(first)) == 2
    assert f'rel="{NEW_REL}"' in stored_html(app, Complaint, linked.id)
    assert f'rel="{NEW_REL}"' in stored_html(app, Answer, linked_answer.id)
    for (model, post_id), html in before.items():
        assert stored_html(app, model, post_id) == html
    # The kept page of the thread is forgotten with the old HTML.
    assert f'rel="{NEW_REL}"' in client.get(thread_path(linked)).get_data(as_text=True)

    with count_queries() as second:
        result = runner.invoke(args=["markup", "rerender"])
    assert result.exit_code == 0, result.output
    assert "Rendered 4 posts; 0 changed and were stored." in result.output
    assert updates(second) == []


def test_a_post_edited_during_a_rerender_keeps_the_html_of_its_edit(
    app, monkeypatch, make_complaint
):
    from forum.complaints import rerender

    complaint = make_complaint(body=LINKED)
    monkeypatch.setattr(markup, "LINK_REL", NEW_REL)
    stale = rerender._stale

    def edited_meanwhile(model, after, batch_size):
        found = stale(model, after, batch_size)
        if model is Complaint:
            with db.engine.begin() as connection:
                connection.execute(
                    sa.update(Complaint)
                    .where(Complaint.id == complaint.id)
                    .values(body_source="Edited text", body_html="<p>Edited text</p>")
                )
        return found

    monkeypatch.setattr(rerender, "_stale", edited_meanwhile)
    with app.app_context():
        assert rerender.rerender_posts() == (1, 0)
    assert stored_html(app, Complaint, complaint.id) == "<p>Edited text</p>"


def test_rerender_of_an_empty_forum_says_so(runner):
    result = runner.invoke(args=["markup", "rerender"])
    assert result.exit_code == 0, result.output
    assert "Rendered 0 posts; 0 changed and were stored." in result.output
