"""account state: suspension, ban, deletion, password change time

Plain ``op.add_column`` on purpose: a batch copy of "user" on SQLite would drop its
lower(username) / lower(email) expression indexes (tests/test_migrations.py checks them).

Revision ID: 169cad0295bc
Revises: 5c0e7a1d9b42
Create Date: 2026-11-23 20:27:50.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '169cad0295bc'
down_revision = '5c0e7a1d9b42'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('user', sa.Column('suspended_until', sa.DateTime(timezone=True), nullable=True))
    op.add_column('user', sa.Column('suspension_reason', sa.Text(), nullable=True))
    op.add_column(
        'user', sa.Column('banned', sa.Boolean(), server_default=sa.false(), nullable=False)
    )
    op.add_column('user', sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True))
    op.add_column(
        'user', sa.Column('password_changed_at', sa.DateTime(timezone=True), nullable=True)
    )


def downgrade():
    # SQLite 3.35+ drops columns in place (no batch copy, so the expression indexes stay).
    op.drop_column('user', 'password_changed_at')
    op.drop_column('user', 'deleted_at')
    op.drop_column('user', 'banned')
    op.drop_column('user', 'suspension_reason')
    op.drop_column('user', 'suspended_until')
