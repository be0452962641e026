"""Drafting: pick a template, check the prefilled fields, answer the rest, write the .docx."""

from __future__ import annotations

from pathlib import Path

from rich.markup import escape
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Footer, Header, Input, Label, LoadingIndicator, Select, Static, TextArea

from corpus.model import FundingCall
from tui import format as fmt
from tui.messages import DraftDone, DraftFailed
from tui.screens.base import KulisseScreen
from tui.services import drafting
from tui.widgets.form_row import FormRow

SOURCE_DE = {"profile": "aus dem Profil", "call": "aus dem Aufruf", "user": "Ihre Angabe", "computed": "wird berechnet"}


class DraftScreen(KulisseScreen):
    """A form generated from the chosen template's manifest."""

    BINDINGS = [
        Binding("ctrl+g", "generate", "Entwurf erstellen", priority=True, tooltip="Die .docx-Datei schreiben"),
        Binding("escape", "app.pop_screen", "Zurück"),
    ]

    def __init__(self, call: FundingCall) -> None:
        super().__init__()
        self.call = call
        self.fields: list[drafting.TemplateField] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="draft-form"):
            yield Static(fmt.plain(f"Antragsentwurf: {self.call.title}"), classes="page-title")
            yield Static(id="draft-check", classes="help")
            templates = drafting.available_templates()
            yield Label("Vorlage", classes="field-label")
            yield Select(
                [(Text(f"{title} ({name})"), name) for name, title in templates],
                prompt="Vorlage wählen …",
                id="draft-template",
            )
            if not templates:
                yield Static("Es sind keine Vorlagen installiert.", classes="help")
            yield Vertical(id="draft-fields")
            # a full (bordered) input: a compact one is invisible while empty, and people must see
            # where the file goes
            yield FormRow(
                "Speichern unter",
                Input(
                    str(drafting.default_draft_path(self.call, "entwurf", self.kapp.today)),
                    id="draft-out",
                    placeholder="Pfad der .docx-Datei",
                ),
                "Hier wird die Word-Datei gespeichert (Standard: Ordner „entwuerfe“ im Datenordner); änderbar.",
            )
            with Horizontal(classes="form-buttons"):
                yield Button("Entwurf erstellen (Strg+G)", variant="primary", id="draft-go")
                yield LoadingIndicator(id="draft-busy")
            yield Static(id="draft-result")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Kulisse · Entwurf"
        self.query_one("#draft-busy", LoadingIndicator).display = False
        self._show_check()
        value = self.template_select.value
        if isinstance(value, str):
            self._load_template(value)

    def _show_check(self) -> None:
        """Eligibility first: who applies, and what speaks against applying at all."""
        box = self.query_one("#draft-check", Static)
        try:
            check = drafting.draft_check(self.call, self.kapp.profile, self.kapp.today)
        except Exception:  # the form stays usable without the check
            box.display = False
            return
        notes = check.messages(self.kapp.profile.name, "")
        box.display = bool(notes)
        box.update(Text("\n".join(notes), style="bold yellow"))  # Text: crawled titles are no markup

    @on(Select.Changed, "#draft-template")
    def _template_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self._load_template(event.value)

    def _load_template(self, name: str) -> None:
        app = self.kapp
        try:
            self.fields = drafting.template_fields(name, self.call, app.profile, app.today)
        except Exception as exc:  # a broken manifest must not close the app
            self.notify(f"Die Vorlage {escape(name)} lässt sich nicht lesen: {escape(str(exc))}", severity="error")
            return
        box = self.query_one("#draft-fields", Vertical)
        box.remove_children()
        asked = [f for f in self.fields if f.source == "user"]
        given = [f for f in self.fields if f.source != "user"]
        widgets = []
        for f in asked + given:
            if f is (asked[0] if asked else None):
                widgets.append(Static("Ihre Angaben", classes="heading"))
            if f is (given[0] if given else None):
                widgets.append(Static("Übernommen aus Profil und Aufruf (änderbar)", classes="heading"))
            label = Text(f.label + (" *" if f.required else ""), style="bold")
            if f.source != "user":
                label.append(f" · {SOURCE_DE.get(f.source, f.source)}", style="green")
            if f.source == "computed":
                editor = Input(
                    f.value or "(wird beim Erstellen berechnet)", id=f"df-{f.name}", disabled=True, compact=True
                )
            elif f.kind == "multiline":
                editor = TextArea(f.value, id=f"df-{f.name}", compact=True)
            else:
                editor = Input(
                    f.value, id=f"df-{f.name}", placeholder="bitte ausfüllen" if f.required else "", compact=True
                )
            # the help of prefilled fields only names the profile field: the tooltip is enough
            widgets.append(FormRow(label, editor, f.help if f.source == "user" else ""))
            if f.source != "user" and f.help:
                editor.tooltip = Text(f.help)
        box.mount_all(widgets)
        self.out_input.value = str(drafting.default_draft_path(self.call, name, app.today))

    def value_of(self, f: drafting.TemplateField) -> str:
        widget = self.query_one(f"#df-{f.name}")
        return (widget.text if isinstance(widget, TextArea) else widget.value).strip()

    def answers(self) -> dict[str, str]:
        """What the user answered, and prefilled values they changed (an answer beats the profile)."""
        result = {}
        for f in self.fields:
            if f.source == "computed":
                continue
            value = self.value_of(f)
            if value and value != f.value or (f.source == "user" and value):
                result[f.name] = value
        return result

    @on(Button.Pressed, "#draft-go")
    def action_generate(self) -> None:
        template = self.template_select.value
        if not isinstance(template, str):
            self.notify("Bitte zuerst eine Vorlage wählen.", severity="warning")
            return
        out = self.out_input.value.strip()
        if not out.lower().endswith(".docx"):
            self.notify("Der Dateiname muss auf .docx enden.", severity="warning")
            return
        missing = [f.label for f in self.fields if f.required and f.source != "computed" and not self.value_of(f)]
        if missing:
            self.notify(
                "Noch leer (Pflicht): " + ", ".join(missing) + ". Sie erscheinen im Entwurf als Lücke.",
                severity="warning",
                markup=False,
            )
        self.query_one("#draft-busy", LoadingIndicator).display = True
        self.result.update(Text("Entwurf wird erstellt …"))
        self.write_draft(template, self.answers(), Path(out).expanduser())

    @work(thread=True, exclusive=True, exit_on_error=False, group="draft", description="Entwurf erstellen")
    def write_draft(self, template: str, answers: dict[str, str], out: Path) -> None:
        try:
            outcome = drafting.draft(template, self.call, self.kapp.profile, answers, out, self.kapp.today)
        except Exception as exc:  # reported in German; the form keeps the answers
            self.post_message(DraftFailed(f"{type(exc).__name__}: {exc}"))
            return
        self.post_message(DraftDone(outcome.path, outcome.gaps, outcome.warnings))

    @on(DraftDone)
    def _draft_done(self, message: DraftDone) -> None:
        self.query_one("#draft-busy", LoadingIndicator).display = False
        text = Text("Entwurf geschrieben: ", style="bold green")
        text.append(str(message.path))
        if message.gaps:
            text.append("\nNoch offen im Entwurf: ", style="bold yellow")
            text.append(", ".join(message.gaps))
        for warning in message.warnings:
            text.append("\nHinweis: ", style="yellow")
            text.append(warning)
        self.result.update(text)
        self.notify(f"Entwurf geschrieben: {message.path}", title="Entwurf", markup=False, timeout=8)

    @on(DraftFailed)
    def _draft_failed(self, message: DraftFailed) -> None:
        self.query_one("#draft-busy", LoadingIndicator).display = False
        self.result.update(Text(f"Der Entwurf konnte nicht erstellt werden: {message.error}", style="red"))
        self.notify(f"Entwurf fehlgeschlagen: {message.error}", severity="error", title="Entwurf", markup=False)

    @property
    def template_select(self) -> Select:
        return self.query_one("#draft-template", Select)

    @property
    def out_input(self) -> Input:
        return self.query_one("#draft-out", Input)

    @property
    def result(self) -> Static:
        return self.query_one("#draft-result", Static)
