"""``kulisse import``, ``export`` and ``sources``: the corpus as files and as a health table."""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import click

from tui.commands.common import db_option, echo_err, open_db, safe


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=True))
@db_option
def import_cmd(file: Path, db: Path | None) -> None:
    """Aufrufe aus einer JSON-Lines-Datei hinzufügen (eine Zeile je Aufruf)."""
    from corpus.importer import iter_jsonl

    problems: list = []
    calls = iter_jsonl(file, problems)
    first = next(calls, None)  # nothing readable: no database is opened or created
    if first is None and problems:
        for problem in problems:
            echo_err(f"Übersprungen – {problem}")
        echo_err("Nichts importiert.")
        sys.exit(1)
    source = f"import:{file.name}"
    counts = {"neu": 0, "geändert": 0, "unverändert": 0}
    total = 0
    shown = 0
    with open_db(db, seed_if_new=False) as store:
        run = store.start_run(source, kind="import")
        # batches (500 calls or 10 M characters): a file of any size needs memory for one batch
        # (each batch is atomic)
        batch = {first.id: first} if first is not None else {}
        chars = 0
        for call in itertools.chain(calls, [None]):
            if call is not None:
                batch.pop(call.id, None)  # a repeated id: the later line wins
                batch[call.id] = call
                chars += len(call.summary_de) + len(call.full_text)
            if call is None or len(batch) >= IMPORT_BATCH or chars >= IMPORT_BATCH_CHARS:
                for c in batch.values():
                    c.source = c.source or source
                results = store.upsert_many(list(batch.values()), run_id=run)
                total += len(results)
                for r in results:
                    counts[r.outcome] = counts.get(r.outcome, 0) + 1
                batch, chars = {}, 0
            for problem in problems[shown:]:
                echo_err(f"Übersprungen – {problem}")
            shown = len(problems)
        store.finish_run(run, status="ok", stats={"items": total, **counts, "skipped": len(problems)})
    click.echo(
        f"{total} Aufrufe importiert ({counts['neu']} neu, {counts['geändert']} geändert, "
        f"{counts['unverändert']} unverändert)"
        + (f"; {len(problems)} Problem(e), betroffene Zeilen übersprungen." if problems else ".")
    )
    if problems:
        sys.exit(1)


IMPORT_BATCH = 500
IMPORT_BATCH_CHARS = 10_000_000  # long texts: a batch also ends after this much text


@click.command("export")
@db_option
@click.option("--all", "include_gone", is_flag=True, help="Auch nicht mehr gefundene Aufrufe ausgeben.")
def export_cmd(db: Path | None, include_gone: bool) -> None:
    """Alle Aufrufe als JSON Lines auf die Standardausgabe."""
    from corpus.importer import export_lines

    with open_db(db) as store:
        for line in export_lines(store.calls(include_gone=include_gone)):
            click.echo(line)


@click.command("sources")
@db_option
def sources_cmd(db: Path | None) -> None:
    """Jede Quelle: letzter Lauf, gefundene Aufrufe, Zustand."""
    from corpus.health import source_health

    with open_db(db) as store:
        rows = source_health(store)
    if not rows:
        click.echo("Noch keine Quelle gelesen.")
        return
    header = f"{'Quelle':32} {'letzter Lauf':20} {'Aufrufe':>7} {'Zustand':10} Hinweis"
    click.echo(header)
    click.echo("-" * len(header))
    for r in rows:
        # source names and notes come from the database: a dirty old row must not reach the terminal raw
        one = lambda v: safe(v, multiline=False)  # noqa: E731
        click.echo(f"{one(r.source)[:32]:32} {one(r.last_run)[:19]:20} {r.calls:>7} {one(r.health):10} {one(r.note)}")


def register(group: click.Group) -> None:
    for command in (import_cmd, export_cmd, sources_cmd):
        group.add_command(command)
