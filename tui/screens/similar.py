"""„Ähnliche Aufrufe“: the calls most like one call, for the current profile (eligible ones only)."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, LoadingIndicator, Static

from matcher.results import RankedCall
from tui import format as fmt
from tui.screens.base import KulisseScreen
from tui.services import rankings
from tui.widgets.call_table import CallTable


class SimilarScreen(KulisseScreen):
    """Computed in a worker (the language model may load); Enter opens a call."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Zurück")]

    def __init__(self, item: RankedCall) -> None:
        super().__init__()
        self.item = item
        self.items: list[RankedCall] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(fmt.plain(f"Ähnlich wie: {self.item.call.title}", 200), id="similar-title")
        yield LoadingIndicator(id="similar-busy")
        yield CallTable(id="similar", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Kulisse · Ähnliche Aufrufe"
        table = self.query_one("#similar", DataTable)
        for key, label in (("rank", "Nr."), ("title", "Titel"), ("funder", "Fördergeber"), ("why", "Warum")):
            table.add_column(label, key=key)
        self.find()

    @work(thread=True, exclusive=True, exit_on_error=False, group="similar", description="Ähnliche Aufrufe suchen")
    def find(self) -> None:
        app = self.kapp
        try:
            items = rankings.similar_calls(
                app.db_path, app.profile, app.today, self.item.call.id, use_model=app.use_model
            )
        except Exception as exc:  # a German notification, never a crash
            self.app.call_from_thread(self._failed, f"{type(exc).__name__}: {exc}")
            return
        self.app.call_from_thread(self._show, items)

    def _failed(self, message: str) -> None:
        self.query_one("#similar-busy", LoadingIndicator).display = False
        self.notify(message, severity="error", title="Ähnliche Aufrufe nicht gefunden", markup=False)

    def _show(self, items: list[RankedCall]) -> None:
        self.items = items
        self.query_one("#similar-busy", LoadingIndicator).display = False
        table = self.query_one("#similar", DataTable)
        table.clear()
        for r in items:
            table.add_row(
                str(r.rank),
                fmt.plain(r.call.title, 60),
                fmt.plain(r.call.funder, 30),
                fmt.plain("; ".join(r.reasons[:2]), 80),
                key=r.call.id,
            )
        if not items:
            self.query_one("#similar-title", Static).update(
                fmt.plain(f"Keine förderfähigen Aufrufe ähnlich wie: {self.item.call.title}", 200)
            )
        table.focus()

    @on(DataTable.RowSelected, "#similar")
    def _open(self, event: DataTable.RowSelected) -> None:
        item = next((r for r in self.items if r.call.id == event.row_key.value), None)
        if item is not None:
            from tui.screens.call_detail import CallDetailScreen

            self.app.push_screen(CallDetailScreen(item))
