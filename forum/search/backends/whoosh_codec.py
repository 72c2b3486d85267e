"""Whoosh's codec with short posting lists kept in the term table.

Whoosh writes every term's postings as a block of their own in the postings file: a
header, two pickles and a zlib stream, even for a term found in one thread. In a
segment written by one apply of outbox rows nearly every term is such a term (about
620 a thread, counting the word pairs), and writing them was most of a commit. Whoosh's
codec has the other way, postings kept in the term's entry of the term table (read
back by its ``postings_reader``), but its writer calls a method that does not exist
(``set_inline``; the term info's is ``set_inlined``), so a limit above the default,
which inlines nothing, raises ``AttributeError``. Here the writer stores them itself.
"""

from whoosh.codec.whoosh3 import W3Codec, W3PostingsWriter, W3TermsReader
from whoosh.reading import SegmentReader

INLINE_LIMIT = 2  # postings a term keeps in its term table entry, at most


class _PostingsWriter(W3PostingsWriter):
    def finish_postings(self):
        if self.written() or len(self) > self._inlinelimit:
            return super().finish_postings()
        terminfo = self._terminfo
        terminfo.add_block(self)
        terminfo.set_inlined(self._ids, self._weights, self._values)
        self._terminfo = None
        return terminfo


class Codec(W3Codec):
    def __init__(self):
        super().__init__(inlinelimit=INLINE_LIMIT)

    def postings_writer(self, dbfile, byteids=False):
        return _PostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )

    def terms_reader(self, storage, segment):
        """Whoosh's, but the term table is closed when the postings file cannot be
        opened (a merge deleted it meanwhile): Whoosh left it open, a file descriptor
        lost until garbage collection."""
        name = segment.make_filename(self.TERMS_EXT)
        length = storage.file_length(name)
        terms = storage.open_file(name)
        try:
            postings = segment.open_file(storage, self.POSTS_EXT)
        except BaseException:
            terms.close()
            raise
        return W3TermsReader(self, terms, length, postings)


LOCK_POLL = 0.01  # seconds between tries of a taken writer lock


def open_writer(ix, **kwargs):
    """A writer for ``ix`` as every segment here is written: with this codec, and not
    in one compound file (opening a searcher over a compound segment read all of it:
    117 ms at 100,000 threads, against under 1 ms for its separate files).

    A taken writer lock is tried every ``LOCK_POLL`` seconds until ``timeout``: at
    Whoosh's 0.1 s a write's 50 ms try waited 100 ms, and a swap waited for the lock
    holders' gaps a tenth of a second at a time."""
    return ix.writer(compound=False, codec=Codec(), delay=LOCK_POLL, **kwargs)


def open_reader(storage, schema, segment, generation=None):
    """A segment's reader that leaves no file open when the segment's files are gone
    (see ``Codec.terms_reader``); every reader here is opened with it."""
    return SegmentReader(storage, schema, segment, generation=generation, codec=Codec())
