"""The notification settings form."""

from flask_babel import lazy_gettext
from wtforms import RadioField, SelectChoice
from wtforms.validators import InputRequired

from forum.forms import Form
from forum.notifications.kinds import EMAIL_CHOICES


class EmailChoiceForm(Form):
    email_choice = RadioField(
        lazy_gettext("E-mail me about notifications"),
        choices=[SelectChoice(key, label) for key, (label, _hint) in EMAIL_CHOICES.items()],
        validators=[InputRequired(lazy_gettext("Choose one of the options."))],
    )
