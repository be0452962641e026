"""The one German formatter (corpus/format_de.py): the outputs the writers, the TUI and the drafts
have always shown, with the edge cases (0, negatives, millions, rounding, None)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpus.format_de import MISSING, date_de, euro, label, number, percent, share
from corpus.labels import (
    Addressee,
    ApplicantType,
    CallStatus,
    CoSteeringBand,
    FundingForm,
    Level,
    SteeringLevel,
)


def test_dates():
    assert date_de(date(2027, 6, 1)) == "01.06.2027"
    assert date_de(datetime(2026, 12, 7, 8, 5)) == "07.12.2026"
    assert date_de(datetime(2026, 12, 7, 8, 5), time=True) == "07.12.2026 08:05"
    assert date_de(None) == MISSING == "–"


@pytest.mark.parametrize(
    "value, decimals, text",
    [
        (0, 0, "0"),
        (0.0, 2, "0,00"),
        (7, 0, "7"),
        (999, 0, "999"),
        (1000, 0, "1.000"),
        (1234567.891, 2, "1.234.567,89"),
        (-1234567.891, 2, "-1.234.567,89"),
        (-5, 0, "-5"),
        (2.5, 0, "2"),  # Python rounds half to even, as every f-string in the project did
        (3.5, 0, "4"),
        (0.005, 2, "0,01"),
        (1617.0, 3, "1.617,000"),
    ],
)
def test_number(value, decimals, text):
    assert number(value, decimals) == text


def test_number_without_grouping_keeps_the_plain_decimal_comma():
    # scores and seconds: "1617,000", never a thousands dot
    assert number(1617.0, 3, grouping=False) == "1617,000"
    assert number(7.2345, 2, grouping=False) == "7,23"
    assert number(None) == MISSING


@pytest.mark.parametrize(
    "value, cents, text",
    [
        (84000, None, "84.000 €"),
        (1234.5, None, "1.234,50 €"),  # cents only when there are any
        (1234.004, None, "1.234 €"),
        (12500, True, "12.500,00 €"),
        (0, True, "0,00 €"),
        (0, None, "0 €"),
        (999.5, True, "999,50 €"),
        (1234567.891, True, "1.234.567,89 €"),
        (-1500, None, "-1.500 €"),
        (-0.5, True, "-0,50 €"),
        (2_999.6, False, "3.000 €"),  # whole euros: rounded, not cut
        (None, None, "–"),
    ],
)
def test_euro(value, cents, text):
    assert euro(value, cents=cents) == text


@pytest.mark.parametrize(
    "value, decimals, text",
    [
        (80, 0, "80 %"),
        (0, 0, "0 %"),
        (10, 1, "10 %"),  # a trailing ",0" is dropped
        (7.5, 1, "7,5 %"),
        (12.345, 1, "12,3 %"),
        (9.96, 1, "10 %"),
        (-2.25, 1, "-2,2 %"),
        (1234.5, 1, "1234,5 %"),  # no thousands dot in a share
        (None, 0, "–"),
    ],
)
def test_percent(value, decimals, text):
    assert percent(value, decimals) == text


def test_share_of_nothing_is_zero_not_an_error():
    assert share(1, 3) == "33 %" and share(2, 3) == "67 %" and share(5, 0) == "0 %"


def test_labels_come_from_corpus_labels_and_never_mix_enums():
    # the label enums are str enums: Level.kommune == Addressee.kommune == "kommune"
    assert label(Level.kommune) == "Kommune"
    assert label(Addressee.kommune) == "nur Kommunen"
    assert label(ApplicantType.kommune) == "Kommunen"
    assert label(Addressee.kommune, short=True) == "Kommune"
    assert label(SteeringLevel.praxis) == "Praxis (Projekte, Angebote)"
    assert label(SteeringLevel.praxis, short=True) == "Praxis"
    assert label(Level.bund, short=True) == "Bund"  # no short form: the long one
    assert label(FundingForm.teil_institutionell) == "teil-institutionelle Förderung"
    assert label(CallStatus.nicht_fuer_uns) == "nicht für uns"
    assert label(CoSteeringBand.moeglich) == "Ko-Steuerung möglich"
    assert label("DE-NW") == "Nordrhein-Westfalen" and label("EU") == "Europäische Union"
    assert label("XX-unbekannt") == "XX-unbekannt" and label(None) == "–"


@given(st.floats(min_value=-1e15, max_value=1e15, allow_nan=False), st.integers(min_value=0, max_value=4))
def test_number_reads_back_as_the_same_value(value, decimals):
    text = number(value, decimals)
    back = float(text.replace(".", "").replace(",", "."))
    assert back == float(f"{value:.{decimals}f}")
    # a thousands dot every three digits, and a comma only before the decimals
    whole = text.lstrip("-").split(",")[0]
    assert all(len(group) == 3 for group in whole.split(".")[1:])
    assert text.count(",") == (1 if decimals else 0)
