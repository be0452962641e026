"""Drafts check who may apply first: a call only the municipality may apply for names it as applicant."""

from __future__ import annotations

from datetime import date

from click.testing import CliRunner
from docx import Document

from corpus.labels import Addressee, FundingForm, SteeringLevel
from corpus.model import Classification, call_from_record
from corpus.seed import snapshot_calls
from corpus.store import Store
from matcher.profile import load_profile
from matcher.who_applies import check_for_draft, municipality_applies
from tui.cli import main

TODAY = date(2026, 3, 1)
PFD = "bund-demokratie-leben-partnerschaften-fuer-demokratie"


def _db(tmp_path, *calls):
    db = tmp_path / "k.sqlite"
    with Store(db) as store:
        store.upsert_many(list(calls))
    return db


def _facts(path) -> dict[str, str]:
    """The label | value rows of the document's tables, read back with python-docx."""
    doc = Document(str(path))
    return {r.cells[0].text.strip(): r.cells[1].text.strip() for t in doc.tables for r in t.rows if len(r.cells) == 2}


def _draft(db, call_id, template, out):
    return CliRunner().invoke(
        main,
        [
            "draft",
            "--call",
            call_id,
            "--profile",
            "vmdo",
            "--template",
            template,
            "--out",
            str(out),
            "--db",
            str(db),
            "--today",
            TODAY.isoformat(),
        ],
    )


def test_partnerschaften_fuer_demokratie_names_the_municipality_as_applicant(tmp_path):
    call = next(c for c in snapshot_calls()[0] if c.id == PFD)
    db = _db(tmp_path, call)
    out = tmp_path / "antrag.docx"
    result = _draft(db, PFD, "projektantrag", out)
    assert result.exit_code == 0, result.output
    assert "nur die Kommune beantragen" in result.stderr
    assert "Stadt Dortmund, Kommunales Integrationszentrum als Antragsteller" in result.stderr
    assert "kooperationsvereinbarung" in result.stderr
    facts = _facts(out)
    assert facts["Antragsteller"] == "Stadt Dortmund, Kommunales Integrationszentrum"
    assert facts["Rolle des Verbunds"].startswith("Kooperationspartner")
    assert facts["Verbund"].startswith("VMDO")
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "Zuwendung von Stadt Dortmund, Kommunales Integrationszentrum in Kooperation mit VMDO" in text
    assert "Für die Kommune als Antragsteller" in text
    assert "Antragsberechtigt ist nur die Kommune" in text  # the Prüfhinweis in the document


def test_agreement_template_for_a_municipality_only_call_says_who_applies(tmp_path):
    call = next(c for c in snapshot_calls()[0] if c.id == PFD)
    result = _draft(_db(tmp_path, call), PFD, "kooperationsvereinbarung", tmp_path / "kv.docx")
    assert result.exit_code == 0, result.output
    assert "nur die Kommune beantragen" in result.stderr and "wirkt als Partner mit" in result.stderr
    assert "als Antragsteller" not in result.stderr  # an agreement has no applicant line


def test_a_call_for_associations_keeps_the_verbund_as_applicant(tmp_path):
    call = call_from_record(
        {
            "id": "mo",
            "title": "Projekte von Vereinen",
            "funder": "Bund",
            "level": "bund",
            "region": "DE",
            "summary_de": "Gefördert werden Vereine.",
            "applicants": ["verein", "mo"],
            "deadline_text": "laufend",
        }
    )
    db = _db(tmp_path, call)
    out = tmp_path / "skizze.docx"
    result = _draft(db, "mo", "projektskizze", out)
    assert result.exit_code == 0, result.output
    assert "Kommune" not in result.stderr and "Achtung" not in result.stderr
    facts = _facts(out)
    assert facts["Antragsteller"].startswith("VMDO") and facts["Rolle des Verbunds"] == "Antragsteller"
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "Für die Kommune als Antragsteller" not in text


def test_an_ineligible_call_is_drafted_with_a_warning(tmp_path):
    call = call_from_record(
        {
            "id": "by",
            "title": "Landesprogramm",
            "funder": "Freistaat Bayern",
            "level": "land",
            "region": "DE-BY",
            "summary_de": "Gefördert werden Vereine.",
            "applicants": ["verein"],
        }
    )
    db = _db(tmp_path, call)
    result = _draft(db, "by", "projektskizze", tmp_path / "s.docx")
    assert result.exit_code == 0, result.output
    assert "Achtung" in result.stderr and "nur für Bayern" in result.stderr


def test_co_steering_call_with_the_municipality_as_formal_applicant():
    call = call_from_record(
        {
            "id": "ks",
            "title": "Gemeinsam steuern",
            "funder": "Bund",
            "level": "bund",
            "region": "DE",
            "summary_de": "Antragsberechtigt sind ausschließlich Kommunen; ein "
            "Steuerungskreis mit Migrantenorganisationen entscheidet.",
        }
    )
    call.labels = Classification(
        addressee=Addressee.ko_steuerung,
        co_steering=True,
        steering_level=SteeringLevel.strategie,
        funding_form=FundingForm.struktur,
        placement_type=3,
    )
    assert municipality_applies(call)
    check = check_for_draft(call, load_profile("vmdo"), TODAY)
    assert check.municipality_applies and not check.problems
    call.labels = call.labels.model_copy(update={"addressee": Addressee.beide_praxis, "co_steering": False})
    call.applicants = []
    assert not municipality_applies(call)
