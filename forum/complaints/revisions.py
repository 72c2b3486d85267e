"""Keeping earlier versions of posts, for staff to see."""

from forum.complaints.models import PostRevision


def keep_revision(session, target_type, post, editor):
    """Keep the version of a post that is about to change (in the caller's transaction)."""
    revision = PostRevision(
        target_type=target_type,
        target_id=post.id,
        editor_id=editor.id if editor else None,
        title=getattr(post, "title", None),
        body_source=post.body_source,
    )
    session.add(revision)
    return revision
