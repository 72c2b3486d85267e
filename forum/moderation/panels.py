"""The staff panel on a thread page: its forms and data, for staff viewers only."""

from flask_babel import gettext as _
from wtforms import SelectChoice

from forum.complaints import queries as complaint_queries
from forum.moderation import queries
from forum.moderation.forms import (
    AssignForm,
    FlagForm,
    MergeForm,
    ModerationForm,
    MoveForm,
    NoteForm,
)


def staff_tools(complaint, posted=None, answers=()):
    """Forms, notes and open reports for moderating one complaint and the page's
    ``answers`` (four queries, whatever it holds).

    ``posted`` holds forms sent from the panel and refused (by the names below): they
    are shown instead of empty ones, with their messages and what was typed.
    """
    posted = posted or {}
    move_form = posted.get("move_form") or MoveForm(formdata=None, category=complaint.category_id)
    move_form.category.choices = [
        SelectChoice(c.id, c.name) for c in complaint_queries.categories()
    ]
    assign_form = posted.get("assign_form") or AssignForm(
        formdata=None, assignee=complaint.assignee_id or 0
    )
    assign_form.assignee.choices = [SelectChoice(0, _("Nobody"))] + [
        SelectChoice(u.id, u.username) for u in queries.staff_members()
    ]
    return {
        "mod_form": posted.get("mod_form") or ModerationForm(formdata=None),
        "move_form": move_form,
        "merge_form": posted.get("merge_form") or MergeForm(formdata=None),
        "assign_form": assign_form,
        "note_form": posted.get("note_form") or NoteForm(formdata=None),
        "notes": queries.notes(complaint),
        "reports": queries.open_reports(complaint, answers),
    }


def flag_form():
    return FlagForm(formdata=None)
