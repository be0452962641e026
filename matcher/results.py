"""The ranked result of one call for one profile (shared by CLI, TUI, report and exports)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from corpus.model import FundingCall


@dataclass
class RankedCall:
    """One call in a profile's ranked list, with the reasons a coordinator reads."""

    call: FundingCall
    rank: int
    score: float
    eligible: bool
    reasons: list[str] = field(default_factory=list)  # German, e.g. "passt zu Handlungsfeld Seniorenarbeit"
    deadline: date | None = None  # next deadline on/after today; None = unknown or "laufend"
    days_left: int | None = None
    rolling: bool = False
    dense_score: float = 0.0
    lexical_score: float = 0.0

    @property
    def co_steering(self) -> bool:
        return bool(self.call.labels and self.call.labels.co_steering)

    def to_json(self) -> dict:
        """The ``match --format json`` object of DESIGN.md."""
        return {
            "id": self.call.id,
            "rank": self.rank,
            "score": round(self.score, 4),
            "eligible": self.eligible,
            "reasons": list(self.reasons),
            "co_steering": self.co_steering,
            "deadline": self.deadline.isoformat() if self.deadline else ("laufend" if self.rolling else None),
            "url": self.call.url,
            "title": self.call.title,
        }
