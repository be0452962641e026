from datetime import date

import pytest

from corpus.german import next_deadline, parse_amount, parse_deadlines, parse_euro


@pytest.mark.parametrize(
    "text, dates, recurring, rolling",
    [
        ("laufend", [], [], True),
        ("Anträge sind jederzeit möglich", [], [], True),
        ("Stichtag 15. Mai", [], ["05-15"], False),
        ("jährlich zum 30.09.", [], ["09-30"], False),
        ("Stichtag 31.03.2027", [date(2027, 3, 31)], [], False),
        ("01.02. – 31.03.2027", [date(2027, 2, 1), date(2027, 3, 31)], [], False),
        ("bis 15. Januar 2027", [date(2027, 1, 15)], [], False),
        ("bis 2027-01-15", [date(2027, 1, 15)], [], False),
        ("bis 31.02.2027", [], [], False),  # impossible day: unknown, not invented
        ("", [], [], False),
        ("nach Absprache", [], [], False),
    ],
)
def test_parse_deadlines(text, dates, recurring, rolling):
    result = parse_deadlines(text)
    assert result == {"dates": dates, "recurring": recurring, "rolling": rolling}


def test_next_deadline_prefers_first_future_date_and_rolls_recurring_over_year_end():
    today = date(2026, 12, 1)
    assert next_deadline([date(2026, 11, 1), date(2027, 2, 1)], [], today) == date(2027, 2, 1)
    assert next_deadline([], ["09-30"], today) == date(2027, 9, 30)
    assert next_deadline([], ["12-15"], today) == date(2026, 12, 15)
    assert next_deadline([date(2025, 1, 1)], [], today) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("bis zu 50.000 Euro", {"min_eur": None, "max_eur": 50000.0, "rate_pct": None, "own_share_pct": None}),
        ("5.000 bis 20.000 €", {"min_eur": 5000.0, "max_eur": 20000.0, "rate_pct": None, "own_share_pct": None}),
        ("max. 80 %, Eigenanteil 10 %", {"min_eur": None, "max_eur": None, "rate_pct": 80.0, "own_share_pct": 10.0}),
        ("1,5 Mio. Euro", {"min_eur": 1500000.0, "max_eur": 1500000.0, "rate_pct": None, "own_share_pct": None}),
        ("keine Angabe", {"min_eur": None, "max_eur": None, "rate_pct": None, "own_share_pct": None}),
    ],
)
def test_parse_amount(text, expected):
    assert parse_amount(text) == expected


def test_parse_euro():
    assert parse_euro("12.500,50 €") == 12500.5
    assert parse_euro("abc") is None
