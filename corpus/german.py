"""Parsers for the German way of writing amounts and applicant lists (deadlines: ``corpus.deadlines``).

Shared by the importer and the crawler's loaders, so both read "bis zu 50.000 Euro" the same
way. Every function returns a value or a "don't know" value; none raises on odd text.
"""
from __future__ import annotations

import re

# --- amounts -----------------------------------------------------------------------------

# Linear time on any text: a number starts at a digit-run boundary, digit runs and spaces are
# possessive (the next token is never a digit or a space, so giving some back never matched) and
# thousands groups are bounded; before, 4,000 digits in a row took 11 s.
_NUMBER = r"(?<!\d)(\d{1,3}(?:[.\s’']\d{3}){1,5}+|\d++)(?:,(\d++))?"
_SCALE = r"\s*+(mio\.?|millionen|million|mrd\.?|milliarden|tsd\.?|tausend|t€|k€)?"
_CURRENCY = r"\s*+(?:€|eur\b|euro\b)"
_AMOUNT = re.compile(_NUMBER + _SCALE + r"(?=" + _CURRENCY + r"|\s*+t€|\s*+k€)", re.IGNORECASE)
# "5.000 bis 20.000 €", "zwischen 1.000 und 5.000 Euro": the first number has no currency
_RANGE = re.compile(_NUMBER + r"\s*+(?:bis|–|-|und)\s*+" + _NUMBER + _SCALE + _CURRENCY, re.IGNORECASE)
# "EUR 140.000", "€ 5.000": the currency written before the number
_PREFIX_AMOUNT = re.compile(r"(?:€|\beur\b|\beuro\b)\s*+" + _NUMBER + _SCALE, re.IGNORECASE)
_FLOOR = re.compile(r"(mindestens|\bab|\bmin\.|minimum|wenigstens)\s*$", re.IGNORECASE)
_PERCENT = re.compile(r"(\d{1,3}(?:,\d+)?)\s*(?:%|prozent\b)", re.IGNORECASE)
_OWN_SHARE = re.compile(r"(eigenanteil|eigenmittel|eigenbeteiligung|kofinanzierung|eigenleistung)", re.IGNORECASE)
_RATE = re.compile(r"(förderquote|fördersatz|zuschuss|bis zu|max(?:imal)?\.?|höchstens|zuwendung)", re.IGNORECASE)


def _to_float(whole: str, frac: str | None, scale: str | None) -> float:
    value = float(re.sub(r"[.\s’']", "", whole) + ("." + frac if frac else ""))
    scale = (scale or "").lower().rstrip(".")
    if scale in ("mio", "millionen", "million"):
        value *= 1_000_000
    elif scale in ("mrd", "milliarden"):
        value *= 1_000_000_000
    elif scale in ("tsd", "tausend", "t€", "k€"):
        value *= 1_000
    return value


def parse_amount(text: str | None) -> dict:
    """Read an amount text into euro bounds and percentages.

    Returns ``{"min_eur", "max_eur", "rate_pct", "own_share_pct"}`` (each ``None`` when not
    stated). "bis zu 50.000 Euro" gives only a maximum; "5.000 bis 20.000 €" a range; a
    percentage next to "Eigenanteil" is the own share, another one the maximum funding rate.
    """
    result = {"min_eur": None, "max_eur": None, "rate_pct": None, "own_share_pct": None}
    if not text:
        return result
    text = str(text).replace("\u00a0", " ")
    matches = list(_AMOUNT.finditer(text)) + list(_PREFIX_AMOUNT.finditer(text))
    # "mindestens 100.000 Euro", "ab 5.000 €": a lower bound, not a maximum
    floors = [m for m in matches if _FLOOR.search(text[max(0, m.start() - 15): m.start()])]
    values = [_to_float(m.group(1), m.group(2), m.group(3)) for m in matches if m not in floors]
    values = [v for v in values if v > 0]
    floor_values = [v for v in (_to_float(m.group(1), m.group(2), m.group(3)) for m in floors) if v > 0]
    if floor_values:
        result["min_eur"] = min(floor_values)
    for m in _RANGE.finditer(text):
        low = _to_float(m.group(1), m.group(2), m.group(5))
        if 0 < low:
            result["min_eur"] = low if result["min_eur"] is None else min(result["min_eur"], low)
    if values:
        result["max_eur"] = max(values)
        lowered = text.lower()
        is_cap_only = len(values) == 1 and re.search(r"bis zu|bis max|max|höchst|maximal|bis\s+\d", lowered)
        if result["min_eur"] is None and (len(values) > 1 or not is_cap_only):
            result["min_eur"] = min(values)
    if result["min_eur"] is not None and result["max_eur"] is not None and result["min_eur"] > result["max_eur"]:
        # a range written high to low ("20.000–5.000 €") or a floor above the cap: keep both, in order
        result["min_eur"], result["max_eur"] = result["max_eur"], result["min_eur"]
    for m in _PERCENT.finditer(text):
        pct = float(m.group(1).replace(",", "."))
        if not 0 < pct <= 100:
            continue
        window = text[max(0, m.start() - 40): m.start()]
        after = text[m.end(): m.end() + 20]  # "10 % Eigenmittel": the cue may follow
        if _OWN_SHARE.search(window) or _OWN_SHARE.match(after.strip()):
            result["own_share_pct"] = pct if result["own_share_pct"] is None else result["own_share_pct"]
        elif result["rate_pct"] is None:
            result["rate_pct"] = pct
    return result


def parse_euro(text: str) -> float | None:
    """A single euro value typed by a user ("12.500", "12.500,50 €", "1,2 Mio. €") or None."""
    if text is None:
        return None
    m = re.fullmatch(r"\s*" + _NUMBER + _SCALE + r"\s*(?:€|eur|euro)?\s*", str(text), re.IGNORECASE)
    if not m:
        return None
    return _to_float(m.group(1), m.group(2), m.group(3))


# --- applicants --------------------------------------------------------------------------

# Cue words of German applicant lists ("Antragsberechtigt sind gemeinnützige Vereine,
# Kommunen und Migrantenorganisationen") mapped to ApplicantType values. Order does not
# matter; every cue that occurs adds its type once.
_APPLICANT_CUES: tuple[tuple[str, str], ...] = (
    (r"kommun|gemeinde(?!nützig)|landkreis|kreisfreie|städte\b|stadt\b|bezirk|gebietskörperschaft|"
     r"öffentliche einrichtung|körperschaften des öffentlichen rechts|öffentlich-rechtlich|public bod", "kommune"),
    (r"migrant|selbstorganisation|\bmso\b|\bmo\b|neue deutsche organisation|geflüchtetenorganisation|"
     r"menschen mit einwanderungsgeschichte", "mo"),
    (r"verbünde|verbund\b|netzwerk|dachverb|konsorti|zusammenschl|bündnis", "verbund"),
    (r"wohlfahrt|caritas|diakonie|paritätisch|awo\b|arbeiterwohlfahrt|rotes kreuz", "wohlfahrt"),
    (r"verein|verbände|verband\b|vereinigung|gemeinnützig|zivilgesellschaft|stiftungen\b|"
     r"initiative|träger der freien|kirche|religionsgemeinschaft|non-profit|ngo", "verein"),
    (r"bildungsträger|bildungseinrichtung|volkshochschul|\bvhs\b|(?<!hoch)schulen?\b|kita|sprachkurs|"
     r"träger (?:der )?politischen bildung", "bildungstraeger"),
    (r"unternehm|gmbh(?!\w)|betrieb|existenzgründ|selbständig|selbstständig|private company", "unternehmen"),
    (r"hochschul|universit|forschungseinrichtung|wissenschaftliche einrichtung|research", "hochschule"),
    (r"privatperson|einzelperson|natürliche person|bürgerinnen und bürger|individual", "einzelperson"),
)
_APPLICANT_RES = tuple((re.compile(p, re.IGNORECASE), t) for p, t in _APPLICANT_CUES)


def parse_applicants(text: str | None) -> list[str]:
    """Read a German applicant list into ApplicantType values, in a fixed order.

    "gGmbH" counts as a non-profit body (``verein``), not as a business. An empty or unknown
    text gives an empty list: who may apply is then unknown, not guessed.
    """
    if not text:
        return []
    text = str(text).replace("\u00ad", "")
    # a gGmbH is non-profit; mask it before the business cue sees "GmbH"
    masked = re.sub(r"\bg(?:emeinnützige\s+)?GmbH\b", " gemeinnützig ", text, flags=re.IGNORECASE)
    found = {t for rx, t in _APPLICANT_RES if rx.search(masked)}
    order = [t for _, t in _APPLICANT_CUES]
    return [t for t in order if t in found]
