"""categories: Markdown descriptions, archive, default assignee, response promise, slug redirects

Revision ID: a3c9e7d2f154
Revises: f1a6d3c8b2e4
Create Date: 2026-12-07 16:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

from forum import markup

# revision identifiers, used by Alembic.
revision = 'a3c9e7d2f154'
down_revision = 'f1a6d3c8b2e4'
branch_labels = None
depends_on = None


def _foreign_keys(on):
    """SQLite rebuilds ``category`` to alter it: ``complaint``'s foreign key to it must not
    fire on the DROP TABLE of the copy (the pragma is ignored inside a transaction)."""
    if op.get_bind().dialect.name == 'sqlite':
        with op.get_context().autocommit_block():
            op.execute('PRAGMA foreign_keys=%s' % ('ON' if on else 'OFF'))


def upgrade():
    _foreign_keys(False)
    with op.batch_alter_table('category', schema=None) as batch_op:
        batch_op.alter_column(
            'description', existing_type=sa.String(length=300), type_=sa.Text(),
            existing_nullable=False,
        )
        batch_op.add_column(
            sa.Column('description_html', sa.Text(), server_default='', nullable=False)
        )
        batch_op.add_column(sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('default_assignee_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('response_hours', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_category_default_assignee_id_user'), 'user',
            ['default_assignee_id'], ['id'], ondelete='SET NULL',
        )
    _foreign_keys(True)
    # Render the descriptions written before (plain text is Markdown too).
    category = sa.table(
        'category', sa.column('id', sa.Integer), sa.column('description', sa.Text),
        sa.column('description_html', sa.Text),
    )
    connection = op.get_bind()
    for id_, description in connection.execute(sa.select(category.c.id, category.c.description)):
        if description:
            connection.execute(
                category.update()
                .where(category.c.id == id_)
                .values(description_html=markup.render(description))
            )

    op.create_table(
        'category_slug_redirect',
        sa.Column('old_slug', sa.String(length=60), nullable=False),
        sa.Column('category_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ['category_id'], ['category.id'],
            name=op.f('fk_category_slug_redirect_category_id_category'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('old_slug', name=op.f('pk_category_slug_redirect')),
    )
    with op.batch_alter_table('category_slug_redirect', schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f('ix_category_slug_redirect_category_id'), ['category_id'], unique=False
        )


def downgrade():
    with op.batch_alter_table('category_slug_redirect', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_category_slug_redirect_category_id'))
    op.drop_table('category_slug_redirect')
    _foreign_keys(False)
    with op.batch_alter_table('category', schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f('fk_category_default_assignee_id_user'), type_='foreignkey'
        )
        batch_op.drop_column('response_hours')
        batch_op.drop_column('default_assignee_id')
        batch_op.drop_column('archived_at')
        batch_op.drop_column('description_html')
        batch_op.alter_column(
            'description', existing_type=sa.Text(), type_=sa.String(length=300),
            existing_nullable=False,
        )
    _foreign_keys(True)
