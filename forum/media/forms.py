"""The staff's form for removing one photo."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import Length, Optional


class RemovePhotoForm(FlaskForm):
    reason = StringField(
        _l("Reason for the audit log (optional)"), validators=[Optional(), Length(max=500)]
    )
