"""Exports for German offices: what Excel and LibreOffice make of them (issue 14, item 4)."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from rendering.export import COLUMNS, render, write
from tests.rendering.test_export import PROFILE, TODAY, _results


def _col(name: str) -> int:
    return COLUMNS.index(name) + 1


def test_xlsx_has_date_cells_links_autofilter_and_frozen_header(tmp_path):
    path = tmp_path / "liste.xlsx"
    write(_results(), "xlsx", path, PROFILE, TODAY)
    ws = load_workbook(path).active
    deadline = ws.cell(row=3, column=_col("Frist"))
    assert isinstance(deadline.value, datetime) and deadline.value.date() == date(2026, 3, 11)
    assert deadline.number_format == "DD.MM.YYYY"  # German Excel shows TT.MM.JJJJ
    assert isinstance(ws.cell(row=3, column=_col("Punkte")).value, float)
    assert ws.cell(row=3, column=_col("Tage bis Frist")).value == 10
    link = ws.cell(row=3, column=_col("Link"))
    assert link.hyperlink is not None and link.hyperlink.target == "https://example.org/aufruf"
    assert ws.cell(row=4, column=_col("Link")).hyperlink is None  # javascript: never becomes clickable
    assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A2:")
    assert ws.freeze_panes == "A3"
    assert ws.cell(row=3, column=_col("Region")).value == "Deutschland"


def test_csv_is_for_german_excel_and_csv_raw_for_programs():
    text = render(_results(), "csv", PROFILE, TODAY)
    assert text.startswith("\ufeff")  # UTF-8 BOM: Excel reads the umlauts right
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:3] == ["Rang", "Punkte", "förderfähig"]
    assert rows[1][1] == "0,900" and rows[1][COLUMNS.index("Frist")] == "11.03.2026"
    raw = render(_results(), "csv-raw", PROFILE, TODAY)
    assert not raw.startswith("\ufeff")
    raw_rows = list(csv.reader(io.StringIO(raw)))
    assert raw_rows[1][1] == "0.9" and raw_rows[1][COLUMNS.index("Frist")] == "2026-03-11"


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(_soffice() is None, reason="LibreOffice (soffice) ist nicht installiert")
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_libreoffice_reads_the_export(tmp_path, fmt):
    """Converted headless to xlsx: dates come back as dates, scores as numbers, umlauts intact."""
    src = tmp_path / f"liste.{fmt}"
    if fmt == "xlsx":
        write(_results(), "xlsx", src, PROFILE, TODAY)
    else:
        src.write_text(render(_results(), "csv", PROFILE, TODAY), encoding="utf-8")
    out = tmp_path / "out"
    # the CSV filter: ';' (59), '"' (34), UTF-8 (76), from line 1, German locale for "0,900" and "11.03.2026"
    filt = ["--infilter=CSV:59,34,76,1,,1031"] if fmt == "csv" else []
    subprocess.run(
        [
            _soffice(),
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            *filt,
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    ws = load_workbook(out / "liste.xlsx").active
    first = 3 if fmt == "xlsx" else 2
    header = [c.value for c in ws[first - 1]]
    assert header[:3] == ["Rang", "Punkte", "förderfähig"]
    deadline = ws.cell(row=first, column=_col("Frist")).value
    assert isinstance(deadline, datetime) and deadline.date() == date(2026, 3, 11)
    assert ws.cell(row=first, column=_col("Punkte")).value == pytest.approx(0.9)
    assert ws.cell(row=first, column=_col("Titel")).value == "Seniorenarbeit"
