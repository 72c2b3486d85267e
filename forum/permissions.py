"""Who may do what: pure predicates shared by services, views and templates."""

from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from forum.db import utcnow
from forum.statuses import CLOSED_STATUSES, STATUSES


def is_member(user):
    return bool(user is not None and getattr(user, "is_authenticated", False))


def is_active(user):
    """Signed in and not suspended, banned or deleted. Every predicate that lets someone
    change something, or use staff powers, starts here: a restricted account only reads."""
    return is_member(user) and not is_restricted(user)


def is_staff(user):
    """Staff powers: a staff or admin account that is not restricted (a suspended or
    banned staff member has none; their role is still ``user.is_staff``)."""
    return is_active(user) and user.is_staff


def is_admin(user):
    return is_active(user) and user.is_admin


def is_suspended(user, now=None):
    """A suspension is in force: it ends by itself at ``suspended_until``."""
    until = getattr(user, "suspended_until", None)
    return is_member(user) and until is not None and until > (now or utcnow())


def is_banned(user):
    return is_member(user) and bool(getattr(user, "banned", False))


def is_restricted(user, now=None):
    """Suspended, banned or deleted accounts may read but not post, vote or flag."""
    return (
        is_banned(user) or is_suspended(user, now) or getattr(user, "deleted_at", None) is not None
    )


# Why someone may not do something, by what the caller names (``doing``): the sentence for
# a visitor (sign in), for a banned account (after why) or anyone else, and for a suspended
# account (after until when and why).
_REFUSALS = {
    "flag posts": (
        _l("Sign in to flag posts."),
        _l("You cannot flag posts."),
        _l("You can read but not flag posts."),
    ),
    "report posts": (
        _l("Sign in to report posts."),
        _l("You cannot report posts."),
        _l("You can read but not report posts."),
    ),
    'say "this solved it for me"': (
        _l('Sign in to say "this solved it for me".'),
        _l('You cannot say "this solved it for me".'),
        _l('You can read but not say "this solved it for me".'),
    ),
    "follow threads": (
        _l("Sign in to follow threads."),
        _l("You cannot follow threads."),
        _l("You can read but not follow threads."),
    ),
    "preview posts": (
        _l("Sign in to preview posts."),
        _l("You cannot preview posts."),
        _l("You can read but not preview posts."),
    ),
    "post a complaint": (
        _l("Sign in to post a complaint."),
        _l("You cannot post a complaint."),
        _l("You can read but not post a complaint."),
    ),
    "answer": (
        _l("Sign in to answer."),
        _l("You cannot answer."),
        _l("You can read but not answer."),
    ),
    "vote": (
        _l("Sign in to vote."),
        _l("You cannot vote."),
        _l("You can read but not vote."),
    ),
    "say whether the fix worked": (
        _l("Sign in to say whether the fix worked."),
        _l("You cannot say whether the fix worked."),
        _l("You can read but not say whether the fix worked."),
    ),
    "answer this prompt": (
        _l("Sign in to answer this prompt."),
        _l("You cannot answer this prompt."),
        _l("You can read but not answer this prompt."),
    ),
    "post, answer, vote or report posts": (
        _l("Sign in to post, answer, vote or report posts."),
        _l("You cannot post, answer, vote or report posts."),
        _l("You can read but not post, answer, vote or report posts."),
    ),
}
_REFUSED = (_l("Sign in first."), _l("You cannot do that."), _l("You can read but not do that."))


def refusal(user, doing):
    """Why ``user`` may not do something, in words for them; ``doing`` is a key of
    ``_REFUSALS`` (what they tried: "vote", "follow threads" ...)."""
    sign_in, cannot, read_only = _REFUSALS.get(doing, _REFUSED)
    if not is_member(user):
        return str(sign_in)
    until = getattr(user, "suspended_until", None)
    reason = getattr(user, "suspension_reason", None)
    if getattr(user, "banned", False):
        if reason:
            status = _("Your account is banned (%(reason)s).", reason=reason)
        else:
            status = _("Your account is banned.")
        return f"{status} {cannot}"
    if is_suspended(user):
        status = _(
            "Your account is suspended until %(until)s UTC (%(reason)s).",
            until=format_datetime(until, "d MMM y, HH:mm"),
            reason=reason or _("no reason given"),
        )
        return f"{status} {read_only}"
    return str(cannot)


def is_author(user, post):
    return is_member(user) and post.author_id is not None and post.author_id == user.id


def can_post(user):
    return is_active(user)


def can_see(user, post):
    """A complaint or answer the viewer may read: public, or removed but theirs to see
    (staff; an author's own held post). An answer also needs its thread to be seen."""
    if not (post.is_public or can_see_removed(user, post)):
        return False
    complaint = getattr(post, "complaint", None)
    return complaint is None or can_see(user, complaint)


def can_follow(user, complaint):
    return is_active(user) and can_see(user, complaint)


def can_flag(user):
    """Members report posts (suspended accounts cannot)."""
    return can_post(user)


def can_edit(user, post):
    """Authors edit their own complaints and answers (not while suspended or banned)."""
    return is_author(user, post) and is_active(user)


def can_vote(user, post):
    """Members vote on other people's posts, never on their own."""
    return is_active(user) and not is_author(user, post) and can_see(user, post)


def can_see_private_details(user, complaint):
    """Private details are for the complaint's author and for staff, nobody else."""
    return is_author(user, complaint) or is_staff(user)


# --- The resolution loop -------------------------------------------------------------


def can_mark_official(user, answer):
    """Staff mark a staff answer as the company's official answer."""
    return is_staff(user) and answer.author is not None and answer.author.is_staff


def can_accept(user, complaint):
    """The complaint's author or staff choose the accepted solution."""
    return (is_author(user, complaint) and is_active(user)) or is_staff(user)


def within_reopen_window(complaint, now, days):
    changed = complaint.status_changed_at or complaint.created_at
    return (now - changed).total_seconds() <= days * 86400


def status_moves(user, complaint, now, reopen_days=30):
    """The statuses ``user`` may move ``complaint`` to, in workflow order."""

    if is_staff(user):
        return [status for status in STATUSES if status != complaint.status]
    if not (is_author(user, complaint) and is_active(user)):
        return []
    if complaint.status in CLOSED_STATUSES:
        return ["open"] if within_reopen_window(complaint, now, reopen_days) else []
    return ["resolved"]


def can_set_promised_date(user):
    return is_staff(user)


def can_respond_to_resolution(user, complaint):
    """The author confirms or disputes a resolution that staff made."""
    return (
        is_author(user, complaint)
        and is_active(user)
        and complaint.status == "resolved"
        and complaint.resolution_state == "awaiting"
    )


def can_report_fix(user, complaint, affected):
    """A member who said "affects me too" (``affected``) says whether the fix worked for
    them, once the complaint is resolved (not while suspended or banned)."""
    return (
        bool(affected)
        and is_active(user)
        and not is_author(user, complaint)
        and complaint.resolved_at is not None
        and complaint.status in CLOSED_STATUSES
    )


def can_revise_review(user, complaint):
    """Only the author, and only once the complaint has been resolved."""
    return is_author(user, complaint) and is_active(user) and complaint.resolved_at is not None


def can_see_staff_pages(user):
    return is_staff(user)


# --- Moderation ------------------------------------------------------------------------


def can_moderate(user):
    return is_staff(user)


def is_hidden_by_reports(post):
    """Hidden automatically because enough members reported it, until staff review it
    (staff decisions set ``moderated_at``)."""
    return post.visibility == "hidden" and getattr(post, "moderated_at", None) is None


def can_see_removed(user, post):
    """Staff see removed posts; an author sees their own post while it awaits approval,
    and while members' reports hide it until staff review it (with a notice saying so)."""
    if is_staff(user):
        return True
    return (post.visibility == "pending" or is_hidden_by_reports(post)) and is_author(user, post)


def can_answer(user, complaint):
    """Members answer public threads that are not locked."""
    return can_post(user) and complaint.is_public and not complaint.locked


PREDICATES = {
    "can_post": can_post,
    "can_see": can_see,
    "can_follow": can_follow,
    "is_active": is_active,
    "can_edit": can_edit,
    "can_vote": can_vote,
    "can_see_private_details": can_see_private_details,
    "is_staff": is_staff,
    "is_author": is_author,
    "can_mark_official": can_mark_official,
    "can_accept": can_accept,
    "can_set_promised_date": can_set_promised_date,
    "can_respond_to_resolution": can_respond_to_resolution,
    "can_report_fix": can_report_fix,
    "can_revise_review": can_revise_review,
    "can_see_staff_pages": can_see_staff_pages,
    "can_moderate": can_moderate,
    "can_flag": can_flag,
    "can_see_removed": can_see_removed,
    "is_hidden_by_reports": is_hidden_by_reports,
    "can_answer": can_answer,
    "is_admin": is_admin,
    "refusal": refusal,
    "is_suspended": is_suspended,
    "is_banned": is_banned,
}


def init_app(app):
    app.jinja_env.globals.update(PREDICATES)
