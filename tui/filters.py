"""Filtering, searching and sorting the ranked list: pure functions, no textual (tested alone)."""

from __future__ import annotations

from dataclasses import dataclass

from corpus.labels import CallStatus, FundingForm, Level
from matcher.results import RankedCall

# deadline windows offered in the list (key -> German label)
DEADLINE_WINDOWS = {
    "alle": "alle Fristen",
    "offen": "Frist nicht abgelaufen",
    "14": "≤ 14 Tage",
    "30": "≤ 30 Tage",
    "90": "≤ 90 Tage",
    "laufend": "laufend (ohne Frist)",
}

SORTS = {"rang": "nach Wert", "frist": "nach Frist"}


@dataclass
class ListFilter:
    """What the user narrowed the list to; ``None`` means "alle"."""

    level: Level | None = None
    region: str | None = None  # "DE-NW", "DE", "EU", or "offen:DE-NW" (open to that Land)
    funding_form: FundingForm | None = None
    co_steering_only: bool = False
    deadline: str = "alle"
    status: CallStatus | None = None
    include_ineligible: bool = False
    search: str = ""
    sort: str = "rang"


def funding_form_of(item: RankedCall) -> FundingForm | None:
    """The classifier's funding form where known, else the one the source stated."""
    call = item.call
    return call.labels.funding_form if call.labels else call.funding_form


def _region_ok(region: str, wanted: str) -> bool:
    if wanted.startswith("offen:"):
        return region in ("DE", "EU", wanted.removeprefix("offen:"))
    return region == wanted


def _deadline_ok(item: RankedCall, window: str) -> bool:
    if window == "alle":
        return True
    if window == "laufend":
        return item.rolling
    if window == "offen":
        return not deadline_passed(item)
    return item.days_left is not None and item.days_left <= int(window)


def deadline_passed(item: RankedCall) -> bool:
    """The status the ranking computed for today (``corpus.deadlines``) says abgelaufen."""
    return item.deadline_status == "abgelaufen"


def matches_search(item: RankedCall, query: str) -> bool:
    """Every word of the query occurs (case-insensitively) in title, funder, id or text."""
    words = query.casefold().split()
    if not words:
        return True
    call = item.call
    hay = " ".join((call.id, call.title, call.funder, call.summary_de, call.full_text)).casefold()
    return all(w in hay for w in words)


def apply(items: list[RankedCall], flt: ListFilter, statuses: dict[str, tuple[CallStatus, str]]) -> list[RankedCall]:
    """The visible rows, in the chosen order."""
    out = []
    for item in items:
        call = item.call
        if not flt.include_ineligible and not item.eligible:
            continue
        if flt.level and call.level != flt.level:
            continue
        if flt.region and not _region_ok(call.region, flt.region):
            continue
        if flt.funding_form and funding_form_of(item) != flt.funding_form:
            continue
        if flt.co_steering_only and item.co_steering_text == "nein":  # "möglich" stays visible
            continue
        if not _deadline_ok(item, flt.deadline):
            continue
        if flt.status is not None:
            status = statuses.get(call.id, (CallStatus.neu, ""))[0]
            if status != flt.status:
                continue
        if not matches_search(item, flt.search):
            continue
        out.append(item)
    if flt.sort == "frist":
        far = 10**6
        out.sort(key=lambda r: (r.days_left if r.days_left is not None else far, r.rank))
    else:
        out.sort(key=lambda r: r.rank)
    return out
