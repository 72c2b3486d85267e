"""Trust rules for new accounts: few links, few posts an hour.

An account is *new* while it is younger than the ``new_account_hours`` site setting or
has fewer than ``new_account_min_posts`` visible complaints and answers. New accounts may
put at most ``new_account_max_links`` links in a post and publish at most
``new_account_posts_per_hour`` complaints and answers an hour (the settings default to
``TRUST_NEW_ACCOUNT_HOURS`` … in the configuration). The hourly count is read
from the posts themselves, so no counter can drift and every app process agrees.
Staff are trusted; ``RATELIMIT_ENABLED = False`` turns the rules off with the other limits.

Reports count towards hiding a post automatically only from accounts with some standing
(:func:`has_standing_to_hide`).

With the ``hold_first_posts`` setting on, a new account's posts are held for approval
("pending") until staff have approved one of them: its first post, in practice.
"""

import re
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext

from forum import markup, permissions, settings
from forum.accounts.models import STAFF_ROLES, User
from forum.complaints.models import Answer, Complaint
from forum.db import utcnow
from forum.errors import Invalid, RateLimited

__all__ = [
    "RateLimited",
    "check_links",
    "check_new_post",
    "count_links",
    "is_new_account",
    "has_standing_to_hide",
    "should_hold",
]

_ANCHOR = re.compile(r"<a\s[^>]*?href=\"([^\"]*)\"[^>]*>.*?</a>", re.IGNORECASE | re.DOTALL)
_CODE = re.compile(r"<(pre|code)\b.*?</\1>", re.IGNORECASE | re.DOTALL)
_BARE_URL = re.compile(r"https?://", re.IGNORECASE)


def limits_enabled():
    return bool(current_app.config.get("RATELIMIT_ENABLED", True))


def count_links(text):
    """How many links to other sites ``text`` carries.

    Counted on the rendered, sanitised HTML, so that Markdown links, ``<autolinks>``,
    protocol-relative links and bare domains that the sanitiser turns into links all
    count, plus any http(s) URL left as plain text; URLs inside code do not count.
    """
    html = _CODE.sub(" ", markup.render(text or ""))
    count = 0
    for href in _ANCHOR.findall(html):
        if href.strip().lower().startswith(("http:", "https:", "//")):
            count += 1
    return count + len(_BARE_URL.findall(_ANCHOR.sub(" ", html)))


def approved_posts(session, user, limit):
    """How many of ``user``'s complaints and answers are public, counting up to ``limit``."""
    approved = 0
    for model in (Complaint, Answer):
        approved += session.scalar(
            sa.select(sa.func.count()).select_from(
                sa.select(model.id)
                .where(model.author_id == user.id, model.visibility == "visible")
                .limit(limit)
                .subquery()
            )
        )
    return approved


def is_new_account(session, user, now=None):
    """Young, or with too few approved posts to be trusted yet."""
    site = settings.current()
    now = now or utcnow()
    if user.created_at > now - timedelta(hours=site.new_account_hours):
        return True
    needed = site.new_account_min_posts
    return approved_posts(session, user, needed) < needed


def has_standing_to_hide(now=None):
    """A SQL condition on ``User``: whether the account's report counts towards hiding a
    post before staff look at it.

    Staff's always do (staff powers: not banned, suspended or deleted). A member's does
    once the account is ``FLAG_WEIGHT_ACCOUNT_DAYS`` old and has
    ``FLAG_WEIGHT_VISIBLE_POSTS`` public complaints or answers, so a handful of accounts
    made for the purpose cannot take a post off the site. Every report still reaches the
    moderation queue. Independent of ``RATELIMIT_ENABLED``. A condition rather than a
    test per account, so that reading every reporter's standing is one statement however
    many reported a post.
    """
    config = current_app.config
    now = now or utcnow()
    staff_powers = sa.and_(
        User.role.in_(STAFF_ROLES),
        sa.not_(User.banned),
        sa.or_(User.suspended_until.is_(None), User.suspended_until <= now),
        User.deleted_at.is_(None),
    )
    old_enough = User.created_at <= now - timedelta(days=config["FLAG_WEIGHT_ACCOUNT_DAYS"])
    needed = config["FLAG_WEIGHT_VISIBLE_POSTS"]
    if needed <= 0:
        return sa.or_(staff_powers, old_enough)
    complaints, answers = (
        sa.select(sa.func.count(model.id))
        .where(model.author_id == User.id, model.visibility == "visible")
        .scalar_subquery()
        for model in (Complaint, Answer)
    )
    public = complaints + answers
    return sa.or_(staff_powers, sa.and_(old_enough, public >= needed))


def should_hold(session, user, now=None):
    """Whether a new post by ``user`` waits for approval instead of going public.

    Only with the ``hold_first_posts`` setting on, and only for a new account none of whose
    posts staff have approved yet, so a member's first post is held and, until staff
    approve it, so is anything else they post. Staff are never held. The setting is its
    own switch: ``RATELIMIT_ENABLED`` does not turn it off.
    """
    if not settings.get("hold_first_posts") or permissions.is_staff(user):
        return False
    return approved_posts(session, user, 1) == 0 and is_new_account(session, user, now)


def _recent_posts(session, user, since):
    times = []
    for model in (Complaint, Answer):
        times += session.scalars(
            sa.select(model.created_at).where(model.author_id == user.id, model.created_at > since)
        )
    return sorted(times)


def _refuse_many_links(text):
    max_links = settings.get("new_account_max_links")
    links = count_links(text)
    if links > max_links:
        if max_links == 1:
            message = _(
                "New accounts can include at most one link in a post; this one has "
                "%(links)d. Remove some links and post again.",
                links=links,
            )
        else:
            message = ngettext(
                "New accounts can include at most %(num)d link in a post; this one has "
                "%(links)d. Remove some links and post again.",
                "New accounts can include at most %(num)d links in a post; this one has "
                "%(links)d. Remove some links and post again.",
                max_links,
                links=links,
            )
        raise Invalid(message)


def check_links(session, user, text):
    """Refuse an edit by a new account that would carry too many links (422)."""
    if not limits_enabled() or permissions.is_staff(user):
        return
    if is_new_account(session, user):
        _refuse_many_links(text)


def check_new_post(session, user, text):
    """Refuse a post by a new account with too many links (422) or too soon (429).

    Runs inside the posting transaction, so the hourly count sees every committed post.
    Edits run only :func:`check_links`: changing a post is not posting again.
    """
    if not limits_enabled() or permissions.is_staff(user):
        return
    now = utcnow()
    if not is_new_account(session, user, now):
        return
    _refuse_many_links(text)
    per_hour = settings.get("new_account_posts_per_hour")
    recent = _recent_posts(session, user, now - timedelta(hours=1))
    if len(recent) >= per_hour:
        # The window opens again when the oldest post in it is an hour old.
        free_at = recent[len(recent) - per_hour] + timedelta(hours=1)
        minutes = max(1, round((free_at - now).total_seconds() / 60))
        raise RateLimited(
            ngettext(
                "New accounts can post %(per_hour)d times an hour. You can post again in "
                "about %(num)d minute.",
                "New accounts can post %(per_hour)d times an hour. You can post again in "
                "about %(num)d minutes.",
                minutes,
                per_hour=per_hour,
            )
        )
