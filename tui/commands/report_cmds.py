"""``kulisse report`` (the Förderkulisse report) and ``kulisse digest`` (what is new)."""
from __future__ import annotations

from pathlib import Path

import click

from tui.commands.common import db_option, echo_err, open_db, parse_today
from tui.errors import KulisseError


def labelled_calls(store, *, include_gone: bool = False):
    """All calls with current labels; classifies what is stale first."""
    try:
        from matcher.classifier import ensure_labels
    except ImportError:  # classifier not installed: report what is labelled
        ensure_labels = None
    if ensure_labels is not None:
        ensure_labels(store)
    return store.calls(include_gone=include_gone)


def _load_profile(ref: str | None):
    if not ref:
        return None
    from matcher.profile import ProfileError, load_profile

    try:
        return load_profile(ref)
    except ProfileError as exc:
        raise KulisseError(str(exc)) from None


@click.command("report")
@db_option
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), required=True,
              help="Ordner für den Bericht (index.html, daten.json).")
@click.option("--land", default=None, help="Nur ein Land und die bundesweiten Aufrufe, z. B. DE-NW.")
@click.option("--profile", "profile_ref", default=None, help="Verbund, dessen Land im Mittelpunkt steht.")
@click.option("--today", default=None, help="Stichtag JJJJ-MM-TT (Standard: heute).")
def report_cmd(db, out_dir: Path, land: str | None, profile_ref: str | None, today: str | None) -> None:
    """Den Förderkulisse-Bericht schreiben (HTML mit Diagrammen, ohne Verbindung nach außen)."""
    from corpus.labels import LAENDER
    from matcher.landscape import change_since, latest_crawl_start
    from matcher.report import render_report, write_report

    profile = _load_profile(profile_ref)
    if land:
        land = land.strip().upper()
        if land not in LAENDER:
            raise KulisseError(f"Unbekanntes Land {land!r}; erwartet wird ein Kürzel wie DE-NW, DE-BY, DE-SN.")
    elif profile:
        land = profile.land
    with open_db(db) as store:
        all_calls = labelled_calls(store, include_gone=True)
        runs = store.runs()
    current = [c for c in all_calls if c.gone_since is None]
    change = change_since(all_calls, latest_crawl_start(runs))
    html, figures = render_report(current, change, today=parse_today(today), land=land,
                                  verbund=profile.name if profile else None)
    page = write_report(out_dir, html, figures)
    click.echo(f"Bericht geschrieben: {page} ({figures['total']} Aufrufe, davon {figures['co_steering']} mit Ko-Steuerung).")


def register(group: click.Group) -> None:
    group.add_command(report_cmd)
