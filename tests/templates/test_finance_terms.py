"""The Finanzierungsplan checked against what the call pays per project, per year and in total."""

from __future__ import annotations

from docx import Document

from corpus.amounts import read_amount
from templates.finance import finance_frame, finance_plan, project_years
from templates.render import draft
from tests.templates.conftest import TODAY

DORTMUT = "bis 3.000 € je Projekt; 84.000 € pro Jahr (4 × 21.000 €)"


def _plan(**kw):
    base = dict(personalkosten=8000.0, sachkosten=2000.0, gemeinkosten=0.0, eigenanteil=1000.0, drittmittel=0.0)
    return base | kw


def test_per_project_cap_not_the_programme_year():
    result = finance_plan(_plan(), read_amount(DORTMUT), None)
    assert result.warnings == [
        "Beantragte Förderung 9.000,00 € übersteigt den Höchstbetrag des Aufrufs von 3.000,00 € je Projekt"
    ]
    small = finance_plan(_plan(personalkosten=2000.0, sachkosten=1500.0), read_amount(DORTMUT), None)
    assert small.warnings == []  # 2.500 € requested: within the cap, far below the 84.000 € a year


def test_yearly_cap_counts_once_per_year_of_the_project():
    terms = read_amount("bis zu 50.000 € pro Jahr")
    plan = _plan(personalkosten=90000.0, sachkosten=10000.0, eigenanteil=5000.0)  # 95.000 € requested
    assert finance_plan(plan, terms, None, years=2).warnings == []
    [warning] = finance_plan(plan, terms, None, years=1).warnings
    assert "von 50.000,00 € je Projekt und Jahr" in warning
    [warning] = finance_plan(_plan(personalkosten=200000.0), terms, None, years=2).warnings
    assert "(2 Jahre Laufzeit: 100.000,00 €)" in warning


def test_the_cap_is_named_per_what_the_call_says():
    [warning] = finance_plan(_plan(), read_amount("Festbetrag bis 5.000 Euro je Fachkraftstelle"), None).warnings
    assert warning.endswith("von 5.000,00 € je Fachkraftstelle – bei mehreren Stellen gilt der Betrag je Stelle")
    [warning] = finance_plan(_plan(), read_amount("bis zu 4.000 Euro pro Vorhaben"), None).warnings
    assert warning.endswith("von 4.000,00 € je Vorhaben")


def test_project_years_from_the_laufzeit_answer():
    assert project_years("01.01.2027 – 31.12.2028") == 2
    assert project_years("01.03.2027 bis 28.02.2028") == 1
    assert project_years("01.01.2027 – 30.06.2029") == 3
    assert project_years("zwei Jahre") is None and project_years(None) is None
    assert project_years("31.02.2027 – 01.01.2026") is None


def test_rate_and_own_share_in_percent_and_in_euro():
    terms = read_amount("Förderquote bis zu 80 %; Eigenanteil mindestens 3.000 €")
    warnings = finance_plan(_plan(), terms, None).warnings
    assert "Förderquote 90 % liegt über der höchstens möglichen Förderquote von 80 %" in warnings
    assert "Eigenanteil 1.000,00 € liegt unter dem geforderten Mindest-Eigenanteil von 3.000,00 €" in warnings
    assert finance_plan(_plan(eigenanteil=3000.0), terms, None).warnings == []


def test_programme_total_and_fixed_amount():
    big = finance_plan(_plan(personalkosten=600000.0), read_amount("Gesamtvolumen 500.000 Euro"), None)
    assert big.warnings == ["Beantragte Förderung 601.000,00 € übersteigt das gesamte Programmvolumen von 500.000,00 €"]
    fixed = finance_frame(
        {"gesamtkosten_geschaetzt": 2000.0, "foerderung_geschaetzt": 1500.0},
        read_amount("Festbetrag 1.000 Euro je Vorhaben"),
    )
    assert any("Festbetrag von 1.000,00 €" in w for w in fixed.warnings)


def test_draft_states_the_per_project_cap(call, profile, full_answers, tmp_path):
    call.amount.text = DORTMUT
    call.amount.max_eur = 84000.0  # a stale stored parse: the draft reads the text
    answers = dict(
        full_answers, personalkosten="8.000", sachkosten=2000, gemeinkosten=0, eigenanteil=1000, drittmittel=0
    )
    result = draft("projektantrag", call, profile, answers, tmp_path / "a.docx", today=TODAY)
    assert (
        "Beantragte Förderung 9.000,00 € übersteigt den Höchstbetrag des Aufrufs von 3.000,00 € je Projekt"
        in result.warnings
    )
    assert any("84.000,00 € pro Jahr für das ganze Programm" in w for w in result.warnings)
    doc = Document(str(tmp_path / "a.docx"))
    rows = {r.cells[0].text: r.cells[1].text for t in doc.tables for r in t.rows if len(r.cells) == 2}
    assert rows["Höchstbetrag"] == "3.000,00 €"
