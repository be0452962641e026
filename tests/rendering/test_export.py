import csv
import io
import json
from datetime import date

from openpyxl import load_workbook

from matcher.profile import load_profile
from matcher.results import RankedCall
from rendering.export import neutralise, render, write
from tests.matcher.matcher_helpers import make_call

TODAY = date(2026, 3, 1)
PROFILE = load_profile("vmdo")


def _results():
    evil = make_call(
        "evil",
        '=HYPERLINK("http://x") <script>alert(1)</script> [bold]fett[/bold] | Pipe',
        "Text.",
        funder="@Geldgeber",
        url="javascript:alert(1)",
    )
    good = make_call("gut", "Seniorenarbeit", "Text.", url="https://example.org/aufruf")
    return [
        RankedCall(
            call=good,
            rank=1,
            score=0.9,
            eligible=True,
            reasons=["passt zu Handlungsfeld Seniorenarbeit"],
            deadline=date(2026, 3, 11),
            days_left=10,
            deadline_status="offen",
            opens=date(2026, 2, 1),
        ),
        RankedCall(
            call=evil,
            rank=2,
            score=0.5,
            eligible=True,
            reasons=["-1+2", "förderberechtigt: Vereine"],
            deadline_status="laufend",
        ),
    ]


def test_neutralise():
    assert neutralise("=1+1") == "'=1+1" and neutralise("+49") == "'+49" and neutralise("-3") == "'-3"
    assert neutralise("@SUM") == "'@SUM" and neutralise("Text") == "Text" and neutralise(3) == 3


def test_json_contract():
    data = json.loads(render(_results(), "json", PROFILE, TODAY))
    assert [d["rank"] for d in data] == [1, 2]
    assert {
        "id",
        "rank",
        "score",
        "eligible",
        "reasons",
        "co_steering",
        "deadline",
        "deadline_status",
        "opens",
        "url",
        "title",
    } <= set(data[0])
    # deadline is a date or null (DESIGN); "laufend" is a status, not a deadline
    assert (data[0]["deadline"], data[0]["deadline_status"], data[0]["opens"]) == ("2026-03-11", "offen", "2026-02-01")
    assert (data[1]["deadline"], data[1]["deadline_status"], data[1]["opens"]) == (None, "laufend", None)


def test_csv_neutralises_formulas():
    rows = list(csv.reader(io.StringIO(render(_results(), "csv", PROFILE, TODAY)), delimiter=";"))
    evil = rows[2]
    assert evil[3].startswith("'=HYPERLINK") and evil[4] == "'@Geldgeber" and evil[12].startswith("'-1+2")
    header = rows[0]
    assert rows[1][header.index("Fristenstatus")] == "offen" and rows[1][header.index("Bewerbung ab")] == "01.02.2026"
    assert evil[header.index("Fristenstatus")] == "laufend" and evil[header.index("Frist")] == ""
    assert rows[1][3] == "Seniorenarbeit"


def test_xlsx_opens_and_neutralises(tmp_path):
    path = tmp_path / "liste.xlsx"
    write(_results(), "xlsx", path, PROFILE, TODAY)
    ws = load_workbook(path).active
    assert ws["A2"].value == "Rang" and ws["D3"].value == "Seniorenarbeit"
    assert ws["D4"].value.startswith("'=") and ws["D4"].data_type == "s"
    assert ws["E4"].value == "'@Geldgeber"


def test_html_is_escaped_and_self_contained():
    page = render(_results(), "html", PROFILE, TODAY)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert "javascript:" not in page  # unsafe link dropped, title kept as text
    assert 'href="https://example.org/aufruf"' in page
    assert "<link" not in page and "src=" not in page  # nothing loaded from elsewhere
    assert page.startswith("<!DOCTYPE html>") and "noch 10 Tage" in page


def test_markdown_escapes_pipes_and_html():
    md = render(_results(), "md", PROFILE, TODAY)
    assert "\\| Pipe" in md and "&lt;script&gt;" in md
    table_lines = [line for line in md.splitlines() if line.startswith("| 2 ")]
    assert table_lines and table_lines[0].count(" | ") == 7  # eight cells, the last the ID


def test_table_shows_text_literally():
    out = render(_results(), "table", PROFILE, TODAY)
    assert "[bold]fett[/bold]" in out  # not interpreted as Rich markup
    assert "Seniorenarbeit" in out and "11.03.2026" in out and "laufend" in out
