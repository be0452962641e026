"""Values from profile, call and answers: deadlines, parsing, cleaning."""

from __future__ import annotations

from datetime import date

import pytest

from templates.context import clean_text, deadline_text, parse_answer, profile_values
from templates.fields import Field


def test_deadline_next_rolling_and_passed(call):
    # read from the text by corpus.deadlines (the parsed lists stored beside it decide nothing)
    call.deadlines.text = "Stichtage 01.03.2025 und 15.03.2026"
    assert deadline_text(call, date(2026, 1, 10)) == ("15.03.2026", None)
    text, warning = deadline_text(call, date(2026, 4, 1))
    assert text == "15.03.2026 (abgelaufen)" and "abgelaufen" in warning
    call.deadlines.text = "jährlich zum 30.09."
    assert deadline_text(call, date(2026, 10, 2))[0] == "30.09.2027"
    call.deadlines.text = "Bewerbung 01.06.–31.08."
    assert deadline_text(call, date(2026, 10, 2))[0] == "31.08.2027 (Bewerbung ab 01.06.2027)"
    call.deadlines.text = "laufend"
    assert deadline_text(call, date(2026, 1, 1))[0].startswith("laufend")
    call.deadlines.text = "Interessenbekundung 09.09.–04.11.2024 (abgelaufen); Förderphase 01.06.2025–31.05.2028"
    text, warning = deadline_text(call, date(2026, 1, 1))
    assert text == "04.11.2024 (abgelaufen)" and warning
    call.deadlines.text, call.summary_de = None, "Ein Programm ohne Angaben zur Frist."
    assert deadline_text(call, date(2026, 1, 1)) == (None, None)


@pytest.mark.parametrize(
    "raw, value",
    [
        ("12.500", 12500.0),
        ("12.500,50 €", 12500.5),
        (800, 800.0),
        (0.5, 0.5),
        ("1,2 Mio. €", 1_200_000.0),
    ],
)
def test_euro_answers(raw, value):
    assert parse_answer(Field("k", "Kosten", kind="eur"), raw) == (value, None)


@pytest.mark.parametrize("raw", ["viel", "-5", True, "12 Äpfel"])
def test_bad_euro_answers_warn(raw):
    value, warning = parse_answer(Field("k", "Kosten", kind="eur"), raw)
    assert value is None and warning.startswith("Kosten:")


def test_list_and_percent_answers():
    assert parse_answer(Field("l", "L", kind="list"), "a; b\nc") == (["a", "b", "c"], None)
    assert parse_answer(Field("p", "P", kind="pct"), "7,5 %") == (7.5, None)
    assert parse_answer(Field("t", "T"), "  ") == (None, None)


def test_clean_text():
    assert clean_text("a\x00b\x1b c\r\n d", multiline=False) == "ab c d"
    assert clean_text("eins\n\n\nzwei\ndrei", multiline=True) == "eins\azwei\ndrei"


def test_profile_values_municipal_partner_fallback(profile):
    assert profile_values(profile)["kommune_partner"] == "Stadt Dortmund – Kommunales Integrationszentrum"
    assert profile_values(dict(profile, municipal_partners=[]))["kommune_partner"] == "Stadt Dortmund"
    assert profile_values(dict(profile, member_organisations=0))["verbund_mitgliedsorganisationen"] is None
