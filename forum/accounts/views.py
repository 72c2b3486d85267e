"""Register, sign in and out, reset a password, and the member's account pages (the data
export and account deletion pages are in forum.privacy)."""

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_limiter.errors import RateLimitExceeded
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required, login_user, logout_user

from forum import i18n
from forum.accounts import registration, services
from forum.accounts.forms import (
    ChangeEmailForm,
    ChangePasswordForm,
    EmptyForm,
    LoginForm,
    RegisterForm,
    ResetPasswordForm,
    ResetRequestForm,
)
from forum.errors import DomainError, Invalid, rate_limit_message, render_error
from forum.extensions import csrf, limiter, login_manager
from forum.security import safe_next
from forum.urls import absolute

bp = Blueprint("accounts", __name__)


def _config_limit(key):
    return lambda: current_app.config[key]


def _failed(response):
    """Only refused attempts count towards the sign-in limits."""
    return response.status_code >= 400


def _created(response):
    """Only registrations that sent an e-mail count towards the registration limit."""
    return response.status_code == 303


def _submitted(field):
    """A limit key from a submitted form field, lowercased ("-" when it is empty)."""
    value = (request.form.get(field) or "").strip().lower()[:254]
    return f"{field}:{value or '-'}"


def _address_and_account():
    """The sign-in bucket of one client address and one account.

    The account is the same whichever of its username or e-mail address was typed (a
    login that names no account counts under the text typed). The address is part of
    the key so that someone guessing passwords locks only their own address out of the
    account, never its owner elsewhere (docs/accounts.md, "Rate limits").
    """
    user = services.find_by_login(request.form.get("login"))
    account = f"account:{user.id}" if user is not None else _submitted("login")
    return f"{get_remote_address()}|{account}"


# The form each limited page shows again, with what was typed, when a limit refuses it.
_LIMITED_FORMS = {
    "accounts.login": (LoginForm, "accounts/login.html"),
    "accounts.register": (RegisterForm, "accounts/register.html"),
    "accounts.reset_request": (ResetRequestForm, "accounts/reset_request.html"),
}


@bp.errorhandler(RateLimitExceeded)
def _limited(error):
    """429 with the same form and what was typed (passwords are never shown again)."""
    shown = _LIMITED_FORMS.get(request.endpoint)
    if shown is None or request.accept_mimetypes.best == "application/json":
        return render_error(429, rate_limit_message())
    form_class, template = shown
    form = form_class()
    form.form_errors.append(rate_limit_message())
    if request.endpoint == "accounts.login":
        # The owner is never stuck: the limit is per address, and a reset signs them in.
        form.form_errors.append(
            _(
                "If this is your account, you can also choose a new password by e-mail "
                "(“Forgot your password?” below) and be signed in at once."
            )
        )
    return render_template(template, form=form), 429


@login_manager.user_loader
def load_user(token):
    return services.load_by_session_token(token)


def _start_session(user, remember=False):
    """Sign in on a fresh session, so nothing from before sign-in carries over.

    The session cookie always ends with the browser session; "remember me" adds
    Flask-Login's remember cookie (``REMEMBER_COOKIE_DURATION``), which signs the browser
    back in after it was closed and dies with the account's session token.
    """
    session.clear()
    session.permanent = False
    login_user(user, remember=bool(remember))


def _next_url():
    return safe_next(request.args.get("next")) or url_for("complaints.home")


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(
    _config_limit("REGISTER_LIMIT_PER_ADDRESS"),
    methods=["POST"],
    deduct_when=_created,
    scope="register",
)
def register():
    if current_user.is_authenticated:
        return redirect(url_for("complaints.home"))
    invite = request.args.get("invite")
    refused = registration.refusal(invite)
    if refused:  # the registration setting: closed, or by invitation without a valid one
        return render_template("accounts/register_refused.html", message=refused), 403
    invited = registration.invited_email(invite) if registration.mode() == "invite" else None
    form = RegisterForm()
    if request.method == "GET" and invited:
        form.email.data = invited
    if form.validate_on_submit():
        if invited:
            return _register_invited(form, invite)
        by_email = registration.by_email()
        try:
            if by_email:
                registration.request_registration(
                    form.username.data, form.email.data, form.password.data, _absolute_link
                )
            else:
                user = services.register(form.username.data, form.email.data, form.password.data)
        except Invalid as error:
            form.form_errors.append(error.message)
        else:
            if not by_email:  # no mail server: nothing could reach the address
                _start_session(user)
                flash(_("Welcome to the forum, %(username)s.", username=user.username), "success")
                return redirect(_next_url(), code=303)
            # The same answer whether or not an account already uses the address.
            hours = current_app.config["REGISTRATION_LINK_MAX_AGE"] // 3600
            flash(
                ngettext(
                    "Check your e-mail: we have sent a link to that address. Open it within "
                    "%(num)d hour to finish creating your account. If the address already "
                    "has an account, the message says how to sign in.",
                    "Check your e-mail: we have sent a link to that address. Open it within "
                    "%(num)d hours to finish creating your account. If the address already "
                    "has an account, the message says how to sign in.",
                    hours,
                ),
                "info",
            )
            return redirect(url_for("accounts.login"), code=303)
    status = 422 if request.method == "POST" else 200
    return render_template("accounts/register.html", form=form, invited=invited), status


def _register_invited(form, invite):
    """An invitation link proves the address: the account is made at once."""
    try:
        user = registration.register_invited(
            invite, form.username.data, form.email.data, form.password.data
        )
    except Invalid as error:
        form.form_errors.append(error.message)
        page = render_template("accounts/register.html", form=form, invited=form.email.data)
        return page, error.status
    _start_session(user)
    flash(_("Welcome to the forum, %(username)s.", username=user.username), "success")
    return redirect(_next_url(), code=303)


def _absolute_link(endpoint, **values):
    return absolute(url_for(endpoint, **values))


@bp.route("/register/confirm/<token>", methods=["GET", "POST"])
def confirm_registration(token):
    # Opening the link changes nothing (mail scanners follow links); only the button does.
    pending = registration.pending_registration(token)
    if pending is None:
        return _link_invalid("register")
    if registration.mode() != "open":  # registration was closed since the link was sent
        message = registration.refusal() or registration.INVITE_ONLY
        return render_template("accounts/register_refused.html", message=message), 403
    form = EmptyForm()
    status = 200
    if form.validate_on_submit():
        try:
            user = registration.complete_registration(token)
        except DomainError as error:
            form.form_errors.append(error.message)
            status = error.status
        else:
            if user is None:
                return _link_invalid("register")
            _start_session(user)
            flash(_("Welcome to the forum, %(username)s.", username=user.username), "success")
            return redirect(url_for("complaints.home"), code=303)
    elif request.method == "POST":
        status = 400
    page = render_template("accounts/register_confirm.html", form=form, pending=pending)
    return _no_referrer(page, status)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(
    _config_limit("LOGIN_LIMIT_PER_ADDRESS"), methods=["POST"], deduct_when=_failed, scope="addr"
)
@limiter.limit(
    _config_limit("LOGIN_LIMIT_PER_ACCOUNT"),
    key_func=_address_and_account,
    methods=["POST"],
    deduct_when=_failed,
    scope="account",
)
def login():
    if current_user.is_authenticated:
        return redirect(_next_url())
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.login.data, form.password.data)
        except Invalid as error:
            form.form_errors.append(error.message)
            status = error.status
        else:
            _start_session(user, remember=form.remember.data)
            flash(_("Signed in as %(username)s.", username=user.username), "success")
            return redirect(_next_url(), code=303)
    elif request.method == "POST":
        status = 422
    return render_template("accounts/login.html", form=form), status


@bp.post("/logout")
def logout():
    form = EmptyForm()
    if form.validate_on_submit():
        if current_user.is_authenticated:
            services.sign_out(current_user)
        # Clear the session before Flask-Login's logout, which marks the remember cookie
        # for deletion in the (new, empty) session: the response then deletes it.
        session.clear()
        logout_user()
        flash(_("You are signed out."), "info")
    return redirect(url_for("complaints.home"), code=303)


# --- Password reset -------------------------------------------------------------------


@bp.route("/reset-password", methods=["GET", "POST"])
@limiter.limit(_config_limit("RESET_LIMIT_PER_ADDRESS"), methods=["POST"], scope="addr")
@limiter.limit(
    _config_limit("RESET_LIMIT_PER_EMAIL"),
    key_func=lambda: _submitted("email"),
    methods=["POST"],
    scope="email",
)
def reset_request():
    form = ResetRequestForm()
    if form.validate_on_submit():
        try:
            services.request_password_reset(
                form.email.data,
                lambda token: absolute(url_for("accounts.reset_password", token=token)),
            )
        except Invalid as error:
            form.email.errors = [error.message]
        else:
            # The same answer whether or not an account uses the address.
            flash(
                _(
                    "If an account uses that address, we have sent it a link to choose a new "
                    "password. The link works for one hour."
                ),
                "info",
            )
            return redirect(url_for("accounts.login"), code=303)
    status = 422 if request.method == "POST" else 200
    return render_template("accounts/reset_request.html", form=form), status


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
def reset_password(token):
    # Opening the link changes nothing (mail scanners follow links); only the form does.
    if services.user_for_reset_token(token) is None:
        return _link_invalid("reset")
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            user = services.reset_password(token, form.password.data)
        except Invalid as error:
            form.password.errors = [error.message]
        else:
            if user is None:
                return _link_invalid("reset")
            _start_session(user)
            flash(_("Your new password is set, and you are signed in."), "success")
            return redirect(url_for("complaints.home"), code=303)
    status = 422 if request.method == "POST" else 200
    return _no_referrer(render_template("accounts/reset_password.html", form=form), status)


def _link_invalid(kind):
    """410 for an e-mailed link that no longer works, with the way to a new one."""
    if kind == "reset":
        what = _("Password reset links work once, for one hour.")
        again, label = url_for("accounts.reset_request"), _("Send a new link")
    else:
        hours = current_app.config["REGISTRATION_LINK_MAX_AGE"] // 3600
        what = ngettext(
            "Links that create an account work for %(num)d hour.",
            "Links that create an account work for %(num)d hours.",
            hours,
        )
        again, label = url_for("accounts.register"), _("Register again")
    page = render_template("accounts/link_invalid.html", what=what, again=again, again_label=label)
    return _no_referrer(page, 410)


def _no_referrer(body, status):
    """The token in the address must not leak to other sites through the Referer header."""
    response = current_app.make_response((body, status))
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


# --- The member's account -------------------------------------------------------------


def _restart_own_session(user):
    """Keep this browser signed in under the account's new session token."""
    remembered = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token") in request.cookies
    _start_session(user, remember=remembered)


@bp.get("/account")
@login_required
def account():
    return render_template("accounts/account.html")


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            user = services.change_password(
                current_user, form.current_password.data, form.new_password.data
            )
        except Invalid as error:
            field = form.current_password if error.status == 403 else form.new_password
            field.errors = [error.message]
        else:
            _restart_own_session(user)
            flash(_("Your password is changed. Every other device has been signed out."), "success")
            return redirect(url_for("accounts.account"), code=303)
    status = 422 if request.method == "POST" else 200
    return render_template("accounts/change_password.html", form=form), status


@bp.route("/account/email", methods=["GET", "POST"])
@login_required
def change_email():
    form = ChangeEmailForm()
    if form.validate_on_submit():
        try:
            services.change_email(current_user, form.current_password.data, form.email.data)
        except Invalid as error:
            field = form.current_password if error.status == 403 else form.email
            field.errors = [error.message]
        else:
            flash(_("Your e-mail address is changed."), "success")
            return redirect(url_for("accounts.account"), code=303)
    status = 422 if request.method == "POST" else 200
    return render_template("accounts/change_email.html", form=form), status


# --- The interface language -----------------------------------------------------------


def _cross_site():
    """Was this form sent from another site's page? Browsers name the sending page's origin
    in ``Origin`` on every form POST ("null" when they hide it), older ones at least its
    address in ``Referer``; a request with neither came from no other site's page."""
    origin = request.headers.get("Origin")
    if origin is not None:
        return origin.rstrip("/") != request.host_url.rstrip("/")
    referrer = request.headers.get("Referer")
    if referrer is not None:
        return not (referrer + "/").startswith(request.host_url)
    return False


@bp.post("/language")
@csrf.exempt
def choose_language():
    """The language menu of every page's footer and of the account page: a member's choice
    is saved with their account, a visitor's kept in the ``lang`` cookie; then back to the
    page the menu was on, now in the chosen language.

    The visitor's menu sits on pages the page cache shares between visitors, which can
    carry no session's form token, so a visitor's request is checked by its origin instead
    (a member's pages are their own, and theirs carries the token as usual)."""
    if current_user.is_authenticated:
        if current_app.config["WTF_CSRF_ENABLED"]:
            csrf.protect()
    elif _cross_site():
        return render_error(400, _("The language can only be changed from this site's pages."))
    language = request.form.get("language")
    try:
        if current_user.is_authenticated:
            language = services.choose_language(current_user, language)
        elif i18n.chosen_language(language) is None:
            raise Invalid(_("Choose one of the languages in the list."))
    except Invalid as error:
        return render_error(error.status, error.message)
    response = redirect(safe_next(request.form.get("next")) or url_for("complaints.home"), code=303)
    response.set_cookie(
        i18n.COOKIE,
        language,
        max_age=i18n.COOKIE_MAX_AGE,
        secure=current_app.config.get("SESSION_COOKIE_SECURE", False),
        httponly=True,
        samesite="Lax",
    )
    return response
