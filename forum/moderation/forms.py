"""Moderation forms."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from forum.accounts.models import ROLES
from forum.complaints.forms import PreviewedForm
from forum.forms import Form
from forum.moderation.models import FLAG_REASONS, REMOVAL_REASON_LABELS

REASON_CHOICES = [SelectChoice(key, label) for key, label in FLAG_REASONS.items()]
# Staff remove posts only for a public reason category ("other" is for reports).
REMOVAL_CHOICES = [SelectChoice(key, label) for key, label in REMOVAL_REASON_LABELS.items()]
ROLE_LABELS = {"member": _l("Member"), "staff": _l("Staff"), "admin": _l("Admin")}


def audit_reason(label=None):
    return StringField(
        label or _l("Reason (optional, for the audit log)"),
        validators=[Optional(), Length(max=500)],
    )


class FlagForm(Form):
    reason = RadioField(
        _l("What is wrong with it?"),
        choices=REASON_CHOICES,
        validators=[InputRequired(_l("Choose a reason."))],
    )
    details = TextAreaField(
        _l("Details (required for “Other”)"), validators=[Optional(), Length(max=1000)]
    )
    duplicate_of = StringField(
        _l("Link to the original complaint (for duplicates)"),
        validators=[Optional(), Length(max=500)],
    )


class ModerationForm(Form):
    reason = SelectField(_l("Reason"), choices=REMOVAL_CHOICES, validate_choice=False)
    note = TextAreaField(
        _l("Note for the audit log (optional)"), validators=[Optional(), Length(max=2000)]
    )


class NoteForm(Form):
    body = TextAreaField(
        _l("Internal note (staff only)"), validators=[DataRequired(_l("Write the note."))]
    )


class MoveForm(Form):
    category = SelectField(_l("Move to category"), coerce=int, validate_choice=False)
    reason = audit_reason()


class MergeForm(Form):
    target = StringField(
        _l("Merge into (link or number of the original complaint)"),
        validators=[DataRequired(_l("Give the original complaint."))],
    )
    reason = StringField(_l("Note (optional)"), validators=[Optional(), Length(max=500)])


class AssignForm(Form):
    assignee = SelectField(_l("Assigned to"), coerce=int, validate_choice=False)
    reason = audit_reason()


class EditPostForm(PreviewedForm):
    title = StringField(_l("Title"), validators=[Optional(), Length(min=10, max=150)])
    body = TextAreaField(_l("Text"), validators=[DataRequired(_l("The text cannot be empty."))])
    reason = StringField(_l("Why (for the audit log)"), validators=[Optional(), Length(max=500)])


class RedactForm(PreviewedForm):
    title = StringField(_l("Title"), validators=[Optional(), Length(min=10, max=150)])
    body = TextAreaField(
        _l("Redacted text"), validators=[DataRequired(_l("The redacted text cannot be empty."))]
    )
    reason = audit_reason(_l("Note (optional, for the audit log; do not repeat the data)"))


class SuspendForm(Form):
    days = IntegerField(_l("Days"), validators=[InputRequired(), NumberRange(min=1, max=3650)])
    reason = TextAreaField(
        _l("Reason (shown to the member)"), validators=[DataRequired(_l("Give a reason."))]
    )


class BanForm(Form):
    reason = TextAreaField(
        _l("Reason (shown to the member)"), validators=[DataRequired(_l("Give a reason."))]
    )


class RoleForm(Form):
    role = SelectField(_l("Role"), choices=[SelectChoice(r, ROLE_LABELS[r]) for r in ROLES])
    reason = audit_reason()


class DecideForm(Form):
    decision = RadioField(
        _l("Decision"),
        choices=[
            SelectChoice("approve", _l("Approve the removal")),
            SelectChoice("reject", _l("Keep it")),
        ],
        validators=[InputRequired()],
    )
    note = StringField(_l("Note (optional)"), validators=[Optional(), Length(max=500)])
