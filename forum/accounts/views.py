"""Register, sign in, sign out."""

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user

from forum.accounts import services
from forum.accounts.forms import EmptyForm, LoginForm, RegisterForm
from forum.errors import Invalid
from forum.extensions import login_manager
from forum.security import safe_next

bp = Blueprint("accounts", __name__)


@login_manager.user_loader
def load_user(token):
    return services.load_by_session_token(token)


def _start_session(user, remember=False):
    """Sign in on a fresh session, so nothing from before sign-in carries over."""
    session.clear()
    login_user(user, remember=remember)
    session.permanent = True


def _next_url():
    return safe_next(request.args.get("next")) or url_for("complaints.home")


@bp.route("/register", methods=["GET", "POST"])
def register():
    if current_user.is_authenticated:
        return redirect(url_for("complaints.home"))
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            user = services.register(form.username.data, form.email.data, form.password.data)
        except Invalid as error:
            form.form_errors.append(error.message)
        else:
            _start_session(user)
            flash(f"Welcome to the forum, {user.username}.", "success")
            return redirect(_next_url(), code=303)
    status = 422 if request.method == "POST" else 200
    return render_template("accounts/register.html", form=form), status


@bp.route("/login", methods=["GET", "POST"])
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
            flash(f"Signed in as {user.username}.", "success")
            return redirect(_next_url(), code=303)
    elif request.method == "POST":
        status = 422
    return render_template("accounts/login.html", form=form), status


@bp.post("/logout")
def logout():
    form = EmptyForm()
    if form.validate_on_submit():
        logout_user()
        session.clear()
        flash("You are signed out.", "info")
    return redirect(url_for("complaints.home"), code=303)
