"""Account use cases: register, authenticate, create from the command line."""

import re

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from sqlalchemy.exc import IntegrityError
from werkzeug.security import generate_password_hash

from forum.accounts.models import ROLES, User
from forum.db import write_transaction
from forum.errors import Invalid
from forum.extensions import db

USERNAME_MIN, USERNAME_MAX = 3, 30
USERNAME_RE = re.compile(r"^[A-Za-z0-9_-]+$")
PASSWORD_MIN = 10

# Checked against when no account matches, so a wrong username costs as much time as a
# wrong password and does not reveal which accounts exist.
_DUMMY_HASH = generate_password_hash("not-a-real-password", method="scrypt")


def username_problem(username):
    """Why a username cannot be used, or ``None``."""
    if not USERNAME_MIN <= len(username) <= USERNAME_MAX:
        return f"Usernames are {USERNAME_MIN} to {USERNAME_MAX} characters long."
    if not USERNAME_RE.match(username):
        return "Use only letters, digits, underscores and hyphens."
    return None


def normalise_email(email):
    """The e-mail address in its normal form, or raise ``Invalid`` with the reason."""
    try:
        return validate_email(email, check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise Invalid(f"That e-mail address is not valid: {error}") from None


def find_by_login(login):
    """The account whose username or e-mail matches ``login``, ignoring case."""
    login = (login or "").strip().lower()
    if not login:
        return None
    column = User.email if "@" in login else User.username
    return db.session.scalar(sa.select(User).where(sa.func.lower(column) == login))


def username_taken(username):
    return (
        db.session.scalar(
            sa.select(User.id).where(sa.func.lower(User.username) == username.lower())
        )
        is not None
    )


def email_taken(email):
    return (
        db.session.scalar(sa.select(User.id).where(sa.func.lower(User.email) == email.lower()))
        is not None
    )


def register(username, email, password, role="member"):
    """Create an account. Raises ``Invalid`` naming the field at fault."""
    username = (username or "").strip()
    problem = username_problem(username)
    if problem:
        raise Invalid(problem)
    email = normalise_email((email or "").strip())
    if len(password or "") < PASSWORD_MIN:
        raise Invalid(f"Passwords are at least {PASSWORD_MIN} characters long.")
    if role not in ROLES:
        raise Invalid(f"Unknown role {role!r}.")
    try:
        with write_transaction() as session:
            if username_taken(username):
                raise Invalid("That username is taken.")
            if email_taken(email):
                raise Invalid("An account with that e-mail address already exists.")
            user = User(username=username, email=email, role=role)
            user.set_password(password)
            session.add(user)
    except IntegrityError:
        raise Invalid("That username or e-mail address is already registered.") from None
    return user


def authenticate(login, password):
    """The account for these credentials; ``Invalid`` with one neutral message otherwise."""
    user = find_by_login(login)
    if user is None:
        from werkzeug.security import check_password_hash

        check_password_hash(_DUMMY_HASH, password or "")
        raise Invalid("Wrong username, e-mail or password.", status=401)
    if not user.check_password(password or ""):
        raise Invalid("Wrong username, e-mail or password.", status=401)
    return user


def load_by_session_token(token):
    """The account a session or remember cookie refers to (Flask-Login's user loader)."""
    if not token:
        return None
    return db.session.scalar(sa.select(User).where(User.session_token == token))
