"""The demo texts, indexed and recombined for ``flask demo generate``.

Every generated post reuses a demo text (``forum/demo/content``) in the language it was
written in: a complaint is a demo complaint with one number in its title changed or a
detail added, and its body sometimes carries the demo author's own follow-up as an
update; answers come from the demo thread first, then from other threads in the same
category and language. So there are only a few hundred distinct bodies however many posts
there are, and each is rendered to HTML (and its language detected) once.
"""

import re
from dataclasses import dataclass

from forum import markup
from forum.demo import content
from forum.language import detect_post
from forum.text import clean_text, slugify

LANGUAGE_WEIGHTS = {"en": 30, "de": 18, "sv": 13, "sl": 12, "hu": 12, "zh": 15}

# A complaint body may end with an update from its author, under this label.
UPDATE_LABEL = {
    "en": "Update:",
    "de": "Nachtrag:",
    "sv": "Uppdatering:",
    "sl": "Posodobitev:",
    "hu": "Frissítés:",
    "zh": "更新：",
}

# Details added to a title so that complaints from one demo text are told apart.
TITLE_DETAILS = {
    "en": (" – day {n} and still waiting", " – {n} days and counting", " – {n} calls so far"),
    "de": (" – Tag {n}", " – seit {n} Tagen", " – {n} Anrufe bisher"),
    "sv": (" – dag {n}", " – i {n} dagar nu", " – {n} samtal hittills"),
    "sl": (" – {n}. dan", " – že {n} dni", " – {n} klicev do zdaj"),
    "hu": (" – {n}. nap", " – {n} napja várok", " – eddig {n} hívás"),
    "zh": ("（第{n}天）", "（已经等了{n}天）", "（已经打了{n}次电话）"),
}

# Why an author disputes a resolution.
DISPUTE_REASONS = {
    "en": (
        "Nothing has changed for me – the problem is still there.",
        "I was told it was fixed, but it happened again this week.",
    ),
    "de": (
        "Für mich hat sich nichts geändert – das Problem besteht weiterhin.",
        "Angeblich erledigt, aber diese Woche ist es wieder passiert.",
    ),
    "sv": (
        "Ingenting har ändrats för mig – problemet finns kvar.",
        "Det sades vara löst, men det hände igen den här veckan.",
    ),
    "sl": (
        "Pri meni se ni nič spremenilo – težava še vedno obstaja.",
        "Rekli so, da je urejeno, a se je ta teden spet zgodilo.",
    ),
    "hu": (
        "Nálam semmi nem változott, a probléma továbbra is fennáll.",
        "Azt írták, megoldódott, de ezen a héten újra előfordult.",
    ),
    "zh": ("我这边什么都没变，问题还在。", "说是已经解决了，可这周又出现了。"),
}

# Generated members are called e.g. ``sophie_k214``: a first name, an initial, a number.
FIRST_NAMES = {
    "en": "alex sam chris emma olivia jack harry sophie liam grace noah mia ben chloe dan ruth",
    "de": "lukas anna felix marie paul laura jan sophie max lea tim julia moritz hannah nina",
    "sv": "oskar elsa nils ebba axel saga linnea hugo alva viktor maja olle freja karl elias",
    "sl": "ana nik eva jan tina matej nina rok spela ziga urska miha tjasa luka petra gasper",
    "hu": "levente zsofia mate eszter dani reka balazs kata gergo dora adam petra marton lili bela",
    "zh": "wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo",
}
_ACCENTED = {
    "jurgen": "Jürgen", "spela": "Špela", "ziga": "Žiga", "urska": "Urška", "tjasa": "Tjaša",
    "gasper": "Gašper", "zsofi": "Zsófi", "zsofia": "Zsófia", "mate": "Máté", "reka": "Réka",
    "balazs": "Balázs", "gergo": "Gergő", "dora": "Dóra", "adam": "Ádám", "marton": "Márton",
    "bela": "Béla",
}  # fmt: skip
EMAIL_DOMAINS = {
    "en": "example.com",
    "de": "example.de",
    "sv": "example.se",
    "sl": "example.si",
    "hu": "example.hu",
    "zh": "example.cn",
}
EXTRA_STAFF = [
    ("mira_support", "mira@brightwell.example", "staff"),
    ("jakob_support", "jakob@brightwell.example", "staff"),
    ("li_support", "li@brightwell.example", "staff"),
]

# A number standing on its own (not part of a model code, price, version or percentage).
_NUMBER = re.compile(r"(?<![A-Za-z0-9.,:/#£€$%-])\d{1,4}(?![A-Za-z0-9.,:/%-])")
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class Text:
    """A Markdown source with its sanitised HTML and detected language."""

    source: str
    html: str
    language: str | None


@dataclass
class Template:
    """One demo complaint, ready to be reused."""

    lang: str
    item: dict
    title: str
    bodies: list  # (body, follow-up): the body, then the body with each follow-up added
    answers: list  # (role, source, addressee) in thread order; role: author, staff, member
    accepted: int | None  # index in ``answers``
    official: int | None


class Corpus:
    """The demo content, indexed by language and category, each distinct text rendered once.

    Answers are pooled by role (``author`` for the complaint author's follow-ups,
    ``staff``, ``member``) under ``(lang, category)`` and ``lang``. Each remembers whom it
    addresses (the demo complaint's author, e.g. "Hi Jamie"), so that the name can be
    changed to the generated complaint's author.
    """

    def __init__(self):
        self.templates = {lang: [] for lang in content.LANGUAGES}
        self.pools = {"author": {}, "staff": {}, "member": {}}
        self.revisions = {lang: [] for lang in content.LANGUAGES}
        self._texts, self._excerpts, self._languages, self._addressed = {}, {}, {}, {}
        staff = {name for name, _email, _role in content.STAFF}
        for item in content.all_complaints():
            lang, category = item["lang"], item["category"]
            addressee = display_name(item["author"])
            answers, accepted, official = [], None, None
            for spec in item.get("answers", []):
                role = "member"
                if spec["author"] == item["author"]:
                    role = "author"
                elif spec["author"] in staff:
                    role = "staff"
                if spec.get("accepted"):
                    accepted = len(answers)
                if spec.get("official") and role == "staff":
                    official = len(answers)
                entry = (clean_text(spec["body"]), addressee)
                answers.append((role, *entry))
                for key in ((lang, category), lang):
                    self.pools[role].setdefault(key, []).append(entry)
            body = clean_text(item["body"])
            label = UPDATE_LABEL[lang]
            bodies = [(body, None)] + [
                (f"{body}\n\n**{label}** {source}", source)
                for role, source, _a in answers
                if role == "author"
            ]
            title = " ".join(item["title"].split())
            self.templates[lang].append(
                Template(lang, item, title, bodies, answers, accepted, official)
            )
            if item.get("revised_rating"):
                self.revisions[lang].append(item["revised_rating"])

    def text(self, source):
        """The :class:`Text` of a body, rendered on first use."""
        text = self._texts.get(source)
        if text is None:
            text = Text(source, markup.render(source), detect_post(source))
            self._texts[source] = text
        return text

    def complaint(self, template, rng):
        """Title, slug, body, HTML, excerpt and language of a new complaint from ``template``,
        and the follow-up its body took in as an update (or None)."""
        title = vary_title(template.title, template.lang, rng)
        body, follow_up = template.bodies[0]
        if len(template.bodies) > 1 and rng.random() < 0.3:
            body, follow_up = rng.choice(template.bodies[1:])
        # Digits are neither letters nor words to the detector: one key serves all numbers.
        key = (_DIGITS.sub("0", title), body)
        if key not in self._languages:
            self._languages[key] = detect_post(title, body)
        if body not in self._excerpts:
            self._excerpts[body] = markup.plain_text(body, 280)
        fields = {
            "title": title,
            "slug": slugify(title),
            "body_source": body,
            "body_html": self.text(body).html,
            "excerpt": self._excerpts[body],
            "language": self._languages[key],
        }
        return fields, follow_up

    def thread(self, template, count, rng, author_name, used=None):
        """``count`` answers as (role, :class:`Text`): the demo thread's own, then answers
        from threads in the same category (or, for members, the same language). A
        follow-up ``used`` in the body as an update is replaced by a member's answer."""
        lang, category = template.lang, template.item["category"]
        picks = [
            ("member", *rng.choice(self.pools["member"][lang])) if source == used else
            (role, source, addressee)
            for role, source, addressee in template.answers[:count]
        ]  # fmt: skip
        while len(picks) < count:
            roll = rng.random()
            role = "staff" if roll < 0.08 else "author" if roll < 0.16 else "member"
            pool = self.pools[role].get((lang, category))
            if role == "member" and (not pool or rng.random() < 0.25):
                pool = self.pools["member"][lang]
            elif not pool:
                role, pool = "member", self.pools["member"][lang]
            picks.append((role, *rng.choice(pool)))
        return [
            (role, self.text(self._address(source, addressee, author_name)))
            for role, source, addressee in picks
        ]

    def _address(self, source, old, new):
        """``source`` speaking to ``new`` where it spoke to ``old`` ("Hi Jamie" → "Hi Ben")."""
        if old == new or old not in source:
            return source
        key = (source, new)
        if key not in self._addressed:
            self._addressed[key] = re.sub(rf"(?<!\w){re.escape(old)}(?!\w)", new, source)
        return self._addressed[key]

    def revision(self, template, rng):
        """(rating, review, would_return) for a review revised after resolution."""
        revised = template.item.get("revised_rating") or rng.choice(self.revisions[template.lang])
        return (
            revised["rating"],
            clean_text(revised.get("review")) or None,
            revised.get("would_return"),
        )

    def dispute_reason(self, lang, rng):
        return rng.choice(DISPUTE_REASONS[lang])


def vary_title(title, lang, rng):
    """``title`` with one free-standing number changed and/or a detail with a number added."""
    numbers = [m for m in _NUMBER.finditer(title) if int(m.group()) >= 2]
    changed = False
    if numbers and rng.random() < 0.75:
        match = rng.choice(numbers)
        value = int(match.group())
        new = rng.randint(max(2, value // 2), value * 2 + 1)
        new = new + 1 if new == value else new
        title = f"{title[: match.start()]}{new}{title[match.end() :]}"
        changed = True
    if not changed or rng.random() < 0.3:
        detail = rng.choice(TITLE_DETAILS[lang]).format(n=rng.randint(5, 21))
        title = title[: 150 - len(detail)].rstrip() + detail
    return title


def display_name(username):
    """How a post addresses a member: their first name (``jamie_r`` → Jamie)."""
    first = re.split(r"[_-]", username)[0]
    return _ACCENTED.get(first, first.capitalize())


def username(lang, number, rng):
    """A generated member's username (unique through ``number``) and e-mail address."""
    first = rng.choice(FIRST_NAMES[lang].split())
    name = f"{first}_{rng.choice('abcdefghijklmnoprstvz')}{number}"
    return name, f"{name}@{EMAIL_DOMAINS[lang]}"
