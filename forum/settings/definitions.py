"""Every site setting, typed in code: its name, kind, default, limits and help text.

A setting's value is stored in the database only once an admin changed it; until then
its default applies, most of them read from the app's configuration (``SITE_NAME``,
``FLAG_THRESHOLD`` …), so an install configured through the environment keeps working.
:meth:`Setting.parse` is the one validation of a value, for the admin form and the
command line alike.
"""

from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from email_validator import EmailNotValidError, validate_email
from flask_babel import format_number
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from forum.language import INTERFACE_LANGUAGES
from forum.text import clean_text

REGISTRATION_MODES = {
    "open": _l("Open: anyone may register"),
    "invite": _l("By invitation: only with an invitation link"),
    "closed": _l("Closed: nobody may register"),
}

TEXT_MAX = 20_000  # characters of a Markdown page

# The default texts, one line per paragraph or list item (as an admin would type them).
DEFAULT_GUIDELINES = "\n".join(
    [
        "This forum is where customers raise problems and help one another solve them.",
        "",
        "## Before you post",
        "",
        '- **Search first.** Someone may have had the same problem; say "this affects me '
        'too" on their complaint instead of starting another.',
        "- **One problem per complaint**, with what happened, when, and the outcome you want.",
        "",
        "## Keep it useful and civil",
        "",
        "- Describe the problem, not the person. No insults, threats or harassment.",
        "- No spam, advertising or links unrelated to the problem.",
        "- Stay on topic: answers should help solve the complaint they are under.",
        "",
        "## Keep personal data private",
        "",
        "Never put order numbers, phone numbers, addresses or account details in a public "
        "post. Use the complaint's **private details** field: only you and staff can see it.",
        "",
        "## What happens when rules are broken",
        "",
        "Members can report a post. Posts reported by several members are hidden until staff "
        "review them; staff may edit, hide or remove posts and suspend accounts that break "
        "these rules. Every staff action is recorded.",
    ]
)

DEFAULT_ABOUT = (
    "This is a public complaint forum. Customers post complaints about products and "
    "services, say when a problem affects them too, and answer one another. Staff give "
    "official answers and move each complaint through a visible workflow — open, "
    "acknowledged, in progress, resolved — so the next person with the same problem finds "
    "the fix."
)

DEFAULT_PRIVACY = "\n".join(
    [
        "## What we keep",
        "",
        "- Your account: username, e-mail address and a hash of your password.",
        "- What you post: complaints, answers, votes and ratings are public. A complaint's "
        "**private details** are seen only by you and staff.",
        "- Your e-mail settings and what you follow.",
        "",
        "## What we do with it",
        "",
        "We use it to run the forum: to show your posts, tell you about the complaints you "
        "follow and keep a record of staff actions. We do not sell it.",
        "",
        "## Your choices",
        "",
        "From your account page you can download everything we keep about you, stop e-mails, "
        "and delete your account.",
    ]
)


class InvalidSetting(ValueError):
    """A value refused for a setting; the message says why, for the form or the command line."""

    def __init__(self, name, message):
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


@dataclass(frozen=True)
class Setting:
    """One setting. ``kind`` is ``line``, ``email``, ``markdown``, ``choice``, ``integer``,
    ``boolean``, ``timezone`` or ``image``; ``config`` names the app config key its default
    comes from (else ``default``); ``shapes_pages`` says whether a kept page can show it."""

    name: str
    label: str
    kind: str
    help: str
    default: object = None
    config: str | None = None
    group: str = "Site"
    max_length: int = 0
    required: bool = False
    choices: dict = field(default_factory=dict)
    minimum: int | None = None
    maximum: int | None = None
    shapes_pages: bool = True

    def default_value(self, config):
        if self.config is not None and config.get(self.config) is not None:
            return self.parse(config[self.config])
        return self.default

    def parse(self, raw):
        """The typed value of ``raw`` (typed text, or already a value); ``InvalidSetting``."""
        parse = getattr(self, f"_parse_{self.kind}")
        return parse(raw)

    def show(self, value):
        """A value as text, as ``flask settings show`` prints it and ``set`` reads it back."""
        if self.kind == "boolean":
            return "on" if value else "off"
        if self.kind == "image":
            return value["url_name"] if value else ""
        return "" if value is None else str(value)

    def _refuse(self, message):
        raise InvalidSetting(self.name, message)

    def _text(self, raw):
        if raw is None:
            raw = ""
        if not isinstance(raw, str):
            self._refuse(_("must be text."))
        value = clean_text(raw)
        if self.required and not value:
            self._refuse(_("%(label)s cannot be empty.", label=self.label))
        if self.max_length and len(value) > self.max_length:
            self._refuse(
                _(
                    "%(label)s must be at most %(max)s characters.",
                    label=self.label,
                    max=format_number(self.max_length),
                )
            )
        return value

    def _parse_line(self, raw):
        value = self._text(raw)
        if "\n" in value:
            self._refuse(_("%(label)s must be one line.", label=self.label))
        return value

    def _parse_markdown(self, raw):
        return self._text(raw)

    def _parse_email(self, raw):
        value = self._parse_line(raw)
        if not value:
            return value
        try:
            return validate_email(value, check_deliverability=False).normalized
        except EmailNotValidError:
            self._refuse(_("%(value)s is not an e-mail address.", value=repr(value)))

    def _parse_choice(self, raw):
        value = self._parse_line(raw)
        found = {choice.lower(): choice for choice in self.choices}.get(value.lower())
        if found is None:
            self._refuse(_("must be one of: %(choices)s.", choices=", ".join(self.choices)))
        return found

    def _parse_integer(self, raw):
        if isinstance(raw, bool):
            self._refuse(_("must be a whole number."))
        if isinstance(raw, int):
            value = raw
        else:
            text = self._parse_line(raw if isinstance(raw, str) else str(raw))
            try:
                value = int(text)
            except ValueError:
                self._refuse(_("%(label)s must be a whole number.", label=self.label))
        if self.minimum is not None and value < self.minimum:
            self._refuse(
                _(
                    "%(label)s must be at least %(min)s.",
                    label=self.label,
                    min=format_number(self.minimum),
                )
            )
        if self.maximum is not None and value > self.maximum:
            self._refuse(
                _(
                    "%(label)s must be at most %(max)s.",
                    label=self.label,
                    max=format_number(self.maximum),
                )
            )
        return value

    def _parse_boolean(self, raw):
        if isinstance(raw, bool):
            return raw
        text = self._parse_line(raw if isinstance(raw, str) else str(raw)).lower()
        if text in ("on", "true", "yes", "1", "y"):
            return True
        if text in ("off", "false", "no", "0", "n", ""):
            return False
        self._refuse(_("must be on or off."))

    def _parse_timezone(self, raw):
        value = self._parse_line(raw if isinstance(raw, str) else str(raw or ""))
        if not value:
            return "UTC"
        try:
            return ZoneInfo(value).key
        except (ZoneInfoNotFoundError, ValueError):
            self._refuse(
                _("%(value)s is not a time zone (for example Europe/Paris or UTC).", value=value)
            )

    def _parse_image(self, raw):
        # A stored logo's description (forum/settings/logo.py makes it); None: no logo.
        if raw is None or raw == "":
            return None
        if isinstance(raw, dict) and {"digest", "ext", "width", "height"} <= raw.keys():
            return {**raw, "url_name": f"{raw['digest']}.{raw['ext']}"}
        self._refuse(_("upload an image (PNG, JPEG or WebP)."))


SETTINGS = (
    Setting("site_name", _l("Site name"), "line", _l("Shown in the header, page titles, feeds and "
            "e-mails."), config="SITE_NAME", default="Complaints forum", required=True,
            max_length=60),
    Setting("tagline", _l("Tagline"), "line", _l("One sentence under the name: the home page's "
            "description for search engines."), config="SITE_TAGLINE", max_length=160),
    Setting("company_name", _l("Company name"), "line", _l("Who answers officially: shown on "
            "official answers' badge and as the publisher in search results. Empty: the "
            "site name."), config="ORGANIZATION_NAME", default="", max_length=80),
    Setting("contact_email", _l("Contact e-mail"), "email", _l("Where people can write to the "
            "company; shown in the footer and on the about and privacy pages."), default="",
            config="CONTACT_EMAIL", max_length=254),
    Setting("default_language", _l("Default language"), "choice", _l("The interface's language "
            "for visitors whose browser asks for none of these, for search engines, and for "
            "e-mails to people without an account. Members choose their own on their account "
            "page; visitors in the footer."), config="DEFAULT_LANGUAGE", default="en",
            choices=INTERFACE_LANGUAGES),
    Setting("logo", _l("Logo"), "image", _l("PNG, JPEG or WebP, at most 1 MB; shown in the header "
            "at 32 pixels high. Re-encoded on upload; SVG is not accepted.")),
    Setting("guidelines", _l("Community guidelines"), "markdown",
            _l("Markdown, shown at /guidelines and linked from the posting form and every "
               "report and moderation notice."),
            default=DEFAULT_GUIDELINES, required=True, max_length=TEXT_MAX, group="Pages"),
    Setting("about", _l("About"), "markdown", _l("Markdown, shown at /about."),
            default=DEFAULT_ABOUT, required=True, max_length=TEXT_MAX, group="Pages"),
    Setting("privacy", _l("Privacy"), "markdown", _l("Markdown, shown at /privacy."),
            default=DEFAULT_PRIVACY, required=True, max_length=TEXT_MAX, group="Pages"),
    Setting("report_timezone", _l("Reporting time zone"), "timezone", _l("The time zone the "
            "staff insights and the public record count days and months in, e.g. Europe/Paris."),
            default="UTC", config="REPORT_TIMEZONE", max_length=60, shapes_pages=True),
    Setting("registration", _l("Registration"), "choice", _l("Who may create an account. "
            "Invitation links are made on the server with: flask users invite EMAIL"),
            default="open",
            choices=REGISTRATION_MODES, group="Members", config="REGISTRATION"),
    Setting("flag_threshold", _l("Reports that hide a post"), "integer", _l("Reports from this "
            "many members hide a post until staff review it."), config="FLAG_THRESHOLD",
            default=3, minimum=1, maximum=100, group="Moderation", shapes_pages=False),
    Setting("hold_first_posts", _l("Hold new members' first posts"), "boolean", _l("A new "
            "member's posts wait in the moderation queue until staff approve one."),
            config="TRUST_HOLD_FIRST_POST", default=False, group="Moderation",
            shapes_pages=False),
    Setting("review_prompt_delay_hours", _l("Review prompt delay (hours)"), "integer", _l("How "
            "long after a complaint is resolved its author is e-mailed to revise their "
            "review."), config="REVIEW_PROMPT_DELAY_HOURS", default=24, minimum=0,
            maximum=24 * 30, group="Moderation", shapes_pages=False),
    Setting("new_account_hours", _l("An account is new for (hours)"), "integer",
            _l("Hours after registering that an account is new …"),
            config="TRUST_NEW_ACCOUNT_HOURS", default=24, minimum=0,
            maximum=24 * 365, group="New accounts", shapes_pages=False),
    Setting("new_account_min_posts", _l("… or until it has this many visible posts"), "integer",
            _l("Visible complaints and answers an account needs to stop being new."),
            config="TRUST_MIN_APPROVED_POSTS", default=3, minimum=0, maximum=100,
            group="New accounts", shapes_pages=False),
    Setting("new_account_max_links", _l("Links in a post"), "integer", _l("At most this many links "
            "in a new account's post."), config="TRUST_NEW_MAX_LINKS", default=2, minimum=0,
            maximum=50, group="New accounts", shapes_pages=False),
    Setting("new_account_posts_per_hour", _l("Posts an hour"), "integer",
            _l("Complaints and answers a new account may post in an hour."),
            config="TRUST_NEW_POSTS_PER_HOUR",
            default=5, minimum=1, maximum=1000, group="New accounts", shapes_pages=False),
)  # fmt: skip

BY_NAME = {setting.name: setting for setting in SETTINGS}
GROUPS = tuple(dict.fromkeys(setting.group for setting in SETTINGS))
# The groups' names as the settings page shows them (``group`` itself is a fixed key).
GROUP_LABELS = {
    "Site": _l("Site"),
    "Pages": _l("Pages"),
    "Members": _l("Members"),
    "Moderation": _l("Moderation"),
    "New accounts": _l("New accounts"),
}


def setting(name):
    """The definition named ``name``; ``InvalidSetting`` for an unknown name."""
    found = BY_NAME.get(name)
    if found is None:
        raise InvalidSetting(name, f"no such setting (one of: {', '.join(BY_NAME)}).")
    return found
