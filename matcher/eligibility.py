"""May this Verbund apply? Hard rules with German reasons, one function per rule.

Every rule that reads the call's text is one ``RuleRecord`` in ``RULES`` – its name (``Rule``),
its cue (a predicate on the call alone, independent of the profile), whether it blocks or which
named penalty of ``matcher.settings`` it costs, and its German reason. ``check`` builds the
findings of one call from these records; ``matcher.features`` builds the vector masks of all
calls from the same records.

Each rule returns a ``Finding``: ``blocking`` findings make a call ineligible (left out of
``match`` unless ``--all``), the others are remarks or soft penalties the ranking applies.
Rules: region, local programme of another town (the place as ``matcher.places`` reads it;
unknown place of a local call: soft penalty), applicant type (call list or classifier label;
municipality-only programmes that pass the money on to associations stay in), reach
(programmes for nationwide organisations only), deadline, non-profit requirement, population
limit, rural-only programmes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from corpus import vocabulary
from corpus.deadlines import ABGELAUFEN, OFFEN, UNBEKANNT, DeadlineState, state_of
from corpus.format_de import date_de, number
from corpus.labels import APPLICANT_DE, LAENDER, Addressee, ApplicantType, Level
from corpus.model import FundingCall
from corpus.sentences import split_sentences
from matcher import places
from matcher.profile import Profile
from matcher.settings import settings


class Rule(StrEnum):
    """The name of every rule (``Finding.source``); the group a finding is ordered by is ``Finding.rule``."""

    REGION = "region"
    EAST_ONLY = "ost"
    TOWN = "ort"
    TOWN_UNCLEAR = "ort_unklar"
    APPLICANT = "antragsteller"
    KOMMUNE_ONLY = "nur_kommunen"
    PASSED_ON = "weitergeleitet"
    NATIONWIDE = "reichweite"
    DEADLINE = "frist"
    CLOSED = "verfahren"
    UNCLEAR = "unklar"
    NON_PROFIT = "gemeinnuetzig"
    POPULATION = "einwohner"
    RURAL = "laendlich"
    START_AID = "starthilfe"


@dataclass(frozen=True)
class Finding:
    rule: str  # the finding group ("region", "ort", "antragsteller", …), what the reasons are ordered by
    text: str  # German, for the coordinator
    blocking: bool = False
    penalty: float = 0.0  # subtracted from the score when not blocking
    source: Rule | None = None  # the record that wrote it


@dataclass(frozen=True)
class RuleRecord:
    """One rule that reads the call's text: the one definition both paths use."""

    name: Rule
    finding: str  # the finding group its findings carry
    cue: Callable[[FundingCall], object]  # profile-independent predicate (truthy: the rule applies)
    reason: str  # German, ``str.format`` fields such as municipality, land, partner, since, members
    blocking: bool = False
    penalty: str | None = None  # the field of ``MatcherSettings`` with its soft penalty

    def penalty_value(self) -> float:
        return float(getattr(settings(), self.penalty)) if self.penalty else 0.0

    def finding_for(self, **fields) -> Finding:
        return Finding(
            self.finding,
            self.reason.format(**fields),
            blocking=self.blocking,
            penalty=0.0 if self.blocking else self.penalty_value(),
            source=self.name,
        )


@dataclass
class Eligibility:
    findings: list[Finding] = field(default_factory=list)
    deadline_state: DeadlineState = field(default_factory=lambda: DeadlineState(UNBEKANNT))

    @property
    def deadline(self) -> date | None:
        """The next closing date on or after today (None: none known, rolling or passed)."""
        return self.deadline_state.deadline

    @property
    def eligible(self) -> bool:
        return not any(f.blocking for f in self.findings)

    @property
    def penalty(self) -> float:
        return sum(f.penalty for f in self.findings if not f.blocking)

    def reasons(self) -> list[str]:
        """Blocking reasons first: they are what the coordinator must read."""
        return [f.text for f in self.findings if f.blocking] + [f.text for f in self.findings if not f.blocking]


def mentions(text: str, names: list[str]) -> bool:
    return any(re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", text, re.IGNORECASE) for n in names)


# -- region -------------------------------------------------------------------------------
def region_rule(call: FundingCall, profile: Profile) -> Finding | None:
    if call.region in ("DE", "EU"):
        return None
    if call.region == profile.land:
        return Finding(
            "region",
            f"Förderung in {LAENDER[call.region]}: passt zum Sitz in {profile.municipality}",
            source=Rule.REGION,
        )
    return Finding(
        "region",
        f"nur für {LAENDER.get(call.region, call.region)} – {profile.municipality} liegt in {LAENDER[profile.land]}",
        blocking=True,
        source=Rule.REGION,
    )


EAST = {"DE-BB", "DE-BE", "DE-MV", "DE-SN", "DE-ST", "DE-TH"}
_EAST_ONLY = re.compile(vocabulary.EAST_ONLY, re.IGNORECASE)


def east_rule(call: FundingCall, profile: Profile) -> Finding | None:
    """Nationwide funders with programmes only for eastern Germany (region DE, text says so)."""
    record = RULES[Rule.EAST_ONLY]
    if not record.cue(call):
        return None
    if profile.land in EAST:
        return Finding(
            "region", "Programm für Ostdeutschland: passt zum Sitz in " + profile.municipality, source=Rule.EAST_ONLY
        )
    return record.finding_for(municipality=profile.municipality, land=LAENDER[profile.land])


# -- local programmes ------------------------------------------------------------------
def locality_rule(call: FundingCall, profile: Profile) -> Finding | None:
    """A programme of a town, district or local foundation is only for a Verbund in that place."""
    names = profile.municipality_names()
    found = places.read_places(call)
    if mentions(f"{call.title} {call.funder}", names) or places.is_for(found, names):
        return Finding("ort", f"Programm für {profile.municipality}", source=Rule.TOWN)
    if found:
        what = "kommunales Programm" if call.level == Level.kommune else "örtliche Förderung"
        return Finding(
            "ort",
            f"{what} für {places.describe(found[0])} – nicht für {profile.municipality}",
            blocking=True,
            source=Rule.TOWN,
        )
    if call.level == Level.kommune and mentions(call.summary_de, names):
        return Finding("ort", f"Programm für {profile.municipality}", source=Rule.TOWN)
    if RULES[Rule.TOWN_UNCLEAR].cue(call):
        return RULES[Rule.TOWN_UNCLEAR].finding_for(municipality=profile.municipality)
    return None


# -- applicant type --------------------------------------------------------------------
_KOMMUNE_ONLY = re.compile(vocabulary.KOMMUNE_ONLY, re.IGNORECASE)


# the rubric's exception to "municipalities only": the money is passed on to associations
_PASSED_ON = re.compile(vocabulary.PASSED_ON, re.IGNORECASE)


def _partner(profile: Profile) -> str:
    return profile.municipal_partners[0] if profile.municipal_partners else f"Stadt {profile.municipality}"


def municipality_only(call: FundingCall) -> bool:
    """Only the municipality may apply (classifier label, applicant list, or the text says so)."""
    labels, applicants = call.labels, set(call.applicants)
    return (
        (labels is not None and labels.addressee == Addressee.kommune)
        or applicants == {ApplicantType.kommune}
        or (not applicants and labels is None and bool(RULES[Rule.KOMMUNE_ONLY].cue(call)))
    )


def applicant_rule(call: FundingCall, profile: Profile) -> Finding | None:
    labels = call.labels
    applicants = set(call.applicants)
    mine = set(profile.applicant_types)
    kommune_only = municipality_only(call)
    if kommune_only and labels is not None and labels.co_steering:
        # co-steering: the municipality applies, the Verbund sits in the joint body or post
        return Finding(
            "antragsteller",
            f"Antrag stellt die Kommune, der Verbund steuert mit – gemeinsam mit {_partner(profile)}",
            penalty=RULES[Rule.PASSED_ON].penalty_value(),
            source=Rule.PASSED_ON,
        )
    if kommune_only and RULES[Rule.PASSED_ON].cue(call):
        return RULES[Rule.PASSED_ON].finding_for(partner=_partner(profile))
    if kommune_only:
        return RULES[Rule.KOMMUNE_ONLY].finding_for(partner=_partner(profile))
    if applicants and not applicants & mine:
        who = ", ".join(APPLICANT_DE[a] for a in sorted(applicants, key=lambda a: a.value))
        extra = f" – ggf. als Partner über {_partner(profile)}" if ApplicantType.kommune in applicants else ""
        return Finding("antragsteller", f"antragsberechtigt nur: {who}{extra}", blocking=True, source=Rule.APPLICANT)
    if labels is not None and labels.addressee == Addressee.andere and not applicants & mine:
        return Finding(
            "antragsteller",
            "richtet sich an Unternehmen, Forschung oder Einzelpersonen",
            blocking=True,
            source=Rule.APPLICANT,
        )
    fitting = [a for a in (ApplicantType.mo, ApplicantType.verbund, ApplicantType.verein) if a in applicants]
    if fitting:
        return Finding(
            "antragsteller", "förderberechtigt: " + ", ".join(APPLICANT_DE[a] for a in fitting), source=Rule.APPLICANT
        )
    return None


# -- reach ------------------------------------------------------------------------------
_NATIONWIDE_ONLY = re.compile(vocabulary.NATIONWIDE_ONLY, re.IGNORECASE)


def reach_rule(call: FundingCall) -> Finding | None:
    """Bund and EU programmes for nationwide organisations only: a local Verbund is at best a partner."""
    return RULES[Rule.NATIONWIDE].finding_for() if RULES[Rule.NATIONWIDE].cue(call) else None


# -- deadline ----------------------------------------------------------------------------
def deadline_rule(call: FundingCall, today: date) -> tuple[Finding | None, DeadlineState]:
    """Passed deadline: ineligible; close one or a window not yet open: a remark (``corpus.deadlines``)."""
    state = state_of(call, today)
    if state.status == ABGELAUFEN:
        text = (
            f"Frist abgelaufen (zuletzt {date_de(state.last)})"
            if state.last
            else "laut Fristangabe abgeschlossen oder beendet"
        )
        return Finding("frist", text, blocking=True, source=Rule.DEADLINE), state
    if state.status != OFFEN:
        return None, state
    if state.opens is not None and state.opens > today:
        until = f" bis {date_de(state.deadline)}" if state.deadline else ""
        return Finding("frist", f"Bewerbung ab {date_de(state.opens)}{until}", source=Rule.DEADLINE), state
    days = state.days_left(today)
    if days is not None and days <= 30:
        left = "heute" if days == 0 else ("noch 1 Tag" if days == 1 else f"noch {days} Tage")
        return Finding("frist", f"Frist bald: {date_de(state.deadline)} ({left})", source=Rule.DEADLINE), state
    return None, state


# -- open procedure ------------------------------------------------------------------------
_CLOSED = re.compile(vocabulary.CLOSED_PROCEDURE, re.IGNORECASE)
_UNCLEAR = re.compile(vocabulary.UNCLEAR_PROCEDURE, re.IGNORECASE)


def procedure_rule(call: FundingCall) -> Finding | None:
    """A grant given to one named body, without an open call, is nothing to apply for."""
    for rule in (Rule.CLOSED, Rule.UNCLEAR):
        if RULES[rule].cue(call):
            return RULES[rule].finding_for()
    return None


# -- non-profit ----------------------------------------------------------------------------
_NON_PROFIT = re.compile(vocabulary.NON_PROFIT, re.IGNORECASE)


def non_profit_rule(call: FundingCall, profile: Profile) -> Finding | None:
    if not RULES[Rule.NON_PROFIT].cue(call):
        return None
    if profile.non_profit:
        return Finding("gemeinnuetzig", "Gemeinnützigkeit verlangt – erfüllt", source=Rule.NON_PROFIT)
    return RULES[Rule.NON_PROFIT].finding_for()


# -- population and rural programmes --------------------------------------------------------
_NUMBER = r"(\d{1,3}(?:\.\d{3})+|\d+)"
_CAP = re.compile(vocabulary.POPULATION_CAP_BEFORE + _NUMBER + vocabulary.POPULATION_CAP_AFTER, re.IGNORECASE)
_STADTTEIL_OK = re.compile(vocabulary.STADTTEIL_OK, re.IGNORECASE)
_RURAL_ONLY = re.compile(vocabulary.RURAL_ONLY, re.IGNORECASE)


def population_caps(call: FundingCall) -> list[tuple[int, bool]]:
    """(population cap, Stadtteil exception) of every sentence that names a town size limit."""
    found = []
    for sentence in split_sentences(call.summary_de):
        m = _CAP.search(sentence)
        if m:
            found.append((int(m.group(1).replace(".", "")), bool(_STADTTEIL_OK.search(sentence))))
    return found


def binding_cap(caps: list[tuple[int, bool]], population: int | None) -> tuple[int, bool] | None:
    """The first cap the Verbund's town exceeds (caps below ``min_population_cap`` are no town sizes)."""
    if not population:
        return None
    return next(
        ((cap, stadtteil) for cap, stadtteil in caps if settings().min_population_cap <= cap < population), None
    )


def population_rule(call: FundingCall, profile: Profile) -> Finding | None:
    found = binding_cap(RULES[Rule.POPULATION].cue(call), profile.population)
    if found is None:
        return None
    cap, stadtteil = found
    record = RULES[Rule.POPULATION]
    text = record.reason.format(
        cap=number(cap),
        municipality=profile.municipality,
        population=number(profile.population),
    )
    if stadtteil:
        return Finding(
            record.finding,
            f"{text}, Teilnahme nur mit einem Stadtteil",
            penalty=record.penalty_value(),
            source=record.name,
        )
    return Finding(record.finding, text, blocking=True, source=record.name)


def rural_rule(call: FundingCall, profile: Profile) -> Finding | None:
    if (profile.population or 0) < settings().rural_city_population or not RULES[Rule.RURAL].cue(call):
        return None
    return RULES[Rule.RURAL].finding_for(municipality=profile.municipality)


_START_AID = re.compile(vocabulary.START_AID, re.IGNORECASE)


def established(profile: Profile, today: date) -> bool:
    """Many member organisations or many years: start-up aid is not for this Verbund."""
    age = today.year - profile.founded if profile.founded else 0
    return profile.member_organisations >= settings().established_members or age > settings().established_years


def start_aid_rule(call: FundingCall, profile: Profile, today: date) -> Finding | None:
    """Start-up aid for new initiatives fits young, small networks, not established ones."""
    if not RULES[Rule.START_AID].cue(call):
        return None
    if established(profile, today):
        since = f"seit {profile.founded}" if profile.founded else "schon lange"
        return RULES[Rule.START_AID].finding_for(since=since, members=profile.member_organisations)
    return Finding(
        "starthilfe", "Starthilfe für neue Initiativen – passt zu einem jungen Verbund", source=Rule.START_AID
    )


def _procedure_text(call: FundingCall) -> str:
    return f"{call.deadlines.text or ''} {call.summary_de}"


_RECORDS = (
    RuleRecord(
        Rule.EAST_ONLY,
        "region",
        lambda c: c.region == "DE" and _EAST_ONLY.search(f"{c.title} {c.summary_de}"),
        "nur für ostdeutsche Länder – {municipality} liegt in {land}",
        blocking=True,
    ),
    RuleRecord(
        Rule.TOWN_UNCLEAR,
        "ort_unklar",
        places.local_cue,
        "örtliches Programm, Ort nicht erkennbar – vorher klären, ob es für {municipality} gilt",
        penalty="penalty_local_unknown",
    ),
    RuleRecord(
        Rule.KOMMUNE_ONLY,
        "antragsteller",
        lambda c: _KOMMUNE_ONLY.search(c.summary_de),
        "nur für Kommunen – über den kommunalen Partner ({partner}) möglich",
        blocking=True,
    ),
    RuleRecord(
        Rule.PASSED_ON,
        "antragsteller",
        lambda c: _PASSED_ON.search(c.summary_de),
        "Antrag stellt die Kommune, die Mittel gehen an Vereine weiter – über {partner}",
        penalty="penalty_passed_on",
    ),
    RuleRecord(
        Rule.NATIONWIDE,
        "reichweite",
        lambda c: c.region in ("DE", "EU") and _NATIONWIDE_ONLY.search(c.summary_de),
        "für bundesweit tätige Träger – ein örtlicher Verbund nur über Dachverband oder Konsortium",
        penalty="penalty_nationwide",
    ),
    RuleRecord(
        Rule.CLOSED,
        "verfahren",
        lambda c: _CLOSED.search(_procedure_text(c)),
        "kein offenes Antragsverfahren (Zuwendung an einen bestimmten Träger)",
        blocking=True,
    ),
    RuleRecord(
        Rule.UNCLEAR,
        "verfahren",
        lambda c: _UNCLEAR.search(_procedure_text(c)),
        "keine offene Ausschreibung bekannt – Zugang vorher klären",
        penalty="penalty_unclear_procedure",
    ),
    RuleRecord(
        Rule.NON_PROFIT,
        "gemeinnuetzig",
        lambda c: _NON_PROFIT.search(c.summary_de),
        "verlangt Gemeinnützigkeit – das Profil ist nicht gemeinnützig",
        blocking=True,
    ),
    RuleRecord(
        Rule.POPULATION,
        "einwohner",
        population_caps,
        "nur Orte bis {cap} Einwohner – {municipality} hat rund {population}",
        penalty="penalty_stadtteil",
    ),
    RuleRecord(
        Rule.RURAL,
        "laendlich",
        lambda c: _RURAL_ONLY.search(c.summary_de),
        "nur für ländliche Räume – {municipality} ist eine Großstadt",
        blocking=True,
    ),
    RuleRecord(
        Rule.START_AID,
        "starthilfe",
        lambda c: _START_AID.search(f"{c.title} {c.summary_de}"),
        "Starthilfe für neue Initiativen – der Verbund besteht {since} ({members} Mitgliedsorganisationen)",
        penalty="penalty_start_aid",
    ),
)
RULES: dict[Rule, RuleRecord] = {r.name: r for r in _RECORDS}


def check(call: FundingCall, profile: Profile, today: date) -> Eligibility:
    """Every rule for one call and one Verbund, relative to ``today``."""
    deadline_finding, deadline = deadline_rule(call, today)
    findings = [
        region_rule(call, profile),
        east_rule(call, profile),
        locality_rule(call, profile),
        applicant_rule(call, profile),
        reach_rule(call),
        deadline_finding,
        procedure_rule(call),
        non_profit_rule(call, profile),
        population_rule(call, profile),
        rural_rule(call, profile),
        start_aid_rule(call, profile, today),
    ]
    findings = [f for f in findings if f is not None]
    if any(f.rule == "ort" and f.blocking for f in findings):
        # "passt zum Sitz in …" of the Land would contradict the town rule
        findings = [f for f in findings if not (f.rule == "region" and not f.blocking)]
    return Eligibility(
        findings=findings,
        deadline_state=deadline,
    )
