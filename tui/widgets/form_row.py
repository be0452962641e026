"""One line of a form: German label on the left, the editor on the right, help below (dim)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Label, Static


class FormRow(Vertical):
    """Compact and calm: one row per field; the help text also appears as the editor's tooltip."""

    def __init__(self, label: str | Text, editor: Widget, help: str = "", **kw) -> None:
        super().__init__(classes="form-row", **kw)
        self.label = label if isinstance(label, Text) else Text(label)
        self.editor = editor
        self.help = help
        if help:
            editor.tooltip = Text(help)  # template manifests are user files: never markup

    def compose(self) -> ComposeResult:
        with Horizontal(classes="form-line"):
            yield Label(self.label, classes="row-label")
            yield self.editor
        if self.help:
            yield Static(Text(self.help), classes="row-help")
