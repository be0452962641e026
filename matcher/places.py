"""Which town a local programme is for: read from the funder, the title, the text and the web address.

A programme of a town, a district or a local foundation may only be used by a Verbund in that
place. Both eligibility paths (``matcher.eligibility`` readable, ``matcher.features`` vectorised)
ask this module, so they cannot drift apart.

``read_places(call)`` returns the places found, strongest source first (funder or title before
text and web address); ``local_cue(call)`` says whether a call is local although no place could
be read (then the ranking applies a soft penalty instead of a pass).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from corpus import vocabulary
from corpus.labels import Level
from corpus.model import FundingCall
from matcher.towns import AMBIGUOUS, TOWNS

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def short_name(name: str) -> str:
    """ "Halle (Saale)" → "Halle", "Frankfurt am Main" → "Frankfurt"."""
    short = re.sub(r"\s*\(.*?\)", "", name).strip()
    short = re.sub(r"\s+(?:an der|am|im|in der|a\. ?d\.|i\. ?d\.)\s+.*$", "", short)
    return short.strip()


def place_key(name: str) -> str:
    """One spelling for comparisons: lower case, umlauts as in web addresses, no spaces or hyphens."""
    return re.sub(r"[^a-z]", "", short_name(name).lower().translate(_FOLD))


@dataclass(frozen=True)
class Place:
    name: str
    source: str  # German, for the reason: "Träger", "Titel", "Text", "Webadresse"

    @property
    def key(self) -> str:
        return place_key(self.name)


_KNOWN = {place_key(t): short_name(t) for t in TOWNS}
_AMBIGUOUS_KEYS = {place_key(t) for t in AMBIGUOUS}
_TOWN_ALT = "|".join(sorted({re.escape(short_name(t)) for t in TOWNS}, key=len, reverse=True))
_ANY_TOWN = re.compile(rf"(?<![\w-])({_TOWN_ALT})(?![\w-])")
# a capitalised name, possibly hyphenated or with a bracketed suffix: "Halle (Saale)", "Castrop-Rauxel"
_NAME = r"([A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?(?:\s\((?:Saale|Oder|Westf\.?|Main)\))?)"
_MUNICIPAL = re.compile(r"(?<![\w-])(?:" + vocabulary.MUNICIPAL_TITLES + r")\s+" + _NAME)
_NOT_A_PLACE = vocabulary.NOT_A_PLACE
# a place word right before a town that is also an ordinary word
_PLACE_WORD = re.compile(vocabulary.PLACE_WORD_BEFORE)
_SUFFIXES = {"Saale", "Oder", "Westf", "Main"}  # part of a town's name, not a seat: "Halle (Saale)"
_SEAT = re.compile(r"\(\s*" + _NAME + r"\s*\)|,\s*" + _NAME + r"\s*$")
# the text restricting a programme to a place: "Menschen in X", "für Projekte in X", "Vereine aus X"
_PHRASE = re.compile(vocabulary.PLACE_PHRASE + _NAME)
_WIDE = re.compile(vocabulary.WIDE, re.IGNORECASE)
_LOCAL_CUE = re.compile(vocabulary.LOCAL, re.IGNORECASE)


def in_scope(call: FundingCall) -> bool:
    """Calls whose place matters: municipal programmes and foundations working in one Land or town."""
    return call.level == Level.kommune or (call.level == Level.stiftung and call.region not in ("DE", "EU"))


def _usable(name: str, confirmed: set[str]) -> bool:
    key = place_key(name)
    return name not in _NOT_A_PLACE and (key in _KNOWN or key in confirmed)


def _towns_in(text: str) -> list[str]:
    """Known towns named in a heading; ambiguous ones only after a place word."""
    found = []
    for m in _ANY_TOWN.finditer(text):
        name = m.group(1)
        if place_key(name) in _AMBIGUOUS_KEYS and not _PLACE_WORD.search(text[max(0, m.start() - 12) : m.start()]):
            continue
        found.append(name)
    return found


def host_place(url: str | None) -> str | None:
    """The town in a web address: dortmund.de, www2.duesseldorf.de, buergerstiftung-dresden.de."""
    try:
        host = (urlsplit(url or "").hostname or "").lower()
    except ValueError:
        return None
    labels = host.split(".")
    if len(labels) < 2 or labels[-1] != "de":
        return None
    for label in reversed(labels[:-1]):
        for part in [label, *label.split("-")]:
            key = re.sub(r"[^a-z]", "", part)
            if key in _KNOWN:
                return _KNOWN[key]
    return None


def read_places(call: FundingCall) -> list[Place]:
    """The places a local programme is for, strongest source first; [] when none can be read."""
    if not in_scope(call):
        return []
    funder, title, text = call.funder or "", call.title or "", call.summary_de or ""
    host = host_place(call.url)
    # a foundation of one Land that works Land-wide names towns only as examples or as its seat
    wide = call.level != Level.kommune and bool(_WIDE.search(f"{title} {text}"))
    seats = [s for m in _SEAT.finditer(funder) if (s := m.group(1) or m.group(2)) not in _SUFFIXES]
    # a seat in brackets or a host counts when a second source names it too
    confirmed = {place_key(s) for s in seats if re.search(rf"(?<!\w){re.escape(s)}(?!\w)", f"{title} {text}")}
    if host:
        confirmed.add(place_key(host))
    phrases = [m.group(1) for m in _PHRASE.finditer(text) if _usable(m.group(1), confirmed)]
    strong: list[Place] = []
    core = _SEAT.sub(lambda m: m.group(0) if (m.group(1) or m.group(2)) in _SUFFIXES else " ", funder)
    for source, heading in (("Träger", core), ("Titel", title)):
        for m in _MUNICIPAL.finditer(heading):
            if m.group(1) not in _NOT_A_PLACE:
                strong.append(Place(m.group(1), source))
        if not wide:
            strong += [Place(t, source) for t in _towns_in(heading)]
    # the seat restricts only a local programme: the text says so, or names the seat as where it works
    if not wide:
        local = local_cue(call) or bool(phrases)
        strong += [Place(s, "Träger") for s in seats if _usable(s, confirmed) and local]
    if strong:
        return _dedupe(strong)
    if wide:
        return []
    weak = [Place(m.group(1), "Text") for m in _MUNICIPAL.finditer(text) if m.group(1) not in _NOT_A_PLACE]
    weak += [Place(p, "Text") for p in phrases]
    if host:
        weak.append(Place(host, "Webadresse"))
    return _dedupe(weak)


def _dedupe(places: list[Place]) -> list[Place]:
    seen: dict[str, Place] = {}
    for p in places:
        seen.setdefault(p.key, p)
    return list(seen.values())


def local_cue(call: FundingCall) -> bool:
    """A call made for one place although the place itself could not be read."""
    return in_scope(call) and (
        call.level == Level.kommune or bool(_LOCAL_CUE.search(f"{call.funder} {call.title} {call.summary_de}"))
    )


def is_for(places: list[Place], names: list[str]) -> bool:
    """Does one of the places name the Verbund's town (any of its spellings)?"""
    keys = {place_key(n) for n in names}
    return any(p.key in keys for p in places)


def describe(place: Place) -> str:
    """For a German reason: "Mönchengladbach (laut Träger)"."""
    name = short_name(place.name) if "(" in place.name else place.name  # no "Halle (Saale) (laut …)"
    return f"{name} (laut {place.source})"
