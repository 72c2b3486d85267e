"""The search outbox, avoided complaints, and PostgreSQL's full-text columns.

``search_outbox`` holds one row per change that search has not seen yet, written in
the changing transaction; rows are deleted only after the index has taken the change.

On PostgreSQL, ``complaint`` and ``answer`` also carry a generated ``search_vector``
column (``tsvector``, GIN-indexed) that the database maintains itself. These columns
exist only on PostgreSQL, so they are DDL run after the tables are created (for
``db.create_all()``) and in the migration, not columns of the SQLAlchemy models.
"""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from forum.complaints.models import Answer, Complaint
from forum.db import UTCDateTime, utcnow
from forum.extensions import db


class SearchOutbox(db.Model):
    """A complaint whose search document must be rewritten (or removed).

    Ids are never reused (``AUTOINCREMENT`` on SQLite; a sequence on PostgreSQL). Two
    appliers may take the same row (one applies it while the other's round is still
    deleting what it took); the later deletion is by id, and on SQLite a plain integer
    key gives a new row the id of one just deleted when the table was emptied, so that
    deletion took the new, unapplied row with it and the change never reached search.
    """

    __tablename__ = "search_outbox"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class AvoidedComplaint(db.Model):
    """A member found their answer in an existing thread instead of posting.

    One row per member and thread: saying it twice about one thread counts once.
    """

    __tablename__ = "avoided_complaint"
    __table_args__ = (sa.UniqueConstraint("user_id", "complaint_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL"), index=True
    )
    complaint_id: Mapped[int] = mapped_column(
        sa.ForeignKey("complaint.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)


# --- PostgreSQL full-text search -----------------------------------------------------

TS_CONFIG = "redress"
CJK_REGEX = "[\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff]"

# A text search configuration: English parsing and stemming, with accents folded first.
# ``redress_search_text`` spells CJK runs as bigrams: it doubles every inner character
# of a run ("ABCD" -> "ABBCCD") and then splits the run into pairs ("AB BC CD").
POSTGRES_SETUP = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    f"""DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{TS_CONFIG}') THEN
        CREATE TEXT SEARCH CONFIGURATION {TS_CONFIG} (COPY = english);
        ALTER TEXT SEARCH CONFIGURATION {TS_CONFIG}
          ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
      END IF;
    END $$""",
    f"""CREATE OR REPLACE FUNCTION redress_search_text(value text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT regexp_replace(
          regexp_replace(coalesce(value, ''), '(?<={CJK_REGEX})({CJK_REGEX})(?={CJK_REGEX})',
                         '\\1\\1', 'g'),
          '({CJK_REGEX}{CJK_REGEX})', ' \\1 ', 'g')
      $$""",
]

COMPLAINT_VECTOR = (
    f"setweight(to_tsvector('{TS_CONFIG}'::regconfig, redress_search_text(title)), 'A') || "
    f"setweight(to_tsvector('{TS_CONFIG}'::regconfig, redress_search_text(body_source)), 'B')"
)
ANSWER_VECTOR = f"to_tsvector('{TS_CONFIG}'::regconfig, redress_search_text(body_source))"


def postgres_columns(table):
    """DDL adding the generated ``search_vector`` column and its GIN index to ``table``."""
    expression = COMPLAINT_VECTOR if table == "complaint" else ANSWER_VECTOR
    return [
        f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS search_vector tsvector "
        f"GENERATED ALWAYS AS ({expression}) STORED",
        f"CREATE INDEX IF NOT EXISTS ix_{table}_search_vector ON {table} USING gin (search_vector)",
    ]


def _create_postgres_columns(table, connection, **kw):
    if connection.dialect.name != "postgresql":
        return
    for statement in POSTGRES_SETUP + postgres_columns(table.name):
        connection.exec_driver_sql(statement)


sa.event.listen(Complaint.__table__, "after_create", _create_postgres_columns)
sa.event.listen(Answer.__table__, "after_create", _create_postgres_columns)
