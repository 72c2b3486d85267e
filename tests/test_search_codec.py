"""Short posting lists kept in the term table (``whoosh_codec``)."""

import gc
import warnings

import pytest
from whoosh import fields, index
from whoosh.codec.whoosh3 import W3Codec
from whoosh.query import Term

from forum.search.backends import whoosh_matching
from forum.search.backends.whoosh_codec import INLINE_LIMIT, open_writer

SCHEMA = fields.Schema(id=fields.ID(stored=True, unique=True), text=fields.TEXT)


def _documents(count):
    """Thread ``n`` has the word ``w{k}`` for every ``k`` dividing ``n + 1``: ``w1`` is in
    every thread, ``w{count}`` in one."""
    return {str(n): " ".join(f"w{k}" for k in range(1, n + 2) if (n + 1) % k == 0)
            for n in range(count)}  # fmt: skip


def _found(searcher, word):
    return {hit["id"] for hit in searcher.search(Term("text", word), limit=None)}


def test_whooshs_own_codec_cannot_inline_postings(tmp_path):
    """Why the codec is ours: Whoosh's writer calls a method its term info lacks. When
    Whoosh fixes it, this fails, and ``whoosh_codec`` can go."""
    ix = index.create_in(tmp_path, SCHEMA)
    writer = ix.writer(codec=W3Codec(inlinelimit=INLINE_LIMIT + 1))
    writer.add_document(id="1", text="alone")
    with pytest.raises(AttributeError, match="set_inline") as failure:
        writer.commit()
    with warnings.catch_warnings():  # the failed commit left the segment's files open
        warnings.simplefilter("ignore", ResourceWarning)
        del writer, failure
        gc.collect()


def test_short_posting_lists_are_inlined_and_read_back(tmp_path):
    texts = _documents(12)
    ix = index.create_in(tmp_path, SCHEMA)
    with open_writer(ix) as writer:
        for thread, text in texts.items():
            writer.add_document(id=thread, text=text)
    with ix.searcher() as searcher:
        reader = searcher.reader()
        for k in range(1, 13):
            word = f"w{k}"
            expected = {thread for thread, text in texts.items() if word in text.split()}
            info = reader.term_info("text", word)
            assert info.doc_frequency() == len(expected)
            # w7 to w12 are in one thread, w5 and w6 in two: kept in the term table.
            inlined = info._inlined is not None
            assert inlined == (len(expected) <= INLINE_LIMIT)
            assert _found(searcher, word) == expected
            ids, weights = whoosh_matching.postings(reader, "text", word)
            assert {searcher.stored_fields(docnum)["id"] for docnum in ids} == expected
            assert list(weights) == [1.0] * len(expected)


def test_a_thread_updated_in_an_inlined_segment_is_replaced(tmp_path):
    ix = index.create_in(tmp_path, SCHEMA)
    with open_writer(ix) as writer:
        writer.add_document(id="1", text="broken kettle")
        writer.add_document(id="2", text="late parcel")
    with open_writer(ix) as writer:
        writer.update_document(id="1", text="kettle replaced")
    with ix.searcher() as searcher:
        assert searcher.doc_count() == 2
        assert _found(searcher, "broken") == set()
        assert _found(searcher, "replaced") == _found(searcher, "kettle") == {"1"}
        assert _found(searcher, "parcel") == {"2"}
