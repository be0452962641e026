"""``kulisse templates`` and ``kulisse draft`` end to end, on a temporary database."""

from __future__ import annotations

import tomli_w
from click.testing import CliRunner

from corpus.store import Store
from templates.registry import BUNDLED_NAMES
from tests.templates.helpers import all_text, highlighted_runs
from tui.cli import main


def _setup(tmp_path, call, profile):
    db = tmp_path / "k.sqlite"
    with Store(db) as store:
        store.upsert(call)
    profile_path = tmp_path / "verbund.toml"
    profile_path.write_text(tomli_w.dumps(profile), encoding="utf-8")
    return db, profile_path


def test_templates_lists_one_name_a_line():
    result = CliRunner().invoke(main, ["templates"])
    assert result.exit_code == 0
    assert result.output.splitlines() == list(BUNDLED_NAMES)


def test_templates_fields_shows_sources():
    result = CliRunner().invoke(main, ["templates", "--fields", "projektantrag"])
    assert result.exit_code == 0
    lines = {line.split("\t")[0]: line.split("\t") for line in result.output.splitlines()}
    assert lines["verbund_name"][1] == "Profil" and lines["aufruf_frist"][1] == "Aufruf"
    assert lines["personalkosten"][1:3] == ["Ihre Angabe", "Pflicht"]
    assert lines["gesamtausgaben"][1] == "berechnet"


def test_draft_writes_docx_and_lists_gaps(tmp_path, call, profile):
    db, profile_path = _setup(tmp_path, call, profile)
    answers = tmp_path / "antworten.toml"
    answers.write_text(
        'projekttitel = "Brücken & Wege"\npersonalkosten = "40.000"\nsachkosten = 5000\n'
        'eigenanteil = 2000\nausgangslage = """Absatz eins.\n\nAbsatz zwei."""\n',
        encoding="utf-8",
    )
    out = tmp_path / "entwurf" / "antrag.docx"
    result = CliRunner().invoke(
        main,
        [
            "draft",
            "--call",
            call.id,
            "--profile",
            str(profile_path),
            "--template",
            "projektantrag",
            "--out",
            str(out),
            "--db",
            str(db),
            "--answers",
            str(answers),
            "--answer",
            "ansprechperson=Aylin Demir",
            "--answer",
            "ziele=Ziel eins\\nZiel zwei",
            "--today",
            "2026-01-10",
        ],
    )
    assert result.exit_code == 0, result.output
    assert f"Entwurf gespeichert: {out}" in result.output
    assert "Pflichtangabe(n)" in result.output and "  – Laufzeit" in result.output
    assert "  – Ansprechperson\n" not in result.output
    assert "Eigenanteil 4,4 % liegt unter dem geforderten Eigenanteil von 10 %" in result.output
    text = all_text(out)
    assert "Brücken & Wege" in text and "Aylin Demir" in text and "Ziel eins\nZiel zwei" in text
    assert "45.000,00 €" in text
    assert "[[ bitte ergänzen: Laufzeit ]]" in highlighted_runs(out)


def test_draft_errors_are_german_and_nonzero(tmp_path, call, profile):
    db, profile_path = _setup(tmp_path, call, profile)
    base = ["draft", "--profile", str(profile_path), "--db", str(db), "--out", str(tmp_path / "a.docx")]
    runner = CliRunner()
    r = runner.invoke(main, base + ["--call", "gibt-es-nicht", "--template", "projektantrag"])
    assert r.exit_code == 2 and "Fehler: Kein Aufruf mit der Kennung „gibt-es-nicht“" in r.output
    r = runner.invoke(main, base + ["--call", call.id, "--template", "roman"])
    assert r.exit_code == 2 and "Keine Vorlage „roman“" in r.output
    r = runner.invoke(main, base + ["--call", call.id, "--template", "projektantrag", "--answer", "ohne-gleich"])
    assert r.exit_code == 2 and "name=Wert" in r.output
    bad = tmp_path / "bad.toml"
    bad.write_text("x = ", encoding="utf-8")
    r = runner.invoke(main, base + ["--call", call.id, "--template", "projektantrag", "--answers", str(bad)])
    assert r.exit_code == 2 and "kein gültiges TOML" in r.output
    r = runner.invoke(
        main,
        [
            "draft",
            "--profile",
            str(profile_path),
            "--db",
            str(db),
            "--call",
            call.id,
            "--template",
            "projektantrag",
            "--out",
            str(tmp_path / "a.pdf"),
        ],
    )
    assert r.exit_code == 2 and "auf .docx enden" in r.output
    assert "Traceback" not in r.output


def test_unclassified_call_is_classified_for_the_hints(tmp_path, call, profile):
    call.labels = None
    call.summary_de = "Gefördert werden Projekte von Migrantenorganisationen in der Jugendarbeit."
    db, profile_path = _setup(tmp_path, call, profile)
    result = CliRunner().invoke(
        main,
        [
            "draft",
            "--call",
            call.id,
            "--profile",
            str(profile_path),
            "--template",
            "kooperationsvereinbarung",
            "--out",
            str(tmp_path / "k.docx"),
            "--db",
            str(db),
            "--today",
            "2026-01-10",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "nicht als Ko-Steuerung eingeordnet" in result.output
