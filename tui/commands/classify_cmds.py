"""``kulisse classify``: label every call (recomputing only stale labels) and print them."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from corpus.format_de import number
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


def _label_cells(labels) -> str:
    from corpus.labels import ADDRESSEE_SHORT_DE, FUNDING_FORM_DE, STEERING_LEVEL_SHORT_DE

    flag = "ja" if labels.co_steering else "nein"
    conf = number(labels.confidence.get("addressee", 0.0), 2, grouping=False)
    return (
        f"{ADDRESSEE_SHORT_DE[labels.addressee]:14} {conf:>5} {flag:4} "
        f"{STEERING_LEVEL_SHORT_DE[labels.steering_level]:12} {FUNDING_FORM_DE[labels.funding_form]:30} "
        f"{labels.placement_type}"
    )


LABEL_HEADER = f"{'Adressat':14} {'Sich.':>5} {'KoSt':4} {'Ebene':12} {'Förderart':30} Typ"


def table_lines(calls, width: int) -> list[str]:
    """The table, IDs always whole: one line a call when the terminal is wide enough, else the ID
    on a line of its own and the labels indented below it."""
    labelled = [c for c in calls if c.labels is not None]
    id_width = max([len(c.id) for c in labelled] + [2])
    if id_width + 1 + len(LABEL_HEADER) <= width:
        header = f"{'ID':{id_width}} {LABEL_HEADER}"
        lines = [header, "-" * len(header)]
        lines += [f"{c.id:{id_width}} {_label_cells(c.labels)}" for c in labelled]
        return lines
    lines = ["ID", f"    {LABEL_HEADER}", "-" * min(width, len(LABEL_HEADER) + 4)]
    for c in labelled:
        lines += [c.id, f"    {_label_cells(c.labels)}"]
    return lines


@click.command("classify")
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "table"]),
    default="table",
    show_default=True,
    help="Ausgabe als JSON Lines (eine Zeile je Aufruf) oder als Tabelle.",
)
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
    import shutil

    width = shutil.get_terminal_size((200, 40)).columns if sys.stdout.isatty() else 200
    for line in table_lines(calls, width):
        click.echo(line)
    co = sum(1 for c in calls if c.labels and c.labels.co_steering)
    click.echo(f"\n{co} von {len(calls)} Aufrufen fördern Ko-Steuerung von Kommune und Organisationen.")


def register(group: click.Group) -> None:
    group.add_command(classify_cmd)
