"""The domain model: a funding call with its facts, provenance and classifier labels."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from corpus.clean import clean_field
from corpus.labels import REGIONS, Addressee, ApplicantType, CoSteeringBand, FundingForm, Level, SteeringLevel

_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$")


class Amount(BaseModel):
    """What a call pays, as written and as parsed (euro bounds per project and percentages).

    The stored numbers are a summary; per project, per year, programme total and own share in
    euro are read from the text at read time (``FundingCall.amount_terms``, ``corpus.amounts``).
    """

    text: str | None = None
    min_eur: float | None = None
    max_eur: float | None = None
    rate_pct: float | None = None
    own_share_pct: float | None = None

    @field_validator("text", mode="before")
    @classmethod
    def _clean(cls, value):
        return clean_field("amount_text", value) if isinstance(value, str) else value


class Deadlines(BaseModel):
    """Deadlines as written, plus the dates read from the text.

    The parsed lists are a stored summary; status and next deadline come from the text itself
    through ``corpus.deadlines.state_of`` (so older stored parses never decide anything).
    """

    text: str | None = None
    dates: list[date] = Field(default_factory=list)
    recurring: list[str] = Field(default_factory=list)  # "MM-DD", once a year
    rolling: bool = False  # "laufend": applications at any time

    @field_validator("text", mode="before")
    @classmethod
    def _clean(cls, value):
        return clean_field("deadline_text", value) if isinstance(value, str) else value


class Evidence(BaseModel):
    """A sentence of the call that supports a label, with the cue that found it."""

    label: str
    text: str
    cue: str = ""


class Classification(BaseModel):
    """The Förderkulisse labels of one call (see DESIGN.md, "Labels of a call")."""

    addressee: Addressee
    co_steering: bool
    steering_level: SteeringLevel
    funding_form: FundingForm
    placement_type: int = Field(ge=1, le=3)
    # calibrated probability that the call pays for co-steering, and its band (ja/moeglich/nein);
    # eligibility, ranking and every display read these stored values, never the classifier
    co_steering_probability: float | None = Field(default=None, ge=0.0, le=1.0)
    co_steering_band: CoSteeringBand = CoSteeringBand.nein
    confidence: dict[str, float] = Field(default_factory=dict)
    evidence: list[Evidence] = Field(default_factory=list)
    classifier_version: str = ""

    @model_validator(mode="after")
    def _band_agrees(self) -> Classification:
        # the band never contradicts the flag: "ja" exactly when co_steering is true
        if self.co_steering:
            self.co_steering_band = CoSteeringBand.ja
        elif self.co_steering_band is CoSteeringBand.ja:
            self.co_steering_band = CoSteeringBand.moeglich
        return self


class FundingCall(BaseModel):
    """One funding call or programme. ``content_hash`` covers what the funder says, not when we saw it."""

    model_config = ConfigDict(extra="ignore", use_enum_values=False)

    id: str
    title: str
    funder: str = ""
    level: Level
    region: str = "DE"
    url: str = ""
    summary_de: str
    full_text: str = ""
    applicants: list[ApplicantType] = Field(default_factory=list)
    funding_form: FundingForm | None = None
    amount: Amount = Field(default_factory=Amount)
    deadlines: Deadlines = Field(default_factory=Deadlines)
    source: str = ""
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    gone_since: datetime | None = None
    extras: dict[str, Any] = Field(default_factory=dict)
    labels: Classification | None = None

    @field_validator("title", "funder", "url", "summary_de", "full_text", "source", mode="before")
    @classmethod
    def _clean_text(cls, value, info):
        # every way in (import, crawl, reading the store) passes here: no terminal escapes, no
        # lone surrogates, bounded sizes (corpus.clean)
        return clean_field(info.field_name, value) if isinstance(value, str) else value

    @field_validator("id")
    @classmethod
    def _check_id(cls, value: str) -> str:
        value = value.strip()
        if not _ID_RE.match(value):
            raise ValueError("ID darf nur Buchstaben, Ziffern und . _ : - enthalten (höchstens 200 Zeichen)")
        return value

    @field_validator("title", "summary_de")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        value = value.strip()
        if not value:
            raise ValueError("darf nicht leer sein")
        return value

    @field_validator("region")
    @classmethod
    def _check_region(cls, value: str) -> str:
        value = value.strip().upper()
        if value not in REGIONS:
            raise ValueError(f"unbekannte Region {value!r} (erlaubt: DE, EU oder DE-XX wie DE-NW)")
        return value

    @property
    def amount_terms(self):
        """The amount text read term by term (``corpus.amounts.AmountTerms``), cached per text."""
        from corpus.amounts import amount_terms

        return amount_terms(self.amount.text)

    @property
    def text(self) -> str:
        """All the call's own words, for search and classification."""
        return "\n".join(p for p in (self.title, self.summary_de, self.full_text) if p)

    def content_fields(self) -> dict[str, Any]:
        """The fields a funder controls; a change in any of them makes a new version."""
        return {
            "title": self.title,
            "funder": self.funder,
            "level": self.level.value,
            "region": self.region,
            "url": self.url,
            "summary_de": self.summary_de,
            "full_text": self.full_text,
            "applicants": sorted(a.value for a in self.applicants),
            "funding_form": self.funding_form.value if self.funding_form else None,
            "amount_text": self.amount.text,
            "deadline_text": self.deadlines.text,
        }

    @property
    def content_hash(self) -> str:
        payload = json.dumps(self.content_fields(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]

    def to_import_record(self) -> dict[str, Any]:
        """The call in the JSON-lines import/export format of DESIGN.md."""
        record: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "funder": self.funder,
            "level": self.level.value,
            "region": self.region,
            "url": self.url,
            "summary_de": self.summary_de,
        }
        if self.full_text:
            record["full_text"] = self.full_text
        if self.amount.text:
            record["amount_text"] = self.amount.text
        if self.deadlines.text:
            record["deadline_text"] = self.deadlines.text
        if self.applicants:
            record["applicants"] = [a.value for a in self.applicants]
        if self.funding_form:
            record["funding_form"] = self.funding_form.value
        if self.source:
            record["source"] = self.source
        return record


def call_from_record(record: dict[str, Any]) -> FundingCall:
    """Build a call from an import record (flat ``amount_text``/``deadline_text``), parsing both."""
    from corpus import amounts, deadlines

    data = dict(record)
    amount_text = data.pop("amount_text", None)
    deadline_text = data.pop("deadline_text", None)
    amount_text = str(amount_text).strip() if amount_text not in (None, "") else None
    deadline_text = str(deadline_text).strip() if deadline_text not in (None, "") else None
    if "amount" not in data:
        data["amount"] = Amount(text=amount_text, **amounts.stored_fields(amount_text))
    if "deadlines" not in data:
        data["deadlines"] = Deadlines(text=deadline_text, **deadlines.stored_fields(deadline_text))
    data.pop("labels", None)  # labels are ours to compute, never taken from input
    return FundingCall.model_validate(data)
