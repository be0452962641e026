"""The Förderkulisse in numbers: how calls split by addressee, level, funding form and Land.

Pure counting over labelled calls, shared by the HTML report and the TUI's landscape screen, and
what changed since the last crawl (the digest's data; ``rendering.digest`` writes it for people).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from corpus.labels import LAENDER, Addressee, CoSteeringBand, FundingForm, Level, SteeringLevel
from corpus.model import FundingCall
from matcher.results import RankedCall

if TYPE_CHECKING:
    from corpus.store import Store

ADDRESSEES = [
    Addressee.kommune,
    Addressee.mo,
    Addressee.beide_praxis,
    Addressee.ko_steuerung,
    Addressee.andere,
    Addressee.unbekannt,
]
LEVELS = [Level.bund, Level.land, Level.eu, Level.stiftung, Level.kommune]
STEERING = [SteeringLevel.praxis, SteeringLevel.koordination, SteeringLevel.strategie]
FORMS = list(FundingForm)

# Money for "structures": coordination or strategy as the funded core, or lasting/institutional forms.
_STRUCTURAL_FORMS = {FundingForm.teil_institutionell, FundingForm.institutionell, FundingForm.struktur}


def money_category(call: FundingCall) -> str:
    """'projekt' for project work, 'steuerung' for coordination, steering and structures."""
    labels = call.labels
    if labels is None:
        return "unbekannt"
    if labels.steering_level != SteeringLevel.praxis or labels.funding_form in _STRUCTURAL_FORMS:
        return "steuerung"
    return "projekt"


@dataclass
class Split:
    """Counts of one labelled dimension over a set of calls."""

    total: int = 0
    by_addressee: Counter = field(default_factory=Counter)
    by_steering: Counter = field(default_factory=Counter)
    by_form: Counter = field(default_factory=Counter)
    money: Counter = field(default_factory=Counter)  # euro of stated maxima, per money_category
    money_known: int = 0
    co_steering: int = 0

    def add(self, call: FundingCall) -> None:
        self.total += 1
        labels = call.labels
        if labels is None:
            self.by_addressee["ohne Einordnung"] += 1
            return
        self.by_addressee[labels.addressee.value] += 1
        self.by_steering[labels.steering_level.value] += 1
        self.by_form[labels.funding_form.value] += 1
        self.co_steering += int(labels.co_steering)
        cap = call.amount_terms.max_eur  # per project, read from the text (not a programme's budget)
        if cap:
            self.money[money_category(call)] += cap
            self.money_known += 1


@dataclass
class Landscape:
    overall: Split
    by_level: dict[str, Split]
    by_land: dict[str, Split]  # only calls restricted to that Land
    co_steering_calls: list[FundingCall]
    unlabelled: int
    # the classifier's middle band: possibly co-steering, shown with its deciding sentences
    possible_co_steering_calls: list[FundingCall] = field(default_factory=list)


def landscape(calls: list[FundingCall], *, land: str | None = None) -> Landscape:
    """Count the calls; with ``land`` only the calls open to that Land (its own and nationwide)."""
    if land:
        calls = [c for c in calls if c.region in ("DE", "EU", land)]
    overall = Split()
    by_level = {lv.value: Split() for lv in LEVELS}
    by_land: dict[str, Split] = {}
    for call in calls:
        overall.add(call)
        by_level[call.level.value].add(call)
        if call.region in LAENDER:
            by_land.setdefault(call.region, Split()).add(call)
    co = sorted((c for c in calls if c.labels and c.labels.co_steering), key=lambda c: (c.level.value, c.title))
    possible = sorted(
        (c for c in calls if c.labels and c.labels.co_steering_band is CoSteeringBand.moeglich),
        key=lambda c: (c.level.value, c.title),
    )
    return Landscape(
        overall=overall,
        by_level={k: v for k, v in by_level.items() if v.total},
        by_land=dict(sorted(by_land.items())),
        co_steering_calls=co,
        unlabelled=sum(c.labels is None for c in calls),
        possible_co_steering_calls=possible,
    )


@dataclass
class Change:
    """What changed between two points in time (the last two crawls)."""

    since: datetime | None
    new: list[FundingCall]
    vanished: list[FundingCall]

    def by_addressee(self, which: str) -> Counter:
        calls = self.new if which == "new" else self.vanished
        return Counter(c.labels.addressee.value if c.labels else "ohne Einordnung" for c in calls)


def change_since(all_calls: list[FundingCall], since: datetime | None) -> Change:
    """Calls first seen after ``since`` and calls that vanished after it (``all_calls`` includes gone ones)."""
    if since is None:
        return Change(None, [], [])
    new = [c for c in all_calls if c.first_seen and c.first_seen >= since and c.gone_since is None]
    vanished = [c for c in all_calls if c.gone_since and c.gone_since >= since]
    return Change(since, new, vanished)


def latest_crawl_start(runs: list[dict], *, gap_minutes: int = 30) -> datetime | None:
    """Start of the latest crawl session, if anything was stored before it.

    One ``kulisse crawl`` records one run per source, one after another; runs less than
    ``gap_minutes`` apart count as one session, so "new" means new in the latest crawl.
    """
    crawls = sorted((r for r in runs if r.get("kind") == "crawl"), key=lambda r: r["started"])
    if not crawls:
        return None
    start = datetime.fromisoformat(crawls[-1]["started"])
    for run in reversed(crawls[:-1]):
        end = datetime.fromisoformat(run.get("finished") or run["started"])
        if (start - end).total_seconds() > gap_minutes * 60:
            break
        start = datetime.fromisoformat(run["started"])
    earlier = [r for r in runs if datetime.fromisoformat(r["started"]) < start]
    return start if earlier else None


@dataclass
class DeadlineChange:
    call: FundingCall
    before: str
    after: str


@dataclass
class Digest:
    verbund: str
    today: date
    since: datetime | None
    new: list[RankedCall]  # eligible new calls, best first
    deadline_changes: list[DeadlineChange]
    vanished: list[FundingCall]


def deadline_changes(store: Store, since: datetime) -> list[DeadlineChange]:
    """Calls whose deadline text changed in a version stored at or after ``since``."""
    rows = store.conn.execute(
        "SELECT DISTINCT call_id FROM call_versions WHERE created >= ? AND version > 1", (since.isoformat(),)
    ).fetchall()
    changes = []
    for (call_id,) in rows:
        versions = store.versions(call_id)
        for older, newer in zip(versions, versions[1:]):
            if newer["created"] >= since.isoformat() and "deadline_text" in newer["changed_fields"]:
                call = store.get(call_id)
                if call and call.gone_since is None:
                    changes.append(
                        DeadlineChange(
                            call,
                            older["call"].deadlines.text or "keine Angabe",
                            newer["call"].deadlines.text or "keine Angabe",
                        )
                    )
    return sorted(changes, key=lambda c: c.call.title)
