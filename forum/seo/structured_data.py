"""schema.org data for the thread page, built here and emitted as one JSON-LD block.

A thread with public answers is a ``QAPage`` whose ``mainEntity`` is a ``Question``; one
without is a ``DiscussionForumPosting``. Property names follow Google's documentation
for Q&A pages and discussion forums (``docs/seo.md`` lists required and recommended).
Nothing hidden, held, merged or deleted is ever described.
"""

from flask import url_for

from forum import markup, settings
from forum.accounts.models import public_name
from forum.db import as_utc
from forum.seo.meta import site_url

QUESTION_REQUIRED = ("name", "answerCount")
ANSWER_REQUIRED = ("text",)
POSTING_REQUIRED = ("author", "datePublished", "text")


def _date(value):
    return as_utc(value).isoformat(timespec="seconds") if value else None


def _text(post):
    return markup.plain_text(post.body_source)


def author(user):
    """A Person with a profile URL, the company as an Organization for staff."""
    if user is None or user.is_deleted:
        return {"@type": "Person", "name": public_name(user)}
    if user.is_staff:
        return publisher()
    return {
        "@type": "Person",
        "name": user.username,
        "url": site_url(url_for("seo.member", username=user.username)),
    }


def publisher():
    """The company (the ``company_name`` setting, else the site's name), with its logo."""
    site = settings.current()
    logo = site.logo_url
    return _compact(
        {
            "@type": "Organization",
            "name": site.company,
            "url": site_url("/"),
            "logo": site_url(logo) if logo else None,
        }
    )


def _compact(data):
    return {key: value for key, value in data.items() if value is not None}


def answer_data(answer, url):
    return _compact(
        {
            "@type": "Answer",
            "text": _text(answer),
            "url": url,
            "author": author(answer.author),
            "datePublished": _date(answer.created_at),
            "dateModified": _date(answer.edited_at),
            "upvoteCount": max(answer.score, 0),
            "inLanguage": answer.language,
        }
    )


def thread(complaint, answers, accepted=None, accepted_url=None, images=()):
    """The JSON-LD object for a thread page, or ``None`` for a thread that is not public.

    ``answers`` is the page of answers shown; ``accepted`` the accepted solution (wherever
    it is in the thread) and ``accepted_url`` its address; ``images`` the absolute
    addresses of the complaint's photos.
    """
    if not complaint.is_public:
        return None
    page = answers.page
    page_path = url_for(
        "thread.show",
        complaint_id=complaint.id,
        slug=complaint.slug,
        **({"page": page} if page > 1 else {}),
    )
    page_url = site_url(page_path)
    thread_url = site_url(url_for("thread.show", complaint_id=complaint.id, slug=complaint.slug))
    public = [a for a in answers.items if a.is_public]
    if accepted is not None and not accepted.is_public:
        accepted = None
    shown = [*public, *([accepted] if accepted is not None else [])]
    modified = max(
        as_utc(value)
        for value in (
            complaint.created_at,
            complaint.last_activity_at,
            complaint.edited_at,
            complaint.solved_at,
            complaint.status_changed_at,
            *(a.created_at for a in shown),
            *(a.edited_at for a in shown),
        )
        if value is not None
    )
    suggested = [
        answer_data(a, f"{page_url}#answer-{a.id}")
        for a in public
        if accepted is None or a.id != accepted.id
    ]
    if accepted is None and not suggested:
        return _posting(complaint, thread_url, modified, images)
    question = _compact(
        {
            "@type": "Question",
            "name": complaint.title,
            "text": _text(complaint),
            "answerCount": complaint.answer_count,
            "upvoteCount": complaint.vote_count,
            "datePublished": _date(complaint.created_at),
            "dateModified": _date(modified),
            "author": author(complaint.author),
            "url": thread_url,
            "inLanguage": complaint.language,
            "image": list(images) or None,
        }
    )
    if accepted is not None:
        question["acceptedAnswer"] = answer_data(accepted, site_url(accepted_url))
    if suggested:
        question["suggestedAnswer"] = suggested
    return {
        "@context": "https://schema.org",
        "@type": "QAPage",
        "mainEntity": question,
        "publisher": publisher(),
    }


def _posting(complaint, url, modified, images=()):
    return _compact(
        {
            "@context": "https://schema.org",
            "@type": "DiscussionForumPosting",
            "headline": complaint.title,
            "publisher": publisher(),
            "text": _text(complaint),
            "url": url,
            "mainEntityOfPage": url,
            "author": author(complaint.author),
            "datePublished": _date(complaint.created_at),
            "dateModified": _date(modified),
            "inLanguage": complaint.language,
            "image": list(images) or None,
            "interactionStatistic": {
                "@type": "InteractionCounter",
                "interactionType": "https://schema.org/LikeAction",
                "userInteractionCount": complaint.vote_count,
            },
        }
    )


def missing_properties(data):
    """Google's required properties absent from a thread's JSON-LD (empty when valid)."""
    missing = []

    def need(obj, names, where):
        for name in names:
            if obj.get(name) in (None, "", []):
                missing.append(f"{where}.{name}")

    def need_author(obj, where):
        person = obj.get("author") or {}
        need(obj, ("author",), where)
        need(person, ("name",), where + ".author")

    if data.get("@type") == "QAPage":
        question = data.get("mainEntity") or {}
        if question.get("@type") != "Question":
            missing.append("QAPage.mainEntity")
            return missing
        need(question, QUESTION_REQUIRED, "Question")
        if not question.get("acceptedAnswer") and not question.get("suggestedAnswer"):
            missing.append("Question.acceptedAnswer|suggestedAnswer")
        answers = list(question.get("suggestedAnswer") or [])
        if question.get("acceptedAnswer"):
            answers.append(question["acceptedAnswer"])
        for answer in answers:
            if answer.get("@type") != "Answer":
                missing.append("Answer.@type")
            need(answer, ANSWER_REQUIRED, "Answer")
            need_author(answer, "Answer")
    elif data.get("@type") == "DiscussionForumPosting":
        need(data, POSTING_REQUIRED, "DiscussionForumPosting")
        need_author(data, "DiscussionForumPosting")
    else:
        missing.append("@type")
    return missing
