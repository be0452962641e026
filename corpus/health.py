"""Per-source health from the recorded runs (what ``kulisse sources`` shows)."""

from __future__ import annotations

import os
from dataclasses import dataclass

from corpus.store import Store

STATUS_DE = {
    "ok": "gesund",
    "unhealthy": "gestört",
    "failed": "fehlgeschlagen",
    "running": "läuft",
    "aborted": "abgebrochen",
}


def _process_alive(pid) -> bool:
    try:
        os.kill(int(pid), 0)
    except (ProcessLookupError, ValueError, TypeError):
        return False
    except PermissionError:  # exists, belongs to someone else
        return True
    return True


def run_status(run: dict) -> str:
    """A run still marked running whose writing process is gone was killed: "aborted"."""
    if run["status"] == "running" and not _process_alive(run["stats"].get("pid")):
        return "aborted"
    return run["status"]


@dataclass(frozen=True)
class SourceHealth:
    source: str
    last_run: str
    calls: int
    health: str
    note: str


def source_health(store: Store) -> list[SourceHealth]:
    counts = {
        r[0]: r[1]
        for r in store.conn.execute("SELECT source, COUNT(*) FROM calls WHERE gone_since IS NULL GROUP BY source")
    }
    latest: dict[str, dict] = {}
    previous: dict[str, dict] = {}
    for run in store.runs():
        if run["source"] in latest:
            previous[run["source"]] = latest[run["source"]]
        latest[run["source"]] = run
    rows = []
    for source in sorted(set(latest) | set(counts)):
        run = latest.get(source)
        notes = []
        if run:
            stats = run["stats"]
            if stats.get("errors"):
                notes.append(f"{stats['errors']} Fehler")
            if stats.get("dropped"):
                notes.append(f"{stats['dropped']} verworfen")
            if stats.get("gone"):
                notes.append(f"{stats['gone']} verschwunden")
            if run_status(run) == "aborted":
                notes.append("Lauf wurde abgebrochen; Gespeichertes bleibt erhalten")
            if stats.get("reason"):
                notes.append(str(stats["reason"]))
            prev = previous.get(source)
            if prev and "items" in stats and "items" in prev["stats"]:
                delta = stats["items"] - prev["stats"]["items"]
                if delta:
                    notes.append(f"{delta:+d} gegenüber dem vorigen Lauf")
        rows.append(
            SourceHealth(
                source=source,
                last_run=(run["finished"] or run["started"]) if run else "",
                calls=counts.get(source, 0),
                health=STATUS_DE.get(run_status(run), run["status"]) if run else "unbekannt",
                note="; ".join(notes),
            )
        )
    return rows
