"""A small modal to set a call's working status and note (kept across crawls)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, RadioButton, RadioSet

from corpus.labels import STATUS_DE, CallStatus
from corpus.model import FundingCall
from tui import format as fmt
from tui.screens.base import KulisseModal


class StatusDialog(KulisseModal[tuple[CallStatus, str] | None]):
    """Returns (status, note), or None when cancelled."""

    DEFAULT_CSS = """
    StatusDialog { align: center middle; }
    StatusDialog > Vertical { width: 70; height: auto; border: thick $accent; background: $surface; padding: 1 2; }
    StatusDialog #status-title { text-style: bold; margin-bottom: 1; }
    StatusDialog RadioSet { width: 100%; }
    StatusDialog Horizontal { height: auto; margin-top: 1; }
    StatusDialog Button { margin-right: 2; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Speichern", priority=True),
        Binding("escape", "cancel", "Abbrechen"),
    ]

    def __init__(self, call: FundingCall, status: CallStatus, note: str) -> None:
        super().__init__()
        self.call = call
        self.status = status
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(fmt.plain(f"Status für: {self.call.title}", 120), id="status-title")
            with RadioSet(id="status-set"):
                for status in CallStatus:
                    yield RadioButton(STATUS_DE[status], value=status == self.status, name=status.value)
            yield Input(value=self.note, placeholder="Notiz (optional), z. B. wer sich kümmert", id="status-note")
            with Horizontal():
                yield Button("Speichern (Strg+S)", variant="primary", id="save")
                yield Button("Abbrechen (Esc)", id="cancel")

    def on_mount(self) -> None:
        self.radio_set.focus()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        pressed = self.radio_set.pressed_button
        status = CallStatus(pressed.name) if pressed is not None and pressed.name else self.status
        self.dismiss((status, self.note_input.value.strip()))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @property
    def radio_set(self) -> RadioSet:
        return self.query_one("#status-set", RadioSet)

    @property
    def note_input(self) -> Input:
        return self.query_one("#status-note", Input)
