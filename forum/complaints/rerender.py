"""Stored HTML brought up to date with the current renderer.

Posts are rendered once, when written (``markup.render``), and the HTML is stored beside
the Markdown source. When the sanitiser's allowlist or the renderer changes, posts
already written keep the HTML of the old rules until :func:`rerender_posts` renders
them again.
"""

import sqlalchemy as sa

from forum import markup, signals
from forum.complaints.models import Answer, Complaint
from forum.extensions import db
from forum.uow import write_transaction

# Every table holding HTML rendered from a stored Markdown source.
RENDERED = (Complaint, Answer)


def rendered_count():
    """How many stored posts carry rendered HTML (the length of a rerender)."""
    return sum(db.session.scalar(sa.select(sa.func.count()).select_from(m)) for m in RENDERED)


def _stale(model, after, batch_size):
    """One batch of ``model`` rows after id ``after``: the last id read, the rows whose
    HTML the renderer would now write differently (with their new HTML), and the count."""
    rows = db.session.execute(
        sa.select(model.id, model.body_source, model.body_html)
        .where(model.id > after)
        .order_by(model.id)
        .limit(batch_size)
    ).all()
    db.session.rollback()  # no read transaction held while rendering
    stale = []
    for row in rows:
        html = markup.render(row.body_source)
        if html != row.body_html:
            stale.append({"pk": row.id, "source": row.body_source, "html": html})
    return (rows[-1].id if rows else None), stale, len(rows)


def rerender_posts(batch_size=500, progress=None):
    """Render every stored post again; write only the rows whose HTML changes.

    Each batch is rendered outside any transaction and written in one short one, so the
    site keeps writing meanwhile. A row edited between the read and the write keeps the
    HTML its edit stored: the update applies only while the source is the one rendered.
    Running it twice writes nothing the second time. Returns ``(read, written)``.
    """
    read = written = 0
    for model in RENDERED:
        table = model.__table__
        update = (
            sa.update(table)
            .where(table.c.id == sa.bindparam("pk"), table.c.body_source == sa.bindparam("source"))
            .values(body_html=sa.bindparam("html"))
        )
        after = 0
        while True:
            after, stale, count = _stale(model, after, batch_size)
            if after is None:
                break
            if stale:
                with write_transaction() as session:
                    written += session.execute(update, stale).rowcount
                    # Posts show on every kind of page: none kept with the old HTML stays.
                    signals.site_changed.send(None, session=session)
            read += count
            if progress is not None:
                progress(count)
    return read, written
