"""The member's own data: the export of everything the site holds about them, and the
deletion of their account.

The top layer: both reach into every feature that keeps something about a member
(complaints, votes, review revisions, follows, notifications, mail), so they sit above
them all and nothing but ``create_app`` imports this package.
"""
