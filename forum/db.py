"""The declarative base, time helpers and the SQLite connection discipline.

SQLite connections run in WAL mode with a busy timeout, ``synchronous=NORMAL`` and
foreign keys on. Read transactions begin deferred; a unit of work that writes
(:func:`forum.uow.write_transaction`) sets ``_write_intent``, and its transaction begins
with ``BEGIN IMMEDIATE`` so that concurrent read-then-write transactions queue for the
write lock instead of failing at once with "database is locked".

This module imports nothing of the application: every model and the extensions build
on it.
"""

from contextvars import ContextVar
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.sql.functions import FunctionElement

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SQLITE_BUSY_TIMEOUT_MS = 15000

_write_intent: ContextVar[bool] = ContextVar("write_intent", default=False)


class Model(DeclarativeBase):
    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)


def utcnow():
    """The current time, timezone-aware UTC (a callable default, never computed at import)."""
    return datetime.now(UTC)


def as_utc(value):
    """Attach UTC to a naive datetime read back from SQLite."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


class UTCDateTime(sa.types.TypeDecorator):
    """A timezone-aware datetime column that reads back aware on SQLite too."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        if value is not None and dialect.name == "sqlite":
            return value.astimezone(UTC).replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        return as_utc(value)


@event.listens_for(Engine, "connect")
def _configure_sqlite(dbapi_connection, connection_record):
    if not _is_sqlite_dbapi(dbapi_connection):
        return
    # Let SQLAlchemy's "begin" event below emit BEGIN itself.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


@event.listens_for(Engine, "begin")
def _begin_sqlite(conn):
    # An autocommit connection (a migration's PRAGMA foreign_keys, which a transaction
    # ignores) begins nothing.
    if conn.get_execution_options().get("isolation_level") == "AUTOCOMMIT":
        return
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE" if _write_intent.get() else "BEGIN")


def _is_sqlite_dbapi(dbapi_connection):
    return type(dbapi_connection).__module__.startswith("sqlite3")


class filter_only(FunctionElement):
    """A column to filter rows by, never to look rows up by: ``filter_only(c) == v``.

    SQLite keeps no statistics here, so it takes any equality for a selective one: given
    ``status = ?`` and an index led by ``status`` it would fetch every thread of that
    status and sort them, rather than walk the listing's index in order and filter on the
    way (docs/performance.md, "Query plans and indexes"). SQLite's unary ``+`` keeps the
    column out of index lookups and changes nothing else; other databases get the column.
    """

    inherit_cache = True
    name = "filter_only"

    def __init__(self, column):
        super().__init__(column)
        self.type = column.type


@compiles(filter_only)
def _filter_only(element, compiler, **kw):
    return compiler.process(element.clauses.clauses[0], **kw)


@compiles(filter_only, "sqlite")
def _filter_only_sqlite(element, compiler, **kw):
    return "+" + compiler.process(element.clauses.clauses[0], **kw)
