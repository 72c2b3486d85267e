"""The domain events: what the services announce, and who may listen.

A service sends its event inside its unit of work (``forum.uow.write_transaction``), with the
session as a keyword argument, once its own rows are written::

    signals.answer_published.send(answer, session=session, complaint=complaint, author=author)

Receivers live in the feature that cares (``<feature>/receivers.py``, connected from the
feature's ``init_app``). A receiver may write its own rows through the session it is given
(a follow, a notification, an outbox row, a review revision): they commit or roll back with
the change that caused them. Work that must only happen once the change is committed (mail,
applying the search outbox, dropping cached pages) is registered with
``forum.uow.after_commit`` and never runs after a rollback. Receivers must not depend on the
order they are called in: blinker promises none.

A feature never imports another feature to hear of its writes; it connects here. The list
(sender first, then the keyword arguments every sender passes) is kept in
docs/architecture.md, "Events".
"""

from blinker import Namespace

_events = Namespace()

# -- complaints (forum.complaints.services) -------------------------------------------------

#: A complaint was posted (visible or held for review). ``author``.
complaint_created = _events.signal("complaint-created")
#: Its author edited a complaint. ``editor``, ``rating_changed`` (rating or review changed;
#: always False when ``rating_locked`` kept them out of the edit).
complaint_edited = _events.signal("complaint-edited")
#: A question, not a notice: may the author still change the rating and review they posted
#: with? A receiver that returns True locks them (the rating history took over): the edit
#: keeps its other changes and leaves the rating and review as they were.
rating_locked = _events.signal("rating-locked")
#: An answer became public for the first time: posted visible, or approved (or restored) from
#: the moderation queue where it was held. ``complaint``, ``author``. (An answer brought back
#: after it was hidden or removed is a ``post_changed``: its author was told once already.)
answer_published = _events.signal("answer-published")
#: An answer's text changed. ``editor``.
answer_edited = _events.signal("answer-edited")
#: A vote on a complaint ("affects me too") or an answer was cast, changed or taken back
#: (sent only when a vote row really changed). The sender is the complaint or the answer.
#: ``complaint`` (the thread it belongs to), ``value`` (the new vote; 0 when taken back).
vote_changed = _events.signal("vote-changed")

# -- resolution (forum.resolution.services) -------------------------------------------------

#: A complaint's status moved, or its promised date or resolution changed (staff promised a
#: date, the author confirmed or disputed the resolution). ``actor``, ``old``, ``new`` (the
#: statuses before and after; equal when only the date or the confirmation changed).
status_changed = _events.signal("status-changed")
#: An answer was marked or unmarked official or accepted. ``complaint``, ``kind``
#: ("official" or "accepted"), ``on`` (True when marked).
answer_marked = _events.signal("answer-marked")
#: After resolution, the author revised their review or a member affected too said whether
#: the fix worked for them. ``user``, ``kind`` ("review" or "fix").
resolution_feedback = _events.signal("resolution-feedback")

# -- moderation (forum.moderation.services) -------------------------------------------------

#: A post was hidden (by staff or by members' reports), removed, approved, restored or
#: merged away; or staff edited or redacted it, or locked or pinned a thread (or undid it).
#: The sender is the complaint or the answer. ``complaint`` (its thread), ``actor`` (None
#: when members' reports hid it).
post_changed = _events.signal("post-changed")
#: A complaint moved to another category. ``old_category_id``, ``actor``.
complaint_moved = _events.signal("complaint-moved")
#: A complaint was merged into another. ``target``, ``actor``.
complaints_merged = _events.signal("complaints-merged")

# -- members (forum.accounts, forum.moderation, forum.privacy) ------------------------------

#: What others see of a member changed: role, suspension or ban, deletion. The sender is the
#: user (accounts.services, also for moderation's suspensions and role changes).
member_changed = _events.signal("member-changed")

# -- the site (categories, settings) --------------------------------------------------------

#: An admin (or ``flask categories``; ``actor`` None) created, edited, archived, unarchived,
#: merged or deleted a category (forum.complaints.categories). The sender is the category
#: (for a merge, the target; for a delete, the removed row). ``actor``, ``action``
#: ("create" "edit" "archive" "unarchive" "merge" "delete"), ``before`` and ``after`` (the
#: audited values; None where there is no row), ``slugs`` (every slug whose pages changed:
#: old and new on a rename, both on a merge), ``moved`` (ids of the complaints a merge
#: moved; empty otherwise).
category_changed = _events.signal("category-changed")

#: Something every page shows changed: the categories or the site's settings, or stored posts
#: were rendered again (``flask markup rerender``) or written in bulk (``flask demo
#: generate``). Sender: None. (``flask demo load`` sends it for the categories it adds;
#: the admin's category changes send ``category_changed``.)
site_changed = _events.signal("site-changed")
