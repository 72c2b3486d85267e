"""Account forms. Validation rules come from the services, so the CLI checks the same."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from forum.accounts import services


def _username_ok(form, field):
    problem = services.username_problem((field.data or "").strip())
    if problem:
        raise ValidationError(problem)


class RegisterForm(FlaskForm):
    username = StringField(
        "Username",
        validators=[DataRequired("Choose a username."), _username_ok],
        description="3–30 letters, digits, _ or -. Shown on everything you post.",
    )
    email = EmailField(
        "E-mail",
        validators=[DataRequired("Enter your e-mail address."), Length(max=254)],
        description="Never shown to others.",
    )
    password = PasswordField(
        "Password",
        validators=[
            DataRequired("Choose a password."),
            Length(
                min=services.PASSWORD_MIN,
                max=200,
                message=f"Passwords are at least {services.PASSWORD_MIN} characters long.",
            ),
        ],
        description=f"At least {services.PASSWORD_MIN} characters.",
    )


class LoginForm(FlaskForm):
    login = StringField(
        "Username or e-mail", validators=[DataRequired("Enter your username or e-mail.")]
    )
    password = PasswordField("Password", validators=[DataRequired("Enter your password.")])
    remember = BooleanField("Keep me signed in for 30 days")


def _new_password(label="New password"):
    return PasswordField(
        label,
        validators=[
            DataRequired("Choose a new password."),
            Length(
                min=services.PASSWORD_MIN,
                max=200,
                message=f"Passwords are at least {services.PASSWORD_MIN} characters long.",
            ),
        ],
        description=f"At least {services.PASSWORD_MIN} characters.",
    )


def _current_password():
    return PasswordField(
        "Current password",
        validators=[DataRequired("Enter your current password.")],
        description="To confirm it is you.",
    )


class ResetRequestForm(FlaskForm):
    email = EmailField(
        "E-mail",
        validators=[DataRequired("Enter the e-mail address of your account."), Length(max=254)],
    )


class ResetPasswordForm(FlaskForm):
    password = _new_password()
    confirm = PasswordField(
        "New password again",
        validators=[
            DataRequired("Type the new password again."),
            EqualTo("password", "The two passwords differ."),
        ],
    )


class ChangePasswordForm(FlaskForm):
    current_password = _current_password()
    new_password = _new_password()


class ChangeEmailForm(FlaskForm):
    email = EmailField(
        "New e-mail",
        validators=[DataRequired("Enter the new e-mail address."), Length(max=254)],
        description="Never shown to others.",
    )
    current_password = _current_password()


class EmptyForm(FlaskForm):
    """A form with only the CSRF token, for one-button POSTs."""
