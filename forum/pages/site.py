"""The operator's pages (``/guidelines``, ``/about``, ``/privacy``) and the site's logo.

Their text is a site setting (forum/settings), so the pages are the same for every
visitor and kept by the page cache; an edit changes the settings' digest in the cache's
key, which drops them. The logo is served under a URL carrying its digest, cached for a
year by browsers and proxies alike (a new upload has a new URL).
"""

from flask import Blueprint, Response, abort, render_template
from flask_babel import lazy_gettext as _l

from forum import page_cache
from forum.extensions import db
from forum.settings import logo as site_logo

bp = Blueprint("site", __name__)

PAGES = {
    "guidelines": _l("Community guidelines"),
    "about": _l("About"),
    "privacy": _l("Privacy"),
}
LOGO_MAX_AGE = 365 * 24 * 3600


def _text_page(name):
    return render_template("pages/site_text.html", name=name, title=PAGES[name])


@bp.get("/guidelines")
@page_cache.public_page()
def guidelines():
    return _text_page("guidelines")


@bp.get("/about")
@page_cache.public_page()
def about():
    return _text_page("about")


@bp.get("/privacy")
@page_cache.public_page()
def privacy():
    return _text_page("privacy")


@bp.get("/site/logo/<name>")
def logo(name):
    found = site_logo.find(db.session, name)
    if found is None:
        abort(404)
    response = Response(found.data, mimetype=found.content_type)
    response.cache_control.public = True
    response.cache_control.max_age = LOGO_MAX_AGE
    response.cache_control.immutable = True
    return response
