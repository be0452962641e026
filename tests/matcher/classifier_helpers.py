"""Hand-made calls for the classifier tests."""

from __future__ import annotations

from corpus.model import FundingCall, call_from_record
from matcher.classifier import classify


def make(text: str, *, title: str = "Förderaufruf", applicants: list[str] | None = None, **extra) -> FundingCall:
    record = {"id": "test-aufruf", "title": title, "level": "land", "region": "DE-NW", "summary_de": text}
    if applicants is not None:
        record["applicants"] = applicants
    record.update(extra)
    return call_from_record(record)


def rules(call: FundingCall):
    """The clause reader alone (no learned weights): what the rules read in a text."""
    return classify(call, use_embeddings=False, use_learned=False)


def learned(call: FundingCall):
    """As stored labels are computed: the learned layer over the clause reader."""
    return classify(call, use_embeddings=False)
