"""Pages that assemble several features: the thread, the new-complaint form, the staff queue.

The top layer: it may use every feature, and nothing but ``create_app`` imports it.
"""
