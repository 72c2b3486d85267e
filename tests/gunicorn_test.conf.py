"""``deploy/gunicorn.conf.py`` as production runs it, plus a readiness report for tests.

Each worker, once it has built the app, writes its pid and a newline to the file
descriptor ``REDRESS_TEST_READY_FD`` (a pipe the test holds; ``tests/servers.py``), so a
test waits for its workers on an event instead of polling for them.
"""

import os
import runpy

_DEPLOY = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "deploy")
globals().update(
    (name, value)
    for name, value in runpy.run_path(os.path.join(_DEPLOY, "gunicorn.conf.py")).items()
    if not name.startswith("__")
)
_production_post_worker_init = globals()["post_worker_init"]


def post_worker_init(worker):
    _production_post_worker_init(worker)
    ready = os.environ.get("REDRESS_TEST_READY_FD")
    if ready:
        os.write(int(ready), f"{worker.pid}\n".encode())
