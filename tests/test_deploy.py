"""The production server settings (``deploy/``) do what they say."""

import gc
import runpy
from pathlib import Path

import crossplane

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"
CONFIG = DEPLOY / "gunicorn.conf.py"
NGINX_SITE = DEPLOY / "nginx" / "redress.conf"


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


def nginx_servers(tmp_path):
    """The site's ``server`` blocks, parsed by crossplane as nginx reads them: included
    in ``http`` (so each directive is checked against its context and arguments)."""
    main = tmp_path / "nginx.conf"
    main.write_text(f"events {{}}\nhttp {{\n    include {NGINX_SITE};\n}}\n")
    parsed = crossplane.parse(str(main))
    assert parsed["status"] == "ok", parsed["errors"]
    (site,) = [config for config in parsed["config"] if config["file"] == str(NGINX_SITE)]
    return [block["block"] for block in site["parsed"] if block["directive"] == "server"]


def directives(block, name):
    return [item["args"] for item in block if item["directive"] == name]


def test_nginx_refuses_every_host_but_the_sites_own(tmp_path):
    servers = nginx_servers(tmp_path)
    (default,) = [
        block
        for block in servers
        if any("default_server" in args for args in directives(block, "listen"))
    ]
    assert directives(default, "server_name") == [["_"]]
    assert directives(default, "return") == [["444"]]
    assert directives(default, "ssl_reject_handshake") == [["on"]]  # TLS: no certificate
    assert not directives(default, "location") and not directives(default, "proxy_pass")
    # Every address and port the named servers listen on has the default server in front.
    default_listens = {
        tuple(arg for arg in args if arg != "default_server")
        for args in directives(default, "listen")
    }
    for block in servers:
        if block is default:
            continue
        assert directives(block, "server_name") == [["complaints.example.com"]]
        for args in directives(block, "listen"):
            assert tuple(args) in default_listens, args
