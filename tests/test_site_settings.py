"""Site settings: stored, typed and checked, cached per process and refreshed within a
second, edited at /admin/settings and with `flask settings`, and read by every layer."""

import io
import json
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
from PIL import Image

from forum import create_app, settings
from forum.audit.models import AuditEntry
from forum.complaints import trust
from forum.extensions import db
from forum.mail import MailMessage
from forum.moderation.services import flags
from forum.resolution import services as resolution
from forum.settings import store
from forum.settings.models import SiteFile, SiteSetting
from forum.uow import write_transaction
from tests.conftest import PASSWORD, TEST_CONFIG, fresh, set_settings
from tests.servers import refusing_port
from tests.smtp import SMTPServer

SETTINGS_FORM = {
    "site_name": "Brightwell help",
    "tagline": "Answers in public.",
    "company_name": "Brightwell Appliances",
    "contact_email": "help@brightwell.example",
    "guidelines": "Be **kind**.",
    "about": "We make ovens.",
    "privacy": "We keep little.",
    "registration": "open",
    "default_language": "en",
    "flag_threshold": "3",
    "review_prompt_delay_hours": "24",
    "new_account_hours": "24",
    "new_account_min_posts": "3",
    "new_account_max_links": "2",
    "new_account_posts_per_hour": "5",
}


@pytest.fixture
def admin(admin, auth):
    """Here the admin (conftest's) is signed in for every test."""
    auth.login(admin.username)
    return admin


def image_bytes(fmt="PNG", size=(64, 32), color=(200, 30, 30), mode=None, **options):
    out = io.BytesIO()
    mode = mode or ("RGB" if fmt == "JPEG" else "RGBA")
    Image.new(mode, size, color).save(out, fmt, **options)
    return out.getvalue()


def stored_rows(app):
    with app.app_context():
        return dict(db.session.execute(sa.select(SiteSetting.key, SiteSetting.value)).all())


# --- Definitions, defaults and the command line -------------------------------------------


def test_unset_settings_have_their_defaults_from_the_configuration(_schema, tmp_path):
    app = create_app(
        {**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": _schema, "SITE_NAME": "Configured name",
         "FLAG_THRESHOLD": 7, "TRUST_HOLD_FIRST_POST": True}
    )  # fmt: skip
    app.instance_path = str(tmp_path)
    with app.app_context():
        db.session.execute(sa.delete(SiteSetting))
        db.session.commit()
        site = settings.current()
        assert (site.site_name, site.flag_threshold, site.hold_first_posts) == (
            "Configured name",
            7,
            True,
        )
        assert site.registration == "open" and site.company == "Configured name"
        db.engine.dispose()


def test_flask_settings_show_prints_every_key_and_value(app, runner):
    result = runner.invoke(args=["settings", "show"])
    assert result.exit_code == 0, result.output
    for definition in settings.SETTINGS:
        assert re.search(rf"^{definition.name}( = |:$)", result.output, re.M), definition.name
    assert "site_name = Redress" in result.output
    assert "flag_threshold = 3" in result.output
    assert "hold_first_posts = off" in result.output


def test_flask_settings_set_checks_the_value_and_keeps_it(app, runner):
    result = runner.invoke(args=["settings", "set", "site_name", "  Brightwell help  "])
    assert result.exit_code == 0, result.output
    assert "site_name = Brightwell help" in result.output
    assert runner.invoke(args=["settings", "set", "hold_first_posts", "on"]).exit_code == 0
    assert stored_rows(app) == {"site_name": "Brightwell help", "hold_first_posts": True}
    with app.app_context():
        assert settings.get("hold_first_posts") is True
        first, second = db.session.scalars(sa.select(AuditEntry).order_by(AuditEntry.id))
        assert first.action == "change_settings" and first.actor_id is None
        assert (first.before, first.after) == (
            {"site_name": "Redress"},
            {"site_name": "Brightwell help"},
        )
        assert (second.before, second.after) == (
            {"hold_first_posts": False},
            {"hold_first_posts": True},
        )
    again = runner.invoke(args=["settings", "set", "site_name", "Brightwell help"])
    assert again.exit_code == 0 and "unchanged" in again.output


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("flag_threshold", "zero", "must be a whole number"),
        ("flag_threshold", "0", "must be at least 1"),
        ("registration", "sometimes", "must be one of: open, invite, closed"),
        ("contact_email", "not an address", "is not an e-mail address"),
        ("site_name", "", "cannot be empty"),
        ("site_name", "x" * 61, "at most 60 characters"),
        ("tagline", "two\nlines", "must be one line"),
        ("hold_first_posts", "maybe", "must be on or off"),
        ("no_such_key", "1", "no such setting"),
    ],
)
def test_flask_settings_set_refuses_a_bad_value_with_a_message(app, runner, key, value, message):
    result = runner.invoke(args=["settings", "set", key, value])
    assert result.exit_code != 0
    assert message in result.output
    assert stored_rows(app) == {}


def test_a_markdown_text_can_be_set_from_standard_input(app, runner):
    result = runner.invoke(args=["settings", "set", "about", "-"], input="# Us\n\nWe fix ovens.\n")
    assert result.exit_code == 0, result.output
    assert stored_rows(app) == {"about": "# Us\n\nWe fix ovens."}


# --- The per-process cache: every worker within a second, no SQL per request ----------------


def _second_worker(_schema, app):
    """Another process's app: the same database and the same shared cache folder."""
    other = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": _schema})
    other.instance_path = app.instance_path
    return other


def test_a_change_reaches_another_worker_within_a_second(app, _schema, monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(store, "clock", lambda: now[0])
    other = _second_worker(_schema, app)
    with other.app_context():
        assert settings.get("site_name") == "Redress"
    set_settings(app, site_name="Brightwell help")
    with app.app_context():
        assert settings.get("site_name") == "Brightwell help"  # the writer: at once
    with other.app_context():
        now[0] += 0.5
        assert settings.get("site_name") == "Redress"  # read less than a second ago
        now[0] += 0.5
        assert settings.get("site_name") == "Brightwell help"
        db.engine.dispose()


def test_reading_settings_sends_no_sql_until_they_change(app, count_queries, monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(store, "clock", lambda: now[0])
    with app.app_context():
        settings.current()
        with count_queries() as statements:
            for _ in range(5):
                now[0] += 2  # the shared version is read each time, the database never
                assert settings.get("site_name") == "Redress"
        assert len(statements) == 0
    set_settings(app, site_name="Brightwell help")
    other = _second_worker(app.config["SQLALCHEMY_DATABASE_URI"], app)
    with other.app_context():
        settings.current()
        now[0] += 2
        with count_queries() as statements:
            settings.current()
        assert len(statements) == 0  # the version has not changed since it loaded
        db.engine.dispose()


def test_a_page_request_reads_no_setting_from_the_database(app, client, count_queries):
    client.get("/guidelines")
    with count_queries() as statements:
        assert client.get("/guidelines").status_code == 200
    assert not [s for s in statements.statements if "site_setting" in s]


def test_without_the_shared_cache_settings_are_read_from_the_database(app, monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(store, "clock", lambda: now[0])

    def broken(*args, **kwargs):
        raise OSError("store down")

    with app.app_context():
        settings.current()
        monkeypatch.setattr(store.cache, "get", broken)
        with write_transaction() as session:  # written by another worker, the store down
            session.add(SiteSetting(key="site_name", value="Written elsewhere"))
        now[0] += 1
        assert settings.get("site_name") == "Written elsewhere"


def test_changing_a_setting_drops_the_kept_pages_that_show_it(app, client):
    app.config["PAGE_CACHE_ENABLED"] = True
    first = client.get("/about")
    assert "Redress" in first.text
    assert client.get("/about").get_data() == first.get_data()  # kept
    set_settings(app, site_name="Brightwell help")
    after = client.get("/about")
    assert "Brightwell help" in after.text and "Redress" not in after.text


def test_a_setting_no_page_shows_keeps_the_kept_pages(app):
    with app.app_context():
        before = settings.current().digest
    set_settings(app, flag_threshold=9)
    with app.app_context():
        assert settings.current().digest == before
    set_settings(app, tagline="Something else")
    with app.app_context():
        assert settings.current().digest != before


# --- /admin/settings -----------------------------------------------------------------------


def test_the_form_shows_every_setting_by_its_name(client, admin):
    page = client.get("/admin/settings")
    assert page.status_code == 200
    for definition in settings.SETTINGS:
        assert f'name="{definition.name}"' in page.text, definition.name
    assert 'enctype="multipart/form-data"' in page.text
    assert 'value="Redress"' in page.text


def test_saving_the_form_changes_the_settings_and_audits_before_and_after(app, client, admin):
    response = client.post("/admin/settings", data={**SETTINGS_FORM, "hold_first_posts": "y"})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/admin/settings")
    with app.app_context():
        site = settings.current()
        assert site.site_name == "Brightwell help" and site.hold_first_posts is True
        assert site.contact_email == "help@brightwell.example"
        entry = db.session.scalars(sa.select(AuditEntry)).one()
        assert entry.actor_id == admin.id and entry.action == "change_settings"
        assert entry.before["site_name"] == "Redress" and entry.before["hold_first_posts"] is False
        assert entry.after["site_name"] == "Brightwell help"
        assert entry.after["guidelines"] == "Be **kind**."
        assert "flag_threshold" not in entry.after  # unchanged: not in the entry
    page = client.get("/admin/settings")
    assert "Settings saved" in page.text and 'value="Brightwell help"' in page.text


def test_saving_an_unchanged_form_writes_no_audit_entry(app, client, admin):
    client.post("/admin/settings", data=SETTINGS_FORM)
    client.post("/admin/settings", data=SETTINGS_FORM)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(AuditEntry.id))) == 1


def test_invalid_input_is_refused_with_what_was_typed_and_nothing_saved(app, client, admin):
    typed = {
        **SETTINGS_FORM,
        "site_name": "",
        "flag_threshold": "lots",
        "contact_email": "help at brightwell",
        "tagline": "Kept as typed <b>",
    }
    page = client.post("/admin/settings", data=typed)
    assert page.status_code == 422
    assert "Site name cannot be empty." in page.text
    assert "must be a whole number" in page.text
    assert "is not an e-mail address" in page.text
    assert 'value="lots"' in page.text and 'value="help at brightwell"' in page.text
    assert 'value="Kept as typed &lt;b&gt;"' in page.text
    assert "We make ovens." in page.text  # the texts typed are kept too
    assert stored_rows(app) == {}


def test_the_form_needs_the_csrf_token(app, admin, client):
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.post("/admin/settings", data=SETTINGS_FORM)
    assert response.status_code == 400
    assert stored_rows(app) == {}


@pytest.mark.parametrize("role", ["member", "staff"])
def test_only_admins_may_see_or_change_the_settings(app, client, auth, make_user, role):
    auth.login(make_user(role=role).username)
    assert client.get("/admin/settings").status_code == 403
    assert client.post("/admin/settings", data=SETTINGS_FORM).status_code == 403
    assert stored_rows(app) == {}


# --- The logo ------------------------------------------------------------------------------


def upload(client, data, filename="logo.png", **fields):
    form = {**SETTINGS_FORM, **fields, "logo": (io.BytesIO(data), filename)}
    return client.post("/admin/settings", data=form, content_type="multipart/form-data")


def test_an_uploaded_logo_is_re_encoded_and_served_with_a_long_cache(app, client, admin):
    original = image_bytes("PNG", size=(1200, 600))
    assert upload(client, original).status_code == 303
    with app.app_context():
        logo = settings.get("logo")
        row = db.session.get(SiteFile, "logo")
        assert (logo["width"], logo["height"], logo["ext"]) == (512, 256, "png")
        assert row.data != original and Image.open(io.BytesIO(row.data)).size == (512, 256)
        url = settings.current().logo_url
    assert re.fullmatch(r"/site/logo/[0-9a-f]{64}\.png", url)
    home = client.get("/")
    assert f'src="{url}"' in home.text
    served = client.get(url)
    assert served.status_code == 200 and served.mimetype == "image/png"
    assert served.get_data() == row.data
    assert "immutable" in served.headers["Cache-Control"]
    assert "max-age=31536000" in served.headers["Cache-Control"]
    assert "private" not in served.headers["Cache-Control"]
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert client.get(url.replace(".png", ".jpg")).status_code == 404
    assert client.get("/site/logo/" + "0" * 64 + ".png").status_code == 404


def test_a_jpeg_logo_loses_its_metadata(app, client, admin):
    exif = Image.Exif()
    exif[0x010E] = "GPS and secrets"  # ImageDescription
    assert upload(client, image_bytes("JPEG", exif=exif), "logo.jpg").status_code == 303
    with app.app_context():
        data = db.session.get(SiteFile, "logo").data
    assert b"GPS and secrets" not in data
    assert Image.open(io.BytesIO(data)).format == "JPEG"


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
         "logo.svg", "SVG and other formats are not accepted"),
        (image_bytes("GIF"), "logo.gif", "Upload a PNG, JPEG or WebP image"),
        (image_bytes("PNG", size=(300, 300), color=(1, 2, 3, 4))[:80], "logo.png",
         "could not be read"),
    ],
)  # fmt: skip
def test_a_logo_that_is_not_a_safe_image_is_refused(app, client, admin, data, filename, message):
    page = upload(client, data, filename)
    assert page.status_code == 422
    assert message in page.text and "Choose the file again." in page.text
    assert 'value="Brightwell help"' in page.text  # the rest of the form kept as typed
    assert stored_rows(app) == {}
    with app.app_context():
        assert db.session.get(SiteFile, "logo") is None


def test_a_logo_file_over_the_size_limit_is_refused(app, client, admin, monkeypatch):
    from forum.settings import logo

    # The limit made small: a test upload over 500 KB is spooled to a file the client leaks.
    monkeypatch.setattr(logo, "MAX_BYTES", 2048)
    page = upload(client, image_bytes("PNG", size=(40, 40)) + b"\0" * 2048)
    assert page.status_code == 422 and "The logo must be at most 2 KB." in page.text
    assert stored_rows(app) == {}


def test_an_image_with_too_many_pixels_is_refused(app, client, admin):
    data = image_bytes("PNG", size=(6000, 6000), color=0, mode="1")  # small, 36 M pixels
    page = upload(client, data)
    assert page.status_code == 422 and "too many pixels" in page.text


def test_the_logo_can_be_removed(app, client, admin, runner):
    upload(client, image_bytes())
    with app.app_context():
        url = settings.current().logo_url
    response = client.post("/admin/settings", data={**SETTINGS_FORM, "remove_logo": "y"})
    assert response.status_code == 303
    with app.app_context():
        assert settings.get("logo") is None and db.session.get(SiteFile, "logo") is None
    assert client.get(url).status_code == 404
    assert url not in client.get("/").text


def test_the_logo_can_be_set_from_the_command_line(app, runner, tmp_path):
    path = tmp_path / "logo.webp"
    path.write_bytes(image_bytes("WEBP"))
    result = runner.invoke(args=["settings", "set", "logo", str(path)])
    assert result.exit_code == 0, result.output
    assert re.search(r"logo = [0-9a-f]{64}\.webp", result.output)
    refused = runner.invoke(args=["settings", "set", "logo", str(tmp_path / "missing.png")])
    assert refused.exit_code != 0 and "cannot read" in refused.output
    assert runner.invoke(args=["settings", "set", "logo", ""]).exit_code == 0
    with app.app_context():
        assert settings.get("logo") is None


# --- The site's name everywhere ------------------------------------------------------------


def test_the_site_name_replaces_redress_in_pages_feeds_and_structured_data(
    app, client, make_user, make_complaint, make_answer
):
    set_settings(app, site_name="Brightwell help", tagline="Oven trouble, solved.")
    complaint = make_complaint(title="The oven door glass cracked")
    make_answer(complaint, author=make_user("nina", role="staff"), body="We will replace it.")
    pages = {
        path: client.get(path).text
        for path in ("/", "/complaints", "/about", "/guidelines", "/privacy", "/register",
                     "/login", "/feeds/new.atom", f"/complaints/{complaint.id}")
    }  # fmt: skip
    thread = client.get(f"/complaints/{complaint.id}", follow_redirects=True).text
    pages["thread"] = thread
    for path, text in pages.items():
        assert "Redress" not in text, path
    home = pages["/"]
    assert "<title>Brightwell help</title>" in home
    assert '<meta property="og:site_name" content="Brightwell help">' in home
    assert 'class="brand-mark" aria-hidden="true">B</span>Brightwell help' in home
    assert "Oven trouble, solved." in home
    assert "<title>New complaints — Brightwell help</title>" in pages["/feeds/new.atom"]
    jsonld = re.search(r'<script type="application/ld\+json">(.*?)</script>', thread, re.S)
    data = json.loads(jsonld.group(1))
    assert data["publisher"]["name"] == "Brightwell help"


def test_the_company_name_is_on_the_official_answer_badge(
    app, client, make_user, make_complaint, make_answer
):
    set_settings(app, company_name="Brightwell Appliances")
    complaint = make_complaint()
    staff = make_user("nina", role="staff")
    answer = make_answer(complaint, author=staff, body="We will replace the door.")
    with app.app_context():
        resolution.mark_official(fresh(staff), fresh(answer))
    page = client.get(f"/complaints/{complaint.id}", follow_redirects=True).text
    assert "Official answer · Brightwell Appliances</span>" in page


def test_e_mails_carry_the_site_name(app, client):
    set_settings(app, site_name="Brightwell help")
    client.post(
        "/register", data={"username": "newbie", "email": "new@example.org", "password": PASSWORD}
    )
    with app.app_context():
        message = db.session.scalars(sa.select(MailMessage)).one()
    assert message.subject == "Confirm your Brightwell help account"
    assert "Redress" not in message.body


def test_the_sender_is_named_after_the_site(app):
    set_settings(app, site_name="Brightwell help")
    with app.app_context():
        from forum import mail

        assert mail.sender(app.config) == "Brightwell help <no-reply@localhost>"
        app.config["MAIL_FROM"] = "Support desk <help@brightwell.example>"
        assert mail.sender(app.config) == "Support desk <help@brightwell.example>"


# --- The operator's pages ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "name", "title"),
    [("/guidelines", "guidelines", "Community guidelines"), ("/about", "about", "About"),
     ("/privacy", "privacy", "Privacy")],
)  # fmt: skip
def test_the_operators_texts_are_rendered_as_safe_markdown(app, client, path, name, title):
    set_settings(app, **{name: "## Our rules\n\nBe **kind**. <script>alert(1)</script>"})
    page = client.get(path)
    assert page.status_code == 200
    assert f'<h1 id="page-heading">{title}</h1>' in page.text
    assert "<h2>Our rules</h2>" in page.text and "<strong>kind</strong>" in page.text
    assert "<script>alert" not in page.text


def test_the_pages_have_defaults_and_the_footer_links_them(client):
    page = client.get("/guidelines").text
    assert "Keep personal data private" in page
    for path in ("/about", "/guidelines", "/privacy"):
        assert f'href="{path}"' in client.get("/").text


def test_the_guidelines_are_linked_from_the_posting_and_report_forms(
    app, client, auth, make_user, make_complaint, make_category
):
    make_category()
    complaint = make_complaint()
    auth.login(make_user().username)
    for path in ("/complaints/new", f"/complaints/{complaint.id}/flag"):
        assert 'href="/guidelines"' in client.get(path).text, path
    thread = client.get(f"/complaints/{complaint.id}", follow_redirects=True).text
    answer_form = thread[thread.index('name="body"') :]
    assert 'href="/guidelines"' in answer_form


# --- Registration ----------------------------------------------------------------------------


def register(client, path="/register", email="new@example.org", username="newbie"):
    return client.post(path, data={"username": username, "email": email, "password": PASSWORD})


def accounts(app):
    with app.app_context():
        return db.session.scalar(sa.text('SELECT count(*) FROM "user"'))


def test_closed_registration_refuses_with_a_message(app, client):
    set_settings(app, registration="closed")
    page = client.get("/register")
    assert page.status_code == 403 and "Registration is closed" in page.text
    assert 'name="password"' not in page.text
    assert register(client).status_code == 403
    assert accounts(app) == 0
    assert 'href="/register"' not in client.get("/").text


def test_a_confirmation_link_sent_while_open_stops_working_once_closed(app, client):
    register(client)
    with app.app_context():
        body = db.session.scalars(sa.select(MailMessage)).one().body
    link = re.search(r"http://[^/]+(/register/confirm/\S+)", body).group(1)
    set_settings(app, registration="closed")
    assert client.post(link).status_code == 403
    assert accounts(app) == 0


def test_invite_only_registration_needs_a_valid_invitation(app, client, runner):
    set_settings(app, registration="invite")
    page = client.get("/register")
    assert page.status_code == 403 and "by invitation only" in page.text
    assert register(client).status_code == 403
    assert client.get("/register?invite=forged").status_code == 403
    result = runner.invoke(args=["users", "invite", "Guest@Example.org"])
    assert result.exit_code == 0, result.output
    link = re.search(r"http://[^/]+(/register\?invite=\S+)", result.output).group(1)
    page = client.get(link)
    assert page.status_code == 200 and "invited to join" in page.text
    assert 'value="Guest@example.org"' in page.text
    wrong = register(client, link, email="someone.else@example.org")
    assert wrong.status_code == 422 and "This invitation is for Guest@example.org" in wrong.text
    assert accounts(app) == 0
    made = register(client, link, email="guest@example.org")
    assert made.status_code == 303  # the link proved the address: no e-mail round trip
    assert accounts(app) == 1
    client.post("/logout")
    again = register(client, link, email="guest@example.org", username="second")
    assert again.status_code == 422 and accounts(app) == 1  # one account per invitation


def test_an_invitation_expires(app, client, runner):
    set_settings(app, registration="invite")
    link = re.search(r"(/register\?invite=\S+)", runner.invoke(
        args=["users", "invite", "guest@example.org"]).output).group(1)  # fmt: skip
    app.config["INVITATION_MAX_AGE"] = -1
    assert client.get(link).status_code == 403


def test_inviting_a_bad_address_fails(runner):
    result = runner.invoke(args=["users", "invite", "not an address"])
    assert result.exit_code != 0 and "not valid" in result.output


# --- The rules that read settings ----------------------------------------------------------


def test_the_flag_threshold_setting_decides_when_reports_hide_a_post(
    app, make_user, make_complaint
):
    complaint = make_complaint()
    reporters = [make_user(f"staff{n}", role="staff") for n in range(2)]  # standing always
    set_settings(app, flag_threshold=2)
    with app.app_context():
        flags.flag(fresh(reporters[0]), "complaint", complaint.id, "spam")
        assert fresh(complaint).visibility == "visible"
        flags.flag(fresh(reporters[1]), "complaint", complaint.id, "spam")
        assert fresh(complaint).visibility == "hidden"


def test_the_hold_setting_holds_a_new_members_first_post(app, make_user, make_complaint):
    assert make_complaint(author=make_user("first")).visibility == "visible"
    set_settings(app, hold_first_posts=True)
    assert make_complaint(author=make_user("second")).visibility == "pending"


def test_the_review_prompt_delay_setting_dates_the_e_mail(app, make_user, make_complaint):
    set_settings(app, review_prompt_delay_hours=2)
    author = make_user("author", email="author@example.org")
    staff = make_user("nina", role="staff")
    complaint = make_complaint(author=author)
    with app.app_context():
        resolution.change_status(fresh(staff), fresh(complaint), "resolved")
        message = db.session.scalars(
            sa.select(MailMessage).where(MailMessage.kind == "review")
        ).one()
        delay = message.send_after - message.created_at
        assert timedelta(hours=2) - timedelta(minutes=1) < delay <= timedelta(hours=2)


def test_the_new_account_settings_set_the_trust_rules(app, make_user):
    app.config["RATELIMIT_ENABLED"] = True
    user = make_user("newbie")
    links = "See https://a.example and https://b.example"
    with app.app_context(), write_transaction() as session:
        trust.check_new_post(session, fresh(user), links)  # two links: allowed by default
    set_settings(app, new_account_max_links=1)
    with app.app_context(), write_transaction() as session:
        with pytest.raises(trust.Invalid, match="at most one link"):
            trust.check_new_post(session, fresh(user), links)
    set_settings(app, new_account_hours=0, new_account_min_posts=0)
    with app.app_context(), write_transaction() as session:
        assert not trust.is_new_account(session, fresh(user))
        trust.check_new_post(session, fresh(user), links)  # not new: no limit


def test_the_posts_an_hour_setting_limits_new_accounts(app, make_user, make_complaint):
    app.config["RATELIMIT_ENABLED"] = True
    user = make_user("newbie")
    make_complaint(author=user)
    set_settings(app, new_account_posts_per_hour=1)
    with app.app_context(), write_transaction() as session:
        with pytest.raises(trust.RateLimited, match="1 times an hour"):
            trust.check_new_post(session, fresh(user), "Another one")


# --- The test e-mail -------------------------------------------------------------------------


def test_the_test_e_mail_reports_what_the_smtp_server_said(app, client, admin):
    with SMTPServer() as server:
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=server.port)
        set_settings(app, site_name="Brightwell help")
        response = client.post("/admin/settings/test-email", data={"to": "ops@example.org"})
        assert response.status_code == 303
        page = client.get("/admin/settings").text
        assert "Test e-mail to ops@example.org: 250 OK" in page
        [message] = server.messages
    assert message["To"] == "ops@example.org"
    assert message["Subject"] == "Test e-mail from Brightwell help"
    assert message["From"] == "Brightwell help <no-reply@localhost>"


def test_a_failed_test_e_mail_shows_the_error(app, client, admin):
    with refusing_port() as port:
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_TIMEOUT=2)
        page = client.post("/admin/settings/test-email", data={"to": "ops@example.org"})
    assert page.status_code == 502
    assert "The test e-mail was not sent" in page.text and "Connection" in page.text


def test_the_test_e_mail_needs_an_address(client, admin):
    page = client.post("/admin/settings/test-email", data={"to": "nobody"})
    assert page.status_code == 422 and "is not an e-mail address" in page.text


def test_without_a_mail_server_the_test_e_mail_goes_to_the_log(client, admin, caplog):
    response = client.post("/admin/settings/test-email", data={"to": "ops@example.org"})
    assert response.status_code == 303
    assert "written to the server's log" in client.get("/admin/settings").text
    assert "Subject: Test e-mail from Redress" in caplog.text


# --- The migration ---------------------------------------------------------------------------


def test_the_migration_goes_down_and_up_again_on_sqlite(tmp_path):
    _both_ways("sqlite:///" + str(tmp_path / "migrated.sqlite3"), tmp_path)


@pytest.mark.postgres_only
def test_migrations_on_postgres_both_ways(tmp_path, _schema):
    _both_ways(_schema, tmp_path, shared=True)


def _both_ways(url, tmp_path, shared=False):
    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    app.instance_path = str(tmp_path)
    runner = app.test_cli_runner()
    with app.app_context():
        if shared:
            db.drop_all()
            with db.engine.begin() as connection:
                connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
        assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
        tables = set(sa.inspect(db.engine).get_table_names())
        assert {"site_setting", "site_file"} <= tables
        result = runner.invoke(args=["db", "downgrade", "a3c9e7d2f154"])
        assert result.exit_code == 0, result.output
        db.engine.dispose()
        tables = set(sa.inspect(db.engine).get_table_names())
        assert not {"site_setting", "site_file"} & tables
        assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
        db.engine.dispose()
        assert {"site_setting", "site_file"} <= set(sa.inspect(db.engine).get_table_names())
        if shared:
            with db.engine.begin() as connection:
                connection.exec_driver_sql("DROP TABLE alembic_version")
            db.drop_all()
            db.create_all()
        db.engine.dispose()
