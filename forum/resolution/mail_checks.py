"""The outbox asks resolution before sending a review prompt's e-mail.

The e-mail goes out a day after the resolution (``review_prompt_delay_hours``); by then the
author may have answered the prompt in the app, or the complaint may have been hidden,
deleted or merged. Mail is core and knows no feature, so resolution registers this check
for the kind of message it queues (``mail.register_check``).
"""

from forum import mail, permissions
from forum.accounts.models import User
from forum.complaints.models import Complaint
from forum.extensions import db
from forum.resolution.models import ReviewPrompt

#: The kind of message ``resolution.services`` queues for a review prompt.
REVIEW_KIND = "review"


def review_prompt_still_wanted(message):
    """A review prompt's e-mail goes out only while the prompt waits for an answer and its
    author may still see the complaint (the mail names it)."""
    if message.review_prompt_id is None:
        return True
    prompt = db.session.get(ReviewPrompt, message.review_prompt_id)
    if prompt is None or prompt.state != "pending":
        return False
    complaint = db.session.get(Complaint, prompt.complaint_id)
    author = db.session.get(User, prompt.author_id)
    return complaint is not None and permissions.can_see(author, complaint)


def init_app(app):
    """Ask this check before sending a review prompt's e-mail (each app built asks again)."""
    mail.register_check(REVIEW_KIND, review_prompt_still_wanted)
