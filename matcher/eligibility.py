"""May this Verbund apply? Hard rules with German reasons, one function per rule.

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
from dataclasses import dataclass, field
from datetime import date

from corpus.deadlines import ABGELAUFEN, OFFEN, UNBEKANNT, DeadlineState, state_of
from corpus.labels import LAENDER, Addressee, ApplicantType, Level
from corpus.model import FundingCall
from matcher import places
from matcher.profile import Profile

APPLICANT_DE = {
    ApplicantType.kommune: "Kommunen",
    ApplicantType.mo: "Migrantenorganisationen",
    ApplicantType.verbund: "Verbünde",
    ApplicantType.wohlfahrt: "Wohlfahrtsverbände",
    ApplicantType.verein: "Vereine",
    ApplicantType.bildungstraeger: "Bildungsträger",
    ApplicantType.unternehmen: "Unternehmen",
    ApplicantType.hochschule: "Hochschulen",
    ApplicantType.einzelperson: "Einzelpersonen",
}


@dataclass(frozen=True)
class Finding:
    rule: str
    text: str  # German, for the coordinator
    blocking: bool = False
    penalty: float = 0.0  # subtracted from the score when not blocking


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


def _fmt(d: date) -> str:
    return d.strftime("%d.%m.%Y")


def _mentions(text: str, names: list[str]) -> bool:
    return any(re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", text, re.IGNORECASE) for n in names)


# -- region -------------------------------------------------------------------------------
def region_rule(call: FundingCall, profile: Profile) -> Finding | None:
    if call.region in ("DE", "EU"):
        return None
    if call.region == profile.land:
        return Finding("region", f"Förderung in {LAENDER[call.region]}: passt zum Sitz in {profile.municipality}")
    return Finding(
        "region",
        f"nur für {LAENDER.get(call.region, call.region)} – {profile.municipality} liegt in {LAENDER[profile.land]}",
        blocking=True,
    )


EAST = {"DE-BB", "DE-BE", "DE-MV", "DE-SN", "DE-ST", "DE-TH"}
_EAST_ONLY = re.compile(r"\bostdeutsche[nrs]?\b|in den neuen (?:Bundes)?Ländern|aus den neuen Bundesländern", re.IGNORECASE)


def east_rule(call: FundingCall, profile: Profile) -> Finding | None:
    """Nationwide funders with programmes only for eastern Germany (region DE, text says so)."""
    if call.region != "DE" or not _EAST_ONLY.search(f"{call.title} {call.summary_de}"):
        return None
    if profile.land in EAST:
        return Finding("region", "Programm für Ostdeutschland: passt zum Sitz in " + profile.municipality)
    return Finding("region", f"nur für ostdeutsche Länder – {profile.municipality} liegt in {LAENDER[profile.land]}",
                   blocking=True)


# -- local programmes ------------------------------------------------------------------
LOCAL_UNKNOWN_PENALTY = 0.3  # a local programme whose place could not be read: check before applying


def locality_rule(call: FundingCall, profile: Profile) -> Finding | None:
    """A programme of a town, district or local foundation is only for a Verbund in that place."""
    names = profile.municipality_names()
    found = places.read_places(call)
    if _mentions(f"{call.title} {call.funder}", names) or places.is_for(found, names):
        return Finding("ort", f"Programm für {profile.municipality}")
    if found:
        what = "kommunales Programm" if call.level == Level.kommune else "örtliche Förderung"
        return Finding("ort", f"{what} für {places.describe(found[0])} – nicht für {profile.municipality}",
                       blocking=True)
    if call.level == Level.kommune and _mentions(call.summary_de, names):
        return Finding("ort", f"Programm für {profile.municipality}")
    if places.local_cue(call):
        return Finding("ort_unklar", f"örtliches Programm, Ort nicht erkennbar – vorher klären, ob es für "
                                     f"{profile.municipality} gilt", penalty=LOCAL_UNKNOWN_PENALTY)
    return None


# -- applicant type --------------------------------------------------------------------
_KOMMUNE_ONLY = re.compile(
    r"antragsberechtigt sind (?:ausschließlich|nur|allein)\s+(?:die\s+)?(?:Kommunen|Landkreise|kreisfreien Städte|Gemeinden)",
    re.IGNORECASE,
)


# the rubric's exception to "municipalities only": the money is passed on to associations
_PASSED_ON = re.compile(
    r"Weiterleitung|weitergeleitet|weiterzuleiten|an (?:lokale |örtliche )?(?:Träger|Vereine|Initiativen|Migrantenorganisationen)"
    r"[^.]{0,40}weiter(?:gegeben|geben|reichen|gereicht)|als Durchführungsträger",
    re.IGNORECASE,
)
PASSED_ON_PENALTY = 0.05  # one more step (the municipality decides), but the money reaches the Verbund


def _partner(profile: Profile) -> str:
    return profile.municipal_partners[0] if profile.municipal_partners else f"Stadt {profile.municipality}"


def municipality_only(call: FundingCall) -> bool:
    """Only the municipality may apply (classifier label, applicant list, or the text says so)."""
    labels, applicants = call.labels, set(call.applicants)
    return (labels is not None and labels.addressee == Addressee.kommune) or applicants == {ApplicantType.kommune} or (
        not applicants and labels is None and bool(_KOMMUNE_ONLY.search(call.summary_de)))


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
            penalty=PASSED_ON_PENALTY,
        )
    if kommune_only and _PASSED_ON.search(call.summary_de):
        return Finding(
            "antragsteller",
            f"Antrag stellt die Kommune, die Mittel gehen an Vereine weiter – über {_partner(profile)}",
            penalty=PASSED_ON_PENALTY,
        )
    if kommune_only:
        return Finding(
            "antragsteller",
            f"nur für Kommunen – über den kommunalen Partner ({_partner(profile)}) möglich",
            blocking=True,
        )
    if applicants and not applicants & mine:
        who = ", ".join(APPLICANT_DE[a] for a in sorted(applicants, key=lambda a: a.value))
        extra = f" – ggf. als Partner über {_partner(profile)}" if ApplicantType.kommune in applicants else ""
        return Finding("antragsteller", f"antragsberechtigt nur: {who}{extra}", blocking=True)
    if labels is not None and labels.addressee == Addressee.andere and not applicants & mine:
        return Finding("antragsteller", "richtet sich an Unternehmen, Forschung oder Einzelpersonen", blocking=True)
    fitting = [a for a in (ApplicantType.mo, ApplicantType.verbund, ApplicantType.verein) if a in applicants]
    if fitting:
        return Finding("antragsteller", "förderberechtigt: " + ", ".join(APPLICANT_DE[a] for a in fitting))
    return None


# -- reach ------------------------------------------------------------------------------
_NATIONWIDE_ONLY = re.compile(
    r"bundesweit(?: oder (?:zumindest )?überregional)? (?:aktiv|tätig)\w*|bundesweiter Ausrichtung"
    r"|bundeszentrale[rn]? (?:freie[rn]? )?Träger|(?:rein lokale|örtliche|lokale) (?:Träger|Vereine)[^.]{0,60}nicht direkt"
    r"|rein lokale Träger",
    re.IGNORECASE,
)
NATIONWIDE_PENALTY = 0.3  # a local Verbund gets there only through an umbrella body or a consortium


def reach_rule(call: FundingCall) -> Finding | None:
    """Bund and EU programmes for nationwide organisations only: a local Verbund is at best a partner."""
    if call.region not in ("DE", "EU") or not _NATIONWIDE_ONLY.search(call.summary_de):
        return None
    return Finding("reichweite", "für bundesweit tätige Träger – ein örtlicher Verbund nur über Dachverband oder Konsortium",
                   penalty=NATIONWIDE_PENALTY)


# -- deadline ----------------------------------------------------------------------------
def deadline_rule(call: FundingCall, today: date) -> tuple[Finding | None, DeadlineState]:
    """Passed deadline: ineligible; close one or a window not yet open: a remark (``corpus.deadlines``)."""
    state = state_of(call, today)
    if state.status == ABGELAUFEN:
        text = (f"Frist abgelaufen (zuletzt {_fmt(state.last)})" if state.last
                else "laut Fristangabe abgeschlossen oder beendet")
        return Finding("frist", text, blocking=True), state
    if state.status != OFFEN:
        return None, state
    if state.opens is not None and state.opens > today:
        until = f" bis {_fmt(state.deadline)}" if state.deadline else ""
        return Finding("frist", f"Bewerbung ab {_fmt(state.opens)}{until}"), state
    days = state.days_left(today)
    if days is not None and days <= 30:
        left = "heute" if days == 0 else ("noch 1 Tag" if days == 1 else f"noch {days} Tage")
        return Finding("frist", f"Frist bald: {_fmt(state.deadline)} ({left})"), state
    return None, state


# -- open procedure ------------------------------------------------------------------------
_CLOSED = re.compile(r"kein(?:en)? offene[ns]? (?:Aufruf|Antragsverfahren)|Einzelzuwendung an|nicht beantragbar", re.IGNORECASE)
_UNCLEAR = re.compile(r"keine offene Ausschreibung", re.IGNORECASE)


def procedure_rule(call: FundingCall) -> Finding | None:
    """A grant given to one named body, without an open call, is nothing to apply for."""
    text = f"{call.deadlines.text or ''} {call.summary_de}"
    if _CLOSED.search(text):
        return Finding("verfahren", "kein offenes Antragsverfahren (Zuwendung an einen bestimmten Träger)", blocking=True)
    if _UNCLEAR.search(text):
        return Finding("verfahren", "keine offene Ausschreibung bekannt – Zugang vorher klären", penalty=0.15)
    return None


# -- non-profit ----------------------------------------------------------------------------
_NON_PROFIT = re.compile(r"\bgemeinnützig", re.IGNORECASE)


def non_profit_rule(call: FundingCall, profile: Profile) -> Finding | None:
    if not _NON_PROFIT.search(call.summary_de):
        return None
    if profile.non_profit:
        return Finding("gemeinnuetzig", "Gemeinnützigkeit verlangt – erfüllt")
    return Finding("gemeinnuetzig", "verlangt Gemeinnützigkeit – das Profil ist nicht gemeinnützig", blocking=True)


# -- population and rural programmes --------------------------------------------------------
_NUMBER = r"(\d{1,3}(?:\.\d{3})+|\d+)"
_CAP = re.compile(
    r"(?:höchstens|bis zu|bis|unter|weniger als|maximal)\s+" + _NUMBER + r"\s+Einwohner", re.IGNORECASE)
_STADTTEIL_OK = re.compile(r"nur mit (?:einzelnen )?(?:Stadtteilen|Stadtbezirken|Quartieren)", re.IGNORECASE)
_RURAL_ONLY = re.compile(
    r"(?:ausschließlich|nur|beschränkt auf|richtet sich an)\s+(?:die\s+)?(?:den\s+)?ländliche[nr]?\s+(?:Räume|Raum|Gebiete|Regionen)"
    r"|(?:Förderkulisse|Fördergebiet)\w*\s+sind\s+ausschließlich\s+ländliche", re.IGNORECASE)


def _sentences(text: str) -> list[str]:
    return re.split(r"(?<=[.!?])\s+", text)


def population_rule(call: FundingCall, profile: Profile) -> Finding | None:
    if not profile.population:
        return None
    for sentence in _sentences(call.summary_de):
        m = _CAP.search(sentence)
        if not m:
            continue
        cap = int(m.group(1).replace(".", ""))
        if cap >= profile.population or cap < 1000:
            continue
        limit = f"nur Orte bis {cap:,} Einwohner".replace(",", ".")
        size = f"{profile.municipality} hat rund {profile.population:,}".replace(",", ".")
        if _STADTTEIL_OK.search(sentence):
            return Finding("einwohner", f"{limit} – {size}, Teilnahme nur mit einem Stadtteil", penalty=0.08)
        return Finding("einwohner", f"{limit} – {size}", blocking=True)
    return None


def rural_rule(call: FundingCall, profile: Profile) -> Finding | None:
    if (profile.population or 0) < 100_000 or not _RURAL_ONLY.search(call.summary_de):
        return None
    return Finding("laendlich", f"nur für ländliche Räume – {profile.municipality} ist eine Großstadt", blocking=True)


_START_AID = re.compile(
    r"Starthilfe|Anschubförderung|Anschubfinanzierung für neue|neue Initiativen|junge Vereine|neu gegründete|Neugründung",
    re.IGNORECASE)
ESTABLISHED_MEMBERS = 30
ESTABLISHED_YEARS = 10


def start_aid_rule(call: FundingCall, profile: Profile, today: date) -> Finding | None:
    """Start-up aid for new initiatives fits young, small networks, not established ones."""
    if not _START_AID.search(f"{call.title} {call.summary_de}"):
        return None
    age = today.year - profile.founded if profile.founded else 0
    if profile.member_organisations >= ESTABLISHED_MEMBERS or age > ESTABLISHED_YEARS:
        since = f"seit {profile.founded}" if profile.founded else "schon lange"
        return Finding("starthilfe", f"Starthilfe für neue Initiativen – der Verbund besteht {since} "
                                     f"({profile.member_organisations} Mitgliedsorganisationen)", penalty=0.25)
    return Finding("starthilfe", "Starthilfe für neue Initiativen – passt zu einem jungen Verbund")


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
