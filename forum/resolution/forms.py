"""Forms of the resolution loop."""

from flask_babel import lazy_gettext
from wtforms import DateField, RadioField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from forum.forms import Form
from forum.resolution.services import NOTE_MAX, REVIEW_MAX
from forum.statuses import STATUSES


class StatusForm(Form):
    status = SelectField(
        lazy_gettext("Status"),
        choices=[SelectChoice(key, label) for key, label in STATUSES.items()],
    )
    note = TextAreaField(
        lazy_gettext("Note (optional, shown on the timeline)"),
        validators=[Optional(), Length(max=NOTE_MAX)],
    )
    promised_date = DateField(
        lazy_gettext("Promised resolution date"),
        validators=[Optional()],
        description=lazy_gettext("Moving a date already promised needs a note."),
    )


class ResolutionResponseForm(Form):
    action = RadioField(
        lazy_gettext("Is your complaint resolved?"),
        choices=[
            SelectChoice("confirm", lazy_gettext("Yes, it is resolved")),
            SelectChoice("dispute", lazy_gettext("No, it is not resolved")),
        ],
        validators=[InputRequired(lazy_gettext("Choose yes or no."))],
    )
    reason = TextAreaField(
        lazy_gettext("If not, what is still wrong?"), validators=[Optional(), Length(max=NOTE_MAX)]
    )


class FixFeedbackForm(Form):
    value = StringField(validators=[DataRequired()])


class ReviewForm(Form):
    rating = RadioField(
        lazy_gettext("Your rating now"),
        choices=[SelectChoice(str(n), f"{'★' * n} {n}") for n in range(1, 6)],
        validators=[InputRequired(lazy_gettext("Choose 1 to 5 stars."))],
    )
    review = TextAreaField(
        lazy_gettext("A few words (optional)"), validators=[Optional(), Length(max=REVIEW_MAX)]
    )
    would_return = RadioField(
        lazy_gettext("Would you do business with us again?"),
        choices=[SelectChoice("yes", lazy_gettext("Yes")), SelectChoice("no", lazy_gettext("No"))],
        validators=[InputRequired(lazy_gettext("Answer yes or no."))],
    )

    def prefill(self, complaint, latest=None):
        """Start from the review as it stands: the current rating and text, and the last
        answer to "would you do business with us again?"."""
        if complaint.rating:
            self.rating.data = str(complaint.rating)
        self.review.data = complaint.review or (latest.review if latest else None)
        if latest is not None and latest.would_return is not None:
            self.would_return.data = "yes" if latest.would_return else "no"
