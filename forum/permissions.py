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


PREDICATES = {
    "can_post": can_post,
    "can_edit": can_edit,
    "can_vote": can_vote,
    "can_see_private_details": can_see_private_details,
    "is_staff": is_staff,
    "is_author": is_author,
}


def init_app(app):
    app.jinja_env.globals.update(PREDICATES)
