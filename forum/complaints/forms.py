"""Forms for complaints, answers and votes. Limits come from the services."""

from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, Length, Optional, ValidationError

from forum.complaints import services
from forum.complaints.models import DESIRED_OUTCOMES

RATING_CHOICES = [
    SelectChoice("", "No rating"),
    SelectChoice(1, "★ 1 — very poor"),
    SelectChoice(2, "★★ 2 — poor"),
    SelectChoice(3, "★★★ 3 — okay"),
    SelectChoice(4, "★★★★ 4 — good"),
    SelectChoice(5, "★★★★★ 5 — excellent"),
]
OUTCOME_CHOICES = [SelectChoice("", "Choose…")] + [
    SelectChoice(value, label) for value, label in DESIRED_OUTCOMES.items()
]


def optional_int(value):
    """A select's posted value as an id: ``None`` for the empty choice, the text itself
    when it is not a number (the field's validation then refuses it)."""
    if value in (None, "", "None"):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return value


def _length(low, high, what):
    return Length(min=low, max=high, message=f"{what} must be {low:,} to {high:,} characters long.")


class PreviewedForm(FlaskForm):
    """A form with a Markdown field and a Preview button (``name="preview"``): the view
    sets ``preview_html`` (sanitised, :func:`forum.complaints.services.preview`) or
    ``preview_error``, and the form is shown again with the preview above it."""

    preview_html = None
    preview_error = None


class ComplaintForm(PreviewedForm):
    title = StringField(
        "Title",
        validators=[
            DataRequired("Give your complaint a title."),
            _length(services.TITLE_MIN, services.TITLE_MAX, "The title"),
        ],
        description="One line that says what went wrong, e.g. “Refund not received after return”.",
    )
    body = TextAreaField(
        "What happened?",
        validators=[
            DataRequired("Describe what happened."),
            _length(services.BODY_MIN, services.BODY_MAX, "The description"),
        ],
        description="What you bought, when, what went wrong and what you have tried. "
        "Markdown works: **bold**, lists, links.",
    )
    category = SelectField("Product or department", coerce=optional_int, validate_choice=False)
    desired_outcome = SelectField(
        "What outcome do you want?",
        choices=OUTCOME_CHOICES,
        validators=[AnyOf(list(DESIRED_OUTCOMES), message="Choose the outcome you want.")],
    )
    rating = SelectField(
        "Rate your experience (optional)",
        choices=RATING_CHOICES,
        coerce=optional_int,
        validators=[Optional()],
        validate_choice=False,
    )
    review = TextAreaField(
        "Review (optional)",
        validators=[Optional(), Length(max=services.REVIEW_MAX)],
        description="A sentence or two about your experience. You can revise it later.",
    )
    private_details = TextAreaField(
        "Private details (optional)",
        validators=[Optional(), Length(max=services.PRIVATE_MAX)],
        description="Order number, phone, address: only you and staff can ever see this.",
    )

    def set_categories(self, categories, keep=None):
        """The categories open to new complaints; ``keep``, a complaint's own category,
        stays listed on its edit form even when archived."""
        listed = [c for c in categories if not c.is_archived or c.id == keep]
        self.category.choices = [SelectChoice("", "Choose…")] + [
            SelectChoice(c.id, c.name) for c in listed
        ]
        self._archived = {c.id: c.name for c in categories if c not in listed}

    def validate_category(self, field):
        if field.data in getattr(self, "_archived", {}):
            raise ValidationError(
                f"“{self._archived[field.data]}” is archived and takes no new complaints; "
                "choose another category."
            )
        valid = {choice.value for choice in self.category.choices if choice.value != ""}
        if field.data not in valid:
            raise ValidationError("Choose a category.")

    def validate_rating(self, field):
        if field.data not in (None, 1, 2, 3, 4, 5):
            raise ValidationError("A rating is 1 to 5 stars.")

    def values(self):
        return {
            "title": self.title.data,
            "body": self.body.data,
            "category_id": self.category.data,
            "desired_outcome": self.desired_outcome.data,
            "rating": self.rating.data,
            "review": self.review.data,
            "private_details": self.private_details.data,
        }


class AnswerForm(PreviewedForm):
    # Set by the view when the personal-data guard found something to ask about.
    personal_findings = ()

    body = TextAreaField(
        "Your answer",
        validators=[
            DataRequired("Write your answer first."),
            _length(services.ANSWER_MIN, services.ANSWER_MAX, "The answer"),
        ],
        description="Markdown works. Be kind and specific.",
    )


class VoteForm(FlaskForm):
    value = HiddenField(validators=[DataRequired()])
