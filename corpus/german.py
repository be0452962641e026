"""Parsers for typed euro values and German applicant lists (deadline texts: ``corpus.deadlines``,
amount texts: ``corpus.amounts``).

Shared by the importer, the crawler's loaders and the draft answers. Every function returns a
value or a "don't know" value; none raises on odd text.
"""

from __future__ import annotations

import re

from corpus import vocabulary
from corpus.labels import ApplicantType

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

# The applicant-type words (``corpus.vocabulary.APPLICANT_TYPES``), compiled once: applicant lists
# read the words of each type and its wider words, a named actor (the classifier) only the former.
APPLICANT_RES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile("|".join(p for p in (names, wider) if p), re.IGNORECASE))
    for kind, names, wider in vocabulary.APPLICANT_TYPES
)
APPLICANT_NAME_RES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(names, re.IGNORECASE)) for kind, names, _ in vocabulary.APPLICANT_TYPES
)
_TYPE_ORDER = [t.value for t in ApplicantType]


def applicant_type(term: str) -> str | None:
    """The applicant type one named actor is ("Kulturvereine" → verein), the first in the list's
    order; None for a word that names only a side ("Organisationen", "gemeinnützige Träger")."""
    return next((kind for kind, rx in APPLICANT_NAME_RES if rx.search(term)), None)


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
    found = {kind for kind, rx in APPLICANT_RES if rx.search(masked)}
    return [t for t in _TYPE_ORDER if t in found]
