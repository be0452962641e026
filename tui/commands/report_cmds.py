"""``kulisse report`` (the Förderkulisse report) and ``kulisse digest`` (what is new)."""

from __future__ import annotations

from pathlib import Path

import click

from tui.commands.common import db_option, open_db, parse_today, write_atomic
from tui.errors import KulisseError


def labelled_calls(store, *, include_gone: bool = False):
    """All calls with current labels; classifies what is stale first."""
    from matcher.classifier import ensure_labels

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
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Ordner für den Bericht (index.html, daten.json).",
)
@click.option("--land", default=None, help="Nur ein Land und die bundesweiten Aufrufe, z. B. DE-NW.")
@click.option("--profile", "profile_ref", default=None, help="Verbund, dessen Land im Mittelpunkt steht.")
@click.option("--today", default=None, help="Stichtag JJJJ-MM-TT (Standard: heute).")
def report_cmd(db, out_dir: Path, land: str | None, profile_ref: str | None, today: str | None) -> None:
    """Den Förderkulisse-Bericht schreiben (HTML mit Diagrammen, ohne Verbindung nach außen)."""
    from corpus.labels import LAENDER
    from matcher.landscape import change_since, latest_crawl_start
    from rendering.report import render_report, write_report

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
    html, figures = render_report(
        current, change, today=parse_today(today), land=land, verbund=profile.name if profile else None
    )
    page = write_report(out_dir, html, figures)
    click.echo(
        f"Bericht geschrieben: {page} ({figures['total']} Aufrufe, davon {figures['co_steering']} mit Ko-Steuerung, "
        f"{figures['co_steering_open']} davon jetzt offen)."
    )


@click.command("digest")
@db_option
@click.option("--profile", "profile_ref", required=True, help="Verbund (Kürzel oder TOML-Datei).")
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True)
@click.option(
    "--out", "out", type=click.Path(path_type=Path, dir_okay=False), default=None, help="Datei statt Standardausgabe."
)
@click.option("--today", default=None, help="Stichtag JJJJ-MM-TT (Standard: heute).")
def digest_cmd(db, profile_ref: str, fmt: str, out: Path | None, today: str | None) -> None:
    """Was seit dem letzten Crawl neu ist, für einen Verbund (Markdown oder HTML für den Newsletter)."""
    from matcher.landscape import Digest, change_since, deadline_changes, latest_crawl_start
    from matcher.ranking import rank
    from rendering.digest import to_html, to_markdown

    profile = _load_profile(profile_ref)
    day = parse_today(today)
    with open_db(db) as store:
        all_calls = labelled_calls(store, include_gone=True)
        since = latest_crawl_start(store.runs())
        change = change_since(all_calls, since)
        new_ids = {c.id for c in change.new}
        ranked = [r for r in rank(store, profile, today=day) if r.call.id in new_ids] if new_ids else []
        for position, item in enumerate(ranked, start=1):
            item.rank = position
        changes = deadline_changes(store, since) if since else []
    digest = Digest(
        verbund=profile.name, today=day, since=since, new=ranked, deadline_changes=changes, vanished=change.vanished
    )
    text = to_markdown(digest) if fmt == "md" else to_html(digest)
    if out:
        write_atomic(out, text.encode("utf-8"))
        click.echo(f"Übersicht geschrieben: {out} ({len(ranked)} neue passende Aufrufe).")
    else:
        click.echo(text, nl=False)


def register(group: click.Group) -> None:
    group.add_command(report_cmd)
    group.add_command(digest_cmd)
