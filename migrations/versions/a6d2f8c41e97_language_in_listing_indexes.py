"""complaints: the listing indexes end with language; ix_complaint_language

The language filter of listings (``?lang=``) is read while walking each listing's index,
as the status filter is, so language joins visibility and status at the end of every
listing index. ``ix_complaint_language`` finds which languages a category's public threads
are written in, one seek per category and language (docs/performance.md).

Revision ID: a6d2f8c41e97
Revises: a3c9e7d2f154
Create Date: 2026-12-07 16:00:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'a6d2f8c41e97'
down_revision = 'a3c9e7d2f154'
branch_labels = None
depends_on = None

FILTERS = ['visibility', 'status']
# name: the columns before the filters
LISTINGS = {
    'ix_complaint_hot': ['hot_score', 'id'],
    'ix_complaint_new': ['created_at', 'id'],
    'ix_complaint_top': ['vote_count', 'id'],
    'ix_complaint_unanswered': ['answer_count', 'created_at', 'id'],
    'ix_complaint_solved': ['solved_at', 'id'],
    'ix_complaint_category_hot': ['category_id', 'hot_score', 'id'],
    'ix_complaint_category_new': ['category_id', 'created_at', 'id'],
    'ix_complaint_category_top': ['category_id', 'vote_count', 'id'],
    'ix_complaint_category_unanswered': ['category_id', 'answer_count', 'created_at', 'id'],
    'ix_complaint_category_solved': ['category_id', 'solved_at', 'id'],
}
LANGUAGE = ('ix_complaint_language', ['language', 'category_id', 'visibility'])


def _listings(filters):
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        for name in LISTINGS:
            batch_op.drop_index(name)
        for name, columns in LISTINGS.items():
            batch_op.create_index(name, columns + filters, unique=False)


def upgrade():
    _listings(FILTERS + ['language'])
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.create_index(LANGUAGE[0], LANGUAGE[1], unique=False)


def downgrade():
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.drop_index(LANGUAGE[0])
    _listings(FILTERS)
