"""``/admin``: the index of the operator's pages, and the rule every one of them shares."""

from flask import Blueprint, abort, current_app, render_template
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from forum import permissions
from forum.extensions import login_manager

bp = Blueprint("admin", __name__, url_prefix="/admin")

# The sections of the index, in order: (endpoint, title, what it is for). A section is
# listed once its blueprint registers the endpoint.
SECTIONS = (
    (
        "admin.categories",
        _l("Categories"),
        _l("Products and departments complaints are filed under."),
    ),
    ("admin.settings", _l("Site settings"), _l("The site's name, rules, pages and registration.")),
    ("admin.staff", _l("Staff"), _l("Who answers officially and who runs the forum.")),
)


@bp.before_request
def admins_only():
    """Visitors are sent to sign in; members and staff who are not admins get 403."""
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if not permissions.is_admin(current_user):
        abort(403)
    return None


@bp.get("")
def index():
    sections = [
        (endpoint, title, purpose)
        for endpoint, title, purpose in SECTIONS
        if endpoint in current_app.view_functions
    ]
    return render_template("admin/index.html", sections=sections)
