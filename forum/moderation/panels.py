"""The staff panel on a thread page: its forms and data, for staff viewers only."""

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


def staff_tools(complaint):
    """Forms and notes for moderating one complaint (three queries, whatever it holds)."""
    move_form = MoveForm(formdata=None, category=complaint.category_id)
    move_form.category.choices = [
        SelectChoice(c.id, c.name) for c in complaint_queries.categories()
    ]
    assign_form = AssignForm(formdata=None, assignee=complaint.assignee_id or 0)
    assign_form.assignee.choices = [SelectChoice(0, "Nobody")] + [
        SelectChoice(u.id, u.username) for u in queries.staff_members()
    ]
    return {
        "mod_form": ModerationForm(formdata=None),
        "move_form": move_form,
        "merge_form": MergeForm(formdata=None),
        "assign_form": assign_form,
        "note_form": NoteForm(formdata=None),
        "notes": queries.notes(complaint),
    }


def flag_form():
    return FlagForm(formdata=None)
