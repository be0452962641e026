"""Every bundled template renders into a valid document that says what it must say."""

from __future__ import annotations

import zipfile

import pytest
from docx import Document
from docxtpl import DocxTemplate
from lxml import etree

from templates.context import build_context
from templates.registry import BUNDLED_NAMES, available_templates, get_template
from templates.render import draft, make_env
from tests.templates.conftest import NASTY, TODAY
from tests.templates.helpers import all_text, highlighted_runs


def test_all_five_templates_are_available_and_clean():
    infos = {i.name: i for i in available_templates()}
    assert list(infos) == list(BUNDLED_NAMES)
    for info in infos.values():
        assert info.problems == (), info.name
        assert info.title_de and info.path.is_file()
        assert info.user_fields, info.name
        assert all(f.label and f.source in ("profile", "call", "user", "computed") for f in info.fields)


@pytest.mark.parametrize("name", BUNDLED_NAMES)
def test_full_context_leaves_nothing_undeclared(name, call, profile, full_answers):
    info = get_template(name)
    built = build_context(info.fields, call, profile, full_answers, TODAY, manifest=info.manifest, used=info.variables)
    undeclared = DocxTemplate(str(info.path)).get_undeclared_template_variables(
        jinja_env=make_env(), context=built.context
    )
    assert undeclared == set()
    assert built.gaps == []


@pytest.mark.parametrize("name", BUNDLED_NAMES)
def test_rendered_document_cites_the_call_and_names_the_verbund(name, call, profile, full_answers, tmp_path):
    out = tmp_path / f"{name}.docx"
    result = draft(name, call, profile, full_answers, out, today=TODAY)
    assert result.path == out and result.gaps == []
    text = all_text(out)
    assert profile["name"] in text
    assert 'Kommunale Koordinierung & Teilhabe <NRW> "2026"' in text  # escaped in XML, literal in Word
    assert "Land Nordrhein-Westfalen (MKJFGFI)" in text
    assert "15.03.2026" in text
    assert "https://example.org/foerderung?a=1&b=2" in text
    assert "10.01.2026" in text  # the draft's date in the footer
    assert "{{" not in text and "{%" not in text
    assert highlighted_runs(out) == []
    assert Document(str(out)).core_properties.title.endswith(profile["name"])


def test_projektantrag_has_user_text_in_paragraphs(call, profile, full_answers, tmp_path):
    answers = dict(full_answers, ausgangslage="Erster Absatz.\n\nZweiter Absatz\nmit Umbruch.")
    out = tmp_path / "a.docx"
    draft("projektantrag", call, profile, answers, out, today=TODAY)
    paragraphs = [p.text for p in Document(str(out)).paragraphs]
    assert "Erster Absatz." in paragraphs
    assert "Zweiter Absatz\nmit Umbruch." in paragraphs
    assert "Der VMDO vertritt seine Mitgliedsvereine." in paragraphs
    bullets = [p.text for p in Document(str(out)).paragraphs if p.style.name == "List Bullet"]
    assert "Neuzugewanderte" in bullets and "Jugendliche" in bullets


def test_missing_answers_become_highlighted_gaps(call, profile, tmp_path):
    out = tmp_path / "gaps.docx"
    result = draft("projektantrag", call, profile, {}, out, today=TODAY)
    assert "Projekttitel" in result.gaps and "Personalkosten" in result.gaps and "Eigenanteil" in result.gaps
    assert "Name des Verbunds" not in result.gaps  # the profile provides it
    marked = highlighted_runs(out)
    for label in result.gaps:
        assert f"[[ bitte ergänzen: {label} ]]" in marked
    # totals cannot be computed yet: marked as open, not shown as 0 €
    assert any(m.startswith("[[ offen: Gesamtausgaben") for m in marked)
    assert "Beteiligung der Zielgruppen" in result.optional_open
    assert "keine Angabe" in all_text(out)


def test_gap_for_call_without_deadline(call, profile, full_answers, tmp_path):
    call.deadlines.dates, call.deadlines.text = [], None
    result = draft("projektskizze", call, profile, full_answers, tmp_path / "s.docx", today=TODAY)
    assert result.gaps == ["Einreichungsfrist"]
    answered = draft(
        "projektskizze", call, profile, dict(full_answers, aufruf_frist="31.05.2026"), tmp_path / "t.docx", today=TODAY
    )
    assert answered.gaps == [] and "31.05.2026" in all_text(tmp_path / "t.docx")


def test_suggested_wordings_are_reported(call, profile, tmp_path):
    result = draft("kooperationsvereinbarung", call, profile, {}, tmp_path / "k.docx", today=TODAY)
    assert "Entscheidungsregeln" in result.defaults_used
    assert "Entscheidungsregeln" not in result.gaps
    text = all_text(tmp_path / "k.docx")
    assert "Die Steuerungsgruppe entscheidet einvernehmlich." in text
    assert "§ 6 Berichterstattung an den Rat" in text and "§ 5 Mandat des Verbunds" in text


def test_cooperation_agreement_warns_when_call_is_not_co_steering(call, profile, tmp_path):
    assert not any(
        "Ko-Steuerung" in w
        for w in draft("kooperationsvereinbarung", call, profile, {}, tmp_path / "a.docx", today=TODAY).warnings
    )
    call.labels.co_steering = False
    result = draft("kooperationsvereinbarung", call, profile, {}, tmp_path / "b.docx", today=TODAY)
    assert any("nicht als Ko-Steuerung eingeordnet" in w for w in result.warnings)


@pytest.mark.parametrize(
    "value",
    [
        NASTY,
        "x" * 120_000,
        "Steuer\x00zeichen\x07\x0b\x1b und \ud800 Surrogat\r\nneue Zeile\ttab",
        "Ein & zwei < drei > vier \" fünf ' sechs",
    ],
)
def test_awkward_values_give_a_valid_document(value, call, profile, full_answers, tmp_path):
    call.title = value[:5000]
    profile = dict(profile, name=value[:300], self_description=value)
    answers = dict(full_answers, projekttitel=value, ausgangslage=value, kontakt=value)
    out = tmp_path / "odd.docx"
    draft("projektantrag", call, profile, answers, out, today=TODAY)
    with zipfile.ZipFile(out) as z:
        assert z.testzip() is None
        for part in ("word/document.xml", "word/header1.xml", "word/footer1.xml", "docProps/core.xml"):
            if part in z.namelist():
                etree.fromstring(z.read(part))  # raises on invalid XML
    text = all_text(out)
    if value is NASTY:
        assert NASTY in text  # shown literally: neither escaped twice nor evaluated as Jinja
    if value.startswith("Ein &"):
        assert value in text
    if value.startswith("Steuer"):
        assert "Steuerzeichen und Surrogat neue Zeile tab" in text
        assert "\x00" not in text and "\x1b" not in text
