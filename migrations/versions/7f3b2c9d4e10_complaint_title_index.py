"""complaints: an index on the title, so a thread page can tell that its title is shared

Revision ID: 7f3b2c9d4e10
Revises: 0a04c2bdeb7b
Create Date: 2026-12-01 09:00:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '7f3b2c9d4e10'
down_revision = '0a04c2bdeb7b'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.create_index('ix_complaint_title', ['title'], unique=False)


def downgrade():
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.drop_index('ix_complaint_title')
