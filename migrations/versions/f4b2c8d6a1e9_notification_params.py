"""notification params: a notification's sentence and its values, rendered in the reader's
language when shown (rows before it keep their English text in message)

Revision ID: f4b2c8d6a1e9
Revises: f3a9c1d7b2e4
Create Date: 2026-12-07 20:45:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f4b2c8d6a1e9'
down_revision = 'f3a9c1d7b2e4'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.add_column(sa.Column('params', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.drop_column('params')
