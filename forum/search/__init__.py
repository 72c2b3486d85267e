"""Search: a Whoosh index (the embedded default) or PostgreSQL full-text search.

The database is the source of truth. Changes that affect search write a row to the
search outbox in their own transaction (:func:`forum.search.outbox.enqueue`); the outbox
is applied to the index after commit. See ``docs/search.md``.
"""
