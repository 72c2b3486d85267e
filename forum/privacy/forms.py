"""The account deletion form."""

from flask_babel import lazy_gettext as _l
from wtforms import PasswordField
from wtforms.validators import DataRequired

from forum.forms import Form


class DeleteAccountForm(Form):
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(_l("Enter your password to delete the account."))],
    )
