"""A small world with one of each kind of page, and every page of it, as each kind of person
sees it: for the translation checks (tests/test_i18n_pseudo.py, tests/test_i18n_locales.py,
``python -m tests.i18n_report``).

The world is built through the services (as the site builds it) and records every text its
people typed, their names and e-mail addresses, the category names and the site settings
(``World.content``): that is user content, which no catalog translates. Pages are found by
following the links of a few starting pages, as each person, plus the forms sent back
refused, which no link reaches.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

import sqlalchemy as sa

from forum import settings
from forum.accounts.models import User
from forum.complaints import services as complaints
from forum.complaints.links import thread_path
from forum.complaints.models import Answer, Category
from forum.extensions import db
from forum.moderation import services as moderation
from forum.resolution import services as resolution
from forum.uow import write_transaction
from tests.conftest import _PASSWORD_HASH, PASSWORD

# The people of the world, by the role they sign in as ("visitor" does not sign in).
PEOPLE = {
    "member": ("Alma_Vesterlund", "member"),
    "author": ("Bruno_Kastelic", "member"),
    "helper": ("Hugo_Lindqvist", "member"),
    "staff": ("Nina_Farkas", "staff"),
    "admin": ("Root_Zhang", "admin"),
}
ROLES = ("visitor", "member", "author", "staff", "admin")
# What the visitor searches for (typed, so user content): a hit and nothing found.
SEARCHES = ("dishwasher", "zzqx")

SETTINGS = {
    "site_name": "Brightwell Appliances help",
    "tagline": "Brightwell customers solving problems together in public.",
    "company_name": "Brightwell Appliances",
    "contact_email": "care@brightwell.example",
    "guidelines": "Please be kind to each other and stay on the subject of the complaint.",
    "about": "Brightwell makes kitchen appliances in a small town by the sea.",
    "privacy": "Brightwell keeps only what the forum needs to work and nothing more.",
}


@dataclass
class World:
    """What the pages are made of: paths by name, the people, and the world's own text."""

    paths: dict = field(default_factory=dict)
    ids: dict = field(default_factory=dict)
    content: set = field(default_factory=set)

    def typed(self, text):
        """A text someone types into the site (user content, never translated)."""
        self.content.add(text)
        return text


def _person(world, username, role):
    user = User(
        username=username,
        email=world.typed(f"{username.lower()}@example.org"),
        role=role,
        password_hash=_PASSWORD_HASH,
    )
    world.content.add(username)
    db.session.add(user)
    db.session.commit()
    return user


def _category(world, name, slug, position):
    world.content.add(f"/c/{slug}")  # its address, shown where it is renamed or merged
    category = Category(name=world.typed(name), slug=slug, position=position)
    db.session.add(category)
    db.session.commit()
    return category


def build_world(app):
    """Categories, people of every role, a thread with an official and a member answer,
    a resolved thread with an accepted solution waiting for its author's review, a
    duplicate merged in, a reported complaint in the queue, an answer held for approval,
    an internal note, an assignment, a suspended member, and short site texts."""
    world = World(content=set(SEARCHES))
    with app.app_context():
        people = {key: _person(world, name, role) for key, (name, role) in PEOPLE.items()}
        kitchen = _category(world, "Kitchen appliances", "kitchen", 1)
        _category(world, "Deliveries and couriers", "deliveries", 2)
        with write_transaction() as session:
            settings.update(session, {name: world.typed(value) for name, value in SETTINGS.items()})
        world.content.update(str(value) for value in vars(settings.current()).values()
                             if isinstance(value, str))  # fmt: skip

        def post(by, title, body, outcome, **extra):
            for key in ("review", "private_details"):
                if key in extra:
                    world.typed(extra[key])
            return complaints.create_complaint(
                by, title=world.typed(title), body=world.typed(body), category_id=kitchen.id,
                desired_outcome=outcome, **extra,
            )  # fmt: skip

        def answer(by, thread, body):
            return complaints.post_answer(by, thread, world.typed(body))

        author, helper, staff, admin = (people[k] for k in ("author", "helper", "staff", "admin"))
        thread = post(
            author, "Dishwasher leaves a white film on glasses",
            "Since the update in May every glass comes out with a white film.", "repair",
            rating=2, review="Slow answers so far.", private_details="Order DW-2026-7781",
        )  # fmt: skip
        answer(helper, thread, "Try the rinse aid setting four.")
        official = answer(staff, thread, "A technician will call you this week.")
        resolution.mark_official(staff, official)
        resolution.change_status(
            staff, thread, "in_progress", note=world.typed("Parts are ordered."),
            promised_date=(date.today() + timedelta(days=10)).isoformat(),
        )  # fmt: skip
        complaints.vote_on_complaint(people["member"], thread, 1)
        moderation.add_note(staff, thread.id, world.typed("Customer called twice."))
        moderation.assign(staff, thread.id, staff.id)

        resolved = post(
            author, "Oven door hinge snapped after a month",
            "The left hinge of the oven door snapped when I opened it on Sunday.",
            "replacement", rating=1,
        )  # fmt: skip
        solution = answer(staff, resolved, "We are sending a new hinge today.")
        resolution.accept_answer(author, solution)
        resolution.change_status(staff, resolved, "resolved", note=world.typed("New hinge sent."))

        duplicate = post(
            helper, "White film on every glass after the dishwasher update",
            "Same here since May: a white film on all the glasses.", "repair",
        )  # fmt: skip
        moderation.merge(admin, duplicate.id, thread.id, world.typed("Same fault as the original."))

        reported = post(
            helper, "Buy cheap watches at my shop today",
            "Visit my shop for the cheapest watches you will ever find online.", "other",
        )  # fmt: skip
        moderation.flag(author, "complaint", reported.id, "spam", details=world.typed("An advert."))
        held = answer(helper, resolved, "Mine broke the same way last year.")
        db.session.execute(
            sa.update(Answer).where(Answer.id == held.id).values(visibility="pending")
        )
        db.session.commit()
        moderation.suspend_for(staff, helper.id, 3, world.typed("Advertising watches."))

        world.paths.update(
            thread=thread_path(thread), resolved=thread_path(resolved),
            reported=thread_path(reported),
        )  # fmt: skip
        world.ids.update(
            thread=thread.id, resolved=resolved.id, category=kitchen.id, helper=helper.id,
            answer=official.id,
        )  # fmt: skip
        db.session.remove()
    return world


# --- The pages ---------------------------------------------------------------------------

# Where each person starts; everything linked from there is visited too.
START = {
    "visitor": ["/", "/complaints", *(f"/search?q={q}" for q in SEARCHES), "/login",
                "/register", "/reset-password", "/guidelines", "/about", "/privacy",
                "/no-such-page"],
    "member": ["/", "/notifications", "/account", "/settings/notifications", "/complaints/new"],
    "author": ["/", "/notifications", "/complaints/new", "{thread}", "{resolved}",
               "/complaints/{resolved_id}/review"],
    "staff": ["/", "/staff", "/mod/queue", "/mod/log", "/mod/users", "/mod/users/{helper_id}",
              "{thread}", "/notifications"],
    "admin": ["/admin", "/admin/settings", "/admin/categories", "/admin/categories/new"],
}  # fmt: skip

# Forms sent back refused (no link leads there): (role, path, form data).
REFUSED = [
    ("visitor", "/login", {"login": "nobody", "password": "wrong"}),
    ("visitor", "/register", {"username": "a", "email": "not an address", "password": "x"}),
    ("member", "/complaints/new", {"title": "", "body": "", "desired_outcome": "refund"}),
    ("member", "/complaints/{thread_id}/answers", {"body": ""}),
    ("member", "/complaints/{thread_id}/flag", {"reason": ""}),
    ("staff", "/complaints/{thread_id}/status", {"status": "open", "promised_date": "2001-01-01"}),
    ("admin", "/admin/categories/new", {"name": ""}),
    ("admin", "/admin/settings", {"site_name": "", "contact_email": "not an address"}),
]

# Not pages: feeds, sitemaps, files, JSON, and links that act (they are tested elsewhere).
SKIPPED = ("/static/", "/feeds/", "/sitemap", "/robots.txt", "/healthz", "/favicon.ico",
           "/site/logo/", "/api/", "/account/export")  # fmt: skip
SKIPPED_ENDINGS = (".atom", ".xml", ".txt", ".json", ".csv")
MAX_PAGES_A_PERSON = 120


def _fill(path, world):
    values = {**world.paths, **{f"{name}_id": value for name, value in world.ids.items()}}
    return path.format(**values)


def sign_in(client, role):
    if role != "visitor":
        username = PEOPLE[role][0]
        response = client.post("/login", data={"login": username, "password": PASSWORD})
        assert response.status_code == 303, f"{username} could not sign in"


# Routes whose pages differ from one id to the next (a thread's state, an empty category);
# elsewhere one id stands for all (each answer's report form is one page).
EACH_ID = {"thread.show", "complaints.category", "moderation.user"}


def _page_key(app, path):
    """Pages alike for these checks: the same route, the same query names (``?sort=new``
    and ``?sort=top`` are one page; ``?page=2`` another), the same ids where they matter."""
    parts = path.split("?", 1)
    adapter = app.url_map.bind("localhost")
    try:
        endpoint, args = adapter.match(parts[0], method="GET")
    except Exception:  # a 404 or a redirect: the path itself
        return path
    query = sorted(item.split("=", 1)[0] for item in parts[1].split("&")) if len(parts) > 1 else []
    ids = tuple(sorted(args.items())) if endpoint in EACH_ID else ()
    return (endpoint, ids, tuple(query))


def _wanted(path):
    return not path.startswith(SKIPPED) and not path.split("?")[0].endswith(SKIPPED_ENDINGS)


def visit_pages(app, world, look, roles=ROLES, links=None):
    """Call ``look(label, response)`` for every HTML page each role reaches from its
    starting pages (links followed, once per kind of page) and for the refused forms."""
    links = links or (lambda html: [])
    for role in roles:
        client = app.test_client()
        sign_in(client, role)
        queue = [_fill(path, world) for path in START[role]]
        seen = set()
        visited = 0
        while queue and visited < MAX_PAGES_A_PERSON:
            path = queue.pop(0)
            key = _page_key(app, path)
            if key in seen or not _wanted(path):
                continue
            seen.add(key)
            response = client.get(path)
            if response.mimetype != "text/html" or 300 <= response.status_code < 400:
                continue
            visited += 1
            html = response.get_data(as_text=True)
            look(f"GET {path} ({role}, {response.status_code})", response)
            queue += links(html)
        for who, path, data in REFUSED:
            if who == role:
                response = client.post(_fill(path, world), data=data)
                look(f"POST {_fill(path, world)} ({role}, {response.status_code})", response)
