"""The account deletion form."""

from flask_wtf import FlaskForm
from wtforms import PasswordField
from wtforms.validators import DataRequired


class DeleteAccountForm(FlaskForm):
    password = PasswordField(
        "Password",
        validators=[DataRequired("Enter your password to delete the account.")],
    )
