"""seo: detected language of posts, per-category solved index

Revision ID: 5c0e7a1d9b42
Revises: e09c58904cc6
Create Date: 2026-11-24 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5c0e7a1d9b42'
down_revision = 'e09c58904cc6'
branch_labels = None
depends_on = None

BATCH = 500


def _backfill(table, columns):
    """Detect the language of the rows already there, in batches of ids."""
    # The detector itself (forum.language): a backfill must detect as new posts do.
    from forum.language import detect_post

    bind = op.get_bind()
    rows = sa.table(table, sa.column('id', sa.Integer), sa.column('language', sa.String),
                    *(sa.column(name, sa.Text) for name in columns))
    last = 0
    while True:
        batch = bind.execute(
            sa.select(rows.c.id, *(rows.c[name] for name in columns))
            .where(rows.c.id > last, rows.c.language.is_(None))
            .order_by(rows.c.id)
            .limit(BATCH)
        ).all()
        if not batch:
            break
        for row in batch:
            language = detect_post(*row[1:])
            if language:
                bind.execute(rows.update().where(rows.c.id == row.id).values(language=language))
        last = batch[-1].id


def upgrade():
    op.add_column('complaint', sa.Column('language', sa.String(length=8), nullable=True))
    op.add_column('answer', sa.Column('language', sa.String(length=8), nullable=True))
    op.create_index('ix_complaint_category_solved', 'complaint',
                    ['category_id', 'solved_at', 'id'], unique=False)
    _backfill('complaint', ('title', 'body_source'))
    _backfill('answer', ('body_source',))


def downgrade():
    # Plain ALTER TABLE … DROP COLUMN (SQLite ≥ 3.35): a batch copy would drop and
    # recreate the tables, and with foreign keys on that cascades into their children.
    op.drop_index('ix_complaint_category_solved', table_name='complaint')
    op.drop_column('answer', 'language')
    op.drop_column('complaint', 'language')
