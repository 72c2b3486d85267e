"""Forms of the resolution loop."""

from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from forum.resolution.services import NOTE_MAX, REVIEW_MAX
from forum.statuses import STATUSES


class StatusForm(FlaskForm):
    status = SelectField(
        "Status", choices=[SelectChoice(key, label) for key, label in STATUSES.items()]
    )
    note = TextAreaField(
        "Note (optional, shown on the timeline)", validators=[Optional(), Length(max=NOTE_MAX)]
    )
    promised_date = DateField(
        "Promised resolution date",
        validators=[Optional()],
        description="Moving a date already promised needs a note.",
    )


class ResolutionResponseForm(FlaskForm):
    action = RadioField(
        "Is your complaint resolved?",
        choices=[
            SelectChoice("confirm", "Yes, it is resolved"),
            SelectChoice("dispute", "No, it is not resolved"),
        ],
        validators=[InputRequired("Choose yes or no.")],
    )
    reason = TextAreaField(
        "If not, what is still wrong?", validators=[Optional(), Length(max=NOTE_MAX)]
    )


class FixFeedbackForm(FlaskForm):
    value = StringField(validators=[DataRequired()])


class ReviewForm(FlaskForm):
    rating = RadioField(
        "Your rating now",
        choices=[SelectChoice(str(n), f"{'★' * n} {n}") for n in range(1, 6)],
        validators=[InputRequired("Choose 1 to 5 stars.")],
    )
    review = TextAreaField(
        "A few words (optional)", validators=[Optional(), Length(max=REVIEW_MAX)]
    )
    would_return = RadioField(
        "Would you do business with us again?",
        choices=[SelectChoice("yes", "Yes"), SelectChoice("no", "No")],
        validators=[InputRequired("Answer yes or no.")],
    )

    def prefill(self, complaint, latest=None):
        """Start from the review as it stands: the current rating and text, and the last
        answer to "would you do business with us again?"."""
        if complaint.rating:
            self.rating.data = str(complaint.rating)
        self.review.data = complaint.review or (latest.review if latest else None)
        if latest is not None and latest.would_return is not None:
            self.would_return.data = "yes" if latest.would_return else "no"
