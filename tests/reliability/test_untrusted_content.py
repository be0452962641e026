"""Untrusted content: one hostile call pushed through every output Kulisse has.

The call's texts carry Rich markup, Textual actions, Jinja syntax, HTML/script, XML special
characters and spreadsheet formulas. Each output must show them literally (or neutralised, for
spreadsheet formulas) and never run them: the TUI, the .docx drafts, the HTML report, the
exports (csv, xlsx, md, html, json) and the terminal table of ``kulisse match``.
"""

from __future__ import annotations

import asyncio
import csv
import html as htmllib
import io
import json
import zipfile
from datetime import date

import pytest
from docx import Document

from corpus.store import Store
from matcher.indexes import ensure_indexes
from matcher.profile import load_profile
from matcher.ranking import rank
from rendering.export import render, write_xlsx
from tests.reliability.helpers import WordHashEmbedder, kulisse

TODAY = date(2026, 12, 1)
RICH = "[bold red]Alarm[/] [@click=app.quit]klick[/]"
JINJA = "{{ 7*7 }} {% for x in range(3) %}x{% endfor %} {{ config }}"
MARKUP = "<script>alert('xss')</script> <b>fett</b> & ]]> <!-- x --> \"zitat\" 'apostroph'"
TITLE = f'=HYPERLINK("http://boese.example";"hier") {RICH}'
FUNDER = "+SUMME(A1:A9) Stiftung <img src=x onerror=alert(1)>"
SUMMARY = (
    f"@cmd|' /C calc'!A0 Migrantenorganisationen und Vereine in Dortmund. {RICH} {JINJA} {MARKUP} "
    "Ko-Steuerung mit der Kommune."
)
HOSTILE = {
    "id": "boese-1",
    "title": TITLE,
    "funder": FUNDER,
    "level": "bund",
    "region": "DE",
    "url": "javascript:alert(1)",
    "summary_de": SUMMARY,
    "amount_text": "-5+5 bis 10.000 Euro",
    "deadline_text": "laufend {{ 7*7 }}",
    "applicants": ["verein", "mo", "verbund"],
}
LITERALS = [
    "[bold red]Alarm[/]",
    "[@click=app.quit]klick[/]",
    "{{ 7*7 }}",
    "{% for x in range(3) %}",
    "<script>alert('xss')</script>",
    "]]>",
]
FORMULA_START = ("=", "+", "-", "@")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("boese") / "k.sqlite"
    src = path.with_name("boese.jsonl")
    src.write_text(json.dumps(HOSTILE, ensure_ascii=False) + "\n", encoding="utf-8")
    result = kulisse("import", src, "--db", path)
    assert result.returncode == 0, result.stderr
    from corpus.model import Classification, Evidence
    from matcher.classifier import CLASSIFIER_VERSION

    with Store(path) as store:  # labelled as co-steering: the report then lists it with evidence
        labels = Classification(
            addressee="ko_steuerung",
            co_steering=True,
            steering_level="strategie",
            funding_form="projekt",
            placement_type=3,
            classifier_version=CLASSIFIER_VERSION,
            evidence=[Evidence(label="co_steering", text=f"{RICH} {JINJA} {MARKUP}")],
        )
        store.set_labels([("boese-1", store.content_hashes()["boese-1"], labels)])
    return path


@pytest.fixture(scope="module")
def ranked(db):
    with Store(db) as store:
        calls = store.calls()
    assert calls[0].title == TITLE  # stored exactly as written
    index = ensure_indexes(calls, None, embed=WordHashEmbedder())
    return rank(calls, load_profile("vmdo"), today=TODAY, index=index, include_ineligible=True)


def test_exports_show_the_text_literally_and_neutralise_formulas(ranked, tmp_path):
    profile = load_profile("vmdo")
    # csv: every cell that a spreadsheet would run starts with an apostrophe
    rows = list(csv.reader(io.StringIO(render(ranked, "csv", profile, TODAY)), delimiter=";"))
    cells = [c for row in rows[1:] for c in row]
    assert f"'{TITLE}" in cells and f"'{FUNDER}" in cells
    assert not [c for c in cells if c.startswith(FORMULA_START)]
    # xlsx: the same, and the cells are strings, never formulas
    out = tmp_path / "aufrufe.xlsx"
    write_xlsx(ranked, out, profile, TODAY)
    from openpyxl import load_workbook

    ws = load_workbook(out).active
    values = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    assert f"'{TITLE}" in values
    assert not [v for v in values if isinstance(v, str) and v.startswith(FORMULA_START)]
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    with zipfile.ZipFile(out) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet
    # html: escaped, no live tag, no javascript: link
    page = render(ranked, "html", profile, TODAY)
    assert "<script>" not in page and "<img" not in page and 'href="javascript:' not in page
    assert htmllib.escape(TITLE) in page
    # md: escaped for a Markdown renderer (no raw HTML, no link syntax)
    md = render(ranked, "md", profile, TODAY)
    assert "<script>" not in md and "<img" not in md and "&lt;img" in md
    # json: the exact strings
    [record] = json.loads(render(ranked, "json", profile, TODAY))
    assert record["title"] == TITLE
    # the terminal table of `kulisse match --format table`: markup shown, not applied
    from rendering.export import write_table

    buffer = io.StringIO()
    write_table(ranked, buffer, profile, TODAY, width=400)  # wide: the title stays on one line
    table = buffer.getvalue()
    flat = " ".join(table.split())
    assert "[bold red]Alarm[/]" in flat and "[@click=app.quit]klick[/]" in flat
    assert "\x1b[" not in table


def test_match_table_on_a_terminal_shows_markup_as_text(ranked):
    """With colours on (a real terminal), the title still carries no style from its markup."""
    from rich.console import Console
    from rich.text import Text

    from rendering.export import write_table

    buffer = io.StringIO()
    buffer.isatty = lambda: True  # type: ignore[method-assign]
    write_table(ranked, buffer, load_profile("vmdo"), TODAY, width=400)
    out = buffer.getvalue()
    plain = Text.from_ansi(out).plain
    assert "[bold red]Alarm[/]" in " ".join(plain.split())
    assert "\x1b[1;31mAlarm" not in out  # bold red would be applied as 1;31
    assert Console  # imported for the type of output under test


def test_report_escapes_everything_and_drops_javascript_links(db, tmp_path):
    out = tmp_path / "bericht"
    result = kulisse("report", "--db", db, "--out", out, "--today", TODAY.isoformat())
    assert result.returncode == 0, result.stderr
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<img src=x" not in page
    assert htmllib.escape(TITLE) in page and htmllib.escape(MARKUP) in page  # the call is listed, escaped
    assert 'href="javascript:' not in page.replace(" ", "")
    figures = json.loads((out / "daten.json").read_text(encoding="utf-8"))
    assert figures  # written next to the page


@pytest.mark.parametrize(
    "template",
    ["projektskizze", "absichtserklaerung", "kooperationsvereinbarung", "projektantrag", "strukturfoerderung"],
)
def test_docx_drafts_write_the_text_literally(db, tmp_path, template):
    from templates.render import draft

    with Store(db) as store:
        call = store.get("boese-1")
    profile = load_profile("vmdo").model_dump(mode="json")
    profile["name"] = f"Verbund {JINJA} {MARKUP}"  # the profile is typed by people: also untrusted
    out = tmp_path / f"{template}.docx"
    draft(template, call, profile, {}, out, today=TODAY)
    doc = Document(str(out))  # opens: the XML stayed well-formed
    texts = [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]
    text = "\n".join(texts)
    assert "{{ 7*7 }}" in text or "[bold red]Alarm[/]" in text or "<script>" in text, text[:500]
    assert " 49 " not in f" {text} " and "xxx" not in text  # nothing was evaluated
    for literal in ("{{ 7*7 }}", "<script>alert('xss')</script>", "]]>"):
        if literal.split()[0] in text:
            assert literal in text
    with zipfile.ZipFile(out) as zf:
        body = zf.read("word/document.xml").decode()
    assert "<script>" not in body and "&lt;script&gt;" in body


def test_tui_list_and_detail_show_the_text_literally_and_run_nothing(db, monkeypatch, tmp_path):
    from tui.app import make_app
    from tui.screens.call_detail import CallDetailScreen

    monkeypatch.setenv("KULISSE_DATA_DIR", str(tmp_path / "data"))

    async def scenario():
        app = make_app(db, "vmdo", TODAY, use_model=False)
        async with app.run_test(size=(160, 45)) as pilot:
            await pilot.pause()
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            screen = app.screen
            screen.query_one("#f-all").value = True
            await pilot.pause()
            row = screen.table.get_row("boese-1")
            title_cell = next(c for c in row if "Alarm" in getattr(c, "plain", str(c)))
            assert getattr(title_cell, "plain", str(title_cell)).startswith("=HYPERLINK")
            assert "[bold red]Alarm[/" in title_cell.plain and not title_cell.spans  # (cut to the column)
            screen.table.move_cursor(row=[r.call.id for r in screen.shown].index("boese-1"))
            await pilot.press("enter")
            await pilot.pause()
            detail = app.screen
            assert isinstance(detail, CallDetailScreen)
            title = detail.query_one("#detail-title").content
            assert title.plain == TITLE and not title.spans
            body = detail.query_one("#detail-text").content.plain
            for literal in LITERALS:
                assert literal in body, literal
            await pilot.click("#detail-title", offset=(50, 0))  # over "[@click=app.quit]klick"
            await pilot.click("#detail-text", offset=(30, 0))
            await pilot.pause()
            assert app.is_running and app.return_code is None
            assert isinstance(app.screen, CallDetailScreen)

    asyncio.run(scenario())


def test_digest_escapes_and_drops_javascript_links(ranked):
    from rendering.digest import Digest, to_html, to_markdown

    digest = Digest(
        verbund=f"Verbund {MARKUP}", today=TODAY, since=None, new=ranked, deadline_changes=[], vanished=[ranked[0].call]
    )
    page = to_html(digest)
    assert "<script>" not in page and "<img" not in page and "javascript:" not in page
    assert htmllib.escape(TITLE) in page
    md = to_markdown(digest)
    assert "javascript:" not in md and "<script>" not in md and "\\[bold red\\]" in md
