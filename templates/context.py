"""The render context of a draft: values from the profile, the call and the user's answers.

Every value reaches the document as a docxtpl ``RichText`` (placed with ``{{r name }}``), so
escaping happens in one place and a gap can carry its yellow highlight. Crawled and typed text
is cleaned of characters XML 1.0 forbids; multi-line text becomes real paragraphs (``\\a``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from html import escape
from typing import Any

from docxtpl import RichText

from corpus.deadlines import ABGELAUFEN, LAUFEND, OFFEN, state_of
from corpus.format_de import date_de
from corpus.german import parse_euro
from corpus.labels import ADDRESSEE_DE, FUNDING_FORM_DE, LAENDER, STEERING_LEVEL_DE
from corpus.model import FundingCall
from templates.applicant import applicant_values, municipality_note
from templates.fields import STANDARD_FIELDS, Field
from templates.finance import finance_frame, finance_plan, format_eur, format_pct, project_years
from templates.manifest import Manifest

GAP_PREFIX = "[[ bitte ergänzen: "
PLACEMENT_DE = {
    1: "Typ I – symbolisch-kooperativ (Projektpartnerschaft auf Zeit)",
    2: "Typ II – strukturell-kooperativ (institutionalisierte Partnerschaft)",
    3: "Typ III – Steuerung auf Augenhöhe (strategische Ko-Steuerung)",
}
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
# possessive spaces: "1" and 10,000 spaces took seconds (each split between the \s* was tried)
_PERCENT = re.compile(r"\s*+(\d{1,3}(?:,\d++)?|\d{1,3}(?:\.\d++)?)\s*+(?:%|prozent)?\s*+", re.IGNORECASE)


class Marker(RichText):
    """A highlighted run: a gap the user must fill (yellow) or an open computed value."""

    def __init__(self, text: str, highlight: str = "yellow"):
        super().__init__()
        # RichText's own ``highlight`` writes cell shading; Word's real text highlight is w:highlight
        self.xml = (
            f'<w:r><w:rPr><w:b/><w:highlight w:val="{highlight}"/></w:rPr>'
            f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
        )


def gap_marker(label: str) -> Marker:
    return Marker(f"{GAP_PREFIX}{label} ]]")


def clean_text(value: Any, *, multiline: bool) -> str:
    """Text safe for WordprocessingML; paragraphs split on blank lines become ``\\a``."""
    text = _XML_BAD.sub("", str(value).replace("\r\n", "\n").replace("\r", "\n")).replace("\t", " ")
    if not multiline:
        return " ".join(text.split())
    paragraphs = ["\n".join(" ".join(line.split()) for line in p.split("\n")) for p in re.split(r"\n\s*\n", text)]
    return "\a".join(p for p in paragraphs if p.strip())


@dataclass
class DraftContext:
    """What a render needs and what it tells the user afterwards."""

    context: dict[str, Any]
    gaps: list[str] = field(default_factory=list)  # German labels of required fields left open
    optional_open: list[str] = field(default_factory=list)
    defaults_used: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# --- values from the sources -------------------------------------------------------------


def _nonempty(value: Any) -> Any:
    if value is None or value == "" or value == [] or value == 0:
        return None
    return value


def reflow(text: str) -> str:
    """Paragraphs at blank lines, the lines inside one joined: a TOML file breaks lines for the
    editor, Word should set the paragraph itself."""
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", str(text).replace("\r\n", "\n"))]
    return "\n\n".join(p for p in paragraphs if p)


def profile_values(profile: Mapping[str, Any], municipality_applies: bool = False) -> dict[str, Any]:
    partners = [p for p in profile.get("municipal_partners") or [] if str(p).strip()]
    municipality = profile.get("municipality") or ""
    non_profit = profile.get("non_profit")
    kommune = partners[0] if partners else (f"Stadt {municipality}" if municipality else None)
    return applicant_values(profile, kommune, municipality_applies) | {
        "verbund_name": _nonempty(profile.get("name")),
        "verbund_rechtsform": _nonempty(profile.get("legal_form")),
        "verbund_sitz": _nonempty(municipality),
        "verbund_land": LAENDER.get(str(profile.get("land") or "").upper()),
        "verbund_gemeinnuetzig": None
        if non_profit is None
        else ("als gemeinnützig anerkannt" if non_profit else "nicht als gemeinnützig anerkannt"),
        "verbund_mitgliedsorganisationen": _nonempty(profile.get("member_organisations")),
        "verbund_gruendungsjahr": _nonempty(profile.get("founded")),
        "verbund_handlungsfelder": _nonempty(list(profile.get("fields_of_action") or [])),
        "verbund_zielgruppen": _nonempty(list(profile.get("target_groups") or [])),
        "verbund_kommunale_partner": _nonempty(partners),
        "kommune_partner": kommune,
        "verbund_eigenmittel": _nonempty(profile.get("own_funds_eur")),
        "verbund_personal": _nonempty(profile.get("staff")),
        "verbund_selbstbeschreibung": _nonempty(reflow(profile.get("self_description") or "")),
        "platzierung_aktuell": PLACEMENT_DE.get(profile.get("placement_current")),
        "platzierung_ziel": PLACEMENT_DE.get(profile.get("placement_goal")),
    }


def deadline_text(call: FundingCall, today: date) -> tuple[str | None, str | None]:
    """The deadline to cite, and a warning when the call is closed (``corpus.deadlines`` decides)."""
    state = state_of(call, today)
    written = call.deadlines.text or None
    if state.status == OFFEN and state.deadline:
        text = date_de(state.deadline)
        if state.opens and state.opens > today:
            text += f" (Bewerbung ab {date_de(state.opens)})"
        return text, None
    if state.status == OFFEN and state.opens:
        return f"Bewerbung ab {date_de(state.opens)}", None
    if state.status == LAUFEND:
        return "laufend (Anträge jederzeit möglich)", None
    if state.status == ABGELAUFEN:
        if state.last:
            last = date_de(state.last)
            return f"{last} (abgelaufen)", f"Die letzte Frist des Aufrufs ({last}) ist abgelaufen."
        return (
            f"{written} (abgelaufen)" if written else "abgelaufen"
        ), "Laut Fristangabe ist der Aufruf abgeschlossen; vor dem Antrag prüfen, ob eine neue Runde offen ist."
    return written, None


def call_values(call: FundingCall, today: date) -> tuple[dict[str, Any], list[str]]:
    frist, warning = deadline_text(call, today)
    labels = call.labels
    einordnung = None
    if labels is not None:
        einordnung = (
            f"{ADDRESSEE_DE.get(labels.addressee, labels.addressee)}; Ebene: "
            f"{STEERING_LEVEL_DE.get(labels.steering_level, labels.steering_level)}; "
            f"Platzierungstyp {'I' * labels.placement_type}"
        )
    terms = call.amount_terms  # per project, per year and programme money told apart (corpus.amounts)
    notes = [warning] if warning else []
    programme = terms.programme_per_year_eur or terms.programme_total_eur
    unit = terms.max_unit or "Projekt"
    if programme and terms.max_eur:
        per = " pro Jahr" if terms.programme_per_year_eur else " insgesamt"
        notes.append(
            f"Der Aufruf nennt {format_eur(programme)}{per} für das ganze Programm; je {unit} gilt "
            f"höchstens {format_eur(terms.max_eur)}{' pro Jahr' if terms.per_year else ''}."
        )
    elif terms.per_year and terms.max_eur:
        notes.append(f"Der Höchstbetrag von {format_eur(terms.max_eur)} gilt je {unit} und Jahr.")
    values = {
        "aufruf_titel": call.title,
        "aufruf_foerderer": _nonempty(call.funder),
        "aufruf_frist": frist,
        "aufruf_url": _nonempty(call.url),
        "aufruf_kennung": call.id,
        "aufruf_foerderumfang": _nonempty(call.amount.text),
        "aufruf_hoechstbetrag": terms.max_eur,
        "aufruf_foerderquote": terms.rate_pct,
        "aufruf_eigenanteil": terms.own_share_pct,
        "aufruf_einordnung": einordnung,
    }
    return values, notes


# --- answers -----------------------------------------------------------------------------


def parse_answer(f: Field, raw: Any) -> tuple[Any, str | None]:
    """A typed value from TOML or a ``key=value`` string; None and a German warning if unusable."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, None
    if f.kind in ("eur", "pct", "int"):
        if isinstance(raw, bool):
            return None, f"{f.label}: „{raw}“ ist keine Zahl."
        if isinstance(raw, (int, float)):
            number = float(raw)
        elif f.kind == "pct":
            m = _PERCENT.fullmatch(str(raw))
            number = float(m.group(1).replace(",", ".")) if m else None
        else:
            number = parse_euro(str(raw))
        if number is None or number < 0:
            what = "Eurobetrag" if f.kind == "eur" else "Prozentwert" if f.kind == "pct" else "Zahl"
            return None, f"{f.label}: „{clean_text(raw, multiline=False)[:60]}“ ist kein gültiger {what}."
        return (int(number) if f.kind == "int" else number), None
    if f.kind == "list":
        items = raw if isinstance(raw, list) else re.split(r"\n|;", str(raw))
        return [s for s in (str(i).strip() for i in items) if s] or None, None
    if isinstance(raw, list):
        raw = "\n".join(str(i) for i in raw)
    return str(raw), None


# --- display -----------------------------------------------------------------------------


def display(f: Field, value: Any) -> RichText:
    if f.kind == "eur":
        return RichText(format_eur(float(value)))
    if f.kind == "pct":
        return RichText(format_pct(float(value)))
    if f.kind == "list":
        return RichText("\a".join(clean_text(v, multiline=False) for v in value))
    return RichText(clean_text(value, multiline=f.kind == "multiline"))


_OPTIONAL_DE = {"call": "im Aufruf nicht genannt", "profile": "im Profil nicht angegeben"}


def _open_optional(f: Field) -> RichText:
    if f.omit_if_empty:
        return RichText("")
    return RichText(_OPTIONAL_DE.get(f.source, "keine Angabe"), color="808080", italic=True)


def build_context(
    fields: Iterable[Field],
    call: FundingCall,
    profile: Mapping[str, Any],
    answers: Mapping[str, Any],
    today: date,
    *,
    manifest: Manifest,
    used: set[str] | None = None,
    known_names: frozenset[str] = frozenset(),
    municipality_applies: bool = False,
) -> DraftContext:
    """Resolve every field (answer > profile/call > manifest default) and mark what stays open.

    ``used`` names the variables the template really contains; only those count as gaps.
    ``known_names`` are fields of other templates: answering them here is no typo, so no warning.
    ``municipality_applies``: only the municipality may apply – it is named as applicant, the Verbund as partner.
    """
    fields = {f.name: f for f in (*STANDARD_FIELDS, *manifest.all_fields(), *fields)}
    sources = profile_values(profile, municipality_applies)
    call_vals, warnings = call_values(call, today)
    if municipality_applies and sources.get("kommune_partner"):
        warnings.append(municipality_note(sources["kommune_partner"], sources.get("verbund_name") or "der Verbund"))
    sources.update(call_vals)
    sources["datum"] = date_de(today)

    values: dict[str, Any] = {}
    defaults_used: list[str] = []
    input_problems: list[str] = []  # about the answers: told to the user, not written into the document
    for name, f in fields.items():
        value = sources.get(name)
        if f.source == "computed":
            if value is not None:  # "datum"; the financial figures are computed below
                values[name] = value
            continue
        if name in answers:
            answered, problem = parse_answer(f, answers[name])
            if problem:
                input_problems.append(problem)
            value = answered if answered is not None else value
        if value is None and f.default is not None:
            value, _ = parse_answer(f, f.default)
            if f.kind not in ("eur", "pct", "int"):  # a zero default is a fact, a wording is a suggestion
                defaults_used.append(f.label)
        values[name] = value
    for name in answers:
        if name not in fields and name not in known_names:
            input_problems.append(
                f"Die Angabe „{clean_text(name, multiline=False)[:60]}“ gehört zu keinem Feld dieser "
                "Vorlage und wurde nicht verwendet."
            )

    computed_missing: dict[str, list[str]] = {}
    own_funds = values.get("verbund_eigenmittel")
    for group, compute, outputs in (
        (
            "finanzplan",
            lambda: finance_plan(values, call.amount_terms, own_funds, project_years(values.get("laufzeit"))),
            ("gesamtausgaben", "gesamtfinanzierung", "beantragte_foerderung", "eigenanteil_quote", "foerderquote"),
        ),
        (
            "finanzrahmen",
            lambda: finance_frame(values, call.amount_terms, project_years(values.get("laufzeit"))),
            ("foerderquote_geschaetzt",),
        ),
    ):
        if group not in manifest.groups:
            continue
        result = compute()
        values.update(result.computed)
        warnings.extend(result.warnings)
        for out in outputs:
            if out not in result.computed:
                computed_missing[out] = [fields[m].label for m in result.missing] or ["Gesamtausgaben"]

    if manifest.expects_co_steering and call.labels is not None and not call.labels.co_steering:
        warnings.append(
            "Der Aufruf ist nicht als Ko-Steuerung eingeordnet; die Vereinbarung wird vom Aufruf "
            "vermutlich nicht verlangt, kann die Zusammenarbeit aber trotzdem festhalten."
        )
    if call.labels is not None and call.labels.funding_form.value in manifest.unsuitable_funding_forms:
        warnings.append(
            f"Der Aufruf ist als „{FUNDING_FORM_DE[call.labels.funding_form]}“ eingeordnet; "
            f"die Vorlage „{manifest.title}“ passt dazu womöglich nicht."
        )

    context: dict[str, Any] = {}
    gaps: list[str] = []
    optional_open: list[str] = []
    for name, f in fields.items():
        value = values.get(name)
        counts = used is None or name in used
        if value is not None:
            context[name] = display(f, value)
        elif f.source == "computed":
            context[name] = Marker(f"[[ offen: {f.label} – fehlt: {', '.join(computed_missing.get(name, []))} ]]")
        elif f.required:
            context[name] = gap_marker(f.label)
            if counts:
                gaps.append(f.label)
        else:
            context[name] = _open_optional(f)
            if counts and f.source == "user":
                optional_open.append(f.label)

    hints = [RichText(clean_text(w, multiline=False)) for w in warnings]
    context["pruefhinweise"] = hints
    context["hat_pruefhinweise"] = bool(hints)
    context["ist_ko_steuerung"] = bool(call.labels and call.labels.co_steering)
    context["antrag_durch_kommune"] = bool(municipality_applies and sources.get("kommune_partner"))
    return DraftContext(context, gaps, optional_open, defaults_used, warnings + input_problems)
