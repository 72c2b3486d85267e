"""Account forms. Validation rules come from the services, so the CLI checks the same."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from forum.accounts import services
from forum.forms import Form


def _username_ok(form, field):
    problem = services.username_problem((field.data or "").strip())
    if problem:
        raise ValidationError(problem)


class RegisterForm(Form):
    username = StringField(
        _l("Username"),
        validators=[DataRequired(_l("Choose a username.")), _username_ok],
        description=_l("3–30 letters, digits, _ or -. Shown on everything you post."),
    )
    email = EmailField(
        _l("E-mail"),
        validators=[DataRequired(_l("Enter your e-mail address.")), Length(max=254)],
        description=_l("Never shown to others."),
    )
    password = PasswordField(
        _l("Password"),
        validators=[
            DataRequired(_l("Choose a password.")),
            Length(
                min=services.PASSWORD_MIN,
                max=200,
                message=_l(
                    "Passwords are at least %(num)d characters long.", num=services.PASSWORD_MIN
                ),
            ),
        ],
        description=_l("At least %(num)d characters.", num=services.PASSWORD_MIN),
    )


class LoginForm(Form):
    login = StringField(
        _l("Username or e-mail"), validators=[DataRequired(_l("Enter your username or e-mail."))]
    )
    password = PasswordField(_l("Password"), validators=[DataRequired(_l("Enter your password."))])
    remember = BooleanField(_l("Keep me signed in for 30 days"))


def _new_password():
    return PasswordField(
        _l("New password"),
        validators=[
            DataRequired(_l("Choose a new password.")),
            Length(
                min=services.PASSWORD_MIN,
                max=200,
                message=_l(
                    "Passwords are at least %(num)d characters long.", num=services.PASSWORD_MIN
                ),
            ),
        ],
        description=_l("At least %(num)d characters.", num=services.PASSWORD_MIN),
    )


def _current_password():
    return PasswordField(
        _l("Current password"),
        validators=[DataRequired(_l("Enter your current password."))],
        description=_l("To confirm it is you."),
    )


class ResetRequestForm(Form):
    email = EmailField(
        _l("E-mail"),
        validators=[DataRequired(_l("Enter the e-mail address of your account.")), Length(max=254)],
    )


class ResetPasswordForm(Form):
    password = _new_password()
    confirm = PasswordField(
        _l("New password again"),
        validators=[
            DataRequired(_l("Type the new password again.")),
            EqualTo("password", _l("The two passwords differ.")),
        ],
    )


class ChangePasswordForm(Form):
    current_password = _current_password()
    new_password = _new_password()


class ChangeEmailForm(Form):
    email = EmailField(
        _l("New e-mail"),
        validators=[DataRequired(_l("Enter the new e-mail address.")), Length(max=254)],
        description=_l("Never shown to others."),
    )
    current_password = _current_password()


class EmptyForm(Form):
    """A form with only the CSRF token, for one-button POSTs."""
