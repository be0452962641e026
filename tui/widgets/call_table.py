"""The ranked-list table: a DataTable whose Enter binding is visible in the footer, in German."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import DataTable


class CallTable(DataTable):
    """Rows are calls keyed by id; Enter posts ``RowSelected`` (the screen opens the call)."""

    BINDINGS = [
        Binding("enter", "select_cursor", "Details", tooltip="Den markierten Aufruf öffnen"),
        *[b for b in DataTable.BINDINGS if not (isinstance(b, Binding) and b.key == "enter")],
    ]
