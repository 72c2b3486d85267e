"""staff invitations: one row per e-mailed link, so each works once

Revision ID: a7c3e9d1f5b2
Revises: f4b2c8d6a1e9
Create Date: 2026-12-07 21:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a7c3e9d1f5b2'
down_revision = 'f4b2c8d6a1e9'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'staff_invitation',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('email', sa.String(length=254), nullable=False),
        sa.Column('role', sa.String(length=10), nullable=False),
        sa.Column('nonce_hash', sa.String(length=64), nullable=False),
        sa.Column('invited_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('accepted_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('accepted_by_id', sa.Integer(), nullable=True),
        sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("role IN ('staff', 'admin')", name=op.f('ck_staff_invitation_role')),
        sa.ForeignKeyConstraint(
            ['invited_by_id'], ['user.id'],
            name=op.f('fk_staff_invitation_invited_by_id_user'), ondelete='SET NULL',
        ),
        sa.ForeignKeyConstraint(
            ['accepted_by_id'], ['user.id'],
            name=op.f('fk_staff_invitation_accepted_by_id_user'), ondelete='SET NULL',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_invitation')),
    )
    op.create_index(
        'ix_staff_invitation_pending', 'staff_invitation',
        ['accepted_at', 'revoked_at', 'created_at'], unique=False,
    )


def downgrade():
    op.drop_index('ix_staff_invitation_pending', table_name='staff_invitation')
    op.drop_table('staff_invitation')
