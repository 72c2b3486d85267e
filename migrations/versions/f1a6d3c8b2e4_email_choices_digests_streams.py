"""E-mail choices, daily digests, unsubscribe streams, who caused a notification

``user.email_notifications`` (on/off) becomes ``user.email_choice``: on is "each" (every
event at once), off is "off"; "digest" and "own" are new. ``user.digest_sent_at`` records
the last digest run for the member. ``mail_message.stream`` names what a message's
unsubscribe link stops ("notifications" for every queued message with an account, as
before). ``notification.actor_id`` says who caused the event.

Revision ID: f1a6d3c8b2e4
Revises: e5b8c2d4a7f1
Create Date: 2026-12-07 16:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f1a6d3c8b2e4'
down_revision = 'e5b8c2d4a7f1'
branch_labels = None
depends_on = None


def upgrade():
    # Plain ALTER TABLE on "user", not batch mode: recreating the table on SQLite would
    # drop its expression indexes (lower(username), lower(email)).
    op.add_column(
        'user',
        sa.Column('email_choice', sa.String(length=10), server_default='each', nullable=False),
    )
    op.add_column('user', sa.Column('digest_sent_at', sa.DateTime(timezone=True), nullable=True))
    op.execute(
        'UPDATE "user" SET email_choice = CASE WHEN email_notifications THEN \'each\' ELSE \'off\' END'
    )
    op.drop_column('user', 'email_notifications')

    with op.batch_alter_table('mail_message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('stream', sa.String(length=20), nullable=True))
    op.execute("UPDATE mail_message SET stream = 'notifications' WHERE user_id IS NOT NULL")

    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.add_column(sa.Column('actor_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_notification_actor_id_user'), 'user', ['actor_id'], ['id'],
            ondelete='SET NULL',
        )
        batch_op.create_index(
            'ix_notification_thread',
            ['user_id', 'complaint_id', 'created_at', 'read_at'],
            unique=False,
        )


def downgrade():
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.drop_index('ix_notification_thread')
        batch_op.drop_constraint(batch_op.f('fk_notification_actor_id_user'), type_='foreignkey')
        batch_op.drop_column('actor_id')

    with op.batch_alter_table('mail_message', schema=None) as batch_op:
        batch_op.drop_column('stream')

    op.add_column(
        'user',
        sa.Column('email_notifications', sa.Boolean(), server_default=sa.true(), nullable=False),
    )
    # Any e-mail at all was "on" before; only "off" was off.
    op.execute('UPDATE "user" SET email_notifications = (email_choice <> \'off\')')
    op.drop_column('user', 'digest_sent_at')
    op.drop_column('user', 'email_choice')
