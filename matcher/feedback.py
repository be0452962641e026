"""What the Verbund has marked, as relevance feedback for the ranking.

The working statuses set in the TUI (and ``kulisse match``, which reads the same database) are
the feedback: "interessant", "in Arbeit", "eingereicht" say *more like this*; "nicht für uns"
and "weniger davon" say *fewer like this*; "neu" and "abgelehnt" (the funder said no – the call
may still have fitted) say nothing. Marks belong to one profile (a database may serve several);
marks from before that (schema < 3) count for every profile. A call has one status per profile, so
when it was marked both ways the latest mark wins. Marks on calls that have since vanished are kept in the store but do not act:
there is nothing left to compare with.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from corpus.labels import CallStatus

POSITIVE = (CallStatus.interessant, CallStatus.in_arbeit, CallStatus.eingereicht)
NEGATIVE = (CallStatus.nicht_fuer_uns, CallStatus.weniger_davon)
MARKED_DE = {  # how a reason names the mark ("ähnlich wie ‚…‘, das als passend markiert ist")
    CallStatus.interessant: "als passend markiert",
    CallStatus.in_arbeit: "in Arbeit",
    CallStatus.eingereicht: "beantragt",
    CallStatus.nicht_fuer_uns: "als „passt nicht“ markiert",
    CallStatus.weniger_davon: "als „weniger davon“ markiert",
}


@dataclass
class Feedback:
    """Call id → status (only statuses that say something), and notes of marked calls."""

    marks: dict[str, CallStatus] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_statuses(cls, statuses: dict[str, tuple[CallStatus, str]]) -> Feedback:
        """From ``Store.statuses()`` (one status per call: the store already keeps the latest)."""
        return cls.from_events((cid, status, note, None) for cid, (status, note) in statuses.items())

    @classmethod
    def from_events(cls, events: Iterable[tuple[str, CallStatus | str, str, datetime | None]]) -> Feedback:
        """From marks in any order, each ``(call id, status, note, when)``: per call the latest
        wins (marks without a time count in the order given, after timed ones of the same call)."""
        latest: dict[str, tuple[int, CallStatus, str]] = {}
        for n, (cid, status, note, when) in enumerate(events):
            order = (when.timestamp() if when else float("inf"), n)
            if cid not in latest or order >= latest[cid][0]:
                latest[cid] = (order, CallStatus(status), note or "")
        fb = cls()
        for cid, (_, status, note) in latest.items():
            if status in POSITIVE or status in NEGATIVE:
                fb.marks[cid] = status
                if note.strip():
                    fb.notes[cid] = note.strip()
        return fb

    @property
    def positive(self) -> list[str]:
        return sorted(c for c, s in self.marks.items() if s in POSITIVE)

    @property
    def negative(self) -> list[str]:
        return sorted(c for c, s in self.marks.items() if s in NEGATIVE)

    def present(self, ids: Iterable[str]) -> Feedback:
        """Only the marks on calls still in the corpus."""
        keep = set(ids)
        return Feedback(
            {c: s for c, s in self.marks.items() if c in keep}, {c: t for c, t in self.notes.items() if c in keep}
        )

    def __bool__(self) -> bool:
        return bool(self.marks)


def load_feedback(store, profile: str | None = None) -> Feedback:
    """The feedback stored in a ``corpus.store.Store`` for the profile with key ``profile``: its own
    marks and those for every profile (without a key: only the latter)."""
    return Feedback.from_statuses(store.statuses(profile))


__all__ = ["Feedback", "load_feedback", "POSITIVE", "NEGATIVE", "MARKED_DE"]
