"""The fields a template can use: the standard ones every template gets, and manifest fields.

Template variables are German (``verbund_name``, ``aufruf_titel``) because Verbund staff
write their own templates and read these names in ``docs/drafting.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Source = Literal["profile", "call", "user", "computed"]
Kind = Literal["text", "multiline", "list", "eur", "pct", "int"]

SOURCES: tuple[str, ...] = ("profile", "call", "user", "computed")
KINDS: tuple[str, ...] = ("text", "multiline", "list", "eur", "pct", "int")
SOURCE_DE = {"profile": "Profil", "call": "Aufruf", "user": "Ihre Angabe", "computed": "berechnet"}


@dataclass(frozen=True)
class Field:
    """One value a template shows; ``source`` says who provides it."""

    name: str
    label: str
    help: str = ""
    required: bool = False
    source: Source = "user"
    kind: Kind = "text"
    default: str | None = None  # a suggested wording used when the user gives nothing
    omit_if_empty: bool = False  # optional prose that reads better left out than as "keine Angabe"


def _p(name, label, help="", required=False, kind: Kind = "text") -> Field:
    return Field(name, label, help, required, "profile", kind)


def _c(name, label, help="", required=False, kind: Kind = "text") -> Field:
    return Field(name, label, help, required, "call", kind)


# Every template may use these; context.py fills them from the profile, the call and the date.
STANDARD_FIELDS: tuple[Field, ...] = (
    _p("verbund_name", "Name des Verbunds", "Aus dem Profil (name).", required=True),
    _p("verbund_rechtsform", "Rechtsform", "Aus dem Profil (legal_form).", required=True),
    _p("verbund_sitz", "Sitz (Kommune)", "Aus dem Profil (municipality).", required=True),
    _p("verbund_land", "Bundesland", "Aus dem Profil (land)."),
    _p("verbund_gemeinnuetzig", "Gemeinnützigkeit", "Aus dem Profil (non_profit)."),
    _p("verbund_mitgliedsorganisationen", "Zahl der Mitgliedsorganisationen", "Aus dem Profil.", kind="int"),
    _p("verbund_gruendungsjahr", "Gründungsjahr", "Aus dem Profil (founded)."),
    _p("verbund_handlungsfelder", "Handlungsfelder", "Aus dem Profil (fields_of_action).", kind="list"),
    _p("verbund_zielgruppen", "Zielgruppen", "Aus dem Profil (target_groups).", kind="list"),
    _p("verbund_kommunale_partner", "Kommunale Partner", "Aus dem Profil (municipal_partners).", kind="list"),
    _p(
        "kommune_partner",
        "Kommunaler Partner",
        "Erster kommunaler Partner im Profil, sonst die Sitzkommune.",
        required=True,
    ),
    _p(
        "antragsteller",
        "Antragsteller",
        "Der Verbund, oder die Kommune, wenn nur sie antragsberechtigt ist.",
        required=True,
    ),
    _p("antragsteller_zeile", "Antragsteller mit Sitz", "Antragsteller, Sitz und ggf. der Verbund als Partner."),
    _p("verbund_rolle", "Rolle des Verbunds", "Antragsteller oder Kooperationspartner der Kommune."),
    _p("verbund_eigenmittel", "Eigenmittel des Verbunds pro Jahr", "Aus dem Profil (own_funds_eur).", kind="eur"),
    _p("verbund_personal", "Personal", "Aus dem Profil (staff)."),
    _p(
        "verbund_selbstbeschreibung",
        "Selbstbeschreibung des Verbunds",
        "Aus dem Profil (self_description).",
        required=True,
        kind="multiline",
    ),
    _p("platzierung_aktuell", "Aktueller Platzierungstyp", "Aus dem Profil (placement_current)."),
    _p("platzierung_ziel", "Angestrebter Platzierungstyp", "Aus dem Profil (placement_goal)."),
    _c("aufruf_titel", "Titel des Förderaufrufs", required=True),
    _c("aufruf_foerderer", "Fördergeber", required=True),
    _c("aufruf_frist", "Einreichungsfrist", "Nächste Frist laut Aufruf.", required=True),
    _c("aufruf_url", "Fundstelle (Internetadresse) des Aufrufs", required=True),
    _c("aufruf_kennung", "Kennung des Aufrufs in Kulisse"),
    _c("aufruf_foerderumfang", "Förderumfang laut Aufruf"),
    _c("aufruf_hoechstbetrag", "Höchstbetrag laut Aufruf", kind="eur"),
    _c("aufruf_foerderquote", "Höchste Förderquote laut Aufruf", kind="pct"),
    _c("aufruf_eigenanteil", "Geforderter Eigenanteil laut Aufruf", kind="pct"),
    _c("aufruf_einordnung", "Einordnung des Aufrufs (Kulisse)"),
    Field("datum", "Datum des Entwurfs", source="computed"),
)

# Inputs and results of the Finanzierungsplan; a manifest opts in with ``groups = ["finanzplan"]``.
FINANCE_FIELDS: tuple[Field, ...] = (
    Field(
        "personalkosten",
        "Personalkosten",
        "Summe der Personalausgaben im Förderzeitraum in Euro, z. B. 48.000.",
        required=True,
        kind="eur",
    ),
    Field(
        "sachkosten",
        "Sachkosten",
        "Sachausgaben (Miete, Material, Honorare, Reisen) in Euro.",
        required=True,
        kind="eur",
    ),
    Field(
        "gemeinkosten",
        "Gemeinkosten (Verwaltungspauschale)",
        "Indirekte Ausgaben in Euro; 0, wenn keine.",
        kind="eur",
        default="0",
    ),
    Field(
        "eigenanteil", "Eigenanteil", "Eigenmittel des Verbunds für das Vorhaben in Euro.", required=True, kind="eur"
    ),
    Field("drittmittel", "Drittmittel", "Zuschüsse anderer Geldgeber in Euro; 0, wenn keine.", kind="eur", default="0"),
    Field(
        "finanz_erlaeuterung",
        "Erläuterung zum Finanzierungsplan",
        "Wofür die Mittel gebraucht werden, Stellenumfang, Berechnungsgrundlagen.",
        kind="multiline",
    ),
    Field("gesamtausgaben", "Gesamtausgaben", source="computed", kind="eur"),
    Field("gesamtfinanzierung", "Gesamtfinanzierung", source="computed", kind="eur"),
    Field("beantragte_foerderung", "Beantragte Förderung", source="computed", kind="eur"),
    Field("eigenanteil_quote", "Eigenanteil in Prozent der Gesamtausgaben", source="computed", kind="pct"),
    Field("foerderquote", "Förderquote (beantragte Förderung / Gesamtausgaben)", source="computed", kind="pct"),
)

# The rough frame of a Projektskizze: two estimates, checked against the call like the full plan.
FRAME_FIELDS: tuple[Field, ...] = (
    Field("gesamtkosten_geschaetzt", "Geschätzte Gesamtkosten", "Grobe Schätzung in Euro.", required=True, kind="eur"),
    Field(
        "foerderung_geschaetzt",
        "Voraussichtlich beantragte Förderung",
        "Grobe Schätzung in Euro.",
        required=True,
        kind="eur",
    ),
    Field("foerderquote_geschaetzt", "Voraussichtliche Förderquote", source="computed", kind="pct"),
)

# Who to contact and who signs for the Verbund: the same three answers in every application.
CONTACT_FIELDS: tuple[Field, ...] = (
    Field(
        "ansprechperson", "Ansprechperson", "Name und Funktion, z. B. „Aylin Demir, Geschäftsführung“.", required=True
    ),
    Field("kontakt", "E-Mail und Telefon der Ansprechperson", required=True),
    Field(
        "vertretung_verbund",
        "Vertretungsberechtigte Person des Verbunds",
        "Name und Funktion laut Satzung, z. B. „Dr. Kemal Yıldız, Vorsitzender“.",
        required=True,
    ),
)

GROUPS: dict[str, tuple[Field, ...]] = {
    "kontakt": CONTACT_FIELDS,
    "finanzplan": FINANCE_FIELDS,
    "finanzrahmen": FRAME_FIELDS,
}

# Names the context always provides that are not fields: flags and lists for {% if %} / {% for %}.
FLAGS: dict[str, str] = {
    "ist_ko_steuerung": "wahr, wenn der Aufruf als Ko-Steuerung eingeordnet ist",
    "antrag_durch_kommune": "wahr, wenn nur die Kommune antragsberechtigt ist (sie ist dann Antragsteller)",
    "pruefhinweise": "Liste der Prüfhinweise (z. B. Eigenanteil zu niedrig)",
    "hat_pruefhinweise": "wahr, wenn es Prüfhinweise gibt",
}

STANDARD_BY_NAME = {f.name: f for f in STANDARD_FIELDS}
