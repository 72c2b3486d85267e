"""Search benchmark: bulk indexing, query latency, /search latency, update visibility.

    .venv/bin/python bench/search.py [COMPLAINTS ...] [--answers 5] [--repeat 20] [--data DIR]

Generates a multilingual corpus (the demo's texts in its six languages, recombined as
``flask demo generate`` does) in a temporary SQLite database, then prints for each size:
raw Whoosh bulk indexing and ``flask search rebuild`` rates (documents and words per
second), the index size, p50/p95 of the backend query, of Whoosh's own search for the
same query (what the backend's matching replaces) and of the whole ``/search`` request
for five kinds of query (with the results each finds) and over all of them, the
``/search`` p95 over each of the other two, and p50/p95 of "a change is visible to
search" (from its commit) for single-complaint
updates while other processes write. The default (2,000 complaints) runs in about two
minutes; the figures in ``docs/search.md`` come from ``bench/search.py 10000 100000``.
With ``--data DIR`` each size's forum is kept in ``DIR`` and used again (each run's
change-visible phase adds a few hundred answers to 200 threads picked at random).
"""

import argparse
import gc
import multiprocessing
import os
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import sqlalchemy as sa  # noqa: E402
from whoosh.query import Term  # noqa: E402

from forum import create_app  # noqa: E402
from forum.accounts.models import User  # noqa: E402
from forum.complaints import services  # noqa: E402
from forum.complaints.models import Answer, Category, Complaint  # noqa: E402
from forum.demo.corpus import LANGUAGE_WEIGHTS, Corpus, display_name  # noqa: E402
from forum.extensions import db  # noqa: E402
from forum.search import documents  # noqa: E402
from forum.search.backends import get_backend, whoosh_backend  # noqa: E402
from forum.search.backends.base import Hit  # noqa: E402
from forum.search.query import parse  # noqa: E402

# Queries whose words occur in the demo texts (a share of threads in their language, as in
# a real complaint forum: "refund" is in 4 of the 20 English demo threads).
QUERIES = {
    "one word": ["refund", "Garantie", "leverans", "退款", "vračilo"],
    "three words": ["refund returned weeks", "Garantie Wasserschaden abgelehnt", "冰箱 售后 上门"],
    "phrase": ['"still waiting"', '"45 Minuten"', '"售后服务"'],
    "filtered": ["refund", "app", "退款"],
    "highlight": ["battery", "paketet", "popravilo"],
}


def populate(n, answers_per, seed=7):
    """Insert ``n`` complaints with ``answers_per`` answers each, in bulk.

    The texts are the demo's, recombined as ``flask demo generate`` does
    (:class:`forum.demo.corpus.Corpus`): each thread is one of the demo threads in its
    language (weighted as the generator weighs them), its title varied, its answers the
    demo thread's own and then others from the same category. So words are as common as
    in the demo forum: a query for a topic word matches a share of one language's threads,
    not nearly every document, as a corpus drawn from twenty words per language did.
    """
    rng = random.Random(seed)
    corpus = Corpus()
    languages = list(LANGUAGE_WEIGHTS)
    weights = [LANGUAGE_WEIGHTS[lang] for lang in languages]
    now = datetime.now(UTC)
    db.session.execute(sa.insert(User), [
        {"username": f"user{i}", "email": f"user{i}@example.org", "password_hash": "x",
         "role": "member"} for i in range(20)
    ])  # fmt: skip
    db.session.execute(sa.insert(Category), [
        {"slug": f"cat-{i}", "name": f"Category {i}", "position": i} for i in range(6)
    ])  # fmt: skip
    category_ids = list(db.session.scalars(sa.select(Category.id)))
    users = list(db.session.execute(sa.select(User.id, User.username)))
    for start in range(0, n, 2000):
        complaints, threads = [], []
        for i in range(start, min(n, start + 2000)):
            template = rng.choice(corpus.templates[rng.choices(languages, weights)[0]])
            author_id, username = rng.choice(users)
            fields, follow_up = corpus.complaint(template, rng)
            complaints.append({
                **fields, "author_id": author_id, "category_id": rng.choice(category_ids),
                "desired_outcome": "refund", "created_at": now - timedelta(minutes=i),
                "last_activity_at": now, "vote_count": rng.randint(0, 50),
                "answer_count": answers_per, "solved_at": now if i % 4 == 0 else None,
            })  # fmt: skip
            threads.append(
                corpus.thread(template, answers_per, rng, display_name(username), follow_up)
            )
        db.session.execute(sa.insert(Complaint), complaints)
        first = db.session.scalar(sa.select(sa.func.max(Complaint.id))) - len(complaints) + 1
        db.session.execute(sa.insert(Answer), [
            {"complaint_id": first + k, "author_id": rng.choice(users)[0],
             "body_source": text.source, "body_html": text.html, "language": text.language,
             "created_at": now} for k, answers in enumerate(threads) for _role, text in answers
        ])  # fmt: skip
        db.session.commit()


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] * 1000


def whooshs_own(parsed, category_id=None, per_page=20):
    """The same query answered by Whoosh's own search (its matcher tree and top-N
    collector, no exact count), then highlighted as the backend does: the search the
    backend's ``whoosh_matching`` replaces, for the goal's "raw Whoosh query"."""
    searcher = whoosh_backend._searchers.get(whoosh_backend.index_dir())
    filters = [Term("category", str(category_id))] if category_id else []
    query = whoosh_backend.build_query(parsed, False, True, searcher.reader(), filters)
    snippets = whoosh_backend._Snippets(whoosh_backend.query_words(parsed))
    for hit in searcher.search(query, limit=per_page):
        snippets.fill(Hit(int(hit["id"])), hit.fields())


def raw_bulk(app):
    """Raw Whoosh bulk indexing of the same documents (read beforehand)."""
    from whoosh import index

    from forum.search.backends.whoosh_backend import STORED_PARTS, index_fields, schema

    docs = list(documents.iterate(db.session))
    words = sum(len(d[name].split()) for d in docs for name in STORED_PARTS)
    warm = index.create_in(tempfile.mkdtemp(prefix="warm-index-"), schema()).writer()
    for document in docs[:300]:  # warm the stemmer's cache, as the rebuild finds it
        warm.add_document(**index_fields(document))
    warm.cancel()
    folder = tempfile.mkdtemp(prefix="raw-index-")
    ix = index.create_in(folder, schema())
    started = time.perf_counter()
    writer = ix.writer(limitmb=256, compound=False)
    for document in docs:
        writer.add_document(**index_fields(document))
    writer.commit()
    seconds = time.perf_counter() - started
    return len(docs) / seconds, words / seconds


def _writer_process(url, index_dir, stop_at, complaint_ids):
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SEARCH_INDEX_DIR": index_dir,
                      "RATELIMIT_ENABLED": False, "PAGE_CACHE_ENABLED": False,
                      "SECRET_KEY": "bench-search-writer"})  # fmt: skip
    with app.app_context():
        user = db.session.get(User, 1)
        rng = random.Random(os.getpid())
        while time.time() < stop_at:
            complaint = db.session.get(Complaint, rng.choice(complaint_ids))
            services.post_answer(user, complaint, "Background answer about the delivery.")
        db.engine.dispose()


def update_visibility(app, url, index_dir, rounds=30, writers=2):
    """Seconds from a committed answer to ``/search`` finding it while other processes
    post answers as fast as they can, the posting's seconds until its commit (mostly
    waiting for SQLite's write lock) and in all (applying outbox rows after the
    commit): ``(p50, p95, commit p50, commit p95, post p50, post p95)``."""
    with app.app_context():
        # Other threads each run: a kept forum's threads do not grow run after run (the same
        # 200 had 29 answers on average after many runs, and each change re-indexes one).
        picked = sa.select(Complaint.id).order_by(sa.func.random()).limit(200)
        ids = list(db.session.scalars(picked))
    context = multiprocessing.get_context("spawn")
    stop_at = time.time() + rounds * 0.3 + 20
    procs = [context.Process(target=_writer_process, args=(url, index_dir, stop_at, ids))
             for _ in range(writers)]  # fmt: skip
    for proc in procs:
        proc.start()
    time.sleep(3)
    commits, delays, posts, answered = [], [], [], []

    def committed(_session):
        commits.append(time.perf_counter())

    # First among the listeners: before the outbox's, which applies the rows then.
    sa.event.listen(db.session, "after_commit", committed, insert=True)
    client = app.test_client()
    try:
        with app.app_context():
            user = db.session.get(User, 2)
            for n in range(rounds):
                word = f"marker{n}x{random.randint(0, 10**6)}"
                commits.clear()
                started = time.perf_counter()
                services.post_answer(user, db.session.get(Complaint, ids[n]), f"Found {word}")
                answered.append(time.perf_counter() - started)
                committed_at = commits[0]
                while f'data-complaint-id="{ids[n]}"' not in client.get(f"/search?q={word}").text:
                    if time.perf_counter() - committed_at > 10:
                        break
                    time.sleep(0.01)
                delays.append(time.perf_counter() - committed_at)
                posts.append(committed_at - started)
    finally:
        sa.event.remove(db.session, "after_commit", committed)
        for proc in procs:
            proc.terminate()
            proc.join()
    return (pct(delays, 50), pct(delays, 95), pct(posts, 50), pct(posts, 95),
            pct(answered, 50), pct(answered, 95))  # fmt: skip


def run(n, answers, repeat, data=None):
    # With --data, the forum of each size is kept in a folder of its own and used again.
    folder = os.path.join(data, f"{n}x{answers}") if data else tempfile.mkdtemp(prefix="bench-")
    os.makedirs(folder, exist_ok=True)
    database = os.path.join(folder, "bench.sqlite3")
    url = "sqlite:///" + database
    index_dir = os.path.join(folder, "search-index")
    reuse = os.path.exists(os.path.join(folder, "complete"))
    # No page cache: every /search is searched (a repeated query would come from it).
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SEARCH_INDEX_DIR": index_dir,
                      "TESTING": True, "SEARCH_PAGE_SIZE": 20, "PAGE_CACHE_ENABLED": False,
                      "RATELIMIT_ENABLED": False})  # fmt: skip
    print(f"\n== {n:,} complaints, {answers} answers each ==")
    with app.app_context():
        if reuse:
            print(f"using the forum kept in {folder} (indexing rates: see its first run)")
            # As `flask search sync` leaves it: the last run's writes merged, one segment a tier.
            get_backend().apply_pending(timeout=30.0, merge=True)
        else:
            if os.path.exists(database):  # an earlier run stopped half way
                os.remove(database)
            db.create_all()
            started = time.perf_counter()
            populate(n, answers)
            print(f"database filled in {time.perf_counter() - started:.1f} s")
            raw_docs, raw_words = raw_bulk(app)
            print(f"raw Whoosh bulk indexing:   {raw_docs:8,.0f} docs/s {raw_words:10,.0f} words/s")
            count, words, seconds = get_backend().rebuild()
            print(
                f"flask search rebuild:       {count / seconds:8,.0f} docs/s "
                f"{words / seconds:10,.0f} words/s ({words / seconds / raw_words:.0%} of raw)"
            )
            open(os.path.join(folder, "complete"), "w").close()
        size = sum(os.path.getsize(os.path.join(index_dir, f)) for f in os.listdir(index_dir))
        print(f"index size: {size / 1_048_576:,.1f} MB")
        category = db.session.scalar(sa.select(Category))
    client = app.test_client()
    # As a production worker does once its app is built (deploy/gunicorn.conf.py): the
    # long-lived objects are left out of full collections, which otherwise cost 17-27 ms
    # every so many requests.
    gc.freeze()
    print(
        f"{'query':<12} {'raw p50':>8} {'raw p95':>8} {'Whoosh p50':>11} {'Whoosh p95':>11}"
        f" {'/search p50':>12} {'/search p95':>12} (ms)  results per query"
    )
    every_raw, every_own, every_full = [], [], []
    for kind, texts in QUERIES.items():
        raw, own, full, found = [], [], [], {}
        for _ in range(repeat):
            for text in texts:
                params = {"q": text}
                # The same work /search asks of the backend: a page of 20, highlighted.
                kwargs = {"highlight": True, "per_page": 20}
                if kind == "filtered":
                    params["category"] = category.slug
                    kwargs["category_id"] = category.id
                with app.app_context():
                    backend = get_backend()
                    started = time.perf_counter()
                    page = backend.search(parse(text), **kwargs)
                    raw.append(time.perf_counter() - started)
                    started = time.perf_counter()
                    whooshs_own(parse(text), kwargs.get("category_id"))
                    own.append(time.perf_counter() - started)
                found[text] = f"{page.total:,}{'' if page.exact else '+'}"
                started = time.perf_counter()
                response = client.get("/search", query_string=params)
                full.append(time.perf_counter() - started)
                assert response.status_code == 200
        print(
            f"{kind:<12} {pct(raw, 50):8.1f} {pct(raw, 95):8.1f} {pct(own, 50):11.1f}"
            f" {pct(own, 95):11.1f} {pct(full, 50):12.1f} {pct(full, 95):12.1f}  "
            + ", ".join(found.values())
        )
        every_raw += raw
        every_own += own
        every_full += full
    print(
        f"{'all queries':<12} {pct(every_raw, 50):8.1f} {pct(every_raw, 95):8.1f}"
        f" {pct(every_own, 50):11.1f} {pct(every_own, 95):11.1f}"
        f" {pct(every_full, 50):12.1f} {pct(every_full, 95):12.1f}"
    )
    print(
        f"/search p95 over the backend's: {pct(every_full, 95) / pct(every_raw, 95):.2f}x;"
        f" over Whoosh's own search: {pct(every_full, 95) / pct(every_own, 95):.2f}x"
    )
    gc.unfreeze()
    p50, p95, commit50, commit95, post50, post95 = update_visibility(app, url, index_dir)
    print(
        f"change visible to search while 2 processes write: p50 {p50:.0f} ms, p95 {p95:.0f} ms"
        f" from its commit; posting it took p50 {commit50:.0f} ms, p95 {commit95:.0f} ms to"
        f" the commit, p50 {post50:.0f} ms, p95 {post95:.0f} ms in all"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[2000])
    parser.add_argument("--answers", type=int, default=5)
    # Each kind has 3-5 queries: 20 rounds give its p95 60-100 samples (with 5 rounds it
    # was the slowest of 15, whatever a noisy machine did to that one request).
    parser.add_argument("--repeat", type=int, default=20, help="times each query is run")
    parser.add_argument(
        "--data",
        help="keep each size's forum under this folder and use it again on later runs "
        "(indexing 100,000 threads takes 25 minutes); its first run prints the indexing "
        "rates, later ones only the queries and the change-visible figures",
    )
    args = parser.parse_args()
    for n in args.sizes:
        run(n, args.answers, args.repeat, args.data)


if __name__ == "__main__":
    main()
