"""Shared data for the template tests: a call, a profile and answers with awkward characters."""

from __future__ import annotations

from datetime import date

import pytest

from corpus.labels import Addressee, FundingForm, SteeringLevel
from corpus.model import Classification, call_from_record

TODAY = date(2026, 1, 10)
NASTY = "Müller & Söhne <script>alert(\"x\")</script> 'Zitat' 🚀🌍 {{ verbund_name }} {% if 1 %}"


@pytest.fixture
def call():
    c = call_from_record(
        {
            "id": "land-nw-koordinierung",
            "title": 'Kommunale Koordinierung & Teilhabe <NRW> "2026"',
            "funder": "Land Nordrhein-Westfalen (MKJFGFI)",
            "level": "land",
            "region": "DE-NW",
            "url": "https://example.org/foerderung?a=1&b=2",
            "summary_de": "Gefördert werden gemeinsame Koordinierungsstellen von Kommune und Verbund.",
            "amount_text": "bis zu 100.000 Euro je Jahr; Eigenanteil mindestens 10 %",
            "deadline_text": "Anträge bis 15.03.2026",
        }
    )
    c.labels = Classification(
        addressee=Addressee.ko_steuerung,
        co_steering=True,
        steering_level=SteeringLevel.koordination,
        funding_form=FundingForm.struktur,
        placement_type=3,
    )
    return c


@pytest.fixture
def profile():
    return {
        "key": "vmdo",
        "name": "VMDO e. V. – Verbund sozial-kultureller Migrantenvereine",
        "legal_form": "eingetragener Verein (e. V.)",
        "non_profit": True,
        "municipality": "Dortmund",
        "land": "DE-NW",
        "member_organisations": 64,
        "founded": 2000,
        "fields_of_action": ["Bildung", "Arbeit und Qualifizierung"],
        "target_groups": ["Neuzugewanderte", "Jugendliche"],
        "placement_current": 2,
        "placement_goal": 3,
        "municipal_partners": ["Stadt Dortmund – Kommunales Integrationszentrum"],
        "own_funds_eur": 20000,
        "staff": "4 Hauptamtliche",
        "self_description": "Der VMDO vertritt seine Mitgliedsvereine.\n\nEr koordiniert Projekte in der Nordstadt.",
    }


@pytest.fixture
def full_answers():
    """An answer for every user field of every bundled template."""
    from templates.registry import available_templates

    answers = {}
    for info in available_templates():
        for f in info.user_fields:
            answers[f.name] = {"eur": "1.000", "pct": 10, "int": 3}.get(f.kind, f"Antwort zu {f.label}")
    answers.update(
        personalkosten="80.000",
        sachkosten="15.000,50",
        gemeinkosten=5000,
        eigenanteil="12.000",
        drittmittel=0,
        gesamtkosten_geschaetzt=100000,
        foerderung_geschaetzt="85.000",
    )
    return answers
