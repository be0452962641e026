import pytest

from corpus.german import parse_amount, parse_euro


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
