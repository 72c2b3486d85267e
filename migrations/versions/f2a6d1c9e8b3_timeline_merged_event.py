"""complaint_event: the duplicate a "merged" event took in; complaint.merged_into_id indexed

A merge is an event on the target's public timeline ("merged a duplicate from …"). The
event names the duplicate it took in, so the timeline links to the merged post and names
its author. Set to NULL if the duplicate is ever deleted for good. The target's page lists
the duplicates merged into it, so ``complaint.merged_into_id`` gets an index. A member's
page lists their answers newest first: ``ix_answer_author_id`` becomes
``ix_answer_author`` (author, created_at, id).

Revision ID: f2a6d1c9e8b3
Revises: a6d2f8c41e97
Create Date: 2026-12-07 16:00:00.000000

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'f2a6d1c9e8b3'
down_revision = 'a6d2f8c41e97'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('answer', schema=None) as batch_op:
        batch_op.drop_index('ix_answer_author_id')
        batch_op.create_index('ix_answer_author', ['author_id', 'created_at', 'id'], unique=False)
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.create_index(
            'ix_complaint_merged_into', ['merged_into_id', 'created_at', 'id'], unique=False
        )
    with op.batch_alter_table('complaint_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('merged_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_complaint_event_merged_id_complaint'),
            'complaint',
            ['merged_id'],
            ['id'],
            ondelete='SET NULL',
        )


def downgrade():
    with op.batch_alter_table('complaint_event', schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f('fk_complaint_event_merged_id_complaint'), type_='foreignkey'
        )
        batch_op.drop_column('merged_id')
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.drop_index('ix_complaint_merged_into')
    with op.batch_alter_table('answer', schema=None) as batch_op:
        batch_op.drop_index('ix_answer_author')
        batch_op.create_index('ix_answer_author_id', ['author_id'], unique=False)
