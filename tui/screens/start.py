"""First screen without --profile: pick the Verbund's profile or create a new one."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from matcher.profile import ProfileError
from tui.screens.base import KulisseScreen
from tui.services import profiles

NEW = "__neu__"


class StartScreen(KulisseScreen):
    """Choose a profile (Enter) or create one (n)."""

    BINDINGS = [
        Binding("n", "new_profile", "Neues Profil", tooltip="Ein neues Verbundsprofil anlegen"),
        Binding("enter", "choose", "Öffnen", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="start"):
            yield Static("Willkommen bei Kulisse", id="start-title")
            yield Static(
                "Welcher Verbund arbeitet heute? Profil mit ↑/↓ wählen und mit Enter öffnen, "
                "oder mit n ein neues Profil anlegen.",
                id="start-help",
            )
            yield OptionList(id="profiles")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Kulisse · Profil wählen"
        self.reload()
        self.profiles.focus()

    def reload(self) -> None:
        options = [Option(Text(label), id=key) for key, label in profiles.profile_choices()]
        options.append(Option(Text("+ Neues Profil anlegen …", style="bold green"), id=NEW))
        self.profiles.clear_options()
        self.profiles.add_options(options)
        self.profiles.highlighted = 0

    @on(OptionList.OptionSelected, "#profiles")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._open(event.option.id)

    def action_choose(self) -> None:
        index = self.profiles.highlighted
        if index is not None:
            self._open(self.profiles.get_option_at_index(index).id)

    def _open(self, key: str | None) -> None:
        if key == NEW or key is None:
            self.action_new_profile()
            return
        try:
            profile = profiles.load_profile(key)
        except ProfileError as exc:
            self.notify("\n".join(exc.problems), title=f"Profil {key} ist fehlerhaft", severity="error", markup=False)
            return
        self.kapp.profile_path = None  # chosen by key: saved as a user profile
        self.kapp.open_profile(profile)

    def action_new_profile(self) -> None:
        from tui.screens.profile_editor import ProfileEditorScreen

        self.app.push_screen(ProfileEditorScreen(None))

    def on_screen_resume(self) -> None:
        self.reload()

    @property
    def profiles(self) -> OptionList:
        return self.query_one("#profiles", OptionList)
