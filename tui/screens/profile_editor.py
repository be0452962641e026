"""Edit every field of a Verbund profile; German validation messages; saving writes the TOML file."""

from __future__ import annotations

import re

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, Footer, Header, Input, Select, SelectionList, Static, TextArea

from corpus.errors_de import os_error_de
from corpus.labels import LAENDER, ApplicantType
from matcher.profile import FIELD_DE, Profile, ProfileError, find_profile_file
from tui.messages import ProfileSaved
from tui.screens.base import KulisseScreen
from tui.services import profiles
from tui.widgets.form_row import FormRow

TEXT_FIELDS = ("key", "name", "legal_form", "municipality", "staff")
INT_FIELDS = ("member_organisations", "individual_members", "founded")
LIST_FIELDS = ("fields_of_action", "target_groups", "municipal_partners")
PLACEMENT = [("I – symbolisch-kooperativ", 1), ("II – strukturell-kooperativ", 2), ("III – Steuerung auf Augenhöhe", 3)]
APPLICANT_DE = {
    ApplicantType.kommune: "Kommune",
    ApplicantType.mo: "Migrantenorganisation",
    ApplicantType.verbund: "Verbund",
    ApplicantType.wohlfahrt: "Wohlfahrtsverband",
    ApplicantType.verein: "Verein",
    ApplicantType.bildungstraeger: "Bildungsträger",
    ApplicantType.unternehmen: "Unternehmen",
    ApplicantType.hochschule: "Hochschule",
    ApplicantType.einzelperson: "Einzelperson",
}
HELP = {
    "key": "Kleinbuchstaben, Ziffern, - und _; bestimmt den Dateinamen",
    "fields_of_action": "durch Komma getrennt, z. B. Bildung, Seniorenarbeit",
    "target_groups": "durch Komma getrennt",
    "municipal_partners": "durch Komma getrennt, z. B. Kommunales Integrationszentrum; "
    "enthält ein Name selbst ein Komma, durch Semikolon trennen",
    "own_funds_eur": "z. B. 8000 oder 8.000,50",
}
_GERMAN_NUMBER = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$|^\d+,\d+$")


def _label(name: str) -> str:
    return FIELD_DE[name].split(" (")[0]


def _number(raw: str) -> str | float:
    """German notation to float; anything else is passed on so the profile check names the problem."""
    s = raw.strip().replace(" ", "")
    if _GERMAN_NUMBER.match(s):
        return float(s.replace(".", "").replace(",", "."))
    try:
        return float(s)
    except ValueError:
        return raw


def list_text(items: list[str]) -> str:
    """A list as one input line: "; " between items when an item holds a comma itself
    ("Stadt Halle (Saale), Fachbereich Integration" is one partner)."""
    return ("; " if any("," in i for i in items) else ", ").join(items)


def split_list(text: str) -> list[str]:
    """The inverse of ``list_text``: a ";" in the line makes ";" the separator."""
    return [v.strip() for v in text.split(";" if ";" in text else ",") if v.strip()]


def _int(raw: str) -> str | int | None:
    s = raw.strip()
    if not s:
        return None
    return int(s) if s.isdigit() else s


class ProfileEditorScreen(KulisseScreen):
    """A form over all profile fields; Strg+S checks and saves."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Speichern", priority=True, tooltip="Prüfen und als TOML-Datei speichern"),
        Binding("escape", "app.pop_screen", "Abbrechen"),
    ]

    def __init__(self, profile: Profile | None) -> None:
        super().__init__()
        self.profile = profile
        self.data = profile.model_dump(mode="json") if profile else profiles.blank_profile_data()
        self.shown: dict[str, str] = {}  # each widget's first text: an untouched field keeps its value

    def compose(self) -> ComposeResult:
        d = self.data
        yield Header()
        with VerticalScroll(id="profile-form"):
            yield Static("Profil bearbeiten" if self.profile else "Neues Profil", classes="page-title")
            yield Static(id="profile-errors", classes="errors")
            for name in ("key", "name", "legal_form", "municipality"):
                yield from self._field(name, Input(str(d.get(name) or ""), id=f"p-{name}"))
            yield from self._field(
                "land",
                Select(
                    [(v, k) for k, v in LAENDER.items()], value=d.get("land") or "DE-NW", allow_blank=False, id="p-land"
                ),
            )
            yield from self._field(
                "non_profit",
                Checkbox("als gemeinnützig anerkannt", value=bool(d.get("non_profit", True)), id="p-non_profit"),
            )
            for name in INT_FIELDS:
                value = d.get(name)
                yield from self._field(name, Input("" if value is None else str(value), id=f"p-{name}"))
            for name in LIST_FIELDS:
                yield from self._field(name, Input(list_text(d.get(name) or []), id=f"p-{name}"))
            for name in ("placement_current", "placement_goal"):
                yield from self._field(
                    name,
                    Select(
                        PLACEMENT,
                        value=int(d.get(name) or (1 if "current" in name else 2)),
                        allow_blank=False,
                        id=f"p-{name}",
                    ),
                )
            own = d.get("own_funds_eur", 0)
            yield from self._field(
                "own_funds_eur", Input(f"{own:g}" if isinstance(own, (int, float)) else str(own), id="p-own_funds_eur")
            )
            yield from self._field("staff", Input(str(d.get("staff") or ""), id="p-staff"))
            yield from self._field(
                "self_description", TextArea(str(d.get("self_description") or ""), id="p-self_description")
            )
            chosen = set(d.get("applicant_types") or ["verbund", "mo", "verein"])
            yield from self._field(
                "applicant_types",
                SelectionList[str](
                    *[(APPLICANT_DE[a], a.value, a.value in chosen) for a in ApplicantType], id="p-applicant_types"
                ),
            )
            with Horizontal(classes="form-buttons"):
                yield Button("Speichern (Strg+S)", variant="primary", id="p-save")
                yield Button("Abbrechen (Esc)", id="p-cancel")
        yield Footer()

    def _field(self, name: str, widget) -> ComposeResult:
        if hasattr(widget, "compact"):
            widget.compact = True
        if isinstance(widget, (Input, TextArea)):
            self.shown[name] = widget.value if isinstance(widget, Input) else widget.text
        yield FormRow(_label(name), widget, HELP.get(name, ""))

    def on_mount(self) -> None:
        self.title = "Kulisse · Profil"

    def collect(self) -> dict:
        """The form as a profile dict (numbers converted where they parse). It starts from the
        loaded profile, so fields the form does not show (population) survive, and a field
        whose text was not touched keeps its value exactly (no 5000 → 5000.0, no split names)."""
        data: dict = {k: v for k, v in self.data.items() if v is not None}

        def edited(name: str, text: str) -> bool:
            return self.shown.get(name) != text

        for name in TEXT_FIELDS:
            value = self.query_one(f"#p-{name}", Input).value
            if edited(name, value) or name not in data:
                data[name] = value.strip()
        data["land"] = self.query_one("#p-land", Select).value
        data["non_profit"] = self.query_one("#p-non_profit", Checkbox).value
        for name in INT_FIELDS:
            raw = self.query_one(f"#p-{name}", Input).value
            if edited(name, raw):
                value = _int(raw)
                if value is None:
                    data.pop(name, None)
                else:
                    data[name] = value
        for name in LIST_FIELDS:
            raw = self.query_one(f"#p-{name}", Input).value
            if edited(name, raw) or name not in data:
                data[name] = split_list(raw)
        for name in ("placement_current", "placement_goal"):
            data[name] = self.query_one(f"#p-{name}", Select).value
        own = self.query_one("#p-own_funds_eur", Input).value
        if edited("own_funds_eur", own) or "own_funds_eur" not in data:
            data["own_funds_eur"] = _number(own) if own.strip() else 0
        text = self.query_one("#p-self_description", TextArea).text
        if edited("self_description", text) or "self_description" not in data:
            data["self_description"] = text.strip()
        chosen = list(self.query_one("#p-applicant_types", SelectionList).selected)
        if set(chosen) != set(data.get("applicant_types") or []):
            data["applicant_types"] = chosen
        return data

    @on(Button.Pressed, "#p-save")
    def action_save(self) -> None:
        try:
            profile = profiles.validate_profile(self.collect())
        except ProfileError as exc:
            self.errors.update(Text("Bitte korrigieren:\n" + "\n".join(f"• {p}" for p in exc.problems)))
            self.errors.add_class("shown")
            self.query_one("#profile-form", VerticalScroll).scroll_home(animate=False)
            self.notify(
                f"{len(exc.problems)} Feld(er) fehlerhaft – nichts gespeichert.",
                severity="error",
                title="Profil",
                markup=False,
            )
            return
        app = self.kapp
        # a profile opened from its own file goes back there; bundled ones become user profiles
        own_file = app.profile_path if self.profile and profile.key == self.profile.key else None
        # the new file starts from the one the profile came from: comments and lines stay
        base = app.profile_path or (find_profile_file(self.profile.key) if self.profile else None)
        try:
            path = profiles.save_profile(profile, own_file, base=base)
        except OSError as exc:
            self.notify(f"Speichern fehlgeschlagen: {os_error_de(exc)}", severity="error", markup=False)
            return
        self.errors.remove_class("shown")
        self.post_message(ProfileSaved(profile.key, path))
        self.notify(f"Profil gespeichert: {path}", title="Profil", markup=False, timeout=6)
        app.profile_path = own_file
        app.open_profile(profile)

    @on(Button.Pressed, "#p-cancel")
    def _cancel(self) -> None:
        self.app.pop_screen()

    @property
    def errors(self) -> Static:
        return self.query_one("#profile-errors", Static)
