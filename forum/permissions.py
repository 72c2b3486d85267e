"""Who may do what: pure predicates shared by services, views and templates."""


def is_member(user):
    return bool(user is not None and getattr(user, "is_authenticated", False))


def is_staff(user):
    return is_member(user) and user.is_staff


def is_author(user, post):
    return is_member(user) and post.author_id is not None and post.author_id == user.id


def can_post(user):
    return is_member(user)


def can_edit(user, post):
    """Authors edit their own complaints and answers."""
    return is_author(user, post)


def can_vote(user, post):
    """Members vote on other people's posts, never on their own."""
    return is_member(user) and not is_author(user, post)


def can_see_private_details(user, complaint):
    """Private details are for the complaint's author and for staff, nobody else."""
    return is_author(user, complaint) or is_staff(user)


# --- The resolution loop -------------------------------------------------------------

CLOSED_STATUSES = ("resolved", "closed")


def can_mark_official(user, answer):
    """Staff mark a staff answer as the company's official answer."""
    return is_staff(user) and answer.author is not None and answer.author.is_staff


def can_accept(user, complaint):
    """The complaint's author or staff choose the accepted solution."""
    return is_author(user, complaint) or is_staff(user)


def within_reopen_window(complaint, now, days):
    changed = complaint.status_changed_at or complaint.created_at
    return (now - changed).total_seconds() <= days * 86400


def status_moves(user, complaint, now, reopen_days=30):
    """The statuses ``user`` may move ``complaint`` to, in workflow order."""
    from forum.complaints.models import STATUSES

    if is_staff(user):
        return [status for status in STATUSES if status != complaint.status]
    if not is_author(user, complaint):
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
        and complaint.status == "resolved"
        and complaint.resolution_state == "awaiting"
    )


def can_revise_review(user, complaint):
    """Only the author, and only once the complaint has been resolved."""
    return is_author(user, complaint) and complaint.resolved_at is not None


def can_see_staff_pages(user):
    return is_staff(user)


PREDICATES = {
    "can_post": can_post,
    "can_edit": can_edit,
    "can_vote": can_vote,
    "can_see_private_details": can_see_private_details,
    "is_staff": is_staff,
    "is_author": is_author,
    "can_mark_official": can_mark_official,
    "can_accept": can_accept,
    "can_set_promised_date": can_set_promised_date,
    "can_respond_to_resolution": can_respond_to_resolution,
    "can_revise_review": can_revise_review,
    "can_see_staff_pages": can_see_staff_pages,
}


def init_app(app):
    app.jinja_env.globals.update(PREDICATES)
