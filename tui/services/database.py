"""The database the TUI works on: opening (and seeding) it, and the links between its calls.

The connection belongs to the UI thread; workers open their own ``corpus.store.Store(path)``.
"""

from __future__ import annotations

from pathlib import Path

from corpus.model import FundingCall
from corpus.store import Store


def open_store(db: Path | None) -> Store:
    """The database the user named, or the default one (seeded from the snapshot when new)."""
    from corpus.seed import open_store as _open
    from matcher.prebuilt import apply_labels

    return _open(db, on_seeded=apply_labels)  # a new database: the snapshot's labels ship prebuilt


def linked_calls(store: Store, call_id: str) -> list[tuple[FundingCall, str]]:
    """Other versions of the same programme (another source, the same title) with the reason."""
    return store.linked_calls(call_id)
