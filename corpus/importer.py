"""Reading calls from JSON lines: each bad line becomes a German problem row, the rest is kept.

Files are read line by line (``iter_jsonl``), so a 2 GB file needs memory for one line, not for
the whole file. Whatever a line holds – a lone surrogate, 5,000 levels of nesting, a 1 MB title –
it ends as a call or as a German problem for that line, never as an exception.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from corpus import format_de
from corpus.clean import has_surrogates, too_long
from corpus.model import FundingCall, call_from_record

# the fields of the import format (DESIGN.md) plus what ``export`` writes; anything else in a
# line (``extras``, ``first_seen``, ``labels`` …) is ignored like any unknown field
IMPORT_FIELDS = (
    "id",
    "title",
    "funder",
    "level",
    "region",
    "url",
    "summary_de",
    "full_text",
    "amount_text",
    "deadline_text",
    "applicants",
    "funding_form",
    "source",
)
MAX_LINE_BYTES = 8_000_000  # a line within every field limit, even written as \uXXXX escapes

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
    "full_text": "Volltext (full_text)",
    "amount_text": "Förderhöhe (amount_text)",
    "deadline_text": "Frist (deadline_text)",
    "source": "Quelle (source)",
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
        return field, f"{label}: unbekannter Wert {str(error.get('input'))[:60]!r} (erlaubt: {allowed})."
    if kind in ("string_type", "list_type"):
        return field, f"{label} hat den falschen Typ."
    message = str(error.get("msg", "ungültig")).removeprefix("Value error, ")
    return field, f"{label}: {message}"


def _strings(value, depth: int = 0) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list) and depth < 3:
        for item in value:
            yield from _strings(item, depth + 1)


def _de(n: int) -> str:
    return format_de.number(n)


def parse_line(line: str, number: int, filename: str) -> FundingCall | list[Problem]:
    """One line as a call, or the German problems that keep it out."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return [Problem(filename, number, "", f"kein gültiges JSON ({exc.msg}, Spalte {exc.colno}).")]
    except RecursionError:
        return [Problem(filename, number, "", "zu tief verschachteltes JSON (eine Zeile ist ein flaches Objekt {…}).")]
    if not isinstance(record, dict):
        return [Problem(filename, number, "", "Jede Zeile muss ein JSON-Objekt {…} sein.")]
    record = {k: record[k] for k in IMPORT_FIELDS if k in record}
    problems = [
        Problem(
            filename,
            number,
            k,
            f"{FIELD_DE.get(k, k)}: enthält ein ungültiges Unicode-Zeichen "
            "(ein einzelnes Surrogat wie \\ud800); bitte die Quelle korrigieren.",
        )
        for k, v in record.items()
        if any(has_surrogates(s) for s in _strings(v))
    ]
    problems += [
        Problem(filename, number, k, f"{FIELD_DE.get(k, k)}: zu lang ({_de(length)} Zeichen, höchstens {_de(limit)}).")
        for k, length, limit in too_long(record)
    ]
    if problems:
        return problems
    try:
        return call_from_record(record)
    except ValidationError as exc:
        return [Problem(filename, number, *_explain(error)) for error in exc.errors()]
    except (TypeError, ValueError, RecursionError) as exc:
        return [Problem(filename, number, "", f"ungültiger Datensatz ({type(exc).__name__}).")]


def parse_lines(lines: Iterable[str], filename: str = "<eingabe>") -> tuple[list[FundingCall], list[Problem]]:
    """Parse JSON lines into calls; problems are collected, never raised."""
    calls: dict[str, FundingCall] = {}
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        result = parse_line(line, number, filename)
        if isinstance(result, list):
            problems.extend(result)
            continue
        if result.id in seen:
            problems.append(_duplicate(filename, number, result.id, seen[result.id]))
            calls.pop(result.id)
        seen[result.id] = number
        calls[result.id] = result
    return list(calls.values()), problems


def _duplicate(filename: str, number: int, call_id: str, first: int) -> Problem:
    return Problem(filename, number, "id", f"ID {call_id!r} kommt schon in Zeile {first} vor; die spätere Zeile gilt.")


def _open_problem(path: Path, exc: OSError) -> Problem:
    if isinstance(exc, FileNotFoundError):
        return Problem(str(path), 0, "", "Die Datei gibt es nicht.")
    if isinstance(exc, IsADirectoryError):
        return Problem(str(path), 0, "", "Das ist ein Ordner, keine Datei.")
    if isinstance(exc, PermissionError):
        return Problem(str(path), 0, "", "Keine Leserechte für die Datei.")
    return Problem(str(path), 0, "", f"Die Datei lässt sich nicht lesen (Fehlernummer {exc.errno}).")


def _raw_lines(fh) -> Iterator[tuple[bytes | None, int]]:
    """(line, number) of a binary file; None for a line longer than MAX_LINE_BYTES (skipped
    in pieces, never held whole)."""
    number = 0
    while True:
        chunk = fh.readline(MAX_LINE_BYTES + 1)
        if not chunk:
            return
        number += 1
        if len(chunk) > MAX_LINE_BYTES and not chunk.endswith(b"\n"):
            while chunk and not chunk.endswith(b"\n"):
                chunk = fh.readline(MAX_LINE_BYTES)
            yield None, number
            continue
        yield chunk, number


def iter_jsonl(path: str | Path, problems: list[Problem]) -> Iterator[FundingCall]:
    """The calls of a JSON-lines file, read line by line; problems are appended to ``problems``.

    A repeated id is reported; both calls are yielded, the later one last (it wins when stored).
    """
    path = Path(path)
    name = str(path)
    try:
        fh = open(path, "rb")
    except OSError as exc:
        problems.append(_open_problem(path, exc))
        return
    seen: dict[str, int] = {}
    with fh:
        try:
            for raw, number in _raw_lines(fh):
                if raw is None:
                    problems.append(
                        Problem(name, number, "", f"Zeile zu lang (über {MAX_LINE_BYTES // 1_000_000} MB).")
                    )
                    continue
                if number == 1:
                    raw = raw.removeprefix(b"\xef\xbb\xbf")  # a BOM, as Windows editors write it
                try:
                    line = raw.decode("utf-8").strip()
                except UnicodeDecodeError:
                    problems.append(
                        Problem(
                            name,
                            number,
                            "",
                            "Die Zeile ist nicht UTF-8-kodiert. Bitte die Datei "
                            "als UTF-8 speichern und erneut importieren.",
                        )
                    )
                    continue
                if not line:
                    continue
                result = parse_line(line, number, name)
                if isinstance(result, list):
                    problems.extend(result)
                    continue
                if result.id in seen:
                    problems.append(_duplicate(name, number, result.id, seen[result.id]))
                seen[result.id] = number
                yield result
        except OSError as exc:
            problems.append(_open_problem(path, exc))


def read_jsonl(path: str | Path) -> tuple[list[FundingCall], list[Problem]]:
    """Read a JSON-lines file whole (the snapshot, tests); a repeated id keeps its later line."""
    problems: list[Problem] = []
    calls: dict[str, FundingCall] = {}
    for call in iter_jsonl(path, problems):
        calls.pop(call.id, None)
        calls[call.id] = call
    return list(calls.values()), problems


def export_lines(calls: Iterable[FundingCall]) -> Iterable[str]:
    for call in calls:
        yield json.dumps(call.to_import_record(), ensure_ascii=False)
