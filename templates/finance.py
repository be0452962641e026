"""The Finanzierungsplan: totals, shares, and checks against what the call allows.

Definitions (as most Zuwendungsgeber use them):
    Gesamtausgaben        = Personalkosten + Sachkosten + Gemeinkosten
    beantragte Förderung  = Gesamtausgaben − Eigenanteil − Drittmittel
    Eigenanteil in %      = Eigenanteil / Gesamtausgaben × 100
    Förderquote in %      = beantragte Förderung / Gesamtausgaben × 100
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date

from corpus.amounts import AmountTerms
from corpus.format_de import euro, percent
from corpus.model import Amount

EXPENSES = ("personalkosten", "sachkosten", "gemeinkosten")
FUNDS = ("eigenanteil", "drittmittel")


def format_eur(value: float) -> str:
    """A sum in the Finanzierungsplan: always with cents, 12.500,00 € (corpus.format_de)."""
    return euro(value, cents=True)


def format_pct(value: float) -> str:
    """A share in the Finanzierungsplan: one decimal only when needed, 10 %, 7,5 %."""
    return percent(value, 1)


@dataclass
class FinanceResult:
    computed: dict[str, float] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)  # input field names without a value
    warnings: list[str] = field(default_factory=list)


_DAY = re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)")


def project_years(laufzeit: str | None) -> int | None:
    """Whole years a project runs ("01.01.2027 – 31.12.2028" → 2), or None when not readable."""
    days = []
    for m in _DAY.finditer(str(laufzeit or "")[:500]):
        try:
            days.append(date(int(m.group(3)), int(m.group(2)), int(m.group(1))))
        except ValueError:
            continue
    if len(days) < 2 or days[-1] <= days[0]:
        return None
    return max(1, math.ceil(((days[-1] - days[0]).days + 1) / 366))


def check_request(
    requested: float,
    total: float,
    own: float | None,
    amount: Amount | AmountTerms,
    own_funds_eur: float | None,
    years: int | None = None,
) -> list[str]:
    """German warnings where the request breaks what the call states (only where it states it).

    ``amount`` is best the call's ``AmountTerms``: its cap is per project (a yearly one counts
    once per year of ``years``), the programme's total is a ceiling of its own, and an own share
    may be asked in euro. A bare stored ``Amount`` is checked by its four numbers.
    """
    warnings: list[str] = []
    if requested <= 0:
        warnings.append(
            "Eigenanteil und Drittmittel decken die Gesamtausgaben bereits; es bleibt keine Förderung zu beantragen."
        )
        return warnings
    per_year = getattr(amount, "per_year", False)
    if amount.max_eur:
        per = getattr(amount, "max_unit", None) or "Projekt"  # the call's own word: Projekt, Vorhaben, Stelle …
        cap, unit = amount.max_eur, f" je {per}"
        if per_year:
            cap, unit = amount.max_eur * (years or 1), f" je {per} und Jahr"
            if years and years > 1:
                unit += f" ({years} Jahre Laufzeit: {format_eur(cap)})"
        if "stelle" in per.lower():
            unit += " – bei mehreren Stellen gilt der Betrag je Stelle"
        if requested > cap + 0.005:
            warnings.append(
                f"Beantragte Förderung {format_eur(requested)} übersteigt den Höchstbetrag des Aufrufs "
                f"von {format_eur(amount.max_eur)}{unit}"
            )
    programme = getattr(amount, "programme_total_eur", None)
    if programme and requested > programme + 0.005:
        warnings.append(
            f"Beantragte Förderung {format_eur(requested)} übersteigt das gesamte Programmvolumen "
            f"von {format_eur(programme)}"
        )
    fixed = getattr(amount, "fixed_eur", None)
    if fixed and abs(requested - fixed) > 0.005 and not per_year:
        warnings.append(
            f"Der Aufruf fördert mit einem Festbetrag von {format_eur(fixed)}; beantragt sind {format_eur(requested)}"
        )
    if amount.min_eur and requested < amount.min_eur - 0.005:
        warnings.append(
            f"Beantragte Förderung {format_eur(requested)} liegt unter dem Mindestbetrag des Aufrufs "
            f"von {format_eur(amount.min_eur)}"
        )
    if total > 0:
        rate = requested / total * 100
        if amount.rate_pct and rate > amount.rate_pct + 0.05:
            warnings.append(
                f"Förderquote {format_pct(rate)} liegt über der höchstens möglichen Förderquote "
                f"von {format_pct(amount.rate_pct)}"
            )
        own_pct = (own if own is not None else total - requested) / total * 100
        if amount.own_share_pct and own_pct < amount.own_share_pct - 0.05:
            warnings.append(
                f"Eigenanteil {format_pct(own_pct)} liegt unter dem geforderten Eigenanteil "
                f"von {format_pct(amount.own_share_pct)}"
            )
    own_min = getattr(amount, "own_share_min_eur", None)
    own_eur = own if own is not None else total - requested
    if own_min and own_eur < own_min - 0.005:
        warnings.append(
            f"Eigenanteil {format_eur(own_eur)} liegt unter dem geforderten Mindest-Eigenanteil "
            f"von {format_eur(own_min)}"
        )
    if own and own_funds_eur and own > own_funds_eur + 0.005:
        warnings.append(
            f"Eigenanteil {format_eur(own)} übersteigt die im Profil genannten Eigenmittel des Verbunds "
            f"von {format_eur(own_funds_eur)} pro Jahr"
        )
    return warnings


def finance_plan(
    values: dict[str, float | None], amount: Amount | AmountTerms, own_funds_eur: float | None, years: int | None = None
) -> FinanceResult:
    """Totals of the full plan; nothing is computed while a required input is missing."""
    result = FinanceResult(missing=[n for n in EXPENSES + FUNDS if values.get(n) is None])
    if result.missing:
        return result
    total = sum(values[n] for n in EXPENSES)
    own, third = values["eigenanteil"], values["drittmittel"]
    requested = total - own - third
    result.computed = {
        "gesamtausgaben": total,
        "gesamtfinanzierung": own + third + requested,
        "beantragte_foerderung": requested,
    }
    if total > 0:
        result.computed["eigenanteil_quote"] = own / total * 100
        result.computed["foerderquote"] = requested / total * 100
        result.warnings = check_request(requested, total, own, amount, own_funds_eur, years)
    else:
        result.warnings.append("Die Gesamtausgaben sind 0 €; bitte Personal- und Sachkosten angeben.")
    return result


def finance_frame(
    values: dict[str, float | None], amount: Amount | AmountTerms, years: int | None = None
) -> FinanceResult:
    """The two estimates of a Projektskizze, checked like a full plan."""
    result = FinanceResult(
        missing=[n for n in ("gesamtkosten_geschaetzt", "foerderung_geschaetzt") if values.get(n) is None]
    )
    if result.missing:
        return result
    total, requested = values["gesamtkosten_geschaetzt"], values["foerderung_geschaetzt"]
    if total > 0:
        result.computed["foerderquote_geschaetzt"] = requested / total * 100
        result.warnings = check_request(requested, total, None, amount, None, years)
    if requested > total:
        result.warnings.append("Die beantragte Förderung ist höher als die geschätzten Gesamtkosten.")
    return result
