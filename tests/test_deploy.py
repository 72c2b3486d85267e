"""The production server settings (``deploy/gunicorn.conf.py``) do what they say."""

import gc
import runpy
from pathlib import Path

CONFIG = Path(__file__).resolve().parent.parent / "deploy" / "gunicorn.conf.py"


def test_a_worker_leaves_the_built_app_out_of_full_collections(app):
    settings = runpy.run_path(str(CONFIG))
    assert settings["preload_app"] is False  # each worker builds its own app, then freezes
    assert gc.get_freeze_count() == 0
    try:
        settings["post_worker_init"](worker=None)
        # The app's objects (its view functions among them) are in the frozen generation.
        assert gc.get_freeze_count() > 10_000
        assert not any(obj is app.view_functions["search.search"] for obj in gc.get_objects())
    finally:
        gc.unfreeze()
    assert any(obj is app.view_functions["search.search"] for obj in gc.get_objects())
