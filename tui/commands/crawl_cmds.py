"""``kulisse crawl``: run the spiders in a separate process (Twisted cannot restart its reactor)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click

from tui.commands.common import db_option, echo_err, open_db
from tui.errors import KulisseError


@click.command("crawl")
@click.argument("spiders", nargs=-1)
@db_option
@click.option(
    "--mirror",
    "mirrors",
    multiple=True,
    metavar="URL",
    help="Lokale Kopie mit den echten Pfaden (URL für alle oder QUELLE=URL).",
)
@click.option("--url", "urls", multiple=True, metavar="URL", help="Nur diese Detailseiten lesen.")
@click.option("--wait", is_flag=True, help="Warten, falls schon ein Crawl läuft, statt abzubrechen.")
@click.option(
    "--full", is_flag=True, help="Jede Seite erneut (bedingt) abfragen, statt Wiederprüf-Intervallen zu vertrauen."
)
@click.option("--test-settings", is_flag=True, hidden=True, help="Ohne Wartezeiten (für lokale Spiegel).")
@click.option(
    "--verbose",
    "-v",
    is_flag=True,
    help="Scrapys ausführliches Protokoll auf dem Bildschirm zeigen (sonst in einer Datei im Datenordner).",
)
def crawl_cmd(
    spiders, db: Path | None, mirrors, urls, wait: bool, full: bool, test_settings: bool, verbose: bool
) -> None:
    """Quellen crawlen (alle, oder die genannten) und die Aufrufe speichern."""
    with open_db(db) as store:  # creates and seeds the default database, checks the path
        path = store.path
    args = [sys.executable, "-m", "crawler.runner", *spiders, "--db", str(path)]
    for m in mirrors:
        args += ["--mirror", m]
    for u in urls:
        args += ["--url", u]
    if wait:
        args.append("--wait")
    if full:
        args.append("--full")
    if test_settings or mirrors:
        args += ["--settings", "crawler.settings.test"]  # a local mirror needs no politeness delay
    log_file = None
    if not verbose:  # quiet by default: a line per source and the summary; the rest in a file
        from datetime import datetime

        from corpus.paths import data_dir

        log_file = data_dir() / "protokolle" / f"crawl-{datetime.now():%Y%m%d-%H%M%S}.log"
        args += ["--log-file", str(log_file)]
        _prune_logs(log_file.parent)
        echo_err(f"Crawl läuft; das ausführliche Protokoll steht in {log_file} (--verbose zeigt es hier).")
    try:
        code = subprocess.call(args)
    except KeyboardInterrupt:
        raise KulisseError("Crawl abgebrochen. Bereits Gespeichertes bleibt erhalten.") from None
    if code:
        sys.exit(code)


KEEP_LOGS = 30


def _prune_logs(folder: Path) -> None:
    """Keep the newest logs only: a daily timer would otherwise fill the data folder."""
    for old in sorted(folder.glob("crawl-*.log"))[:-KEEP_LOGS]:
        old.unlink(missing_ok=True)


@click.command("spiders")
def spiders_cmd() -> None:
    """Alle Quellen (Spider), eine je Zeile; ausgeschaltete sind markiert."""
    from scrapy.settings import Settings

    from crawler.runner import spider_classes

    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    for name, cls in spider_classes(settings).items():
        note = "" if cls.enabled_by_default else "  (aus, bis Erlaubnis eingetragen)"
        click.echo(f"{name}\t{cls.level}\t{cls.funder}{note}")


def register(group: click.Group) -> None:
    group.add_command(crawl_cmd)
    group.add_command(spiders_cmd)
