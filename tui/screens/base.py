"""What every Kulisse screen shares: typed access to the app and palette entries from bindings."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Generic, TypeVar

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from tui.app import KulisseApp


def _palette(screen: Screen) -> Iterable[SystemCommand]:
    """One palette entry per described binding, so the palette always offers every action."""
    for binding in screen.BINDINGS:
        if not isinstance(binding, Binding) or not binding.description:
            continue
        action = binding.action

        async def run(action: str = action) -> None:
            await screen.run_action(action)

        yield SystemCommand(binding.description, binding.tooltip or f"Taste {binding.key}", run)


class KulisseScreen(Screen):
    @property
    def kapp(self) -> KulisseApp:
        return self.app  # type: ignore[return-value]

    def palette_commands(self) -> Iterable[SystemCommand]:
        return _palette(self)


ResultT = TypeVar("ResultT")


class KulisseModal(ModalScreen[ResultT], Generic[ResultT]):
    @property
    def kapp(self) -> KulisseApp:
        return self.app  # type: ignore[return-value]

    def palette_commands(self) -> Iterable[SystemCommand]:
        return _palette(self)
