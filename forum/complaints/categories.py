"""Category use cases: create, edit, archive, merge, delete. Each commits once or not at all.

Admins run them from ``/admin/categories`` (``actor`` is the admin) and operators from
``flask categories`` (``actor`` is None). Every change sends ``signals.category_changed``
with the values before and after: the audit log records it, the page cache drops the pages
listing categories, and search reindexes the complaints a merge moved.
"""

import re

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import ngettext

from forum import markup, permissions, signals
from forum.accounts.models import User
from forum.complaints.models import Category, CategorySlugRedirect, Complaint
from forum.db import utcnow
from forum.errors import Invalid, NotFound, PermissionDenied
from forum.extensions import db
from forum.text import clean_text, slugify
from forum.uow import locked, write_transaction

NAME_MIN, NAME_MAX = 2, 60
SLUG_MAX = 60
DESCRIPTION_MAX = 2_000
POSITION_MAX = 10_000
RESPONSE_HOURS_MAX = 24 * 365

# Words a category's slug may not be: they read as routes or actions (``/c/new``,
# ``/c/<slug>/feed``), or as other parts of the site.
RESERVED_SLUGS = frozenset(
    {
        "about", "admin", "all", "answers", "api", "c", "categories", "category",
        "complaints", "delete", "edit", "feed", "feeds", "guidelines", "healthz", "insights",
        "login", "logout", "members", "mod", "new", "none", "notifications", "page", "privacy",
        "record", "register", "report", "robots", "search", "settings", "setup", "sitemap",
        "solved", "staff", "static", "top", "unanswered", "hot",
    }
)  # fmt: skip
SLUG_PATTERN = re.compile(r"^[^\W_]+(?:-[^\W_]+)*$")

# What the audit log keeps of a category before and after each change.
AUDITED = (
    "name",
    "slug",
    "description",
    "position",
    "default_assignee_id",
    "response_hours",
    "archived_at",
)


def _snapshot(category):
    values = {}
    for name in AUDITED:
        value = getattr(category, name)
        values[name] = value.isoformat() if hasattr(value, "isoformat") else value
    return values


def _check_actor(actor):
    if actor is not None and not permissions.is_admin(actor):
        raise PermissionDenied(_("Only admins manage categories."))


def _load(session, category_id):
    category = session.get(Category, category_id) if category_id else None
    if category is None:
        raise NotFound(_("No such category."))
    return locked(Category, category.id)


def _slug_owner(session, slug):
    """The id of the category answering to ``slug`` (its own or a redirect), or None."""
    live = session.scalar(sa.select(Category.id).where(Category.slug == slug))
    if live is not None:
        return live
    return session.scalar(
        sa.select(CategorySlugRedirect.category_id).where(CategorySlugRedirect.old_slug == slug)
    )


def _typed_slug(session, slug, category_id):
    if len(slug) > SLUG_MAX:
        raise Invalid(
            _(
                "The slug must be at most %(max)d characters (it has %(length)d).",
                max=SLUG_MAX,
                length=len(slug),
            )
        )
    if not SLUG_PATTERN.match(slug) or slug != slug.lower():
        raise Invalid(
            _(
                "The slug may hold lower-case letters, digits and single hyphens between "
                "them (for example “%(example)s”).",
                example=slugify(slug)[:SLUG_MAX],
            )
        )
    if slug in RESERVED_SLUGS:
        raise Invalid(
            _("“%(slug)s” is reserved for the site's own pages; choose another slug.", slug=slug)
        )
    taken = session.scalar(
        sa.select(Category.name).where(Category.slug == slug, Category.id != (category_id or 0))
    )
    if taken is not None:
        raise Invalid(
            _("The slug “%(slug)s” is taken by the category “%(name)s”.", slug=slug, name=taken)
        )
    return slug


def _generated_slug(session, name, category_id):
    """A free slug from the name: the name's slug, or with -2, -3 … after it."""
    base = slugify(name)[: SLUG_MAX - 4].strip("-") or "category"
    number = 1
    while True:
        slug = base if number == 1 else f"{base}-{number}"
        owner = _slug_owner(session, slug)
        if slug not in RESERVED_SLUGS and owner in (None, category_id):
            return slug
        number += 1


def _clean_name(name):
    return " ".join(clean_text(name).split())


def category_named(name):
    """The category called ``name`` (spaces and case aside, as names are compared), or None."""
    return db.session.scalar(
        sa.select(Category).where(sa.func.lower(Category.name) == _clean_name(name).lower())
    )


def _fields(
    session,
    category_id,
    *,
    name,
    slug="",
    description="",
    position=None,
    default_assignee_id=None,
    response_hours=None,
):
    """The checked columns of a new (``category_id`` None) or edited category: the fields
    of the admin form and of ``flask categories create``; raises ``Invalid``."""
    assignee_id, hours = default_assignee_id, response_hours
    name = _clean_name(name)
    if len(name) < NAME_MIN:
        raise Invalid(_("The name must be at least %(min)d characters.", min=NAME_MIN))
    if len(name) > NAME_MAX:
        raise Invalid(
            _(
                "The name must be at most %(max)d characters (it has %(length)d).",
                max=NAME_MAX,
                length=len(name),
            )
        )
    same_name = session.scalar(
        sa.select(Category.slug).where(
            sa.func.lower(Category.name) == name.lower(), Category.id != (category_id or 0)
        )
    )
    if same_name is not None:
        raise Invalid(_("A category is already called “%(name)s”.", name=name))
    slug = clean_text(slug)
    if slug:
        slug = _typed_slug(session, slug, category_id)
    elif category_id is not None:
        slug = session.get(Category, category_id).slug
    else:
        slug = _generated_slug(session, name, category_id)
    description = clean_text(description)
    if len(description) > DESCRIPTION_MAX:
        raise Invalid(
            _(
                "The description must be at most %(max)s characters (it has %(length)s).",
                max=DESCRIPTION_MAX,
                length=len(description),
            )
        )
    if position is None:
        position = (session.scalar(sa.select(sa.func.max(Category.position))) or 0) + 1
    if not 0 <= position <= POSITION_MAX:
        raise Invalid(_("The position must be between 0 and %(max)d.", max=POSITION_MAX))
    if assignee_id is not None:
        assignee = session.get(User, assignee_id)
        if assignee is None or not permissions.is_staff(assignee):
            raise Invalid(_("The default assignee must be an active staff member."))
    if hours is not None and not 1 <= hours <= RESPONSE_HOURS_MAX:
        raise Invalid(
            _(
                "The response promise must be between 1 and %(max)d hours.",
                max=RESPONSE_HOURS_MAX,
            )
        )
    return {
        "name": name,
        "slug": slug,
        "description": description,
        "description_html": markup.render(description),
        "position": position,
        "default_assignee_id": assignee_id,
        "response_hours": hours,
    }


def _changed(session, category, action, actor, before, slugs, moved=()):
    signals.category_changed.send(
        category,
        session=session,
        actor=actor,
        action=action,
        before=before,
        after=_snapshot(category) if action != "delete" else None,
        slugs=tuple(sorted({s for s in slugs if s})),
        moved=tuple(moved),
    )


def create_category(actor, **given):
    """A new category, listed on the posting form at once; ``given`` are the fields of
    ``_fields`` (``name`` required); raises ``Invalid``."""
    _check_actor(actor)
    with write_transaction() as session:
        fields = _fields(session, None, **given)
        # A live category takes a slug back from a redirect: the redirect goes.
        session.execute(
            sa.delete(CategorySlugRedirect).where(CategorySlugRedirect.old_slug == fields["slug"])
        )
        category = Category(**fields)
        session.add(category)
        session.flush()
        _changed(session, category, "create", actor, None, [category.slug])
    return category


def edit_category(actor, category_id, **given):
    """Change a category (the fields of ``_fields``; an empty position keeps its place); a
    new slug keeps the old one answering 301 to it."""
    _check_actor(actor)
    with write_transaction() as session:
        category = _load(session, category_id)
        before = _snapshot(category)
        if given.get("position") is None:
            given["position"] = category.position
        fields = _fields(session, category.id, **given)
        old_slug = category.slug
        if fields["slug"] != old_slug:
            session.execute(
                sa.delete(CategorySlugRedirect).where(
                    CategorySlugRedirect.old_slug == fields["slug"]
                )
            )
            session.add(CategorySlugRedirect(old_slug=old_slug, category_id=category.id))
        for key, value in fields.items():
            setattr(category, key, value)
        session.flush()
        _changed(session, category, "edit", actor, before, [old_slug, category.slug])
    return category


def archive_category(actor, category_id):
    """Close a category to new complaints; its threads stay readable and searchable."""
    return _set_archived(actor, category_id, True)


def unarchive_category(actor, category_id):
    return _set_archived(actor, category_id, False)


def _set_archived(actor, category_id, archived):
    _check_actor(actor)
    with write_transaction() as session:
        category = _load(session, category_id)
        if category.is_archived == archived:
            if archived:
                raise Invalid(_("“%(name)s” is already archived.", name=category.name))
            raise Invalid(_("“%(name)s” is already not archived.", name=category.name))
        before = _snapshot(category)
        category.archived_at = utcnow() if archived else None
        session.flush()
        action = "archive" if archived else "unarchive"
        _changed(session, category, action, actor, before, [category.slug])
    return category


def merge_categories(actor, source_id, target_id):
    """Move every complaint of ``source`` into ``target`` and remove ``source``.

    The counts move with the complaints, and the source's slug (and every slug that
    redirected to it) answers 301 to the target.
    """
    _check_actor(actor)
    if source_id == target_id:
        raise Invalid(_("Choose another category to merge into."))
    with write_transaction() as session:
        source = _load(session, source_id)
        if not target_id or session.get(Category, target_id) is None:
            raise Invalid(_("Choose the category to merge into."))
        target = locked(Category, target_id)
        before = {"source": _snapshot(source), "target": _snapshot(target)}
        moved = list(
            session.scalars(sa.select(Complaint.id).where(Complaint.category_id == source.id))
        )
        session.execute(
            sa.update(Complaint)
            .where(Complaint.category_id == source.id)
            .values(category_id=target.id)
            .execution_options(synchronize_session=False)
        )
        session.execute(
            sa.update(Category)
            .where(Category.id == target.id)
            .values(complaint_count=Category.complaint_count + source.complaint_count)
        )
        session.execute(
            sa.update(CategorySlugRedirect)
            .where(CategorySlugRedirect.category_id == source.id)
            .values(category_id=target.id)
        )
        session.add(CategorySlugRedirect(old_slug=source.slug, category_id=target.id))
        session.delete(source)
        session.flush()
        session.refresh(target)
        signals.category_changed.send(
            target,
            session=session,
            actor=actor,
            action="merge",
            before=before,
            after={"source": None, "target": _snapshot(target), "moved": len(moved)},
            slugs=(source.slug, target.slug),
            moved=tuple(moved),
        )
    # The session's copies of the moved complaints still name the old category.
    db.session.expire_all()
    return target


def delete_category(actor, category_id):
    """Remove a category that no complaint was ever filed under (hidden ones count)."""
    _check_actor(actor)
    with write_transaction() as session:
        category = _load(session, category_id)
        filed = session.scalar(
            sa.select(sa.func.count())
            .select_from(Complaint)
            .where(Complaint.category_id == category.id)
        )
        if filed:
            raise Invalid(
                ngettext(
                    "“%(name)s” holds %(num)d complaint: merge it into another category, "
                    "or archive it.",
                    "“%(name)s” holds %(num)d complaints: merge it into another category, "
                    "or archive it.",
                    filed,
                    name=category.name,
                )
            )
        before = _snapshot(category)
        session.execute(
            sa.delete(CategorySlugRedirect).where(CategorySlugRedirect.category_id == category.id)
        )
        session.delete(category)
        session.flush()
        _changed(session, category, "delete", actor, before, [category.slug])


def check_open(category):
    """Refuse a new complaint in an archived category."""
    if category.is_archived:
        raise Invalid(
            _(
                "“%(name)s” is archived and takes no new complaints; choose another category.",
                name=category.name,
            )
        )
