"""Staff edit any post, keeping every earlier version, and redact the personal data a
post exposes."""

from flask_babel import format_number
from flask_babel import gettext as _

from forum import audit, markup
from forum.complaints import services as complaint_services
from forum.complaints.revisions import keep_revision
from forum.db import utcnow
from forum.errors import Invalid
from forum.moderation.services.common import (
    clean_reason,
    get_post,
    require_staff,
    resolve_flags,
    send_post_changed,
)
from forum.text import clean_text, slugify
from forum.uow import write_transaction


def _refuse_blanking(target_type, body, title):
    """An edit keeps a post readable: the same lengths as for its author, and some text.

    Taking a post's content away is a removal, and removals go through the removal rule
    (and its second opinion for complaints), never through an edit.
    """
    if target_type == "complaint":
        low, high = complaint_services.BODY_MIN, complaint_services.BODY_MAX
        if title and not (
            complaint_services.TITLE_MIN <= len(title) <= complaint_services.TITLE_MAX
        ):
            raise Invalid(
                _(
                    "A title needs %(min)s to %(max)s characters. To take a complaint off "
                    "the site, use hide or delete.",
                    min=complaint_services.TITLE_MIN,
                    max=complaint_services.TITLE_MAX,
                )
            )
    else:
        low, high = complaint_services.ANSWER_MIN, complaint_services.ANSWER_MAX
    if len(body) > high:
        raise Invalid(_("Keep the text under %(max)s characters.", max=format_number(high)))
    if len(body) < low or len(markup.plain_text(body)) < low:
        raise Invalid(
            _(
                "The text needs at least %(min)s readable characters: an edit cannot empty "
                "a post. To take it off the site, use hide or delete.",
                min=low,
            )
        )


def edit_post(actor, target_type, target_id, body, title=None, reason=None):
    """Staff edit any post; the previous version is kept and the public sees "edited".

    An edit cannot empty the title or the text (:func:`_refuse_blanking`).
    """
    require_staff(actor)
    body = clean_text(body)
    title = " ".join((title or "").split()) if target_type == "complaint" else ""
    _refuse_blanking(target_type, body, title)
    with write_transaction() as session:
        post = get_post(target_type, target_id, lock=True)
        keep_revision(session, target_type, post, actor)
        before = {"body": post.body_source}
        post.body_source = body
        post.body_html = markup.render(body)
        if target_type == "complaint":
            if title:
                before["title"] = post.title
                post.title = title
            post.excerpt = markup.plain_text(body, 280)
        post.edited_at = utcnow()
        send_post_changed(session, target_type, post, actor)
        audit.record(
            session,
            actor,
            "edit",
            target_type,
            target_id,
            reason,
            before,
            {"body": body, **({"title": post.title} if title else {})},
        )


def redact(actor, target_type, target_id, body, title=None, reason=None):
    """Staff replace personal data exposed in a post with the redacted text they give.

    The original is kept only as a ``PostRevision``, which only staff can read. The audit
    entry says the body was redacted, with lengths and that revision's id, and never
    copies the original text (the log is read more widely than a revision). Open
    "personal data" reports on the post are resolved as upheld; other reports stay open.
    """
    require_staff(actor)
    body = clean_text(body)
    if len(body) < 2:
        raise Invalid(_("Give the redacted text: it cannot be empty."))
    title = " ".join((title or "").split())[:150] or None
    reason = clean_reason(reason)
    with write_transaction() as session:
        post = get_post(target_type, target_id, lock=True)
        new_title = title if target_type == "complaint" and title != post.title else None
        if new_title is not None and len(new_title) < 10:
            raise Invalid(_("A title needs at least %(min)s characters.", min=10))
        if body == post.body_source and new_title is None:
            raise Invalid(_("Nothing changed: replace the personal data in the text first."))
        revision = keep_revision(session, target_type, post, actor)
        session.flush()
        before = {"revision": revision.id, "body_length": len(post.body_source)}
        post.body_source = body
        post.body_html = markup.render(body)
        if target_type == "complaint":
            post.excerpt = markup.plain_text(body, 280)
            if new_title is not None:
                before["title_length"] = len(post.title)
                post.title = new_title
                post.slug = slugify(new_title)
        post.edited_at = utcnow()
        resolve_flags(session, target_type, post.id, "upheld", utcnow(), reason="personal_data")
        send_post_changed(session, target_type, post, actor)
        after = {"body": "redacted", "body_length": len(body)}
        if new_title is not None:
            after["title"] = "redacted"
        audit.record(
            session,
            actor,
            "redact",
            target_type,
            post.id,
            reason or "body redacted",
            before,
            after,
        )
    return post
