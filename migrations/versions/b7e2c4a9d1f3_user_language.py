"""user language: the interface language a member chose (none: the browser's, else the site's)

Revision ID: b7e2c4a9d1f3
Revises: a7c3e9d1f5b2
Create Date: 2026-12-08 00:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b7e2c4a9d1f3'
down_revision = 'a7c3e9d1f5b2'
branch_labels = None
depends_on = None


# Plain ALTER TABLE (SQLite 3.35+ drops a column in place): a batch operation would copy
# the table that everything refers to, which its foreign keys refuse with rows present.
def upgrade():
    op.add_column('user', sa.Column('language', sa.String(length=16), nullable=True))


def downgrade():
    op.drop_column('user', 'language')
