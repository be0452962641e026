"""Writers for ranked lists: table (terminal), json, csv, md, html, xlsx.

Crawled text is untrusted: the table renders it as plain ``rich.text.Text`` (never markup),
HTML and Markdown escape it, CSV and XLSX neutralise spreadsheet formulas (a cell starting
with = + - @ or a control character gets a leading apostrophe, as OWASP recommends).
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import IO, TYPE_CHECKING

from corpus.clean import fix_surrogates, safe_url, strip_controls
from corpus.format_de import date_de, number
from corpus.labels import LEVEL_DE, REGIONS
from matcher.profile import Profile
from matcher.results import RankedCall

if TYPE_CHECKING:
    from rich.text import Text

FORMATS = ("table", "json", "csv", "csv-raw", "md", "html", "xlsx")
COLUMNS = (
    "Rang",
    "Punkte",
    "förderfähig",
    "Titel",
    "Geldgeber",
    "Ebene",
    "Region",
    "Frist",
    "Tage bis Frist",
    "Fristenstatus",
    "Bewerbung ab",
    "Ko-Steuerung",
    "Gründe",
    "Link",
    "ID",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise(value):
    """A cell any spreadsheet can take: no control characters (openpyxl refuses NUL and ESC), and
    a string that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str):
        value = strip_controls(fix_surrogates(value), multiline=True)
        if value.startswith(_FORMULA_START):
            return "'" + value
    return value


def deadline_text(r: RankedCall) -> str:
    """The deadline as the ranking computed it (``corpus.deadlines``), in German words."""
    today = r.deadline - timedelta(days=r.days_left) if r.deadline and r.days_left is not None else None
    # a window that is not open yet: say when applications start
    starts = f"Bewerbung ab {date_de(r.opens)}" if r.opens and (today is None or r.opens > today) else ""
    if r.deadline:
        left = r.days_left
        when = "heute" if left == 0 else ("morgen" if left == 1 else f"noch {left} Tage")
        text = f"{date_de(r.deadline)} ({when})"
        return f"{text}, {starts}" if starts else text
    if r.deadline_status == "offen":
        return f"offen, {starts}" if starts else "offen (ohne Datum)"
    return r.deadline_status


def deadline_cell(r: RankedCall) -> Text:
    """The deadline for a narrow column: the date, then the days left; else one status word."""
    from rich.text import Text

    if r.deadline:
        left = r.days_left
        when = "heute" if left == 0 else ("morgen" if left == 1 else f"noch {left} T.")
        return Text(f"{date_de(r.deadline)}\n{when}", style="bold" if left is not None and left <= 30 else "")
    return Text(r.deadline_status)


def row(r: RankedCall) -> list:
    """One result as the cells of the csv/xlsx/md/html outputs (COLUMNS order)."""
    return [
        r.rank,
        round(r.score, 3),
        "ja" if r.eligible else "nein",
        r.call.title,
        r.call.funder,
        LEVEL_DE.get(r.call.level, str(r.call.level)),
        r.call.region,
        r.deadline.isoformat() if r.deadline else "",
        r.days_left if r.days_left is not None else "",
        r.deadline_status,
        r.opens.isoformat() if r.opens else "",
        r.co_steering_text,
        " | ".join(r.reasons),
        r.call.url,
        r.call.id,
    ]


def _safe_url(url: str) -> str | None:
    return safe_url(url)  # http(s) only, percent-encoded (corpus.clean)


# -- the writers -----------------------------------------------------------------------------
def write_json(results: list[RankedCall], out: IO[str]) -> None:
    json.dump([r.to_json() for r in results], out, ensure_ascii=False, indent=2)
    out.write("\n")


def _german_cell(value):
    """What German Excel reads as intended: 1,617 (not 1617), 15.11.2026 (not text)."""
    if isinstance(value, float):
        return number(value, 3, grouping=False)
    if isinstance(value, date):
        return date_de(value)
    return value


def _typed_row(r: RankedCall) -> list:
    """``row`` for people: dates as dates (spreadsheets get real date cells), regions by name."""
    cells = row(r)
    for n, name in enumerate(COLUMNS):
        if name in ("Frist", "Bewerbung ab") and cells[n]:
            cells[n] = date.fromisoformat(cells[n])
        elif name == "Region":
            cells[n] = REGIONS.get(cells[n], cells[n])
    return cells


def write_csv(results: list[RankedCall], out: IO[str]) -> None:
    """For German Excel: UTF-8 with BOM (else umlauts break), ';' between cells, decimal commas,
    dates as TT.MM.JJJJ."""
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";")
    writer.writerow(COLUMNS)
    for r in results:
        writer.writerow([neutralise(_german_cell(v)) for v in _typed_row(r)])


def write_csv_raw(results: list[RankedCall], out: IO[str]) -> None:
    """For programs: plain UTF-8, ',' between cells, decimal points, ISO dates."""
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for r in results:
        writer.writerow([neutralise(v) for v in row(r)])


def _md_cell(value) -> str:
    text = " ".join(strip_controls(str(value)).split())
    return html.escape(text, quote=False).replace("|", "\\|").replace("[", "\\[").replace("]", "\\]")


def write_md(results: list[RankedCall], out: IO[str], profile: Profile, today: date) -> None:
    out.write(f"# Passende Förderaufrufe für {_md_cell(profile.name)}\n\nStand: {date_de(today)}\n\n")
    out.write(
        "| Rang | Punkte | Titel | Geldgeber | Frist | Ko-Steuerung | Gründe | ID |\n"
        "|---:|---:|---|---|---|---|---|---|\n"
    )
    for r in results:
        cells = [
            r.rank,
            number(r.score, 2, grouping=False),
            r.call.title,
            r.call.funder,
            deadline_text(r),
            "" if r.co_steering_text == "nein" else r.co_steering_text,
            "; ".join(r.reasons),
            r.call.id,
        ]
        out.write("| " + " | ".join(_md_cell(c) for c in cells) + " |\n")


def write_html(results: list[RankedCall], out: IO[str], profile: Profile, today: date) -> None:
    """One page from ``rendering/html/list.html.j2`` (autoescaped: crawled text stays text)."""
    from rendering.templating import render as render_template

    rows = [{"result": r, "deadline": deadline_text(r)} for r in results]
    out.write(render_template("list.html.j2", results=results, rows=rows, profile=profile, today=today))


def write_xlsx(results: list[RankedCall], path: Path | IO[bytes], profile: Profile, today: date) -> None:
    from openpyxl import Workbook  # ~0.25 s to import; only for this format
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Förderaufrufe"
    ws.append([neutralise(f"Förderaufrufe für {profile.name} – Stand {date_de(today)}")])
    ws.append(list(COLUMNS))
    for cell in ws[2]:
        cell.font = Font(bold=True)
    link_col = COLUMNS.index("Link") + 1
    for r in results:
        ws.append([neutralise(v) for v in _typed_row(r)])
        line = ws.max_row
        for n, name in enumerate(COLUMNS, start=1):
            cell = ws.cell(row=line, column=n)
            if name in ("Frist", "Bewerbung ab") and cell.value:
                cell.number_format = "DD.MM.YYYY"  # shown as TT.MM.JJJJ by German Excel
            elif name == "Punkte":
                cell.number_format = "0.000"
        url = _safe_url(r.call.url)
        if url:  # only web links: a crawled "javascript:" or file link must not become clickable
            cell = ws.cell(row=line, column=link_col)
            cell.hyperlink = url
            cell.style = "Hyperlink"
    widths = {
        "A": 6,
        "B": 8,
        "C": 11,
        "D": 60,
        "E": 40,
        "F": 14,
        "G": 8,
        "H": 12,
        "I": 10,
        "J": 12,
        "K": 12,
        "L": 12,
        "M": 90,
        "N": 50,
        "O": 30,
    }
    for col, width in widths.items():
        ws.column_dimensions[col].width = width
    for line in ws.iter_rows(min_row=3):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A3"  # title and header stay visible
    from openpyxl.utils import get_column_letter

    ws.auto_filter.ref = f"A2:{get_column_letter(len(COLUMNS))}{max(ws.max_row, 2)}"
    wb.save(path)


def write_table(
    results: list[RankedCall],
    out: IO[str],
    profile: Profile,
    today: date,
    *,
    width: int | None = None,
    reasons: int = 3,
) -> None:
    """The readable terminal table: rank, score, title and funder, deadline, Ko-Steuerung, top reasons."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    if width is None:
        import shutil

        # a real terminal gets its own width; files and pipes a wide, fixed one
        is_tty = getattr(out, "isatty", lambda: False)()
        width = max(80, shutil.get_terminal_size((160, 40)).columns) if is_tty else 160
    console = Console(
        file=out,
        width=width,
        highlight=False,
        soft_wrap=False,
        force_terminal=False,
        color_system=None if not getattr(out, "isatty", lambda: False)() else "auto",
    )
    table = Table(
        title=Text(f"Förderaufrufe für {strip_controls(profile.name)} – Stand {date_de(today)}"),
        show_lines=True,
        expand=True,
    )
    # below 120 columns the reasons move under the title: the title keeps the width, and the
    # deadline a fixed one, so neither is cut to "lau…"
    wide = width >= 120
    table.add_column("Rang", justify="right", no_wrap=True)
    if wide:
        table.add_column("Punkte", justify="right", no_wrap=True)
    table.add_column("Frist", min_width=11, no_wrap=True)
    table.add_column("KS", justify="center", no_wrap=True)
    table.add_column("Aufruf (Geldgeber)" if wide else "Aufruf (Geldgeber) – warum", ratio=5)
    if wide:
        table.add_column("Warum", ratio=4)
    for r in results:
        title = Text(r.call.title, style="bold")
        if r.call.funder:
            funder = r.call.funder if wide or len(r.call.funder) <= 80 else r.call.funder[:79] + "…"
            title.append("\n" + funder, style="dim")
        marker = "●" if r.co_steering else "○ möglich" if r.co_steering_text == "möglich" else ""
        why = Text(strip_controls("\n".join(f"• {x}" for x in r.reasons[:reasons]), multiline=True))
        if not r.eligible:
            why = Text("nicht förderfähig: ") + why
        score = number(r.score, 2, grouping=False)
        if wide:
            title.append(f"\nID: {r.call.id}", style="dim")
            table.add_row(str(r.rank), score, deadline_cell(r), marker, title, why)
        else:
            table.add_row(Text(str(r.rank)), deadline_cell(r), marker, title + Text("\n") + why)
    console.print(table)
    if results:
        console.print(
            Text(
                f"Entwurf für einen Aufruf: kulisse draft --call <Rang> --profile {profile.key} "
                "--template projektskizze --out antrag.docx"
            )
        )
    console.print(
        Text(
            "KS ● = Ko-Steuerung: Kommune und Migrantenorganisationen steuern gemeinsam "
            "(Koordination oder Strategie, nicht nur Projektarbeit); ○ möglich = unsicher, Belege prüfen."
        )
    )
    # stale data is the first complaint about funding databases: say how old these facts are
    if any(r.call.source == "snapshot" for r in results):
        console.print(
            Text(
                "Datenstand: teils aus dem mitgelieferten Schnappschuss; "
                "„kulisse crawl“ holt den aktuellen Stand der Quellen."
            )
        )
    checked = sorted(
        str(r.call.extras["last_checked"])[:10]
        for r in results
        if r.call.extras.get("last_checked") and r.call.source != "snapshot"
    )
    if checked:
        oldest = date_de(date.fromisoformat(checked[0]))
        newest = date_de(date.fromisoformat(checked[-1]))
        span = oldest if oldest == newest else f"{oldest} bis {newest}"
        console.print(Text(f"Datenstand: zuletzt bei den Quellen geprüft am {span}."))


def write(results: list[RankedCall], fmt: str, out: IO[str] | Path, profile: Profile, today: date) -> None:
    """Write ``results`` in ``fmt`` to a text stream (or, for xlsx, a path or binary stream)."""
    if fmt == "xlsx":
        write_xlsx(results, out, profile, today)
    elif fmt == "json":
        write_json(results, out)
    elif fmt == "csv":
        write_csv(results, out)
    elif fmt == "csv-raw":
        write_csv_raw(results, out)
    elif fmt == "md":
        write_md(results, out, profile, today)
    elif fmt == "html":
        write_html(results, out, profile, today)
    elif fmt == "table":
        write_table(results, out, profile, today)
    else:
        raise ValueError(f"unknown format {fmt!r}")


def render(results: list[RankedCall], fmt: str, profile: Profile, today: date) -> str:
    """A text format as a string (tests, the TUI's export)."""
    buffer = io.StringIO()
    write(results, fmt, buffer, profile, today)
    return buffer.getvalue()


__all__: Iterable[str] = ("FORMATS", "write", "render", "neutralise", "row", "deadline_text")
