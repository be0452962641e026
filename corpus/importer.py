"""Reading calls from JSON lines: each bad line becomes a German problem row, the rest is kept."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from pydantic import ValidationError

from corpus.model import FundingCall, call_from_record

FIELD_DE = {
    "id": "ID",
    "title": "Titel",
    "summary_de": "Beschreibung (summary_de)",
    "level": "Ebene (level)",
    "region": "Region",
    "applicants": "Antragsberechtigte (applicants)",
    "funding_form": "Förderart (funding_form)",
    "url": "URL",
    "funder": "Fördergeber (funder)",
}


@dataclass(frozen=True)
class Problem:
    """One problem found while reading a file: where, which field, what is wrong (German)."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}, Zeile {self.line}" if self.line else self.file
        field = f" [{self.field}]" if self.field else ""
        return f"{where}{field}: {self.message}"


def _explain(error: dict) -> tuple[str, str]:
    loc = error.get("loc") or ("",)
    field = str(loc[0])
    label = FIELD_DE.get(field, field)
    kind = error.get("type", "")
    if kind == "missing":
        return field, f"Pflichtfeld {label} fehlt."
    if kind == "enum":
        allowed = str(error.get("ctx", {}).get("expected", "")).replace(" or ", " oder ")
        return field, f"{label}: unbekannter Wert {error.get('input')!r} (erlaubt: {allowed})."
    if kind in ("string_type", "list_type"):
        return field, f"{label} hat den falschen Typ."
    message = str(error.get("msg", "ungültig")).removeprefix("Value error, ")
    return field, f"{label}: {message}"


def parse_lines(lines: Iterable[str], filename: str = "<eingabe>") -> tuple[list[FundingCall], list[Problem]]:
    """Parse JSON lines into calls; problems are collected, never raised."""
    calls: list[FundingCall] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(Problem(filename, number, "", f"kein gültiges JSON ({exc.msg}, Spalte {exc.colno})."))
            continue
        if not isinstance(record, dict):
            problems.append(Problem(filename, number, "", "Jede Zeile muss ein JSON-Objekt {…} sein."))
            continue
        try:
            call = call_from_record(record)
        except ValidationError as exc:
            for error in exc.errors():
                field, message = _explain(error)
                problems.append(Problem(filename, number, field, message))
            continue
        except (TypeError, ValueError) as exc:
            problems.append(Problem(filename, number, "", f"ungültiger Datensatz ({exc})."))
            continue
        if call.id in seen:
            problems.append(Problem(filename, number, "id", f"ID {call.id!r} kommt schon in Zeile {seen[call.id]} vor; die spätere Zeile gilt."))
            calls = [c for c in calls if c.id != call.id]
        seen[call.id] = number
        calls.append(call)
    return calls, problems


def read_jsonl(path: str | Path) -> tuple[list[FundingCall], list[Problem]]:
    """Read a JSON-lines file. A file that cannot be read or is not UTF-8 is one problem row."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return [], [Problem(str(path), 0, "", "Die Datei gibt es nicht.")]
    except IsADirectoryError:
        return [], [Problem(str(path), 0, "", "Das ist ein Ordner, keine Datei.")]
    except PermissionError:
        return [], [Problem(str(path), 0, "", "Keine Leserechte für die Datei.")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return [], [Problem(str(path), line, "", "Die Datei ist nicht UTF-8-kodiert. Bitte als UTF-8 speichern und erneut importieren.")]
    return parse_lines(text.splitlines(), str(path))


def export_lines(calls: Iterable[FundingCall]) -> Iterable[str]:
    for call in calls:
        yield json.dumps(call.to_import_record(), ensure_ascii=False)
