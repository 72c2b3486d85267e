"""Helpers shared by the ``test_seo_*`` modules: reading pages as a crawler does, and
moderating or solving threads through the services. (A module of helpers, no tests.)"""

import json
from html.parser import HTMLParser

from forum.complaints.models import Answer, Complaint
from forum.extensions import db
from forum.moderation import services as moderation
from forum.resolution import services as resolution
from tests.conftest import fresh


class Page(HTMLParser):
    """What a search engine reads from an HTML page."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.meta = {}
        self.canonicals = []
        self.alternates = []
        self.links = []
        self.jsonld = []
        self.lang_of = {}  # element id -> lang attribute
        self.langs = []
        self.html_lang = None
        self._in_title = False
        self._in_jsonld = False
        self._buffer = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_lang = attrs.get("lang")
        # The posts' languages (the language menu's options name each language in itself).
        if "lang" in attrs and tag not in ("html", "option"):
            self.langs.append(attrs["lang"])
        if tag == "title":
            self._in_title = True
        elif tag == "meta":
            key = attrs.get("name") or attrs.get("property")
            if key:
                self.meta.setdefault(key, []).append(attrs.get("content", ""))
        elif tag == "link":
            rel = attrs.get("rel", "")
            if rel == "canonical":
                self.canonicals.append(attrs.get("href"))
            elif rel == "alternate":
                self.alternates.append((attrs.get("type"), attrs.get("href")))
        elif tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_jsonld = True
            self._buffer = []

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag == "script" and self._in_jsonld:
            self._in_jsonld = False
            self.jsonld.append(json.loads("".join(self._buffer)))

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif self._in_jsonld:
            self._buffer.append(data)

    @property
    def description(self):
        return (self.meta.get("description") or [None])[0]

    @property
    def noindex(self):
        return any("noindex" in value for value in self.meta.get("robots", []))


def read(response):
    return Page(response.get_data(as_text=True))


def staff_user(make_user):
    return make_user("seo_admin", role="admin")


def remove(app, admin, complaint, action="hide", reason="spam"):
    with app.app_context():
        assert moderation.remove(fresh(admin), "complaint", complaint.id, action, reason) == "done"


def remove_answer(app, admin, answer, action="hide", reason="spam"):
    with app.app_context():
        moderation.remove(fresh(admin), "answer", answer.id, action, reason)


def merge(app, admin, source, target):
    with app.app_context():
        moderation.merge(fresh(admin), source.id, target.id, "duplicate")


def accept(app, author, answer):
    with app.app_context():
        resolution.accept_answer(fresh(author), db.session.get(Answer, answer.id))


def reload(app, complaint):
    with app.app_context():
        row = db.session.get(Complaint, complaint.id)
        db.session.expunge(row)
        return row
