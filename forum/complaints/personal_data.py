"""Spotting personal data in text about to be published.

A guard, not a guarantee: it looks for what people most often paste by mistake — e-mail
addresses, phone numbers, payment card numbers (checked with the Luhn sum) and order
numbers — so the form can warn before publishing and offer to move them into the
private details (complaints) or remove them (answers).
"""

import re
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+", re.UNICODE)
# A run of 8-19 digits, possibly grouped by spaces, dots, dashes or slashes, with an
# optional leading + or (area code).
DIGITS = re.compile(r"(?<![\w])(?:\+|00)?\(?\d[\d \-./()]{6,24}\d(?![\w])")
ORDER = re.compile(
    r"(?ix)"
    r"\b(?:order|ordernummer|order\s*(?:no|number|nr)|bestellnummer|bestellung|"
    r"naročil[oa]|rendelés(?:szám)?|beställning|订单(?:号)?)\s*[:#.]?\s*(?:no\.?\s*)?"
    r"(?P<id>[A-Z]{0,4}-?\d[\dA-Z-]{4,})"
    r"|(?P<code>\b[A-Z]{2,4}-\d{4}-\d{4,}\b)"
)

LABELS = {
    "email": _l("an e-mail address"),
    "phone": _l("a phone number"),
    "card": _l("a payment card number"),
    "order": _l("an order number"),
}


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str

    @property
    def label(self):
        return LABELS[self.kind]


def _luhn_ok(number):
    total = 0
    for index, char in enumerate(reversed(number)):
        digit = int(char)
        if index % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def find(text):
    """What looks like personal data in ``text``, in order of appearance, without repeats."""
    text = text or ""
    spans, findings = [], []

    def add(kind, start, end):
        if any(start < e and s < end for s, e in spans):
            return
        spans.append((start, end))
        findings.append((start, Finding(kind, text[start:end].strip())))

    for match in EMAIL.finditer(text):
        add("email", match.start(), match.end())
    for match in ORDER.finditer(text):
        group = "id" if match.group("id") else "code"
        add("order", match.start(group), match.end(group))
    for match in DIGITS.finditer(text):
        raw = match.group(0)
        digits = re.sub(r"\D", "", raw)
        if 13 <= len(digits) <= 19 and _luhn_ok(digits):
            add("card", match.start(), match.end())
        elif 8 <= len(digits) <= 15 and (
            raw.startswith(("+", "00", "(", "0")) or " " in raw or "-" in raw
        ):
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw.strip()):  # a date, not a phone
                add("phone", match.start(), match.end())
    seen, unique = set(), []
    for _start, finding in sorted(findings, key=lambda item: item[0]):
        if finding not in seen:
            seen.add(finding)
            unique.append(finding)
    return unique


def strip(text, findings, replacement):
    """``text`` with each finding replaced by ``replacement``."""
    for finding in findings:
        text = text.replace(finding.text, replacement)
    return text


# Put in the published text in place of what was moved or removed, in the author's language.
MOVED = _l("[moved to private details]")
REMOVED = _l("[removed]")


def guard_complaint(values, decision):
    """Check a complaint about to be published, or an edit about to replace it.

    Everything public is checked: the title, the text and the review. Returns
    ``(findings, values)``. With findings and no ``decision`` the form should warn;
    ``"move"`` moves what was found into the private details; ``"keep"`` publishes as
    written.
    """
    review = values.get("review") or ""
    findings = find(f"{values.get('title') or ''}\n{values.get('body') or ''}\n{review}")
    if not findings or decision == "keep":
        return ([] if decision == "keep" else findings), values
    if decision != "move":
        return findings, values
    moved = dict(values)
    moved["title"] = strip(values.get("title") or "", findings, "").strip(" ,:;-")
    moved["body"] = strip(values.get("body") or "", findings, str(MOVED))
    if review:
        moved["review"] = strip(review, findings, str(MOVED))
    found = "\n".join(f"{str(f.label).capitalize()}: {f.text}" for f in findings)
    private = (values.get("private_details") or "").strip()
    moved["private_details"] = f"{private}\n{found}".strip()
    return [], moved


def guard_answer(body, decision):
    """Check an answer about to be published: ``"remove"`` strips what was found."""
    findings = find(body)
    if not findings or decision == "keep":
        return [], body
    if decision == "remove":
        return [], strip(body, findings, str(REMOVED))
    return findings, body
