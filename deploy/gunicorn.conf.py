"""Gunicorn settings for Redress: ``gunicorn -c deploy/gunicorn.conf.py app:app``.

Every setting can be overridden from the environment (``GUNICORN_*`` below) or on the
command line; ``bench/pages.py`` uses this file with two workers, as production does on a
two-core machine. See ``docs/deploy.md``.
"""

import os

# Only nginx on this machine talks to gunicorn; never expose it directly.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Sync workers: a page is CPU work in Python plus short SQLite/PostgreSQL queries, so one
# worker per core, plus one to cover the moments a worker waits on the database or on the
# disk. Never fewer than two, so that one slow request cannot stall the site.
workers = int(os.environ.get("GUNICORN_WORKERS", max(2, (os.cpu_count() or 1) + 1)))
worker_class = "sync"
threads = 1

# Off: each worker imports and builds the app itself after the fork, so no database
# connection, open index file or lock is ever shared between processes, and a
# `systemctl reload` (HUP) picks up new code in fresh workers.
preload_app = False

# Recycle each worker after this many requests (with jitter, so that the workers do not
# all restart together): bounds the memory any slow leak can take.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 5000))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", 500))

# A request that takes longer than this is killed and the worker replaced.
timeout = 30
graceful_timeout = 30
# Sync workers close the connection after each response; nginx keeps the client's open.
keepalive = 2

# Heartbeat files on tmpfs: a worker blocked on a slow disk is not mistaken for a hung one.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# The proxy on this machine is trusted to say the client's scheme (X-Forwarded-Proto).
# The client address is taken from X-Forwarded-For by the app itself when
# FLASK_PROXY_FIX_X_FOR=1 (forum/proxy.py).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Logs go to stdout/stderr, i.e. the systemd journal. GUNICORN_ACCESS_LOG="" turns the
# access log off (nginx keeps its own); the benchmark does that.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Client address (as nginx saw it), user, time, request line, status, bytes, duration in
# seconds, referrer, user agent.
access_log_format = (
    '%({x-forwarded-for}i)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s %(L)ss "%(f)s" "%(a)s"'
)

proc_name = "redress"


def post_worker_init(worker):
    """Leave the objects of the built app out of every full garbage collection.

    They live as long as the worker does (modules, functions, classes, the app and its
    caches' scaffolding: about 93,000 objects), yet Python's full collection walks them
    all, 17–27 ms on this machine class, every so many requests: the slowest few percent
    of every page (a `/search` p95 of 44 ms against a p50 of 20). ``gc.freeze()`` moves
    them to a generation never collected; what requests create is collected as before.
    """
    import gc

    gc.freeze()
