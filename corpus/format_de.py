"""German formatting for people: dates, euros, numbers, percentages and label names.

One place for what used to be hand-rolled in eight files (``f"{x:,.0f}".replace(",", ".")``,
``strftime("%d.%m.%Y")``). Every function takes ``None`` and gives ``MISSING`` ("–"), so a
missing value is visible instead of raising or printing "None".

    date_de(date(2027, 6, 1))        '01.06.2027'
    euro(84000)                      '84.000 €'
    euro(12500, cents=True)          '12.500,00 €'
    euro(1234.5)                     '1.234,50 €'   (cents only when there are any)
    number(1234567.891, 2)           '1.234.567,89'
    percent(7.5, 1)                  '7,5 %'
    label(Level.stiftung)            'Stiftung/Lotterie'
"""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum

from corpus.labels import (
    ADDRESSEE_DE,
    ADDRESSEE_SHORT_DE,
    APPLICANT_DE,
    CO_STEERING_BAND_DE,
    FUNDING_FORM_DE,
    LEVEL_DE,
    REGIONS,
    STATUS_DE,
    STEERING_LEVEL_DE,
    STEERING_LEVEL_SHORT_DE,
)

MISSING = "–"  # what a missing value looks like (en dash, as the TUI always showed it)

# keyed by (enum class, value): the labels are str enums, so Level.kommune == Addressee.kommune
_LONG = {
    (type(member), member.value): name
    for names in (
        ADDRESSEE_DE,
        APPLICANT_DE,
        CO_STEERING_BAND_DE,
        FUNDING_FORM_DE,
        LEVEL_DE,
        STATUS_DE,
        STEERING_LEVEL_DE,
    )
    for member, name in names.items()
}
_SHORT = {
    (type(m), m.value): name for names in (ADDRESSEE_SHORT_DE, STEERING_LEVEL_SHORT_DE) for m, name in names.items()
}


def date_de(value: date | datetime | None, *, time: bool = False) -> str:
    """TT.MM.JJJJ (with ``time``: TT.MM.JJJJ HH:MM); ``None`` → "–"."""
    if value is None:
        return MISSING
    if time:
        return value.strftime("%d.%m.%Y %H:%M")
    return value.strftime("%d.%m.%Y")


def number(value: float | None, decimals: int = 0, *, grouping: bool = True) -> str:
    """1.234.567,89: a dot between thousands (unless ``grouping`` is off), a decimal comma.

    Rounds like Python's format (half to even on the binary value): ``number(2.5)`` is "2".
    """
    if value is None:
        return MISSING
    text = f"{value:,.{decimals}f}" if grouping else f"{value:.{decimals}f}"
    # swap the two separators in one pass: "," (thousands) ↔ "." (decimal)
    return text.translate(_SWAP)


_SWAP = str.maketrans({",": ".", ".": ","})


def euro(value: float | None, *, cents: bool | None = None) -> str:
    """84.000 € – with cents (1.234,50 €) when ``cents`` is true, or, by default, when there are any.

    ``cents=False`` rounds to whole euros (the report's sums of caps).
    """
    if value is None:
        return MISSING
    if cents is None:
        cents = round(value, 2) != round(value)
    return f"{number(value, 2 if cents else 0)} €"


def percent(value: float | None, decimals: int = 0) -> str:
    """80 % – at most ``decimals`` places, a trailing ",0" dropped (7,5 %, 10 %)."""
    if value is None:
        return MISSING
    text = number(value, decimals, grouping=False)
    if decimals and "," in text:
        text = text.rstrip("0").rstrip(",")
    return f"{text} %"


def share(part: float, whole: float) -> str:
    """``part`` as a whole-number percentage of ``whole``; 0 % when ``whole`` is 0."""
    return percent(100.0 * part / whole if whole else 0)


def label(value: Enum | str | None, *, short: bool = False) -> str:
    """The German name of a label (level, addressee, steering level, funding form, applicant,
    status, co-steering band) or of a region code; ``short`` for tables where one exists.
    Unknown values come back as written."""
    if value is None:
        return MISSING
    if isinstance(value, Enum):
        key = (type(value), value.value)
        if short and key in _SHORT:
            return _SHORT[key]
        return _LONG.get(key, str(value.value))
    return REGIONS.get(value, value)
