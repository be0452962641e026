"""Options and helpers shared by the subcommands."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

db_option = click.option(
    "--db",
    "db",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Datenbankdatei (Standard: $KULISSE_DB oder die Datei im Datenordner).",
)


def parse_today(value: str | None) -> date:
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} ist kein Datum im Format JJJJ-MM-TT.", param_hint="--today") from None


def open_db(db: Path | None, *, seed_if_new: bool = True):
    from corpus.seed import open_store

    return open_store(db, seed_if_new=seed_if_new, on_seeded=first_start)


seeded_now = False  # this process created the database: long work below is the first start


def first_start(store) -> None:
    """A database just seeded from the snapshot takes the snapshot's prebuilt labels with it (in
    the seeding transaction: a process starting at the same moment finds them already there)."""
    from matcher.prebuilt import apply_labels

    global seeded_now
    seeded_now = True
    apply_labels(store)


def safe(value: object, *, multiline: bool = True) -> str:
    """Text for the terminal without control characters: an ESC in a title, a source name or a
    file name could otherwise set the window title, plant a link or fill the clipboard (OSC 0/8/52)."""
    from corpus.clean import strip_controls

    return strip_controls(str(value), multiline=multiline)


def echo_err(message: str) -> None:
    click.echo(safe(message), err=True)


def write_atomic(target: Path, data: bytes) -> None:
    """``data`` into ``target`` atomically (``corpus.atomic``): a full disk or a crash leaves the
    old file (or none), never a 0-byte or half one. Errors become a German KulisseError."""
    from corpus.atomic import write_bytes_atomic
    from corpus.errors_de import os_error_de
    from tui.errors import KulisseError

    try:
        write_bytes_atomic(target, data)
    except OSError as exc:
        raise KulisseError(f"Die Datei {target} lässt sich nicht schreiben: {os_error_de(exc)}.") from None
