"""German amount texts read into separate terms: per project, per year, programme total, rates.

"bis 3.000 € je Projekt; 84.000 € pro Jahr" caps a project at 3.000 €; the 84.000 € are what the
whole programme spends a year. ``read_amount`` tells these apart by the words around each sum:
a cap ("bis zu", "max.", "höchstens"), a floor ("mindestens", "ab"), a unit ("je Projekt",
"pro Vorhaben"), a year ("pro Jahr", "jährlich"), the programme ("Gesamtvolumen", "Budget",
"insgesamt", "für 2.000 Vorhaben"), the funding rate ("Förderquote", "90 % der zuwendungsfähigen
Ausgaben") and the own share ("Eigenanteil mind. 10 %", "Eigenmittel mindestens 5.000 €").
Sums named as an example, an earlier rule or an add-on ("z. B.", "früher", "zzgl.") are left out.

Pure functions, no I/O; odd text gives ``None`` fields, never an exception.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from corpus.german import _to_float  # one German number reader (this file's scales never include "T€")

MAX_CHARS = 20_000  # an amount text longer than this is noise

_F = re.IGNORECASE
# linear on any text (as corpus.german): digit runs possessive, thousands groups bounded
_NUMBER = r"(\d{1,3}(?:[.\s’']\d{3}){1,5}+(?!\d)|\d++)(?:,(\d++)|,[-–](?!\d))?"
_SCALE = r"(?:\s*(mio\.?|millionen|million|mrd\.?|milliarden|tsd\.?|tausend)(?!\w))?"
_CURRENCY = r"\s*(?:€|eur\b|euro\b|t€|k€)"
# "5.000 bis 20.000 €", "3,5–4 Mio. €", "zwischen 1.000 und 5.000 Euro" (one currency for both)
_SUM = re.compile(
    r"(?<![\d,.])(?:"
    + _NUMBER
    + r"\s*(?:bis(?:\s+(?:zu|max\.?|maximal))?|–|-|und)\s*)?"
    + _NUMBER
    + _SCALE
    + r"(?P<cur>"
    + _CURRENCY
    + r")",
    _F,
)
_PREFIX_SUM = re.compile(r"(?:€|\beur\b|\beuro\b)\s*" + _NUMBER + _SCALE, _F)
_PERCENT = re.compile(r"(?<![\d,.])(\d{1,3}(?:,\d+)?)\s*(?:%|prozent\b)", _F)

_CLAUSE_END = re.compile(r";|\n|(?<=[a-zäöüß)]{3})\.\s+(?=[A-ZÄÖÜ])")
_SKIP = re.compile(
    r"(?:früher|ältere[rn]?\s+fassung|z\.\s?b\.|beispiel|zuletzt|bisher|zuvor|zzgl\.|zuzüglich|plus|\+|"
    r"\d\s*[×x]|ø|durchschnittlich)\W*(?:\w+\W+){0,3}$",
    _F,
)
_SKIP_AFTER = re.compile(r"^\s*[×x]\s*\d", _F)
# "Gesamtkosten", "Gesamtausgaben" and "Gesamtantrag" are the project's, not the programme's
_STRONG_TOTAL = (
    r"\bgesamt(?:volumen|budget|mittel|summe|betrag)?\b|programm(?:volumen|mittel)|\w*volumen|\w*budget|"
    r"insgesamt|zusammen|\w*fonds|mittelausstattung|\betat\b"
)
_TOTAL = re.compile(
    r"(?:" + _STRONG_TOTAL + r"|stehen|haushalt\w*|fördermittel|(?:bundes|landes|haushalts|eu-|esf\S*)mittel)"
    r"\W+(?:\w+\W+){0,4}$",
    _F,
)
# "Fördermittel bis zu 1.000 €" is a cap; "insgesamt bis zu 4 Mio. €" stays the programme's
_STRONG_TOTAL_BEFORE = re.compile(r"(?:" + _STRONG_TOTAL + r")\W+(?:\w+\W+){0,4}$", _F)
_TOTAL_AFTER = re.compile(
    r"^\W*(?:\w+\W+){0,4}?(?:für\s+(?:rund\s+|ca\.\s+|über\s+|mehrere\s+)|insgesamt|zur\s+weiterleitung|"
    r"\d+\s+(?:bis\s+\d+\s+)?(?:projekt|vorhaben|träger|initiativ|standort|kommune|maßnahm|preis|modell|"
    r"zentr|netzwerk|einrichtung)|im\s+gesamtprogramm|für\s+das\s+gesamtprogramm|stehen)",
    _F,
)
_OWN = re.compile(
    r"(?:eigenanteil|eigenmittel|eigenbeteiligung|eigenleistung|eigenbeitrag|kofinanzierung|"
    r"eigen-\s*oder\s+drittmittel|eigen-\s*und\s+drittmittel)\w*\W+(?:\w+\W+){0,6}$",
    _F,
)
_OWN_AFTER = re.compile(r"^\s*(?:eigen\w*|eigen-\s*(?:oder|und)\s+drittmittel)", _F)
_FLOOR = re.compile(r"(?:(?:mindestens|mind\.|\bab|min\.|minimum|wenigstens)\s*|mindest\w*\W+(?:\w+\W+){0,2})$", _F)
_FLOOR_AFTER = re.compile(r"^\s*(?:bis|–|-)\s*(?:zu\s+|max\.\s*)?\d", _F)
_CAP = re.compile(r"(?:bis(?:\s+zu)?|max\.|maximal|höchstens|höchst\w*|obergrenze|bis\s+max\.?)\s*$", _F)
_FIXED = re.compile(r"(?:festbetrag\w*|pauschal\w*|fest(?:er|en)?\s+betrag)\W+(?:\w+\W+){0,2}$", _F)
_YEAR_AFTER = re.compile(
    r"^\s*(?:/\s*jahr|pro\s+(?:förder)?jahr|je\s+(?:förder)?jahr|jährlich|im\s+jahr|p\.\s?a\.|"
    r"(?:je|pro)\s+(?:[\w\-/]+\s+){1,2}und\s+jahr)",
    _F,
)
_YEAR_BEFORE = re.compile(r"(?:jährlich|pro\s+jahr|je\s+jahr)\W+(?:\w+\W+){0,2}$", _F)
_UNIT_AFTER = re.compile(
    r"^\s*(?:/\s*)?(?:\w+\s+)?(?:je|pro|à|für\s+ein(?:e|en)?)\s+"
    r"(?:(?:förder)?jahr\s+und\s+)?(?!(?:förder|kalender)?jahr(?:e|es)?\b)([\w\-]+(?:\s+[\w\-]+)?)",
    _F,
)
# "je zweijähriger Förderphase", "je Aufruf", "für das Gesamtprogramm": the programme's money
_PROGRAMME_UNIT = re.compile(r"förderphase|förderperiode|phase|periode|aufruf|runde|programm", _F)
_PER_PERSON = re.compile(r"^(?:person|kind|teilnehm|ehrenamtlich|monat|stunde|tag|woche|schul|mitglied)", _F)
_RATE_BEFORE = re.compile(
    r"(?:förderquote|fördersatz|förderung|zuschuss|anteil\w*|finanzierung|darlehen|"
    r"bis(?:\s+zu)?|max\.|maximal|höchstens|regelmäßig|in\s+der\s+regel|quote)\W+(?:\w+\W+){0,3}$",
    _F,
)
_RATE_AFTER = re.compile(
    r"^\s*(?:der\s+|des\s+)?(?:zuwendungsfähigen|förderfähigen|projektbezogenen|gesamten|"
    r"anerkannten|\w*ausgaben|\w*kosten|förderung)",
    _F,
)
_NOT_RATE = re.compile(
    r"(?:pauschal\w*|sachausgaben|sachkosten|personalkosten|verwaltung\w*|zins\w*|tilgung|"
    r"tarif\w*|arbeitgeber\w*|rabatt|skonto)",
    _F,
)
_FULL_FUNDING = re.compile(
    r"vollfinanzierung\s+ohne|kein(?:e|en)?\s+(?:eigenanteil|eigenmittel)|ohne\s+eigen(?:anteil|mittel)", _F
)
_FUNDER_SHARE = re.compile(
    r"(?:eu|esf\S*|bundes|landes|efre)-?\s*(?:kofinanzierung|anteil|zuschuss)\W+(?:\w+\W+){0,6}$", _F
)
BIG = 10_000_000  # a sum this large without a unit is what a programme spends, not one project


@dataclass(frozen=True)
class AmountTerms:
    """What a call pays, term by term (euro values; ``None`` where the text says nothing)."""

    max_eur: float | None = None  # cap per project (or per applicant, post, site)
    min_eur: float | None = None  # floor per project
    per_year: bool = False  # the per-project cap is a yearly one ("je Projekt und Jahr")
    fixed_eur: float | None = None  # Festbetrag per project
    programme_total_eur: float | None = None  # the whole programme or round
    programme_per_year_eur: float | None = None  # the whole programme per year
    rate_pct: float | None = None  # highest funding rate (Förderquote)
    own_share_pct: float | None = None  # own share asked for, in percent
    own_share_min_eur: float | None = None  # own share asked for, in euro
    full_funding: bool = False  # "Vollfinanzierung", "kein Eigenanteil"
    max_unit: str | None = None  # what the cap is per, as written ("Projekt", "Fachkraftstelle"); None: not said


def _clauses(text: str) -> list[tuple[int, int]]:
    bounds = [0] + [m.end() for m in _CLAUSE_END.finditer(text)] + [len(text)]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]


@dataclass
class _Sum:
    start: int
    end: int
    low: float | None
    value: float


def _sums(text: str) -> list[_Sum]:
    found: list[_Sum] = []
    for m in _SUM.finditer(text):
        scale = m.group(5)
        kilo = m.group("cur").strip().lower() in ("t€", "k€")
        value = _to_float(m.group(3), m.group(4), scale) * (1000 if kilo else 1)
        low = None
        if m.group(1):
            low = _to_float(m.group(1), m.group(2), scale) * (1000 if kilo else 1)
        found.append(_Sum(m.start(), m.end(), low, value))
    taken = [(s.start, s.end) for s in found]
    for m in _PREFIX_SUM.finditer(text):
        if not any(a <= m.start() < b for a, b in taken):
            found.append(_Sum(m.start(), m.end(), None, _to_float(m.group(1), m.group(2), m.group(3))))
    found.sort(key=lambda s: s.start)
    return [s for s in found if s.value > 0]


def read_amount(text: str | None) -> AmountTerms:
    """Read a German amount text into separate terms (see the module docstring)."""
    text = str(text or "").replace("\u00a0", " ").replace("\u00ad", "")[:MAX_CHARS]
    if not text.strip():
        return AmountTerms()
    clauses = _clauses(text)
    caps: list[float] = []
    floors: list[float] = []
    plain: list[float] = []
    fixed: list[float] = []
    per_year_caps: list[float] = []
    totals: list[float] = []
    totals_per_year: list[float] = []
    own_eur: list[float] = []
    yearly_plain: list[float] = []
    units: dict[float, str] = {}
    sums = _sums(text)
    ci = 0
    for i, s in enumerate(sums):
        while ci + 1 < len(clauses) and s.start >= clauses[ci][1]:
            ci += 1
        c_start, c_end = clauses[ci]
        prev_end = sums[i - 1].end if i and sums[i - 1].end > c_start else c_start
        next_start = sums[i + 1].start if i + 1 < len(sums) and sums[i + 1].start < c_end else c_end
        before = text[max(prev_end, s.start - 80) : s.start]
        after = text[s.end : min(next_start, s.end + 60)]
        if _SKIP.search(before) or _SKIP_AFTER.match(after):
            continue
        unit = _UNIT_AFTER.match(after)
        if unit and _PER_PERSON.match(unit.group(1)):
            continue  # a flat rate per person or month is no cap of the project
        programme_unit = bool(unit and _PROGRAMME_UNIT.search(unit.group(1)))
        if programme_unit:
            unit = None
        yearly = bool(_YEAR_AFTER.match(after) or _YEAR_BEFORE.search(before))
        if _OWN.search(before) or _OWN_AFTER.match(after):
            own_eur.append(s.low or s.value)
            continue
        capped = bool(_CAP.search(before)) and not _STRONG_TOTAL_BEFORE.search(before)
        if not unit and (
            programme_unit or (_TOTAL.search(before) and not capped) or _TOTAL_AFTER.match(after) or s.value >= BIG
        ):
            (totals_per_year if yearly else totals).append(s.value)
            continue
        # a sum in brackets is a side note ("ausnahmsweise bis 1.000 €", "2019: 3 Mio. €"), not the cap
        if text.count("(", c_start, s.start) > text.count(")", c_start, s.start) and not _FIXED.search(before):
            continue
        if unit:
            words = unit.group(1).split()
            units[s.value] = next((w for w in words if w[:1].isupper()), words[0])  # "eine halbe Stelle": Stelle
        if _FIXED.search(before):
            # "Festbetrag bis 57.000 Euro" is a cap paid as a fixed sum; "Festbetrag 1.000 Euro" is exact
            (caps if _CAP.search(before) else fixed).append(s.value)
            continue
        if s.low is not None:
            if s.low > 0:  # "0–1 T€" caps without a floor
                floors.append(s.low)
            caps.append(s.value)
        elif _FLOOR.search(before) or _FLOOR_AFTER.match(text[s.end : s.end + 20]):
            floors.append(s.value)
            continue
        elif _CAP.search(before):
            caps.append(s.value)
        else:
            if yearly and not unit:
                yearly_plain.append(s.value)  # decided below: the programme's or the project's year
                continue
            plain.append(s.value)
        if yearly:
            per_year_caps.append(s.value)
    own_pct, rate_pct = _percents(text)
    if caps or plain or fixed or floors:
        totals_per_year += yearly_plain  # "84.000 € pro Jahr" beside a cap per project: the programme's year
    else:
        plain += yearly_plain  # "40.000 Euro pro Jahr" alone: what a project gets a year
        per_year_caps += yearly_plain
    per_project = caps + plain + fixed  # a sum in brackets ("side") is never the call's cap
    max_eur = max(per_project) if per_project else None
    min_eur = min(floors) if floors else None
    if min_eur is None and len(per_project) == 1 and not caps and plain:
        min_eur = plain[0]  # one stated sum: that is what the project gets
    if min_eur is not None and max_eur is not None and min_eur > max_eur:
        min_eur, max_eur = max_eur, min_eur
    return AmountTerms(
        max_eur=max_eur,
        min_eur=min_eur,
        per_year=max_eur is not None and max_eur in per_year_caps,
        fixed_eur=max(fixed) if fixed else None,
        programme_total_eur=max(totals) if totals else None,
        programme_per_year_eur=max(totals_per_year) if totals_per_year else None,
        rate_pct=rate_pct,
        own_share_pct=own_pct,
        own_share_min_eur=min(own_eur) if own_eur else None,
        full_funding=bool(_FULL_FUNDING.search(text)),
        max_unit=units.get(max_eur) if max_eur is not None else None,
    )


def _percents(text: str) -> tuple[float | None, float | None]:
    """(own share, highest funding rate) from the percentages of the text."""
    own: list[float] = []
    rates: list[float] = []
    plain: list[float] = []
    for m in _PERCENT.finditer(text):
        pct = float(m.group(1).replace(",", "."))
        if not 0 < pct <= 100:
            continue
        before = text[max(0, m.start() - 50) : m.start()]
        before = before[max(before.rfind(";"), before.rfind("\n")) + 1 :]
        after = text[m.end() : m.end() + 40]
        if _SKIP.search(before):
            continue
        if _FUNDER_SHARE.search(before):
            rates.append(pct)  # "EU-Kofinanzierung 70 %" is what the funder pays
        elif _OWN.search(before) or _OWN_AFTER.match(after):
            own.append(pct)
        elif _NOT_RATE.search(re.split(r"[,;(]", after[:25])[0]) or _NOT_RATE.search(
            re.split(r"[,;)]", before[-25:])[-1]
        ):
            continue
        elif _RATE_AFTER.match(after) or _RATE_BEFORE.search(before):
            rates.append(pct)
        else:
            plain.append(pct)
    # "bis zu 75 Prozent (Kommunen) bzw. 90 Prozent (freie Träger)": a rate list goes on
    rate = max(rates + plain) if rates else (plain[0] if plain else None)
    return (min(own) if own else None), rate


@lru_cache(maxsize=4096)
def amount_terms(text: str | None) -> AmountTerms:
    """``read_amount`` with a cache: the same texts are read for every ranking and draft."""
    return read_amount(text)


def stored_fields(text: str | None) -> dict:
    """The four numbers the store keeps beside the text (cap and floor per project, rate, own share)."""
    terms = read_amount(text)
    return {
        "min_eur": terms.min_eur,
        "max_eur": terms.max_eur,
        "rate_pct": terms.rate_pct,
        "own_share_pct": terms.own_share_pct,
    }
