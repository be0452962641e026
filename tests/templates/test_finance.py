"""The Finanzierungsplan: totals, German euro format, checks against the call's limits."""

from __future__ import annotations

import pytest
from docx import Document

from corpus.model import Amount
from templates.finance import finance_frame, finance_plan, format_eur, format_pct
from templates.render import draft
from tests.templates.conftest import TODAY


@pytest.mark.parametrize(
    "value, text",
    [
        (12500, "12.500,00 €"),
        (0, "0,00 €"),
        (1234567.891, "1.234.567,89 €"),
        (999.5, "999,50 €"),
    ],
)
def test_format_eur(value, text):
    assert format_eur(value) == text


def test_format_pct():
    assert format_pct(10) == "10 %" and format_pct(7.5) == "7,5 %" and format_pct(12.345) == "12,3 %"


def _plan(**kw):
    base = dict(personalkosten=80000.0, sachkosten=15000.0, gemeinkosten=5000.0, eigenanteil=5000.0, drittmittel=0.0)
    base.update(kw)
    return base


def test_totals_and_shares():
    r = finance_plan(_plan(drittmittel=10000.0), Amount(), None)
    assert r.computed["gesamtausgaben"] == 100000
    assert r.computed["beantragte_foerderung"] == 85000
    assert r.computed["gesamtfinanzierung"] == r.computed["gesamtausgaben"]
    assert r.computed["eigenanteil_quote"] == pytest.approx(5)
    assert r.computed["foerderquote"] == pytest.approx(85)
    assert r.warnings == []


def test_own_share_below_required_is_named():
    r = finance_plan(_plan(), Amount(own_share_pct=10), None)
    assert r.warnings == ["Eigenanteil 5 % liegt unter dem geforderten Eigenanteil von 10 %"]
    assert finance_plan(_plan(eigenanteil=10000.0), Amount(own_share_pct=10), None).warnings == []


def test_maximum_rate_and_own_funds_checked():
    r = finance_plan(_plan(), Amount(max_eur=50000, rate_pct=90), 4000)
    assert any("übersteigt den Höchstbetrag des Aufrufs von 50.000,00 €" in w for w in r.warnings)
    assert any("Förderquote 95 % liegt über der höchstens möglichen Förderquote von 90 %" in w for w in r.warnings)
    assert any("Eigenmittel des Verbunds von 4.000,00 €" in w for w in r.warnings)


def test_nothing_left_to_fund():
    r = finance_plan(_plan(eigenanteil=60000.0, drittmittel=40000.0), Amount(), None)
    assert r.warnings and "keine Förderung zu beantragen" in r.warnings[0]


def test_missing_input_computes_nothing():
    r = finance_plan(_plan(sachkosten=None), Amount(max_eur=1), None)
    assert r.computed == {} and r.missing == ["sachkosten"] and r.warnings == []


def test_frame_checks_request():
    r = finance_frame({"gesamtkosten_geschaetzt": 100000.0, "foerderung_geschaetzt": 95000.0}, Amount(own_share_pct=10))
    assert r.computed["foerderquote_geschaetzt"] == 95
    assert r.warnings == ["Eigenanteil 5 % liegt unter dem geforderten Eigenanteil von 10 %"]


def test_plan_table_in_document(call, profile, full_answers, tmp_path):
    answers = dict(
        full_answers,
        personalkosten="80.000",
        sachkosten=15000,
        gemeinkosten="5.000,00 €",
        eigenanteil=5000,
        drittmittel=0,
    )
    result = draft("projektantrag", call, profile, answers, tmp_path / "a.docx", today=TODAY)
    assert "Eigenanteil 5 % liegt unter dem geforderten Eigenanteil von 10 %" in result.warnings
    doc = Document(str(tmp_path / "a.docx"))
    rows = {r.cells[0].text: r.cells[1].text for t in doc.tables for r in t.rows if len(r.cells) == 2}
    assert rows["Gesamtausgaben"] == "100.000,00 €"
    assert rows["Beantragte Förderung"] == "95.000,00 €"
    assert rows["Gesamtfinanzierung"] == "100.000,00 €"
    assert rows["Eigenanteil in % der Gesamtausgaben"] == "5 %"
    assert rows["Förderquote"] == "95 %"
    assert rows["Höchstbetrag"] == "100.000,00 €"
    assert rows["Eigenanteil mindestens"] == "10 %"
    texts = [p.text for p in doc.paragraphs]
    assert "Eigenanteil 5 % liegt unter dem geforderten Eigenanteil von 10 %" in texts  # the Prüfhinweis


def test_bad_amount_answer_is_reported_and_left_open(call, profile, full_answers, tmp_path):
    result = draft(
        "projektantrag", call, profile, dict(full_answers, sachkosten="viel"), tmp_path / "a.docx", today=TODAY
    )
    assert "Sachkosten" in result.gaps
    assert any("„viel“ ist kein gültiger Eurobetrag" in w for w in result.warnings)
