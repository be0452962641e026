"""``kulisse classify``: label every call (recomputing only stale labels) and print them."""
from __future__ import annotations

import json
from pathlib import Path

import click

from tui.commands.common import db_option, echo_err, open_db

JSONL_FIELDS = ("id", "co_steering", "addressee", "steering_level", "funding_form", "placement_type")


def label_record(call_id: str, labels) -> dict:
    """One call's labels in the JSON-lines shape of DESIGN.md (plus confidence and cue)."""
    record = {
        "id": call_id,
        "co_steering": labels.co_steering,
        "addressee": labels.addressee.value,
        "steering_level": labels.steering_level.value,
        "funding_form": labels.funding_form.value,
        "placement_type": labels.placement_type,
        "confidence": labels.confidence,
        "evidence": [{"label": e.label, "text": e.text, "cue": e.cue} for e in labels.evidence],
    }
    return record


def _table_line(call, labels) -> str:
    flag = "ja" if labels.co_steering else "nein"
    conf = labels.confidence.get("addressee", 0.0)
    return (
        f"{call.id[:44]:44} {labels.addressee.value:13} {conf:>4.2f} {flag:5} "
        f"{labels.steering_level.value:13} {labels.funding_form.value:20} {labels.placement_type}"
    )


@click.command("classify")
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="table", show_default=True,
              help="Ausgabe als JSON Lines (eine Zeile je Aufruf) oder als Tabelle.")
def classify_cmd(db: Path | None, fmt: str) -> None:
    """Jeden Aufruf einordnen: Adressat, Ko-Steuerung, Ebene, Förderart, Platzierungstyp – mit Belegen."""
    from matcher.classifier import ensure_labels

    with open_db(db) as store:
        def progress(done: int, total: int) -> None:
            if total:
                echo_err(f"\rEinordnen: {done}/{total} Aufrufe")

        changed = ensure_labels(store, progress=progress)
        calls = store.calls()
    echo_err(f"{changed} Aufrufe neu eingeordnet, {len(calls) - changed} unverändert übernommen.")
    if fmt == "jsonl":
        for call in calls:
            if call.labels is not None:
                click.echo(json.dumps(label_record(call.id, call.labels), ensure_ascii=False))
        return
    if not calls:
        click.echo("Keine Aufrufe in der Datenbank.")
        return
    header = f"{'ID':44} {'Adressat':13} {'Sich.':>4} {'KoSt':5} {'Ebene':13} {'Förderart':20} Typ"
    click.echo(header)
    click.echo("-" * len(header))
    for call in calls:
        if call.labels is not None:
            click.echo(_table_line(call, call.labels))
    co = sum(1 for c in calls if c.labels and c.labels.co_steering)
    click.echo(f"\n{co} von {len(calls)} Aufrufen fördern Ko-Steuerung von Kommune und Organisationen.")


def register(group: click.Group) -> None:
    group.add_command(classify_cmd)
