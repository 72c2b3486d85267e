"""site settings: one row per setting an admin changed, and the site's files (the logo)

Revision ID: f3a9c1d7b2e4
Revises: f2a6d1c9e8b3
Create Date: 2026-12-07 16:00:00.000000

"""
from alembic import op
import sqlalchemy as sa



# revision identifiers, used by Alembic.
revision = 'f3a9c1d7b2e4'
down_revision = 'f2a6d1c9e8b3'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'site_setting',
        sa.Column('key', sa.String(length=40), nullable=False),
        sa.Column('value', sa.JSON(), nullable=True),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('key', name=op.f('pk_site_setting')),
    )
    op.create_table(
        'site_file',
        sa.Column('name', sa.String(length=40), nullable=False),
        sa.Column('digest', sa.String(length=64), nullable=False),
        sa.Column('content_type', sa.String(length=40), nullable=False),
        sa.Column('data', sa.LargeBinary(), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('name', name=op.f('pk_site_file')),
    )


def downgrade():
    op.drop_table('site_file')
    op.drop_table('site_setting')
