"""``kulisse tui``: the Textual app for Verbund staff."""

from __future__ import annotations

from pathlib import Path

import click

from tui.commands.common import db_option, parse_today
from tui.errors import KulisseError


@click.command("tui")
@db_option
@click.option("--profile", "profile", default=None, help="Profilkürzel (z. B. vmdo) oder Pfad zu einer .toml-Datei.")
@click.option("--today", "today", default=None, help="Stichtag JJJJ-MM-TT (Standard: heute).")
@click.option(
    "--no-model",
    "no_model",
    is_flag=True,
    help="Ohne Sprachmodell ranken (nur Stichwortsuche) – schneller auf langsamen Rechnern.",
)
def tui_cmd(db: Path | None, profile: str | None, today: str | None, no_model: bool) -> None:
    """Die Bedienoberfläche im Terminal starten."""
    from matcher.profile import ProfileError

    # Textual costs ~0.3 s to import; only this command pays for it
    from tui.app import make_app

    try:
        app = make_app(db, profile, parse_today(today), use_model=not no_model)
    except ProfileError as exc:
        raise KulisseError(f"Profil {exc.source}: " + "; ".join(exc.problems)) from None
    app.run()


def register(group: click.Group) -> None:
    group.add_command(tui_cmd)
