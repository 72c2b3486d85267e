"""The admin pages' forms. Limits come from the services they call."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (
    EmailField,
    IntegerField,
    PasswordField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from forum.accounts import services as accounts
from forum.complaints import categories
from forum.complaints.forms import optional_int
from forum.forms import Form


class CategoryForm(Form):
    name = StringField(
        _l("Name"),
        validators=[
            DataRequired(_l("Give the category a name.")),
            Length(
                categories.NAME_MIN,
                categories.NAME_MAX,
                _l(
                    "A name is %(min)d to %(max)d characters.",
                    min=categories.NAME_MIN,
                    max=categories.NAME_MAX,
                ),
            ),
        ],
        description=_l("A product or a department, as customers would call it."),
    )
    slug = StringField(
        _l("Slug"),
        validators=[Optional(), Length(max=categories.SLUG_MAX)],
        description=_l(
            "Its address: /c/slug. Leave empty to make one from the name. Changing it keeps "
            "the old address working."
        ),
    )
    description = TextAreaField(
        _l("Description"),
        validators=[Optional(), Length(max=categories.DESCRIPTION_MAX)],
        description=_l("Markdown. Shown on the category page and to search engines."),
    )
    position = IntegerField(
        _l("Position"),
        validators=[
            Optional(),
            NumberRange(0, categories.POSITION_MAX, _l("A position is a whole number from 0.")),
        ],
        description=_l("Categories are listed by position, lowest first. Empty: last."),
    )
    default_assignee = SelectField(
        _l("Default assignee"), coerce=optional_int, validate_choice=False
    )
    response_hours = IntegerField(
        _l("Response promise (hours)"),
        validators=[
            Optional(),
            NumberRange(
                1,
                categories.RESPONSE_HOURS_MAX,
                _l(
                    "Promise 1 to %(max)d hours, or leave it empty.",
                    max=categories.RESPONSE_HOURS_MAX,
                ),
            ),
        ],
        description=_l("Staff answer within this many hours; the staff queue flags those past it."),
    )

    def set_staff(self, staff):
        self.default_assignee.choices = [SelectChoice("", _("Nobody"))] + [
            SelectChoice(user.id, user.username) for user in staff
        ]

    def validate_default_assignee(self, field):
        valid = {choice.value for choice in field.choices if choice.value != ""}
        if field.data is not None and field.data not in valid:
            raise ValidationError(_("Choose a staff member, or nobody."))

    def values(self):
        return {
            "name": self.name.data or "",
            "slug": self.slug.data or "",
            "description": self.description.data or "",
            "position": self.position.data,
            "default_assignee_id": self.default_assignee.data,
            "response_hours": self.response_hours.data,
        }


class MergeForm(Form):
    target = SelectField(_l("Merge into"), coerce=optional_int, validate_choice=False)

    def set_targets(self, targets):
        self.target.choices = [SelectChoice("", _("Choose…"))] + [
            SelectChoice(c.id, _("%(name)s (archived)", name=c.name) if c.is_archived else c.name)
            for c in targets
        ]

    def validate_target(self, field):
        valid = {choice.value for choice in field.choices if choice.value != ""}
        if field.data not in valid:
            raise ValidationError(_("Choose the category to merge into."))


class ConfirmForm(Form):
    """A confirmation: the CSRF token is its only field."""


# --- Staff (``/admin/staff``): the rules are ``forum.admin.staff_accounts``'s ------------

ROLE_CHOICES = (
    SelectChoice("member", _l("Member")),
    SelectChoice("staff", _l("Staff")),
    SelectChoice("admin", _l("Admin")),
)


class RoleForm(Form):
    """One account's new role, and why (the audit log keeps the reason)."""

    role = SelectField(_l("Role"), choices=ROLE_CHOICES, validate_choice=False)
    reason = StringField(
        _l("Reason"), description=_l("Required. Kept in the audit log with the change.")
    )


class PromoteForm(RoleForm):
    """Give any member, found by username, a role."""

    username = StringField(_l("Username"))


class InviteForm(Form):
    email = EmailField(_l("E-mail address"))
    role = SelectField(
        _l("Role"), choices=[c for c in ROLE_CHOICES if c.value != "member"], validate_choice=False
    )


class JoinForm(Form):
    """A new account made from a staff invitation: the address is the invited one."""

    username = StringField(_l("Username"), description=_l("Shown beside your answers."))
    password = PasswordField(
        _l("Password"),
        description=_l("At least %(count)s characters.", count=accounts.PASSWORD_MIN),
    )
