"""The Verbund's marks on calls (status and note) and "new since the last visit" per profile."""

from __future__ import annotations

from datetime import UTC, datetime

from corpus.labels import CallStatus
from corpus.model import FundingCall
from corpus.store import Store


def set_status(store: Store, call_id: str, status: CallStatus, note: str, profile_key: str = "") -> None:
    """Mark a call for the profile shown (its marks teach that profile's ranking only)."""
    store.set_status(call_id, status, note, profile=profile_key)


def statuses(store: Store, profile_key: str | None = None) -> dict[str, tuple[CallStatus, str]]:
    """The marks as the profile sees them: its own and those from before marks were per profile."""
    return store.statuses(profile_key)


def last_visit(store: Store, profile_key: str) -> datetime | None:
    raw = store.get_meta(f"last_visit:{profile_key}")
    return datetime.fromisoformat(raw) if raw else None


def record_visit(store: Store, profile_key: str, now: datetime | None = None) -> None:
    now = now or datetime.now(UTC).replace(microsecond=0)
    store.set_meta(f"last_visit:{profile_key}", now.isoformat())


def is_new_since(call: FundingCall, since: datetime | None) -> bool:
    """New to the user: first seen after their previous visit (a first visit marks nothing)."""
    if since is None or call.first_seen is None:
        return False
    return call.first_seen >= since  # both are whole seconds


def new_per_source(calls: list[FundingCall], since: datetime | None) -> dict[str, int]:
    """How many calls each source added since the user's previous visit."""
    counts: dict[str, int] = {}
    for call in calls:
        if is_new_since(call, since):
            counts[call.source] = counts.get(call.source, 0) + 1
    return counts
