"""The ranked list of calls for the current profile, with filters, search and sorting."""

from __future__ import annotations

from rich.markup import escape
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Checkbox, DataTable, Footer, Header, Input, LoadingIndicator, Select, Static

from corpus.labels import FUNDING_FORM_DE, LAENDER, LEVEL_DE, STATUS_DE, CallStatus, FundingForm, Level
from corpus.store import StoreError
from matcher.results import RankedCall
from tui import filters
from tui import format as fmt
from tui.messages import LabelsDone, RankingDone, RankingFailed, RankingProgress, StatusChanged
from tui.screens.base import KulisseScreen
from tui.services import marks, rankings
from tui.widgets.call_table import CallTable

# What a coordinator decides on comes first (deadline, co-steering), so it stays visible when a
# narrow terminal makes the table scroll sideways.
COLUMNS = (
    ("neu", ""),
    ("rank", "Rang"),
    ("score", "Wert"),
    ("ks", "KS"),
    ("deadline", "Frist"),
    ("title", "Titel"),
    ("funder", "Fördergeber"),
    ("level", "Ebene"),
    ("region", "Region"),
    ("status", "Status"),
)


def column(key: str) -> int:
    """Position of a column in a table row (tests and handlers read cells by key, not number)."""
    return [k for k, _ in COLUMNS].index(key)


# widths (with the table's cell padding) of the columns left and right of the title
_BEFORE_TITLE = 3 + 6 + 6 + 6 + 21 + 2 + 2  # neu, Rang, Wert, KS, Frist, the title's padding, scrollbar
_AFTER_TITLE = 22 + 10 + 8 + 14  # Fördergeber, Ebene, Region, Status


def _title_width(screen_width: int) -> int:
    """The title gets what the deciding columns leave; from 140 columns on, funder, level, region
    and status fit beside it, below that they scroll in from the right."""
    if screen_width >= 140:
        return max(30, min(100, screen_width - _BEFORE_TITLE - _AFTER_TITLE))
    return max(24, screen_width - _BEFORE_TITLE)


class CallListScreen(KulisseScreen):
    """Ranked calls; Enter opens a call, the filters narrow the list."""

    BINDINGS = [
        Binding("d", "open_call", "Details", show=False, tooltip="Den markierten Aufruf öffnen"),
        Binding("s", "set_status", "Status", tooltip="Arbeitsstatus und Notiz setzen"),
        Binding(
            "minus",
            "less_like_this",
            "Weniger davon",
            key_display="-",
            show=False,
            tooltip="Diesen Aufruf und ähnliche weiter unten zeigen",
        ),
        Binding("slash", "focus_search", "Suche", key_display="/", tooltip="Volltextsuche"),
        Binding("o", "toggle_sort", "Sortieren", tooltip="Nach Wert oder nach Frist sortieren"),
        Binding("k", "toggle_co_steering", "Ko-Steuerung", tooltip="Nur Aufrufe, die Ko-Steuerung fördern"),
        Binding("x", "reset_filters", "Filter leeren", tooltip="Alle Filter und die Suche leeren"),
        Binding("e", "draft", "Entwurf", tooltip="Antragsentwurf für den markierten Aufruf"),
        Binding("p", "edit_profile", "Profil", tooltip="Das Profil des Verbunds bearbeiten"),
        Binding("w", "switch_profile", "Profil wechseln", show=False, tooltip="Ein anderes Profil wählen"),
        Binding("q", "sources", "Quellen", tooltip="Quellen, letzter Abruf, neuer Abruf"),
        Binding("l", "landscape", "Landschaft", tooltip="Die Förderkulisse des Landes im Überblick"),
        Binding("r", "rerank", "Neu ranken", tooltip="Die Rangfolge neu berechnen"),
        Binding("escape", "focus_table", "Zur Liste", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.items: list[RankedCall] = []
        self.shown: list[RankedCall] = []
        self.flt = filters.ListFilter()
        self.method = ""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="filters"):
            yield Select(
                [("Ebene: alle", "")] + [(v, k.value) for k, v in LEVEL_DE.items()],
                value="",
                allow_blank=False,
                id="f-level",
                compact=True,
            )
            yield Select(self._region_options(), value="", allow_blank=False, id="f-region", compact=True)
            yield Select(
                [("Förderart: alle", "")] + [(v, k.value) for k, v in FUNDING_FORM_DE.items()],
                value="",
                allow_blank=False,
                id="f-form",
                compact=True,
            )
            yield Select(
                [(v, k) for k, v in filters.DEADLINE_WINDOWS.items()],
                value="alle",
                allow_blank=False,
                id="f-deadline",
                compact=True,
            )
            yield Select(
                [("Status: alle", "")] + [(v, k.value) for k, v in STATUS_DE.items()],
                value="",
                allow_blank=False,
                id="f-status",
                compact=True,
            )
        with Horizontal(id="searchbar"):
            yield Input(placeholder="Suche in Titel, Fördergeber und Text …  (/)", id="search")
            yield Checkbox("nur Ko-Steuerung", id="f-ks", compact=True)
            yield Checkbox("auch unpassende", id="f-all", compact=True)
        with Horizontal(id="infobar"):
            yield LoadingIndicator(id="busy")
            yield Static(id="ranking-info")
        yield CallTable(id="calls", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    def _region_options(self) -> list[tuple[str, str]]:
        land = self.kapp.profile.land if self.kapp.profile else "DE-NW"
        return [
            ("Region: alle", ""),
            (f"offen für {LAENDER[land]}", f"offen:{land}"),
            ("bundesweit", "DE"),
            ("EU", "EU"),
        ] + [(name, code) for code, name in LAENDER.items()]

    # -- start: stored ranking at once, fresh one in a worker --------------------------------
    def on_mount(self) -> None:
        app = self.kapp
        self.title = "Kulisse · Aufrufe"
        self.sub_title = app.profile.name
        for key, label in COLUMNS:
            self.table.add_column(label, key=key)
        stored = rankings.stored_ranking(app.store, app.profile.key, app.today)
        if stored is not None:
            self._show(stored.items, f"gespeicherte Rangfolge ({stored.method}) – wird aktualisiert …")
        else:
            first = rankings.fallback_ranking(app.store, app.profile, app.today)
            self._show(first.items, "erste Anzeige nach Frist – Rangfolge wird berechnet …")
        self.table.focus()
        self.start_ranking()

    def _set_busy(self, busy: bool) -> None:
        self.busy_indicator.display = busy

    def start_ranking(self) -> None:
        self._set_busy(True)
        self.refresh_ranking()

    @work(thread=True, exclusive=True, exit_on_error=False, group="ranking", description="Rangfolge berechnen")
    def refresh_ranking(self) -> None:
        """Labels first (the ranking reads them), then the ranking; only messages leave this thread."""
        app = self.kapp
        key = app.profile.key
        try:
            count = rankings.ensure_labels(app.db_path)
            self.post_message(LabelsDone(count))
            ranking = rankings.compute_ranking(
                app.db_path,
                app.profile,
                app.today,
                use_model=app.use_model,
                progress=lambda stage, done, total: self.post_message(RankingProgress(stage, done, total)),
            )
        except Exception as exc:  # any failure becomes a German notification, never a crash
            self.post_message(RankingFailed(key, f"{type(exc).__name__}: {exc}"))
            return
        self.post_message(RankingDone(key, ranking))

    @on(RankingDone)
    def _ranking_done(self, message: RankingDone) -> None:
        app = self.kapp
        self._set_busy(False)
        if app.profile is None or message.profile_key != app.profile.key:
            return
        try:
            rankings.save_ranking(app.store, message.profile_key, message.ranking)
        except StoreError as exc:  # shown anyway; only the next start is slower
            self.notify(str(exc), severity="warning", title="Rangfolge nicht gespeichert", markup=False)
        # labels may have changed in the worker: re-read the calls behind the ranking
        fresh = rankings.stored_ranking(app.store, message.profile_key, app.today)
        ranking = fresh or message.ranking
        self._show(ranking.items, f"Rangfolge: {message.ranking.method}")

    @on(RankingProgress)
    def _ranking_progress(self, message: RankingProgress) -> None:
        step = f" {message.done}/{message.total}" if message.total > 1 else ""
        self.info.update(Text(f"{self.method} · {message.stage}{step} …"))

    @on(RankingFailed)
    def _ranking_failed(self, message: RankingFailed) -> None:
        self._set_busy(False)
        self.info.update(Text("Rangfolge konnte nicht berechnet werden – die gespeicherte wird gezeigt.", style="red"))
        self.notify(
            f"Die Rangfolge ließ sich nicht berechnen: {escape(message.error)}", severity="error", title="Fehler"
        )

    @on(LabelsDone)
    def _labels_done(self, message: LabelsDone) -> None:
        """Fresh labels show at once (KS column, filters), before the ranking is done."""
        if not message.count:
            return
        self.notify(f"{message.count} Aufruf(e) neu eingeordnet.", timeout=3)
        current = {c.id: c for c in self.kapp.store.calls()}
        for item in self.items:
            item.call = current.get(item.call.id, item.call)
        self._refill()

    # -- the table ---------------------------------------------------------------------------
    def _show(self, items: list[RankedCall], info: str) -> None:
        self.items = items
        self.method = info
        self._refill()

    def _refill(self) -> None:
        app = self.kapp
        statuses = marks.statuses(app.store, app.profile.key if app.profile else None)
        self.shown = filters.apply(self.items, self.flt, statuses)
        table = self.table
        current = self.current_item
        keep = current.call.id if current else None
        table.clear()
        title_width = _title_width(self.app.size.width)
        for item in self.shown:
            call = item.call
            title = fmt.wrapped(call.title, title_width)
            status = statuses.get(call.id, (None, ""))[0]
            is_new = marks.is_new_since(call, app.previous_visit)
            table.add_row(
                Text("●", style="bold green") if is_new else Text(""),
                Text(str(item.rank), justify="right"),
                fmt.score_cell(item),
                fmt.co_steering_cell(item),
                fmt.deadline_cell(item),
                title,
                fmt.plain(call.funder, 20),
                fmt.level_cell(item),
                fmt.region_cell(item),
                fmt.status_cell(status),
                key=call.id,
                height=title.plain.count("\n") + 1,  # two lines where the title needs them
            )
        if keep is not None:
            for i, item in enumerate(self.shown):
                if item.call.id == keep:
                    table.move_cursor(row=i)
                    break
        sort = filters.SORTS[self.flt.sort]
        shown = f"{len(self.shown)} von {len(self.items)} Aufrufen, {sort}"
        self.info.update(Text(f"{shown} · {self.method}"))

    @property
    def current_item(self) -> RankedCall | None:
        table = self.table
        if not self.shown or table.row_count == 0:
            return None
        row = table.cursor_row
        return self.shown[row] if 0 <= row < len(self.shown) else None

    # -- filters -----------------------------------------------------------------------------
    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        value = event.value if isinstance(event.value, str) else ""
        sid = event.select.id
        if sid == "f-level":
            self.flt.level = Level(value) if value else None
        elif sid == "f-region":
            self.flt.region = value or None
        elif sid == "f-form":
            self.flt.funding_form = FundingForm(value) if value else None
        elif sid == "f-deadline":
            self.flt.deadline = value or "alle"
        elif sid == "f-status":
            self.flt.status = CallStatus(value) if value else None
        self._refill()

    @on(Checkbox.Changed)
    def _checkbox_changed(self, event: Checkbox.Changed) -> None:
        if event.checkbox.id == "f-ks":
            self.flt.co_steering_only = event.value
        elif event.checkbox.id == "f-all":
            self.flt.include_ineligible = event.value
        self._refill()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.flt.search = event.value
        self._refill()

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        self.table.focus()

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_open_call()

    # -- actions -----------------------------------------------------------------------------
    def action_focus_search(self) -> None:
        self.search.focus()

    def action_focus_table(self) -> None:
        self.table.focus()

    def action_toggle_sort(self) -> None:
        self.flt.sort = "frist" if self.flt.sort == "rang" else "rang"
        self._refill()

    def action_toggle_co_steering(self) -> None:
        self.query_one("#f-ks", Checkbox).toggle()

    def action_reset_filters(self) -> None:
        for sid, value in (("f-level", ""), ("f-region", ""), ("f-form", ""), ("f-deadline", "alle"), ("f-status", "")):
            self.query_one(f"#{sid}", Select).value = value
        self.query_one("#f-ks", Checkbox).value = False
        self.query_one("#f-all", Checkbox).value = False
        self.search.value = ""
        self.flt = filters.ListFilter(sort=self.flt.sort)
        self._refill()

    def _need_item(self) -> RankedCall | None:
        item = self.current_item
        if item is None:
            self.notify("Kein Aufruf ausgewählt.", severity="warning")
        return item

    def action_open_call(self) -> None:
        item = self._need_item()
        if item is not None:
            from tui.screens.call_detail import CallDetailScreen

            self.app.push_screen(CallDetailScreen(item))

    def _profile_key(self) -> str:
        """Marks belong to the profile shown."""
        return self.kapp.profile.key if self.kapp.profile else ""

    def action_set_status(self) -> None:
        item = self._need_item()
        if item is None:
            return
        from tui.screens.status_dialog import StatusDialog

        current = marks.statuses(self.kapp.store, self._profile_key()).get(item.call.id, (CallStatus.neu, ""))
        self.app.push_screen(StatusDialog(item.call, current[0], current[1]), self._status_chosen)

    def action_less_like_this(self) -> None:
        item = self._need_item()
        if item is not None:
            note = marks.statuses(self.kapp.store, self._profile_key()).get(item.call.id, (CallStatus.neu, ""))[1]
            self._status_chosen((CallStatus.weniger_davon, note))

    def _status_chosen(self, result: tuple[CallStatus, str] | None) -> None:
        item = self.current_item
        if result is None or item is None:
            return
        status, note = result
        try:
            marks.set_status(self.kapp.store, item.call.id, status, note, self._profile_key())
        except StoreError as exc:
            self.notify(str(exc), severity="error", title="Status nicht gespeichert", markup=False)
            return
        self.post_message(StatusChanged(item.call.id, status.value, note))
        self.notify(f"Status „{STATUS_DE[status]}“ gespeichert – die Rangfolge lernt daraus.", timeout=3)
        self._refill()
        self.start_ranking()  # the mark feeds back into the ranking

    def action_draft(self) -> None:
        item = self._need_item()
        if item is not None:
            from tui.screens.draft import DraftScreen

            self.app.push_screen(DraftScreen(item.call))

    def action_edit_profile(self) -> None:
        from tui.screens.profile_editor import ProfileEditorScreen

        self.app.push_screen(ProfileEditorScreen(self.kapp.profile))

    def action_switch_profile(self) -> None:
        from tui.screens.start import StartScreen

        self.app.push_screen(StartScreen())

    def action_sources(self) -> None:
        from tui.screens.sources import SourcesScreen

        self.app.push_screen(SourcesScreen())

    def action_landscape(self) -> None:
        from tui.screens.landscape import LandscapeScreen

        self.app.push_screen(LandscapeScreen())

    def action_rerank(self) -> None:
        self.info.update(Text(f"{self.method} – wird neu berechnet …"))
        self.start_ranking()

    def on_resize(self) -> None:
        if self.table.columns:
            self._refill()

    def on_screen_resume(self) -> None:
        """Back from detail/status/sources: statuses or calls may have changed."""
        if self.is_mounted and self.table.columns:
            self._refill()
            if self.kapp.needs_rerank:
                self.kapp.needs_rerank = False
                self.action_rerank()

    # -- typed widget access -----------------------------------------------------------------
    @property
    def table(self) -> DataTable:
        return self.query_one("#calls", DataTable)

    @property
    def search(self) -> Input:
        return self.query_one("#search", Input)

    @property
    def info(self) -> Static:
        return self.query_one("#ranking-info", Static)

    @property
    def busy_indicator(self) -> LoadingIndicator:
        return self.query_one("#busy", LoadingIndicator)
