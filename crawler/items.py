"""The crawler's item: a plain dataclass, every field ``None`` until a loader fills it.

The validation pipeline turns it into ``corpus.model.FundingCall``; spiders never build the
corpus model themselves (STYLE 5).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class CallItem:
    id: str | None = None
    title: str | None = None
    funder: str | None = None
    level: str | None = None
    region: str | None = None
    url: str | None = None
    summary_de: str | None = None
    full_text: str | None = None
    applicants_text: str | None = None
    applicants: list[str] | None = None
    amount_text: str | None = None
    amount: dict | None = None
    deadline_text: str | None = None
    deadlines: dict | None = None
    funding_form: str | None = None
    # the same programme at another source: [(source, external key)], see CorpusWriterPipeline
    same_as: list | None = None
    extras: dict[str, Any] = field(default_factory=dict)
