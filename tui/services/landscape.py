"""The landscape screen's numbers: how the calls open to one Land split up, in German labels."""

from __future__ import annotations

from dataclasses import dataclass

from corpus.labels import ADDRESSEE_DE, FUNDING_FORM_DE, LEVEL_DE, Addressee, FundingForm, Level
from corpus.model import FundingCall


@dataclass
class Landscape:
    """How the calls open to one Land split up (DESIGN: the "zweigeteilte Förderkulisse")."""

    land: str
    total: int
    labelled: int
    co_steering: int
    by_addressee: list[tuple[str, int]]
    by_level: list[tuple[str, int, int]]  # (level, calls, of which co-steering)
    by_form: list[tuple[str, int]]
    money: list[tuple[str, float]]  # stated maximum euro per money category


MONEY_DE = {"projekt": "für Projektarbeit", "steuerung": "für Koordination, Steuerung, Strukturen"}


def landscape(calls: list[FundingCall], land: str) -> Landscape:
    """The report's counts (matcher.landscape) over calls open to ``land``, in German labels."""
    from matcher.landscape import landscape as _landscape

    ls = _landscape(calls, land=land)
    o = ls.overall
    addressee = [(ADDRESSEE_DE[a], o.by_addressee.get(a.value, 0)) for a in Addressee if o.by_addressee.get(a.value)]
    return Landscape(
        land=land,
        total=o.total,
        labelled=o.total - ls.unlabelled,
        co_steering=o.co_steering,
        by_addressee=addressee,
        by_level=[(LEVEL_DE[Level(k)], v.total, v.co_steering) for k, v in ls.by_level.items()],
        by_form=[(FUNDING_FORM_DE[f], o.by_form.get(f.value, 0)) for f in FundingForm if o.by_form.get(f.value)],
        money=[(MONEY_DE.get(k, k), float(v)) for k, v in o.money.items() if v],
    )
