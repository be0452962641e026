"""The eligibility rules and the "needs" weighting as numpy arrays, for ranking large corpora fast.

``matcher.eligibility.check`` is the readable, per-call source of truth and writes the reasons.
Running its regexes over 10,000 calls for every query costs seconds, so the profile-independent
parts (cue words in the text, applicant lists, last possible deadline, labels) are read once per
corpus into a ``FeatureTable`` – each text rule's column is the cue of its record in
``matcher.eligibility.RULES``, its penalty the record's named penalty – and ``vector_scores`` then
applies the same rules to all calls at once. ``tests/matcher/test_ranking.py`` checks that both
paths agree, rule by rule.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date

import numpy as np

from corpus import vocabulary
from corpus.deadlines import expires, reading_of
from corpus.labels import Addressee, ApplicantType, FundingForm, Level, SteeringLevel
from corpus.model import FundingCall
from matcher import eligibility as el
from matcher import places
from matcher.eligibility import RULES, Rule
from matcher.profile import Profile
from matcher.settings import settings

_BITS = {a: 1 << n for n, a in enumerate(ApplicantType)}
# the "needs" cues both paths read (``matcher.ranking`` scores one call, ``build_table`` all calls)
STRUCTURE_CUE = re.compile(vocabulary.STRUCTURE, re.IGNORECASE)
MIGRATION_CUE = re.compile(vocabulary.MIGRATION, re.IGNORECASE)
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


def build_table(calls: list[FundingCall]) -> FeatureTable:
    def flags(fn):
        return np.fromiter((bool(fn(c)) for c in calls), dtype=bool, count=len(calls))

    def cue(rule: Rule):
        return flags(RULES[rule].cue)

    def label_is(*values):
        return flags(lambda c: c.labels is not None and c.labels.addressee in values)

    def structural(c: FundingCall) -> bool:
        lab = c.labels
        if lab is not None and (
            lab.steering_level in (SteeringLevel.koordination, SteeringLevel.strategie)
            or lab.funding_form in _STRUCTURAL_FORMS
            or lab.placement_type >= 2
        ):
            return True
        if lab is None and c.funding_form in _STRUCTURAL_FORMS:
            return True
        return bool(STRUCTURE_CUE.search(c.summary_de or ""))

    return FeatureTable(
        ids=[c.id for c in calls],
        regions=np.array([c.region for c in calls], dtype=object),
        is_kommune_level=flags(lambda c: c.level == Level.kommune),
        is_stiftung=flags(lambda c: c.level == Level.stiftung),
        headings=np.array([f"{c.title} {c.funder}".lower() for c in calls], dtype=str),
        summaries=np.array([c.summary_de.lower() if c.level == Level.kommune else "" for c in calls], dtype=str),
        place_keys=np.array([_place_keys(c) for c in calls], dtype=object),
        local_cue=cue(Rule.TOWN_UNCLEAR),
        applicants=np.fromiter((applicant_bits(c.applicants) for c in calls), dtype=np.int64, count=len(calls)),
        has_labels=flags(lambda c: c.labels is not None),
        label_kommune=label_is(Addressee.kommune),
        label_andere=label_is(Addressee.andere),
        label_mo_ko=label_is(Addressee.mo, Addressee.ko_steuerung),
        co_steering=flags(lambda c: c.labels is not None and c.labels.co_steering),
        structural=flags(structural),
        text_kommune_only=cue(Rule.KOMMUNE_ONLY),
        passed_on=cue(Rule.PASSED_ON),
        nationwide_only=cue(Rule.NATIONWIDE),
        last_deadline=np.array([_last_deadline(c) for c in calls], dtype=np.float64),
        closed=cue(Rule.CLOSED),
        unclear=cue(Rule.UNCLEAR),
        non_profit=cue(Rule.NON_PROFIT),
        caps=[RULES[Rule.POPULATION].cue(c) for c in calls],
        rural=cue(Rule.RURAL),
        start_aid=cue(Rule.START_AID),
        east_only=cue(Rule.EAST_ONLY),
        migration=flags(lambda c: MIGRATION_CUE.search(c.summary_de)),
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
        out[i] = el.mentions(str(texts[i]), names)
    return out


def vector_scores(
    table: FeatureTable, relevance: np.ndarray, profile: Profile, today: date
) -> tuple[np.ndarray, np.ndarray]:
    """(score, eligible) for every call: the same rules and hand-set weights as ``check`` + ``ranking``."""
    cfg = settings()
    parts, eligible = vector_parts(table, profile, today)
    steps = max(0, profile.placement_goal - 1)
    needs = np.where(
        parts["ort"],
        cfg.boost_city,
        np.where(parts["land"], cfg.boost_land, np.where(parts["ost"], cfg.boost_region, 0.0)),
    )
    needs += np.where(parts["mo"], cfg.boost_mo, 0.0)
    needs += np.where(parts["ko_steuerung"], cfg.boost_structure * steps * cfg.co_steering_factor, 0.0)
    needs += np.where(parts["struktur"], cfg.boost_structure * steps, 0.0) if steps else 0.0
    needs += np.where(parts["migration"], cfg.boost_migration, 0.0)
    return relevance + needs - parts["penalty"], eligible


def vector_parts(table: FeatureTable, profile: Profile, today: date) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """The rules for every call as named parts (locality, needs, each soft penalty and their sum
    ``penalty``) and the eligibility – what the hand-set score and the learned model
    (``matcher.learned``) combine."""
    parts, eligible, _ = _vector_rules(table, profile, today)
    return parts, eligible


def rule_masks(table: FeatureTable, profile: Profile, today: date) -> dict[Rule, np.ndarray]:
    """For each rule, the calls where it blocks or costs a penalty (what ``check`` writes as a
    blocking or penalised finding with that ``source``)."""
    return _vector_rules(table, profile, today)[2]


def _vector_rules(table: FeatureTable, profile: Profile, today: date):
    n = len(table.ids)
    parts: dict[str, np.ndarray] = {}
    block = np.zeros(n, dtype=bool)
    penalty = np.zeros(n)
    own_land = table.regions == profile.land
    fired: dict[Rule, np.ndarray] = {}
    fired[Rule.REGION] = ~((table.regions == "DE") | (table.regions == "EU") | own_land)
    fired[Rule.EAST_ONLY] = table.east_only & (profile.land not in el.EAST)
    block |= fired[Rule.REGION] | fired[Rule.EAST_ONLY]
    names = profile.municipality_names()
    has_place = table.place_keys != ""
    own_place = np.zeros(n, dtype=bool)
    for key in {places.place_key(name) for name in names}:
        own_place |= np.array([f"|{key}|" in keys for keys in table.place_keys], dtype=bool)
    city = _mentions(table.headings, names) | own_place
    city |= ~has_place & table.is_kommune_level & _mentions(table.summaries, names)
    fired[Rule.TOWN] = ~city & has_place
    block |= fired[Rule.TOWN]
    fired[Rule.TOWN_UNCLEAR] = ~city & ~has_place & table.local_cue
    penalty += np.where(fired[Rule.TOWN_UNCLEAR], RULES[Rule.TOWN_UNCLEAR].penalty_value(), 0.0)
    mine = applicant_bits(profile.applicant_types)
    kommune_bit = _BITS[ApplicantType.kommune]
    kommune_only = (
        table.label_kommune
        | (table.applicants == kommune_bit)
        | ((table.applicants == 0) & ~table.has_labels & table.text_kommune_only)
    )
    # the money reaches associations, or the call funds joint steering the Verbund takes part in
    passes_on = kommune_only & (table.passed_on | table.co_steering)
    penalty += np.where(passes_on, RULES[Rule.PASSED_ON].penalty_value(), 0.0)
    no_overlap = (table.applicants & mine) == 0
    fired[Rule.PASSED_ON] = passes_on
    fired[Rule.KOMMUNE_ONLY] = kommune_only & ~passes_on
    fired[Rule.APPLICANT] = ~kommune_only & (((table.applicants != 0) & no_overlap) | (table.label_andere & no_overlap))
    block |= fired[Rule.KOMMUNE_ONLY] | fired[Rule.APPLICANT]
    fired[Rule.NATIONWIDE] = table.nationwide_only
    penalty += np.where(table.nationwide_only, RULES[Rule.NATIONWIDE].penalty_value(), 0.0)
    fired[Rule.DEADLINE] = table.last_deadline < today.toordinal()
    fired[Rule.CLOSED] = table.closed
    block |= fired[Rule.DEADLINE] | fired[Rule.CLOSED]
    fired[Rule.UNCLEAR] = table.unclear & ~table.closed
    penalty += np.where(fired[Rule.UNCLEAR], RULES[Rule.UNCLEAR].penalty_value(), 0.0)
    fired[Rule.NON_PROFIT] = table.non_profit & (not profile.non_profit)
    block |= fired[Rule.NON_PROFIT]
    stadtteil_only = np.zeros(n, dtype=bool)  # a town size limit only a Stadtteil gets around
    population_block = np.zeros(n, dtype=bool)
    fired[Rule.RURAL] = np.zeros(n, dtype=bool)
    if profile.population:
        for i, caps in enumerate(table.caps):
            found = el.binding_cap(caps, profile.population)
            if found is None:
                continue
            if found[1]:
                penalty[i] += RULES[Rule.POPULATION].penalty_value()
                stadtteil_only[i] = True
            else:
                population_block[i] = True
        if profile.population >= settings().rural_city_population:
            fired[Rule.RURAL] = table.rural.copy()
    fired[Rule.POPULATION] = population_block | stadtteil_only
    block |= population_block | fired[Rule.RURAL]
    start_aid = fired[Rule.START_AID] = table.start_aid & el.established(profile, today)
    penalty += np.where(start_aid, RULES[Rule.START_AID].penalty_value(), 0.0)
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
    return parts, ~block, fired
