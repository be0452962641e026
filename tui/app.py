"""The Kulisse Textual app: installs screens, bindings and the stylesheet — nothing else.

Screens live in ``tui/screens/``; all domain work goes through the modules of ``tui/services/``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from corpus.store import Store
from matcher.profile import Profile
from tui.services import database, marks, profiles


class KulisseApp(App):
    """Förderaufrufe für einen Verbund: Liste, Details, Status, Entwurf, Quellen, Landschaft."""

    CSS_PATH = "kulisse.tcss"
    TITLE = "Kulisse"
    SUB_TITLE = "Förderkulisse für migrantische Verbünde"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("ctrl+q", "quit", "Beenden", priority=True),
        # shown once, at the footer's right edge, by Textual itself
        Binding("ctrl+p", "command_palette", "Befehle", show=False, priority=True),
    ]

    def __init__(
        self,
        store: Store,
        profile: Profile | None,
        today: date,
        *,
        use_model: bool = True,
        profile_path: Path | None = None,
    ):
        super().__init__()
        self.store = store
        self.profile = profile
        self.profile_path = profile_path  # a profile opened from a file is saved back to that file
        self.today = today
        self.use_model = use_model
        self.previous_visit = None  # set when a profile is chosen; marks calls new since then
        self.needs_rerank = False  # a crawl added calls: the list recomputes when shown again

    @property
    def db_path(self) -> Path:
        return self.store.path

    def on_mount(self) -> None:
        if self.profile is None:
            from tui.screens.start import StartScreen

            self.push_screen(StartScreen())
        else:
            self.open_profile(self.profile)

    def open_profile(self, profile: Profile) -> None:
        """Make ``profile`` current and show its ranked list (replacing whatever list was open)."""
        from tui.screens.call_list import CallListScreen

        self.profile = profile
        self.previous_visit = marks.last_visit(self.store, profile.key)
        marks.record_visit(self.store, profile.key)
        self.sub_title = profile.name
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(CallListScreen())

    def action_command_palette(self) -> None:
        """Textual's palette, in German."""
        from tui.widgets.palette import GermanCommandPalette

        if self.use_command_palette and not GermanCommandPalette.is_open(self):
            self.push_screen(GermanCommandPalette(id="--command-palette"))

    def action_change_theme(self) -> None:
        """Textual's theme picker, in German."""
        from textual.theme import ThemeProvider

        from tui.widgets.palette import GermanCommandPalette

        self.push_screen(GermanCommandPalette(providers=[ThemeProvider], placeholder="Farbschema suchen …"))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette offers every action of the current screen, then the app's own."""
        provider = getattr(screen, "palette_commands", None)
        if provider is not None:
            yield from provider()
        yield SystemCommand("Beenden", "Kulisse schließen", self.action_quit)
        yield SystemCommand("Tasten anzeigen", "Alle Tastenkürzel dieser Ansicht", self.action_show_help_panel)
        yield SystemCommand("Farbschema wechseln", "Ein anderes Farbschema wählen", self.action_change_theme)

    def on_unmount(self) -> None:
        self.store.close()


def make_app(
    db: Path | None,
    profile: str | Path | Profile | None,
    today: date | None,
    *,
    use_model: bool = True,
) -> KulisseApp:
    """The single factory used by ``kulisse tui`` and by every test.

    Raises ``matcher.profile.ProfileError`` / ``corpus.store.StoreError`` (German) before
    anything is drawn, so the CLI can print them as one line."""
    store = database.open_store(db)
    try:
        loaded = profiles.load_profile(profile) if isinstance(profile, (str, Path)) else profile
    except Exception:
        store.close()
        raise
    path = profiles.profile_file(profile) if isinstance(profile, (str, Path)) else None
    return KulisseApp(store, loaded, today or date.today(), use_model=use_model, profile_path=path)
