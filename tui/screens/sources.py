"""Sources: each one's last crawl and health; start a crawl in a worker with a progress bar."""

from __future__ import annotations

from datetime import UTC, datetime

from rich.markup import escape
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Header, ProgressBar, Static

from crawler import events as ev
from tui import format as fmt
from tui.messages import CrawlDone, CrawlFailed, CrawlProgress
from tui.screens.base import KulisseScreen
from tui.services import crawl, marks

HEALTH_STYLE = {"gesund": "green", "gestört": "yellow", "fehlgeschlagen": "bold red", "läuft": "cyan"}


class SourcesScreen(KulisseScreen):
    """Health table; c starts the crawler's runner in a child process and follows its events."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Zurück"),
        Binding("c", "crawl", "Abruf starten", tooltip="Alle Quellen neu abrufen (läuft im Hintergrund)"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.crawl_started: datetime | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="sources-info", classes="help")
        with Horizontal(id="crawl-bar"):
            yield ProgressBar(id="crawl-progress", show_eta=False)
            yield Static(id="crawl-line")
        yield DataTable(id="sources-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Kulisse · Quellen"
        for key, label in (
            ("source", "Quelle"),
            ("last", "letzter Abruf"),
            ("calls", "Aufrufe"),
            ("new", "neu seit Besuch"),
            ("health", "Zustand"),
            ("note", "Hinweis"),
        ):
            self.table.add_column(label, key=key)
        self.progress.display = False
        self.reload()
        self.table.focus()

    def reload(self) -> None:
        app = self.kapp
        rows = crawl.source_health(app.store)
        new = marks.new_per_source(app.store.calls(), app.previous_visit)
        self.table.clear()
        for r in rows:
            fresh = new.get(r.source, 0)
            self.table.add_row(
                fmt.plain(r.source, 40),
                Text(r.last_run[:16].replace("T", " ")),
                Text(str(r.calls), justify="right"),
                Text(f"● {fresh}" if fresh else "–", style="bold green" if fresh else "dim", justify="right"),
                Text(r.health, style=HEALTH_STYLE.get(r.health, "")),
                fmt.plain(r.note, 60),
                key=r.source,
            )
        total = sum(r.calls for r in rows)
        self.info.update(Text(f"{len(rows)} Quellen, {total} aktuelle Aufrufe. Mit c alle Quellen neu abrufen."))

    # -- crawl -------------------------------------------------------------------------------
    def action_crawl(self) -> None:
        if self.crawl_started is not None:
            self.notify("Ein Abruf läuft bereits.", severity="warning")
            return
        self.crawl_started = datetime.now(UTC).replace(microsecond=0)
        self.progress.display = True
        self.progress.update(total=None, progress=0)
        self.line.update("Abruf startet …")
        self.run_crawl()

    @work(thread=True, exclusive=True, exit_on_error=False, group="crawl", description="Quellen abrufen")
    def run_crawl(self) -> None:
        tally = ev.Tally()
        state = {"last": ""}

        def on_event(event: ev.Event) -> None:
            tally.add(event)
            said = ev.describe(event)
            if event.name in (ev.SOURCE_FINISHED, ev.ERROR, ev.NOTE):
                state["last"] = said
            # while a source runs: its pages and calls so far (floods of CrawlProgress collapse)
            running = event.name in (ev.SOURCE_STARTED, ev.PAGE, ev.ITEM, ev.ITEM_DROPPED)
            line = tally.running_line() if running else said
            if line:
                self.post_message(CrawlProgress(line, tally.done, tally.total))

        try:
            command = crawl.crawl_command(self.kapp.db_path, log_file=crawl.new_log_file())
            result = crawl.run_crawl(command, on_event)
        except OSError as exc:
            self.post_message(CrawlFailed(f"Der Abruf ließ sich nicht starten ({exc.strerror or exc})."))
            return
        last = state["last"]
        if result.returncode and result.tally.errors:
            last = result.tally.errors[-1]
        elif result.returncode and result.stderr_tail:
            last = f"Fehler: {result.stderr_tail}"
        self.post_message(CrawlDone(result.returncode, last))

    @on(CrawlProgress)
    def _crawl_progress(self, message: CrawlProgress) -> None:
        if message.total:
            self.progress.update(total=message.total, progress=min(message.done, message.total))
        self.line.update(fmt.plain(message.line, 100))

    @on(CrawlDone)
    def _crawl_done(self, message: CrawlDone) -> None:
        started, self.crawl_started = self.crawl_started, None
        self.progress.update(total=1, progress=1)
        app = self.kapp
        new = [c for c in app.store.calls() if started and c.first_seen and c.first_seen >= started]
        if app.previous_visit is None and started is not None:
            app.previous_visit = started  # so the calls of this crawl are marked in the list
        app.needs_rerank = True
        self.reload()
        if message.returncode == 0:
            self.line.update(Text(f"Abruf beendet: {len(new)} neue Aufrufe (in der Liste mit ● markiert)."))
            self.notify(f"Abruf beendet: {len(new)} neue Aufrufe.", timeout=5)
        else:
            why = f" {message.last_line}" if message.last_line else ""
            self.line.update(Text(f"Abruf mit Fehlern beendet (Code {message.returncode}).{why}", style="red"))
            self.notify(
                f"Der Abruf endete mit Fehlern (Code {message.returncode}).{escape(why)} "
                f"{len(new)} neue Aufrufe wurden trotzdem gespeichert.",
                severity="error",
                title="Abruf",
            )

    @on(CrawlFailed)
    def _crawl_failed(self, message: CrawlFailed) -> None:
        self.crawl_started = None
        self.progress.display = False
        self.line.update(Text(message.error, style="red"))
        self.notify(escape(message.error), severity="error", title="Abruf")

    # -- typed widget access -----------------------------------------------------------------
    @property
    def table(self) -> DataTable:
        return self.query_one("#sources-table", DataTable)

    @property
    def progress(self) -> ProgressBar:
        return self.query_one("#crawl-progress", ProgressBar)

    @property
    def line(self) -> Static:
        return self.query_one("#crawl-line", Static)

    @property
    def info(self) -> Static:
        return self.query_one("#sources-info", Static)
