"""Moderation forms."""

from flask_wtf import FlaskForm
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
from forum.moderation.models import FLAG_REASONS, REMOVAL_REASONS

REASON_CHOICES = [SelectChoice(key, label) for key, label in FLAG_REASONS.items()]
# Staff remove posts only for a public reason category ("other" is for reports).
REMOVAL_CHOICES = [SelectChoice(key, label.capitalize()) for key, label in REMOVAL_REASONS.items()]


def audit_reason(label="Reason (optional, for the audit log)"):
    return StringField(label, validators=[Optional(), Length(max=500)])


class FlagForm(FlaskForm):
    reason = RadioField(
        "What is wrong with it?",
        choices=REASON_CHOICES,
        validators=[InputRequired("Choose a reason.")],
    )
    details = TextAreaField(
        "Details (required for “Other”)", validators=[Optional(), Length(max=1000)]
    )
    duplicate_of = StringField(
        "Link to the original complaint (for duplicates)", validators=[Optional(), Length(max=500)]
    )


class ModerationForm(FlaskForm):
    reason = SelectField("Reason", choices=REMOVAL_CHOICES, validate_choice=False)
    note = TextAreaField(
        "Note for the audit log (optional)", validators=[Optional(), Length(max=2000)]
    )


class NoteForm(FlaskForm):
    body = TextAreaField("Internal note (staff only)", validators=[DataRequired("Write the note.")])


class MoveForm(FlaskForm):
    category = SelectField("Move to category", coerce=int, validate_choice=False)
    reason = audit_reason()


class MergeForm(FlaskForm):
    target = StringField(
        "Merge into (link or number of the original complaint)",
        validators=[DataRequired("Give the original complaint.")],
    )
    reason = StringField("Note (optional)", validators=[Optional(), Length(max=500)])


class AssignForm(FlaskForm):
    assignee = SelectField("Assigned to", coerce=int, validate_choice=False)
    reason = audit_reason()


class EditPostForm(PreviewedForm):
    title = StringField("Title", validators=[Optional(), Length(min=10, max=150)])
    body = TextAreaField("Text", validators=[DataRequired("The text cannot be empty.")])
    reason = StringField("Why (for the audit log)", validators=[Optional(), Length(max=500)])


class RedactForm(PreviewedForm):
    title = StringField("Title", validators=[Optional(), Length(min=10, max=150)])
    body = TextAreaField(
        "Redacted text", validators=[DataRequired("The redacted text cannot be empty.")]
    )
    reason = audit_reason("Note (optional, for the audit log; do not repeat the data)")


class SuspendForm(FlaskForm):
    days = IntegerField("Days", validators=[InputRequired(), NumberRange(min=1, max=3650)])
    reason = TextAreaField(
        "Reason (shown to the member)", validators=[DataRequired("Give a reason.")]
    )


class BanForm(FlaskForm):
    reason = TextAreaField(
        "Reason (shown to the member)", validators=[DataRequired("Give a reason.")]
    )


class RoleForm(FlaskForm):
    role = SelectField("Role", choices=[SelectChoice(r, r.capitalize()) for r in ROLES])
    reason = audit_reason()


class DecideForm(FlaskForm):
    decision = RadioField(
        "Decision",
        choices=[SelectChoice("approve", "Approve the removal"), SelectChoice("reject", "Keep it")],
        validators=[InputRequired()],
    )
    note = StringField("Note (optional)", validators=[Optional(), Length(max=500)])
