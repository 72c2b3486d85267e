"""search_outbox: ids never reused

On SQLite a plain integer primary key hands a new row the id of one just deleted
when the table was emptied. Outbox rows are deleted by id after the index took them,
possibly by a second applier after a new row arrived, so ids must only grow:
``AUTOINCREMENT`` on SQLite (PostgreSQL's sequence never reuses one). The table is
rebuilt with it; pending rows are kept.

Revision ID: e5b8c2d4a7f1
Revises: d7a3f9e2c1b5
Create Date: 2026-12-07 10:20:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'e5b8c2d4a7f1'
down_revision = 'd7a3f9e2c1b5'
branch_labels = None
depends_on = None


def _rebuild(autoincrement):
    if op.get_bind().dialect.name == 'sqlite':
        with op.batch_alter_table(
            'search_outbox',
            recreate='always',
            table_kwargs={'sqlite_autoincrement': autoincrement},
        ):
            pass


def upgrade():
    _rebuild(True)


def downgrade():
    _rebuild(False)
