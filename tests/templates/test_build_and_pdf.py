"""The bundled .docx files are what build_templates.py makes; one draft converts to PDF."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from docx import Document

from templates.build_templates import BUILDERS, build
from templates.checks import template_variables
from templates.registry import BUNDLED_DIR
from templates.render import draft
from tests.templates.conftest import TODAY


def _texts(path):
    return [p.text for p in Document(str(path)).paragraphs]


def test_committed_templates_match_the_generator(tmp_path):
    build(tmp_path)
    for name in BUILDERS:
        committed, fresh = BUNDLED_DIR / f"{name}.docx", tmp_path / f"{name}.docx"
        assert _texts(committed) == _texts(fresh), f"{name}.docx is stale: run python -m templates.build_templates"
        assert template_variables(committed) == template_variables(fresh)


@pytest.mark.parametrize("name", BUILDERS)
def test_every_tag_sits_in_one_run(name):
    doc = Document(str(BUNDLED_DIR / f"{name}.docx"))
    paragraphs = list(doc.paragraphs) + [p for t in doc.tables for r in t.rows for c in r.cells for p in c.paragraphs]
    for p in paragraphs:
        for run in p.runs:
            for opening, closing in (("{{", "}}"), ("{%", "%}")):
                assert run.text.count(opening) == run.text.count(closing), (name, run.text)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) ist nicht installiert")
def test_libreoffice_converts_a_draft_to_pdf(call, profile, full_answers, tmp_path):
    out = tmp_path / "antrag.docx"
    draft("projektantrag", call, profile, full_answers, out, today=TODAY)
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "antrag.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "Finanzierungsplan" in text and "Gesamtausgaben" in text
