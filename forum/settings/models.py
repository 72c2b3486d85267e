"""The site settings' tables: one row per setting an admin changed, and the logo's bytes."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from forum.db import UTCDateTime, utcnow
from forum.extensions import db


class SiteSetting(db.Model):
    """A setting's value, as JSON of its type (forum/settings/definitions.py). A setting
    without a row has its default."""

    __tablename__ = "site_setting"

    key: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    value: Mapped[object] = mapped_column(sa.JSON, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class SiteFile(db.Model):
    """A file the site serves under its own URL (the logo), re-encoded on upload.

    ``digest`` (SHA-256 of ``data``) is part of the URL, so the file can be cached for a
    year: a new upload has a new URL.
    """

    __tablename__ = "site_file"

    name: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    digest: Mapped[str] = mapped_column(sa.String(64))
    content_type: Mapped[str] = mapped_column(sa.String(40))
    data: Mapped[bytes] = mapped_column(sa.LargeBinary)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
