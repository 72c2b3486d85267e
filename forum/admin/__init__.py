"""The operator's pages under ``/admin``: categories, site settings and staff.

Admins only. The pages assemble several features (the categories of ``complaints``, the
site settings, the staff accounts, the audit log), so the package sits in the top layer
beside ``pages`` (docs/admin.md).
"""
