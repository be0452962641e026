"""The amount reader: German phrasings written for these tests, each with the terms it must give."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus.amounts import AmountTerms, read_amount, stored_fields
from corpus.model import call_from_record

K, M = 1_000.0, 1_000_000.0

# (text, {field: expected}); fields not named must be None/False
PHRASINGS = [
    # -- caps and floors per project ----------------------------------------------------------
    ("bis zu 50.000 Euro", {"max_eur": 50 * K}),
    ("bis 3.000 € je Projekt", {"max_eur": 3 * K}),
    ("max. 3 Mio. €", {"max_eur": 3 * M}),
    ("maximal 12.500,50 EUR pro Vorhaben", {"max_eur": 12_500.5}),
    ("höchstens 7.500 Euro je Antrag", {"max_eur": 7.5 * K}),
    ("Höchstbetrag 25.000 €", {"max_eur": 25 * K}),
    ("zwischen 5.000 und 20.000 €", {"min_eur": 5 * K, "max_eur": 20 * K}),
    ("5.000 bis 20.000 € je Maßnahme", {"min_eur": 5 * K, "max_eur": 20 * K}),
    ("3,5–4 Mio. € je Projekt", {"min_eur": 3.5 * M, "max_eur": 4 * M}),
    ("von 1.000 € bis 10.000 € pro Projekt", {"min_eur": 1 * K, "max_eur": 10 * K}),
    ("mindestens 2.000 € je Projekt", {"min_eur": 2 * K}),
    ("ab 500 € Fördersumme", {"min_eur": 500.0}),
    ("Mindestfördersumme 1.000 Euro; bis zu 15.000 Euro je Projekt", {"min_eur": 1 * K, "max_eur": 15 * K}),
    ("Zuschuss von 4.000 €", {"min_eur": 4 * K, "max_eur": 4 * K}),
    ("EUR 140.000 je Verbund", {"min_eur": 140 * K, "max_eur": 140 * K}),
    ("bis zu 250 T€ je Vorhaben", {"max_eur": 250 * K}),
    ("bis 1,2 Millionen Euro je Konsortium", {"max_eur": 1.2 * M}),
    # -- per year ------------------------------------------------------------------------------
    ("bis zu 80.000 € pro Jahr", {"max_eur": 80 * K, "per_year": True}),
    ("höchstens 45.000 Euro jährlich", {"max_eur": 45 * K, "per_year": True}),
    ("bis 60.000 € je Projekt und Jahr", {"max_eur": 60 * K, "per_year": True}),
    ("bis zu 90.000 Euro je Vollzeitstelle und Jahr", {"max_eur": 90 * K, "per_year": True}),
    ("bis 20.000 €/Jahr für eine halbe Stelle", {"max_eur": 20 * K, "per_year": True}),
    # -- the programme's money --------------------------------------------------------------------
    ("Gesamtvolumen 10 Mio. Euro", {"programme_total_eur": 10 * M}),
    ("Programmvolumen rund 2,5 Mio. € jährlich", {"programme_per_year_eur": 2.5 * M}),
    ("insgesamt 400.000 € für etwa 30 Projekte", {"programme_total_eur": 400 * K}),
    ("Budget 2027: 6 Mio. €", {"programme_total_eur": 6 * M}),
    ("Für das Programm stehen 1,5 Mio. Euro zur Verfügung", {"programme_total_eur": 1.5 * M}),
    ("Der Fonds umfasst 200.000 €", {"programme_total_eur": 200 * K}),
    ("bis 3.000 € je Projekt; 84.000 € pro Jahr (4 × 21.000 €)", {"max_eur": 3 * K, "programme_per_year_eur": 84 * K}),
    (
        "bis 2.000 € je Initiative, jährlich 60.000 € für alle Initiativen zusammen",
        {"max_eur": 2 * K, "programme_per_year_eur": 60 * K},
    ),
    (
        "Festbetrag 1.500 Euro je Vorhaben; insgesamt 3 Mio. Euro jährlich für 2.000 Vorhaben",
        {"max_eur": 1.5 * K, "fixed_eur": 1.5 * K, "programme_per_year_eur": 3 * M},
    ),
    ("Festbetrag von 8.000 € je Projekt", {"max_eur": 8 * K, "fixed_eur": 8 * K}),
    ("Landesmittel von 25 Mio. € für das Gesamtprogramm", {"programme_total_eur": 25 * M}),
    ("rund 40 Mio. € für über 100 Träger", {"programme_total_eur": 40 * M}),
    ("bis zu 2 Mio. € je Vorhaben; Budget 6 Mio. € je Aufruf", {"max_eur": 2 * M, "programme_total_eur": 6 * M}),
    # -- funding rate -----------------------------------------------------------------------------
    ("Förderquote 90 %", {"rate_pct": 90.0}),
    ("Förderquote bis zu 80 Prozent", {"rate_pct": 80.0}),
    ("bis zu 80 %", {"rate_pct": 80.0}),
    ("90 % der zuwendungsfähigen Ausgaben", {"rate_pct": 90.0}),
    ("Anteilfinanzierung bis 75 % der förderfähigen Kosten", {"rate_pct": 75.0}),
    ("Zuschuss in Höhe von 50 % der Gesamtausgaben", {"rate_pct": 50.0}),
    ("Fördersatz 66,5 %", {"rate_pct": 66.5}),
    ("Förderung bis 95 %, Verwaltungspauschale 7 %", {"rate_pct": 95.0}),
    ("Personalkosten bis 60 % des Arbeitgeberbruttos", {}),
    # -- own share --------------------------------------------------------------------------------
    ("Eigenanteil 10 %", {"own_share_pct": 10.0}),
    ("Eigenanteil von 10 %", {"own_share_pct": 10.0}),
    ("mind. 15 % Eigenmittel", {"own_share_pct": 15.0}),
    ("Eigenbeteiligung mindestens 20 Prozent", {"own_share_pct": 20.0}),
    ("Kofinanzierung 25 % durch die Kommune", {"own_share_pct": 25.0}),
    ("Eigenanteil mindestens 5.000 €", {"own_share_min_eur": 5 * K}),
    ("Eigenmittel von wenigstens 2.500 Euro", {"own_share_min_eur": 2.5 * K}),
    ("Vollfinanzierung ohne Eigenmittel", {"full_funding": True}),
    ("bis zu 1.000 €; kein Eigenanteil", {"max_eur": 1 * K, "full_funding": True}),
    # -- all together -----------------------------------------------------------------------------
    (
        "bis zu 70.000 € pro Jahr, max. 36 Monate; Eigenmittel mind. 10 %",
        {"max_eur": 70 * K, "per_year": True, "own_share_pct": 10.0},
    ),
    (
        "bis 90 % der zuwendungsfähigen Ausgaben, höchstens 30.000 Euro je Projekt; Eigenanteil mind. 10 %",
        {"rate_pct": 90.0, "max_eur": 30 * K, "own_share_pct": 10.0},
    ),
    (
        "1.000 bis 15.000 Euro je Projekt; Gesamtvolumen 300.000 Euro; Eigenmittel mind. 10 %",
        {"min_eur": 1 * K, "max_eur": 15 * K, "programme_total_eur": 300 * K, "own_share_pct": 10.0},
    ),
    # -- what is not a term of this call ----------------------------------------------------------
    ("früher bis 10.000 €, heute bis 6.000 € je Projekt", {"max_eur": 6 * K}),
    ("z. B. 250.000 € für die Stadt Essen", {}),
    ("bis 5.000 € zzgl. 1.000 € für Barrierefreiheit", {"max_eur": 5 * K}),
    ("40 € je Teilnehmerin und Monat", {}),
    ("bis 500 € (ausnahmsweise bis 1.000 €)", {"max_eur": 500.0}),
    ("Beträge nicht genannt", {}),
    ("0–1 T€ je Projekt", {"max_eur": 1 * K}),
    # -- checked against real texts (own words) ---------------------------------------------------
    ("600.000 € zur Förderung von 10 bis 12 Vorhaben", {"programme_total_eur": 600 * K}),
    ("Kredite bis 20 Mio. € pro Jahr und Antragsteller", {"max_eur": 20 * M, "per_year": True}),
    ("30.000 Euro pro Jahr", {"max_eur": 30 * K, "min_eur": 30 * K, "per_year": True}),
    ("insgesamt 80.000,- Euro", {"programme_total_eur": 80 * K}),
    ("EU-Kofinanzierung in der Regel 60 Prozent", {"rate_pct": 60.0}),
    ("bis zu 70 % (Kommunen) bzw. 85 % (freie Träger)", {"rate_pct": 85.0}),
    ("Fördermittel bis zu 1.500 Euro; insgesamt 30.000 Euro", {"max_eur": 1.5 * K, "programme_total_eur": 30 * K}),
    ("Etat 150.000 Euro jährlich (zuvor 120.000 Euro)", {"programme_per_year_eur": 150 * K}),
    ("Fördervolumen 400.000 Euro für die Jahre 2026 und 2027", {"programme_total_eur": 400 * K}),
    ("", {}),
]


@pytest.mark.parametrize("text, expected", PHRASINGS, ids=[p[0][:50] or "leer" for p in PHRASINGS])
def test_phrasing(text, expected):
    want = AmountTerms(**expected)
    got = read_amount(text)
    assert replace(got, max_unit=None) == want  # the unit word is tested below


@pytest.mark.parametrize(
    "text, unit",
    [
        ("bis 3.000 € je Projekt", "Projekt"),
        ("Festbetrag bis 57.000 Euro je Fachkraftstelle", "Fachkraftstelle"),
        ("bis zu 130.000 Euro je Zuwendungsempfänger und Jahr", "Zuwendungsempfänger"),
        ("bis zu 20.000 €/Jahr für eine halbe Stelle", "Stelle"),
        ("bis zu 50.000 Euro", None),
    ],
)
def test_the_unit_of_the_cap(text, unit):
    assert read_amount(text).max_unit == unit


def test_there_are_many_phrasings():
    assert len(PHRASINGS) >= 60


def test_call_model_reads_the_terms_from_its_text_and_stores_the_per_project_cap():
    call = call_from_record(
        {
            "id": "dortmut",
            "title": "#dortMUT",
            "level": "stiftung",
            "summary_de": "Text.",
            "amount_text": "bis 3.000 € je Projekt; 84.000 € pro Jahr (4 × 21.000 €)",
        }
    )
    assert call.amount.max_eur == 3000.0  # the stored summary: 84.000 € are the programme's year
    terms = call.amount_terms
    assert terms.max_eur == 3000.0 and terms.programme_per_year_eur == 84000.0
    # an older stored parse does not matter: the terms come from the text
    call.amount.max_eur = 84000.0
    assert call.amount_terms.max_eur == 3000.0


def test_stored_fields_keep_their_shape():
    assert stored_fields("bis zu 50.000 Euro; Förderquote 80 %; Eigenanteil 20 %") == {
        "min_eur": None,
        "max_eur": 50000.0,
        "rate_pct": 80.0,
        "own_share_pct": 20.0,
    }


@pytest.mark.parametrize(
    "text",
    [
        "1" * 200_000,
        "1.000 " * 30_000,
        "bis zu " * 20_000,
        "9" * 5_000 + " €",
        "Eigenanteil " * 10_000,
        "1,5 Mio. € " * 5_000,
        "%" * 50_000,
    ],
)
def test_long_or_odd_text_is_read_quickly(text):
    started = time.perf_counter()
    terms = read_amount(text)
    assert time.perf_counter() - started < 5
    assert terms.max_eur is None or terms.max_eur > 0


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.lists(
        st.sampled_from(
            list("0123456789.,–- %€;()")
            + ["bis zu ", "je Projekt", "pro Jahr", "Eigenanteil ", "Mio. ", "insgesamt ", "mind. "]
        ),
        max_size=40,
    ).map("".join)
)
def test_any_text_gives_sane_terms(text):
    terms = read_amount(text)
    if terms.min_eur is not None and terms.max_eur is not None:
        assert terms.min_eur <= terms.max_eur
    for pct in (terms.rate_pct, terms.own_share_pct):
        assert pct is None or 0 < pct <= 100
