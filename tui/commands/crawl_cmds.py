"""``kulisse crawl``: run the spiders in a separate process (Twisted cannot restart its reactor).

The progress lines come from the runner's JSON-line events (``crawler.events``): one German line
per source as it finishes; on a terminal, a live line shows the running source's pages and calls.
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import click

from crawler import events as ev
from tui.commands.common import db_option, echo_err, open_db, safe
from tui.errors import KulisseError
from tui.services import crawl


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
    log_file = None
    if not verbose:  # quiet by default: a line per source and the summary; the rest in a file
        log_file = crawl.new_log_file()
        echo_err(f"Crawl läuft; das ausführliche Protokoll steht in {log_file} (--verbose zeigt es hier).")
    command = crawl.crawl_command(
        path,
        spiders,
        mirrors=mirrors,
        urls=urls,
        wait=wait,
        full=full,
        test_settings=test_settings,
        log_file=log_file,
    )
    lines = ProgressLines(live=sys.stderr.isatty() and not verbose)
    try:
        result = crawl.run_crawl(command, lines.show, capture_stderr=False)
    except KeyboardInterrupt:
        lines.clear()
        raise KulisseError("Crawl abgebrochen. Bereits Gespeichertes bleibt erhalten.") from None
    except OSError as exc:
        raise KulisseError(f"Der Crawl ließ sich nicht starten ({exc.strerror or exc}).") from None
    lines.clear()
    if result.returncode:
        sys.exit(result.returncode)


class ProgressLines:
    """What ``kulisse crawl`` prints for the runner's events."""

    def __init__(self, *, live: bool = False) -> None:
        self.tally = ev.Tally()
        self.live = live
        self._shown = 0.0  # when the live line was last drawn
        self._drawn = False

    def show(self, event: ev.Event) -> None:
        self.tally.add(event)
        if event.name == ev.SOURCE_FINISHED:
            self.clear()
            click.echo(safe(f"Quelle {self.tally.position} fertig – {ev.describe(event)}", multiline=False))
        elif event.name in (ev.ERROR, ev.NOTE):
            self.clear()
            echo_err(ev.describe(event))
        elif event.name == ev.FINISHED and self.tally.done > 1:
            self.clear()
            click.echo(f"Zusammen: {self.tally.calls} Aufrufe aus {self.tally.done} Quellen, {self.tally.new} neu.")
        elif self.live and event.name in (ev.SOURCE_STARTED, ev.PAGE, ev.ITEM, ev.ITEM_DROPPED):
            now = time.monotonic()
            if now - self._shown >= 0.2:  # a redraw per page would flicker
                self._shown = now
                width = max(20, shutil.get_terminal_size().columns - 1)  # one row: \r must reach its start
                line = safe(f"… {self.tally.running_line()}", multiline=False)[:width]
                _to_terminal(f"\r\x1b[K{line}")
                self._drawn = True

    def clear(self) -> None:
        if self._drawn:
            _to_terminal("\r\x1b[K")
            self._drawn = False


def _to_terminal(text: str) -> None:
    """Raw to stderr: click.echo would strip the erase-line sequence."""
    sys.stderr.write(text)
    sys.stderr.flush()


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
