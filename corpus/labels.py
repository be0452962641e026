"""Closed vocabularies of Kulisse, in one place (the CLI, the classifier and the report share them)."""

from __future__ import annotations

from enum import Enum


class Level(str, Enum):
    bund = "bund"
    land = "land"
    eu = "eu"
    stiftung = "stiftung"
    kommune = "kommune"


class Addressee(str, Enum):
    kommune = "kommune"
    mo = "mo"
    beide_praxis = "beide_praxis"
    ko_steuerung = "ko_steuerung"
    andere = "andere"
    unbekannt = "unbekannt"  # the text does not say who may apply


class SteeringLevel(str, Enum):
    praxis = "praxis"
    koordination = "koordination"
    strategie = "strategie"


class FundingForm(str, Enum):
    projekt = "projekt"
    teil_institutionell = "teil_institutionell"
    institutionell = "institutionell"
    struktur = "struktur"
    preis = "preis"
    darlehen = "darlehen"


class CoSteeringBand(str, Enum):
    """How sure the classifier is that a call pays for co-steering (from the calibrated probability)."""

    ja = "ja"
    moeglich = "moeglich"  # the middle band: shown as "Ko-Steuerung möglich", with the deciding sentences
    nein = "nein"


CO_STEERING_BAND_DE = {
    CoSteeringBand.ja: "Ko-Steuerung",
    CoSteeringBand.moeglich: "Ko-Steuerung möglich",
    CoSteeringBand.nein: "keine Ko-Steuerung",
}


class ApplicantType(str, Enum):
    kommune = "kommune"
    mo = "mo"
    verbund = "verbund"
    wohlfahrt = "wohlfahrt"
    verein = "verein"
    bildungstraeger = "bildungstraeger"
    unternehmen = "unternehmen"
    hochschule = "hochschule"
    einzelperson = "einzelperson"


class CallStatus(str, Enum):
    """The Verbund's own working status of a call (kept across crawls)."""

    neu = "neu"
    interessant = "interessant"
    in_arbeit = "in_arbeit"
    eingereicht = "eingereicht"
    abgelehnt = "abgelehnt"
    nicht_fuer_uns = "nicht_fuer_uns"
    weniger_davon = "weniger_davon"  # "fewer calls like this one" (one key in the TUI list)


LEVEL_DE = {
    Level.bund: "Bund",
    Level.land: "Land",
    Level.eu: "EU",
    Level.stiftung: "Stiftung/Lotterie",
    Level.kommune: "Kommune",
}

ADDRESSEE_DE = {
    Addressee.kommune: "nur Kommunen",
    Addressee.mo: "nur Migranten-/zivilgesellschaftliche Organisationen",
    Addressee.beide_praxis: "beide, in der Praxis",
    Addressee.ko_steuerung: "Ko-Steuerung Kommune + Organisationen",
    Addressee.andere: "andere (Unternehmen, Forschung, Einzelpersonen)",
    Addressee.unbekannt: "unklar",
}

STEERING_LEVEL_DE = {
    SteeringLevel.praxis: "Praxis (Projekte, Angebote)",
    SteeringLevel.koordination: "Koordination (Netzwerke, Koordinierungsstellen)",
    SteeringLevel.strategie: "Strategie (Konzepte, Steuerungsgremien)",
}

FUNDING_FORM_DE = {
    FundingForm.projekt: "Projektförderung",
    FundingForm.teil_institutionell: "teil-institutionelle Förderung",
    FundingForm.institutionell: "institutionelle Förderung",
    FundingForm.struktur: "Strukturförderung",
    FundingForm.preis: "Preis",
    FundingForm.darlehen: "Darlehen",
}

STATUS_DE = {
    CallStatus.neu: "neu",
    CallStatus.interessant: "interessant",
    CallStatus.in_arbeit: "in Arbeit",
    CallStatus.eingereicht: "eingereicht",
    CallStatus.abgelehnt: "abgelehnt",
    CallStatus.nicht_fuer_uns: "nicht für uns",
    CallStatus.weniger_davon: "weniger davon",
}

LAENDER = {
    "DE-BW": "Baden-Württemberg",
    "DE-BY": "Bayern",
    "DE-BE": "Berlin",
    "DE-BB": "Brandenburg",
    "DE-HB": "Bremen",
    "DE-HH": "Hamburg",
    "DE-HE": "Hessen",
    "DE-MV": "Mecklenburg-Vorpommern",
    "DE-NI": "Niedersachsen",
    "DE-NW": "Nordrhein-Westfalen",
    "DE-RP": "Rheinland-Pfalz",
    "DE-SL": "Saarland",
    "DE-SN": "Sachsen",
    "DE-ST": "Sachsen-Anhalt",
    "DE-SH": "Schleswig-Holstein",
    "DE-TH": "Thüringen",
}
REGIONS = {"DE": "Deutschland", "EU": "Europäische Union", **LAENDER}

# short forms for tables and lists, where the long names above do not fit
ADDRESSEE_SHORT_DE = {
    Addressee.kommune: "Kommune",
    Addressee.mo: "Organisationen",
    Addressee.beide_praxis: "beide (Praxis)",
    Addressee.ko_steuerung: "Ko-Steuerung",
    Addressee.andere: "andere",
    Addressee.unbekannt: "unklar",
}

STEERING_LEVEL_SHORT_DE = {
    SteeringLevel.praxis: "Praxis",
    SteeringLevel.koordination: "Koordination",
    SteeringLevel.strategie: "Strategie",
}

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

# the label an evidence sentence supports (Evidence.label), as people read it
EVIDENCE_LABEL_DE = {
    "addressee": "Adressat",
    "co_steering": "Ko-Steuerung",
    "steering_level": "Steuerungsebene",
    "funding_form": "Förderart",
    "placement_type": "Platzierungstyp",
}


def applicants_de(applicants) -> str:
    """ "Vereine, Migrantenorganisationen" for a call's applicant codes (unknown codes as written)."""
    names = []
    for a in applicants:
        try:
            names.append(APPLICANT_DE[ApplicantType(getattr(a, "value", a))])
        except ValueError:
            names.append(str(getattr(a, "value", a)))
    return ", ".join(names)


def _fold(text: str) -> str:
    """'Baden-Württemberg', 'baden wuerttemberg' and 'BADEN-WÜRTTEMBERG' compare equal."""
    text = text.casefold().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    return "".join(ch for ch in text if ch.isalnum())


_LAND_ALIASES = {"nrw": "DE-NW", "bawue": "DE-BW", "mv": "DE-MV"}


def land_code(value: str) -> str | None:
    """The ISO code of a Land written as code ('DE-ST', 'ST') or name ('Sachsen-Anhalt'); None if unknown."""
    raw = str(value or "").strip()
    upper = raw.upper()
    if upper in LAENDER:
        return upper
    if f"DE-{upper}" in LAENDER:
        return f"DE-{upper}"
    folded = _fold(raw)
    for code, name in LAENDER.items():
        if _fold(name) == folded:
            return code
    return _LAND_ALIASES.get(folded)


# Fields of a labelled gold record (../shared/eval) that a crawler never gives: the labels and the
# annotator's notes. Classifier and ranking evaluation strip them before a call is built, so no
# gold label leaks into a prediction (``funding_form`` is also an import field).
GOLD_ONLY_FIELDS = (
    "addressee",
    "co_steering",
    "steering_level",
    "funding_form",
    "placement_type",
    "relevance",
    "label_note",
    "funding_form_source",
    "text_source",
)
