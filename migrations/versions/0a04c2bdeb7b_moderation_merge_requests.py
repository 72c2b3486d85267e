"""moderation: merge requests; posts hidden by member reports carry no moderated_at

A merge by a staff member who is not an admin now waits in the queue like a removal, so a
removal request names the complaint to merge into. ``moderated_at`` now says that staff
decided a post's state; posts that member reports hid (their last visibility change in
the audit log is ``auto_hide``) get it cleared, so their placeholder says so.

Revision ID: 0a04c2bdeb7b
Revises: 169cad0295bc
Create Date: 2026-11-25 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0a04c2bdeb7b'
down_revision = '169cad0295bc'
branch_labels = None
depends_on = None


# The audit actions that change a post's visibility.
VISIBILITY_ACTIONS = ('auto_hide', 'hide', 'delete', 'restore', 'approve', 'dismiss_flags', 'merge')


def _clear_moderated_at_of_report_hidden(table):
    actions = ", ".join(f"'{action}'" for action in VISIBILITY_ACTIONS)
    op.execute(
        sa.text(
            f"""
            UPDATE {table} SET moderated_at = NULL
            WHERE visibility = 'hidden' AND 'auto_hide' = (
                SELECT a.action FROM audit_entry a
                WHERE a.target_type = '{table}' AND a.target_id = {table}.id
                  AND a.action IN ({actions})
                ORDER BY a.id DESC LIMIT 1
            )
            """
        )
    )


def upgrade():
    with op.batch_alter_table('removal_request', schema=None) as batch_op:
        batch_op.add_column(sa.Column('merge_into_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_removal_request_merge_into_id_complaint'),
            'complaint',
            ['merge_into_id'],
            ['id'],
            ondelete='CASCADE',
        )
    for table in ('complaint', 'answer'):
        _clear_moderated_at_of_report_hidden(table)


def downgrade():
    # The earlier code would carry out a waiting merge request as a deletion: drop them.
    op.execute("DELETE FROM removal_request WHERE action = 'merge' AND decided_at IS NULL")
    with op.batch_alter_table('removal_request', schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f('fk_removal_request_merge_into_id_complaint'), type_='foreignkey'
        )
        batch_op.drop_column('merge_into_id')
