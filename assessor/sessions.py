"""Database sessions that take a session cookie Django could not have issued as no session."""

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import VALID_KEY_CHARS


class SessionStore(db.SessionStore):
    """Django's own keys use only VALID_KEY_CHARS; looking up anything else (a NUL, which
    PostgreSQL refuses) would be an error on every page that reads the session."""

    def _validate_session_key(self, key: str | None) -> bool:
        return bool(super()._validate_session_key(key)) and set(key) <= set(VALID_KEY_CHARS)
