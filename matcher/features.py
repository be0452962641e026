"""The eligibility rules and the "needs" weighting as numpy arrays, for ranking large corpora fast.

``matcher.eligibility.check`` is the readable, per-call source of truth and writes the reasons.
Running its regexes over 10,000 calls for every query costs seconds, so the profile-independent
parts (cue words in the text, applicant lists, last possible deadline, labels) are read once per
corpus into a ``FeatureTable``; ``vector_scores`` then applies the same rules to all calls at
once. ``tests/matcher/test_ranking.py`` checks that both paths agree.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import numpy as np

from corpus.deadlines import expires, reading_of
from corpus.labels import Addressee, ApplicantType, FundingForm, Level, SteeringLevel
from corpus.model import FundingCall
from matcher import eligibility as el
from matcher import places
from matcher.profile import Profile

_BITS = {a: 1 << n for n, a in enumerate(ApplicantType)}
_STRUCTURAL_FORMS = (FundingForm.teil_institutionell, FundingForm.institutionell, FundingForm.struktur)
_NEVER = -math.inf
_ALWAYS = math.inf


def applicant_bits(types) -> int:
    return sum(_BITS[a] for a in set(types))


@dataclass
class FeatureTable:
    """One row per call (same order as the calls list)."""

    ids: list[str]
    regions: np.ndarray  # str
    is_kommune_level: np.ndarray
    is_stiftung: np.ndarray
    headings: np.ndarray  # str, lower-cased title + funder
    summaries: np.ndarray  # str, lower-cased, only kept for municipal calls (others "")
    place_keys: np.ndarray  # str, "|dortmund|…|" – the places a local programme is for (matcher.places); "" if none
    local_cue: np.ndarray  # a local programme, whether or not its place could be read
    applicants: np.ndarray  # bit mask
    has_labels: np.ndarray
    label_kommune: np.ndarray
    label_andere: np.ndarray
    label_mo_ko: np.ndarray
    co_steering: np.ndarray
    structural: np.ndarray
    text_kommune_only: np.ndarray
    passed_on: np.ndarray  # municipal programme whose money goes on to associations
    nationwide_only: np.ndarray  # a Bund/EU programme for nationwide organisations only
    last_deadline: np.ndarray  # ordinal of the last day the call is not "abgelaufen"; ±inf
    closed: np.ndarray
    unclear: np.ndarray
    non_profit: np.ndarray
    caps: list[list[tuple[int, bool]]]  # (population cap, Stadtteil exception) per sentence
    rural: np.ndarray
    start_aid: np.ndarray
    east_only: np.ndarray
    migration: np.ndarray


def _last_deadline(call: FundingCall) -> float:
    """The day after which ``corpus.deadlines.state_of`` says abgelaufen (the same reader as ``check``)."""
    last = expires(reading_of(call))
    if last is None:
        return _ALWAYS
    return _NEVER if last == date.min else float(last.toordinal())


def _place_keys(call: FundingCall) -> str:
    found = places.read_places(call)
    return "|" + "|".join(p.key for p in found) + "|" if found else ""


def _caps(summary: str) -> list[tuple[int, bool]]:
    found = []
    for sentence in el._sentences(summary):
        m = el._CAP.search(sentence)
        if m:
            found.append((int(m.group(1).replace(".", "")), bool(el._STADTTEIL_OK.search(sentence))))
    return found


def build_table(calls: list[FundingCall]) -> FeatureTable:
    from matcher.ranking import _MIGRATION_CUE, _STRUCTURE_CUE

    def flags(fn):
        return np.fromiter((bool(fn(c)) for c in calls), dtype=bool, count=len(calls))

    def label_is(*values):
        return flags(lambda c: c.labels is not None and c.labels.addressee in values)

    def structural(c: FundingCall) -> bool:
        lab = c.labels
        if lab is not None and (lab.steering_level in (SteeringLevel.koordination, SteeringLevel.strategie)
                                or lab.funding_form in _STRUCTURAL_FORMS or lab.placement_type >= 2):
            return True
        if lab is None and c.funding_form in _STRUCTURAL_FORMS:
            return True
        return bool(_STRUCTURE_CUE.search(c.summary_de or ""))

    return FeatureTable(
        ids=[c.id for c in calls],
        regions=np.array([c.region for c in calls], dtype=object),
        is_kommune_level=flags(lambda c: c.level == Level.kommune),
        is_stiftung=flags(lambda c: c.level == Level.stiftung),
        headings=np.array([f"{c.title} {c.funder}".lower() for c in calls], dtype=str),
        summaries=np.array([c.summary_de.lower() if c.level == Level.kommune else "" for c in calls], dtype=str),
        place_keys=np.array([_place_keys(c) for c in calls], dtype=object),
        local_cue=flags(places.local_cue),
        applicants=np.fromiter((applicant_bits(c.applicants) for c in calls), dtype=np.int64, count=len(calls)),
        has_labels=flags(lambda c: c.labels is not None),
        label_kommune=label_is(Addressee.kommune),
        label_andere=label_is(Addressee.andere),
        label_mo_ko=label_is(Addressee.mo, Addressee.ko_steuerung),
        co_steering=flags(lambda c: c.labels is not None and c.labels.co_steering),
        structural=flags(structural),
        text_kommune_only=flags(lambda c: el._KOMMUNE_ONLY.search(c.summary_de)),
        passed_on=flags(lambda c: el._PASSED_ON.search(c.summary_de)),
        nationwide_only=flags(lambda c: c.region in ("DE", "EU") and el._NATIONWIDE_ONLY.search(c.summary_de)),
        last_deadline=np.array([_last_deadline(c) for c in calls], dtype=np.float64),
        closed=flags(lambda c: el._CLOSED.search(f"{c.deadlines.text or ''} {c.summary_de}")),
        unclear=flags(lambda c: el._UNCLEAR.search(f"{c.deadlines.text or ''} {c.summary_de}")),
        non_profit=flags(lambda c: el._NON_PROFIT.search(c.summary_de)),
        caps=[_caps(c.summary_de) for c in calls],
        rural=flags(lambda c: el._RURAL_ONLY.search(c.summary_de)),
        start_aid=flags(lambda c: el._START_AID.search(f"{c.title} {c.summary_de}")),
        east_only=flags(lambda c: c.region == "DE" and el._EAST_ONLY.search(f"{c.title} {c.summary_de}")),
        migration=flags(lambda c: _MIGRATION_CUE.search(c.summary_de)),
    )


def _mentions(texts: np.ndarray, names: list[str]) -> np.ndarray:
    """Which texts name the town: a vectorised substring test, then the word-boundary regex."""
    out = np.zeros(len(texts), dtype=bool)
    if not len(texts):
        return out
    candidates = np.zeros(len(texts), dtype=bool)
    for name in names:
        candidates |= np.char.find(texts, name.lower()) >= 0
    for i in np.flatnonzero(candidates):
        out[i] = el._mentions(str(texts[i]), names)
    return out


def vector_scores(table: FeatureTable, relevance: np.ndarray, profile: Profile, today: date) -> tuple[np.ndarray, np.ndarray]:
    """(score, eligible) for every call: the same rules and hand-set weights as ``check`` + ``ranking``."""
    from matcher import ranking as rk

    parts, eligible = vector_parts(table, profile, today)
    steps = max(0, profile.placement_goal - 1)
    needs = np.where(parts["ort"], rk.BOOST_CITY, np.where(parts["land"], rk.BOOST_LAND,
                                                             np.where(parts["ost"], rk.BOOST_REGION, 0.0)))
    needs += np.where(parts["mo"], rk.BOOST_MO, 0.0)
    needs += np.where(parts["ko_steuerung"], rk.BOOST_STRUCTURE * steps * rk.CO_STEERING_FACTOR, 0.0)
    needs += np.where(parts["struktur"], rk.BOOST_STRUCTURE * steps, 0.0) if steps else 0.0
    needs += np.where(parts["migration"], rk.BOOST_MIGRATION, 0.0)
    return relevance + needs - parts["penalty"], eligible


def vector_parts(table: FeatureTable, profile: Profile, today: date) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """The rules for every call as named parts (locality, needs, each soft penalty and their sum
    ``penalty``) and the eligibility – what the hand-set score and the learned model
    (``matcher.learned``) combine."""
    n = len(table.ids)
    parts: dict[str, np.ndarray] = {}
    block = np.zeros(n, dtype=bool)
    penalty = np.zeros(n)
    own_land = table.regions == profile.land
    block |= ~((table.regions == "DE") | (table.regions == "EU") | own_land)
    block |= table.east_only & (profile.land not in el.EAST)
    names = profile.municipality_names()
    has_place = table.place_keys != ""
    own_place = np.zeros(n, dtype=bool)
    for key in {places.place_key(name) for name in names}:
        own_place |= np.array([f"|{key}|" in keys for keys in table.place_keys], dtype=bool)
    city = _mentions(table.headings, names) | own_place
    city |= ~has_place & table.is_kommune_level & _mentions(table.summaries, names)
    block |= ~city & has_place
    penalty += np.where(~city & ~has_place & table.local_cue, el.LOCAL_UNKNOWN_PENALTY, 0.0)
    mine = applicant_bits(profile.applicant_types)
    kommune_bit = _BITS[ApplicantType.kommune]
    kommune_only = table.label_kommune | (table.applicants == kommune_bit) | (
        (table.applicants == 0) & ~table.has_labels & table.text_kommune_only)
    # the money reaches associations, or the call funds joint steering the Verbund takes part in
    passes_on = kommune_only & (table.passed_on | table.co_steering)
    penalty += np.where(passes_on, el.PASSED_ON_PENALTY, 0.0)
    no_overlap = (table.applicants & mine) == 0
    block |= ~passes_on & (kommune_only | ((table.applicants != 0) & no_overlap) | (table.label_andere & no_overlap))
    penalty += np.where(table.nationwide_only, el.NATIONWIDE_PENALTY, 0.0)
    block |= table.last_deadline < today.toordinal()
    block |= table.closed
    penalty += np.where(table.unclear & ~table.closed, 0.15, 0.0)
    if not profile.non_profit:
        block |= table.non_profit
    stadtteil_only = np.zeros(n, dtype=bool)  # a town size limit only a Stadtteil gets around
    if profile.population:
        for i, caps in enumerate(table.caps):
            for cap, stadtteil in caps:
                if cap >= profile.population or cap < 1000:
                    continue
                if stadtteil:
                    penalty[i] += 0.08
                    stadtteil_only[i] = True
                else:
                    block[i] = True
                break
        if profile.population >= 100_000:
            block |= table.rural
    age = today.year - profile.founded if profile.founded else 0
    established = profile.member_organisations >= el.ESTABLISHED_MEMBERS or age > el.ESTABLISHED_YEARS
    start_aid = table.start_aid & established
    penalty += np.where(start_aid, 0.25, 0.0)
    east_programme = table.east_only & (profile.land in el.EAST)
    parts["ort"] = city
    parts["land"] = own_land & ~city
    parts["ost"] = east_programme & ~city & ~own_land
    mo_bits = _BITS[ApplicantType.mo] | _BITS[ApplicantType.verbund]
    parts["mo"] = ((table.applicants & mo_bits) != 0) | table.label_mo_ko
    parts["ko_steuerung"] = table.co_steering
    parts["struktur"] = table.structural
    parts["migration"] = table.migration
    parts["weitergeleitet"] = passes_on
    parts["bundesweit"] = table.nationwide_only
    parts["unklar"] = table.unclear & ~table.closed
    parts["starthilfe"] = start_aid
    parts["stadtteil"] = stadtteil_only
    parts["penalty"] = penalty
    return parts, ~block
