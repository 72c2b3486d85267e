"""avoided_complaint: one row per member and thread

"This solved it for me" counts once per member and thread. Repeated rows already
stored are merged into the earliest first.

Revision ID: d7a3f9e2c1b5
Revises: c4e8a1f0b2d6
Create Date: 2026-12-07 06:30:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'd7a3f9e2c1b5'
down_revision = 'c4e8a1f0b2d6'
branch_labels = None
depends_on = None


def upgrade():
    op.execute(
        "DELETE FROM avoided_complaint WHERE user_id IS NOT NULL AND id NOT IN ("
        " SELECT min(id) FROM avoided_complaint WHERE user_id IS NOT NULL"
        " GROUP BY user_id, complaint_id)"
    )
    with op.batch_alter_table('avoided_complaint', schema=None) as batch_op:
        batch_op.create_unique_constraint(
            'uq_avoided_complaint_user_id', ['user_id', 'complaint_id']
        )


def downgrade():
    with op.batch_alter_table('avoided_complaint', schema=None) as batch_op:
        batch_op.drop_constraint('uq_avoided_complaint_user_id', type_='unique')
