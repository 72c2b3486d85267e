"""``/admin/settings``: the site settings form, and a test e-mail that reports what the
SMTP server said. Every field is one setting of ``forum.settings``, named as it is."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import (
    BooleanField,
    EmailField,
    FileField,
    RadioField,
    SelectChoice,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import DataRequired, Length

from forum import mail, settings
from forum.admin import site_settings
from forum.admin.views import bp
from forum.forms import Form
from forum.settings import logo


def _checked(definition):
    """A validator: the setting's own parse, its typed value kept on the field."""

    def check(form, field):
        try:
            field.parsed = definition.parse(field.data)
        except settings.InvalidSetting as error:
            raise ValidationError(error.message) from None

    return check


def _field(definition):
    options = {"description": definition.help, "validators": [_checked(definition)]}
    kind = definition.kind
    if kind == "markdown":
        return TextAreaField(definition.label, **options)
    if kind == "email":
        return EmailField(definition.label, **options)
    if kind == "choice":
        choices = [SelectChoice(*item) for item in definition.choices.items()]
        return RadioField(definition.label, choices=choices, **options)
    if kind == "boolean":
        return BooleanField(definition.label, **options)
    return StringField(definition.label, **options)


def _check_logo(form, field):
    upload = field.data
    if upload is None or not getattr(upload, "filename", ""):
        field.upload = None
        return
    try:
        field.upload = upload.read(logo.MAX_BYTES + 1)
    finally:
        upload.close()  # a large upload is a temporary file
    try:
        logo.reencode(field.upload)
    except settings.InvalidSetting as error:
        raise ValidationError(
            _("%(problem)s Choose the file again.", problem=error.message)
        ) from None


class SettingsForm(Form):
    logo = FileField(
        _l("Upload a new logo"), validators=[_check_logo], description=settings.setting("logo").help
    )
    remove_logo = BooleanField(_l("Remove the logo"))


EDITABLE = [definition for definition in settings.SETTINGS if definition.kind != "image"]
for _definition in EDITABLE:
    setattr(SettingsForm, _definition.name, _field(_definition))


class TestEmailForm(Form):
    to = EmailField(
        _l("Send a test e-mail to"),
        validators=[DataRequired(_l("Enter an address.")), Length(max=254)],
        description=_l("Sent at once, not through the outbox; the SMTP server's answer is shown."),
    )

    def validate_to(self, field):
        try:
            field.data = settings.setting("contact_email").parse(field.data)
        except settings.InvalidSetting:
            raise ValidationError(
                _("%(value)s is not an e-mail address.", value=repr(field.data))
            ) from None


def _settings_form():
    site = settings.current()
    form = SettingsForm()
    if request.method == "GET":
        for definition in EDITABLE:
            value = site[definition.name]
            getattr(form, definition.name).data = (
                value if definition.kind == "boolean" else (definition.show(value))
            )
    return form


def _page(form=None, test_form=None, test_result=None, status=200):
    form = form or _settings_form()
    test_form = test_form or TestEmailForm(to=current_user.email)
    groups = [(group, [s for s in EDITABLE if s.group == group]) for group in settings.GROUPS]
    page = render_template(
        "admin/settings.html",
        form=form,
        test_form=test_form,
        test_result=test_result,
        groups=groups,
        group_labels=settings.GROUP_LABELS,
        mail_sender=mail.sender(current_app.config),
    )
    return page, status


@bp.route("/settings", methods=["GET", "POST"], endpoint="settings")
def settings_page():
    form = _settings_form()
    if request.method == "GET":
        return _page(form)
    if not form.validate_on_submit():
        return _page(form, status=422)
    values = {definition.name: getattr(form, definition.name).parsed for definition in EDITABLE}
    try:
        changed = site_settings.change(
            current_user, values, logo_data=form.logo.upload, remove_logo=form.remove_logo.data
        )
    except settings.InvalidSetting as error:
        getattr(form, error.name).errors.append(error.message)
        return _page(form, status=422)
    if changed:
        names = ", ".join(str(settings.setting(name).label) for name in changed)
        flash(_("Settings saved: %(names)s.", names=names), "success")
    else:
        flash(_("Nothing changed."), "info")
    return redirect(url_for("admin.settings"), code=303)


@bp.post("/settings/test-email", endpoint="settings_test_email")
def test_email():
    test_form = TestEmailForm()
    if not test_form.validate_on_submit():
        return _page(test_form=test_form, status=422)
    sent, said = mail.send_test(test_form.to.data)
    if sent:
        flash(
            _("Test e-mail to %(address)s: %(reply)s", address=test_form.to.data, reply=said),
            "success",
        )
        return redirect(url_for("admin.settings", _anchor="email"), code=303)
    return _page(test_form=test_form, test_result=said, status=502)
