"""complaints: listing indexes hold visibility and status; pinned, member, sitemap, staff queue

A listing reads its rows in order from its index and filters on visibility and status
inside it, so a deep page skips its offset in the index instead of reading each skipped
row (docs/performance.md, "Query plans and indexes").

Revision ID: c4e8a1f0b2d6
Revises: 7f3b2c9d4e10
Create Date: 2026-12-01 12:00:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'c4e8a1f0b2d6'
down_revision = '7f3b2c9d4e10'
branch_labels = None
depends_on = None

# name: (columns before, columns after); None where the index is new or dropped.
COMPLAINT = {
    'ix_complaint_hot': (['hot_score', 'id'], ['hot_score', 'id', 'visibility', 'status']),
    'ix_complaint_new': (['created_at', 'id'], ['created_at', 'id', 'visibility', 'status']),
    'ix_complaint_top': (['vote_count', 'id'], ['vote_count', 'id', 'visibility', 'status']),
    'ix_complaint_unanswered': (
        ['answer_count', 'created_at', 'id'],
        ['answer_count', 'created_at', 'id', 'visibility', 'status'],
    ),
    'ix_complaint_solved': (['solved_at', 'id'], ['solved_at', 'id', 'visibility', 'status']),
    'ix_complaint_category_hot': (
        ['category_id', 'hot_score', 'id'],
        ['category_id', 'hot_score', 'id', 'visibility', 'status'],
    ),
    'ix_complaint_category_new': (
        ['category_id', 'created_at', 'id'],
        ['category_id', 'created_at', 'id', 'visibility', 'status'],
    ),
    'ix_complaint_category_top': (
        ['category_id', 'vote_count', 'id'],
        ['category_id', 'vote_count', 'id', 'visibility', 'status'],
    ),
    'ix_complaint_category_unanswered': (
        None,
        ['category_id', 'answer_count', 'created_at', 'id', 'visibility', 'status'],
    ),
    'ix_complaint_category_solved': (
        ['category_id', 'solved_at', 'id'],
        ['category_id', 'solved_at', 'id', 'visibility', 'status'],
    ),
    'ix_complaint_category_activity': (None, ['category_id', 'last_activity_at', 'visibility']),
    'ix_complaint_category_edited': (None, ['category_id', 'edited_at', 'visibility']),
    'ix_complaint_category_status_changed': (
        None, ['category_id', 'status_changed_at', 'visibility'],
    ),
    'ix_complaint_pinned': (None, ['pinned', 'visibility', 'created_at', 'category_id']),
    'ix_complaint_author_id': (['author_id'], None),
    'ix_complaint_author': (None, ['author_id', 'visibility', 'created_at', 'id']),
    'ix_complaint_status_new': (
        ['status', 'created_at', 'id'],
        ['status', 'created_at', 'id', 'visibility', 'first_staff_response_at'],
    ),
    'ix_complaint_status_promised': (None, ['status', 'promised_date', 'id', 'visibility']),
    'ix_complaint_status_reopened': (None, ['status', 'reopened_at', 'id', 'visibility']),
}
ANSWER = {
    'ix_answer_new': (None, ['created_at', 'id', 'visibility']),
}


def _change(table, indexes, before, after):
    with op.batch_alter_table(table, schema=None) as batch_op:
        for name, columns in indexes.items():
            if columns[before] is not None:
                batch_op.drop_index(name)
        for name, columns in indexes.items():
            if columns[after] is not None:
                batch_op.create_index(name, columns[after], unique=False)


def upgrade():
    _change('complaint', COMPLAINT, 0, 1)
    _change('answer', ANSWER, 0, 1)


def downgrade():
    _change('answer', ANSWER, 1, 0)
    _change('complaint', COMPLAINT, 1, 0)
