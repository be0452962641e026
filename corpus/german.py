"""Parsers for typed euro values and German applicant lists (deadline texts: ``corpus.deadlines``,
amount texts: ``corpus.amounts``).

Shared by the importer, the crawler's loaders and the draft answers. Every function returns a
value or a "don't know" value; none raises on odd text.
"""

from __future__ import annotations

import re

# --- euro values ---------------------------------------------------------------------------

# Linear time on any text: a number starts at a digit-run boundary, digit runs and spaces are
# possessive (the next token is never a digit or a space, so giving some back never matched) and
# thousands groups are bounded; before, 4,000 digits in a row took 11 s.
_NUMBER = r"(?<!\d)(\d{1,3}(?:[.\s’']\d{3}){1,5}+|\d++)(?:,(\d++))?"
_SCALE = r"\s*+(mio\.?|millionen|million|mrd\.?|milliarden|tsd\.?|tausend|t€|k€)?"


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
    """An amount text's stored summary (cap and floor per project, rate, own share): ``corpus.amounts``."""
    from corpus.amounts import stored_fields

    return stored_fields(text)


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
    (
        r"kommun|gemeinde(?!nützig)|landkreis|kreisfreie|städte\b|stadt\b|bezirk|gebietskörperschaft|"
        r"öffentliche einrichtung|körperschaften des öffentlichen rechts|öffentlich-rechtlich|public bod",
        "kommune",
    ),
    (
        r"migrant|selbstorganisation|\bmso\b|\bmo\b|neue deutsche organisation|geflüchtetenorganisation|"
        r"menschen mit einwanderungsgeschichte",
        "mo",
    ),
    (r"verbünde|verbund\b|netzwerk|dachverb|konsorti|zusammenschl|bündnis", "verbund"),
    (r"wohlfahrt|caritas|diakonie|paritätisch|awo\b|arbeiterwohlfahrt|rotes kreuz", "wohlfahrt"),
    (
        r"verein|verbände|verband\b|vereinigung|gemeinnützig|zivilgesellschaft|stiftungen\b|"
        r"initiative|träger der freien|kirche|religionsgemeinschaft|non-profit|ngo",
        "verein",
    ),
    (
        r"bildungsträger|bildungseinrichtung|volkshochschul|\bvhs\b|(?<!hoch)schulen?\b|kita|sprachkurs|"
        r"träger (?:der )?politischen bildung",
        "bildungstraeger",
    ),
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
