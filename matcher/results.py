"""The ranked result of one call for one profile (shared by CLI, TUI, report and exports)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from corpus.deadlines import LAUFEND, UNBEKANNT, state_of
from corpus.labels import CoSteeringBand
from corpus.model import FundingCall


@dataclass
class RankedCall:
    """One call in a profile's ranked list, with the reasons a coordinator reads."""

    call: FundingCall
    rank: int
    score: float
    eligible: bool
    reasons: list[str] = field(default_factory=list)  # German, e.g. "passt zu Handlungsfeld Seniorenarbeit"
    deadline: date | None = None  # next closing date on/after today (corpus.deadlines.state_of)
    days_left: int | None = None
    deadline_status: str = UNBEKANNT  # offen | laufend | abgelaufen | unbekannt
    opens: date | None = None  # the day the window of ``deadline`` opens, where known
    dense_score: float = 0.0
    lexical_score: float = 0.0

    @property
    def rolling(self) -> bool:
        return self.deadline_status == LAUFEND

    @property
    def co_steering(self) -> bool:
        return bool(self.call.labels and self.call.labels.co_steering)

    @property
    def co_steering_band(self) -> CoSteeringBand:
        """ja / moeglich / nein, as the classifier stored it ("möglich" is shown, not hidden)."""
        return self.call.labels.co_steering_band if self.call.labels else CoSteeringBand.nein

    @property
    def co_steering_text(self) -> str:
        """ "ja", "möglich" or "nein" — the words every list shows."""
        return {CoSteeringBand.ja: "ja", CoSteeringBand.moeglich: "möglich"}.get(self.co_steering_band, "nein")

    @property
    def co_steering_confidence(self) -> float:
        """The calibrated probability that the call pays for co-steering (0–1)."""
        labels = self.call.labels
        if labels is None:
            return 0.0
        if labels.co_steering_probability is not None:
            return labels.co_steering_probability
        # labels of the rules alone: their confidence in the flag, turned into a probability
        conf = labels.confidence.get("co_steering", 0.5)
        return conf if labels.co_steering else 1.0 - conf

    def to_json(self) -> dict:
        """The ``match --format json`` object of DESIGN.md."""
        return {
            "id": self.call.id,
            "rank": self.rank,
            "score": round(self.score, 4),
            "eligible": self.eligible,
            "reasons": list(self.reasons),
            "co_steering": self.co_steering,
            "co_steering_confidence": round(self.co_steering_confidence, 3),
            "co_steering_band": self.co_steering_band.value,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "deadline_status": self.deadline_status,
            "opens": self.opens.isoformat() if self.opens else None,
            "amount": amount_json(self.call),
            "url": self.call.url,
            "title": self.call.title,
        }


def amount_json(call: FundingCall) -> dict:
    """The call's amount terms (``corpus.amounts``): per project, per year, programme, rate, own share."""
    t = call.amount_terms
    return {
        "text": call.amount.text,
        "max_eur_per_project": t.max_eur,
        "cap_per": t.max_unit,
        "min_eur_per_project": t.min_eur,
        "per_year": t.per_year,
        "fixed_eur": t.fixed_eur,
        "programme_total_eur": t.programme_total_eur,
        "programme_per_year_eur": t.programme_per_year_eur,
        "rate_pct": t.rate_pct,
        "own_share_pct": t.own_share_pct,
        "own_share_min_eur": t.own_share_min_eur,
    }


def deadline_fields(call: FundingCall, today: date) -> dict:
    """The RankedCall fields of a call's deadline on ``today``: one reader decides for every view."""
    state = state_of(call, today)
    return {
        "deadline": state.deadline,
        "days_left": state.days_left(today),
        "deadline_status": state.status,
        "opens": state.opens,
    }
