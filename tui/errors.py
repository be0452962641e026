"""Errors that reach the user as one German sentence, never as a traceback."""

from __future__ import annotations


class KulisseError(Exception):
    """A problem the user can act on; the message is German and complete."""

    exit_code = 2
