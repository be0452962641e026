"""One call: facts, reasons of the ranking, labels with evidence highlighted in the text, source link."""

from __future__ import annotations

import re

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from corpus.format_de import date_de
from corpus.labels import EVIDENCE_LABEL_DE, FUNDING_FORM_DE, LEVEL_DE, REGIONS, STATUS_DE, CallStatus, applicants_de
from corpus.store import StoreError
from matcher.results import RankedCall
from tui import format as fmt
from tui.screens.base import KulisseScreen
from tui.services import database, labels, marks

EVIDENCE_STYLE = "bold black on yellow"


def highlighted_text(text: str, sentences: list[str]) -> Text:
    """The call's text as written, with every evidence sentence found in it highlighted.

    Matching ignores differences in whitespace: the classifier may have joined wrapped lines."""
    result = Text(text)
    for sentence in sentences:
        words = sentence.split()
        if not words:
            continue
        pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
        for match in pattern.finditer(text):
            result.stylize(EVIDENCE_STYLE, match.start(), match.end())
    return result


def facts_text(item: RankedCall, status: tuple[CallStatus, str] | None) -> Text:
    call = item.call
    rows: list[tuple[str, Text]] = [
        ("Fördergeber", fmt.plain(call.funder or "–")),
        ("Ebene", Text(LEVEL_DE[call.level])),
        ("Region", Text(REGIONS.get(call.region, call.region))),
        ("Förderart", Text(FUNDING_FORM_DE[call.funding_form] if call.funding_form else "–")),
        ("Betrag", fmt.plain(call.amount.text or "–")),
        ("Frist", fmt.deadline_cell(item) + Text("  – ") + fmt.plain(call.deadlines.text or "")),
        ("Antragsberechtigt", Text(applicants_de(call.applicants) or "–")),
        ("Rang / Wert", Text(f"{item.rank} / {item.score:.2f}" + ("" if item.eligible else "  (passt nicht)"))),
        (
            "Status",
            Text(STATUS_DE[status[0]] + (f" – {status[1]}" if status and status[1] else "")) if status else Text("neu"),
        ),
        ("Quelle", fmt.plain(call.source or "–")),
        ("Zuerst gesehen", Text(_when(call.first_seen))),
        ("Zuletzt geprüft", Text(_when(call.extras.get("last_checked")))),
    ]
    out = Text()
    for label, value in rows:
        out.append(f"{label:18}", style="bold")
        out.append_text(value)
        out.append("\n")
    out.append(f"{'Link':18}", style="bold")
    if call.url:
        out.append(call.url, style=Style(link=call.url, underline=True, color="cyan"))
    else:
        out.append("–")
    return out


def _when(value) -> str:
    """A stored timestamp as a German date; stale data must be visible to users."""
    if not value:
        return "–"
    from datetime import datetime

    stamp = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return date_de(stamp, time=True)


# Facts that may differ between two sources of one programme; each is shown with its source.
LINKED_FIELDS = (("Frist", lambda c: c.deadlines.text), ("Betrag", lambda c: c.amount.text), ("Link", lambda c: c.url))


def linked_text(call, linked: list) -> Text:
    """The same programme found at other sources: each differing field with the source that says it."""
    out = Text()
    for other, reason in linked:
        out.append(fmt.plain(other.source or other.id))
        out.append(f"  ({reason})" if reason else "", style="dim")
        out.append(f"  zuletzt geprüft {_when(other.extras.get('last_checked'))}\n", style="dim")
        for label, get in LINKED_FIELDS:
            mine, theirs = get(call), get(other)
            if theirs and theirs != mine:
                out.append(f"  {label:16}", style="bold")
                out.append_text(fmt.plain(theirs))
                out.append(f"  [{other.source}]\n", style="dim")
                if mine:
                    out.append(f"  {'':16}")
                    out.append_text(fmt.plain(mine))
                    out.append(f"  [{call.source}]\n", style="dim")
    out.rstrip()
    return out


def reasons_text(item: RankedCall) -> Text:
    if not item.reasons:
        return Text("Keine Begründung gespeichert.", style="dim")
    out = Text()
    for reason in item.reasons:
        out.append("• ")
        out.append_text(fmt.plain(reason))
        out.append("\n")
    out.rstrip()
    return out


def labels_text(item: RankedCall) -> Text:
    call = item.call
    if call.labels is None:
        return Text("Noch nicht eingeordnet (der Klassifikator läuft beim Start im Hintergrund).", style="dim")
    out = Text()
    for name, value in labels.iter_labels(call):
        out.append(f"{name:18}", style="bold")
        out.append(value, style="bold magenta" if name == "Ko-Steuerung" and value == "ja" else "")
        out.append("\n")
    if call.labels.evidence:
        out.append("\nBelege:\n", style="bold")
        seen: dict[str, list[str]] = {}  # one sentence often backs several labels: show it once
        for ev in call.labels.evidence:
            names = seen.setdefault(" ".join(ev.text.split()), [])
            name = EVIDENCE_LABEL_DE.get(ev.label, ev.label)
            if name not in names:
                names.append(name)
        for sentence, names in seen.items():
            out.append(f"  {', '.join(names)}: ", style="dim")
            out.append(sentence, style=EVIDENCE_STYLE)
            out.append("\n")
    out.rstrip()
    return out


class CallDetailScreen(KulisseScreen):
    """Everything about one call; Esc returns to the list."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Zurück"),
        Binding("s", "set_status", "Status", tooltip="Arbeitsstatus und Notiz setzen"),
        Binding("e", "draft", "Entwurf", tooltip="Antragsentwurf für diesen Aufruf"),
        Binding("b", "open_link", "Im Browser öffnen", tooltip="Die Seite des Fördergebers öffnen"),
        Binding("c", "copy_link", "Link kopieren", tooltip="Den Link in die Zwischenablage kopieren"),
        Binding("a", "similar", "Ähnliche Aufrufe", show=False, tooltip="Förderfähige Aufrufe, die diesem ähneln"),
    ]

    def __init__(self, item: RankedCall) -> None:
        super().__init__()
        self.item = item

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="detail"):
            yield Static(fmt.plain(self.item.call.title), id="detail-title")
            yield Static(id="detail-facts", classes="panel")
            yield Static("Warum dieser Rang", classes="heading")
            yield Static(reasons_text(self.item), id="detail-reasons", classes="panel")
            yield Static("Einordnung (Klassifikator)", classes="heading")
            yield Static(labels_text(self.item), id="detail-labels", classes="panel")
            linked = database.linked_calls(self.kapp.store, self.item.call.id)
            if linked:
                yield Static("Dasselbe Programm bei anderen Quellen", classes="heading")
                yield Static(linked_text(self.item.call, linked), id="detail-linked", classes="panel")
            yield Static("Text des Aufrufs (Belege hervorgehoben)", classes="heading")
            yield Static(self._body(), id="detail-text", classes="panel")
        yield Footer()

    def _body(self) -> Text:
        call = self.item.call
        text = "\n\n".join(p for p in (call.summary_de, call.full_text) if p)
        sentences = [e.text for e in call.labels.evidence] if call.labels else []
        return highlighted_text(text, sentences)

    def on_mount(self) -> None:
        self.title = "Kulisse · Aufruf"
        self._update_facts()

    def _update_facts(self) -> None:
        status = marks.statuses(self.kapp.store, self._profile_key()).get(self.item.call.id)
        self.query_one("#detail-facts", Static).update(facts_text(self.item, status))

    def _profile_key(self) -> str:
        """Marks belong to the profile shown."""
        return self.kapp.profile.key if self.kapp.profile else ""

    def action_set_status(self) -> None:
        from tui.screens.status_dialog import StatusDialog

        current = marks.statuses(self.kapp.store, self._profile_key()).get(self.item.call.id, (CallStatus.neu, ""))
        self.app.push_screen(StatusDialog(self.item.call, current[0], current[1]), self._status_chosen)

    def _status_chosen(self, result: tuple[CallStatus, str] | None) -> None:
        if result is None:
            return
        try:
            marks.set_status(self.kapp.store, self.item.call.id, *result, self._profile_key())
        except StoreError as exc:
            self.notify(str(exc), severity="error", title="Status nicht gespeichert", markup=False)
            return
        self.notify(f"Status „{STATUS_DE[result[0]]}“ gespeichert.", timeout=3)
        self.kapp.needs_rerank = True  # the mark feeds back into the ranking
        self._update_facts()

    def action_draft(self) -> None:
        from tui.screens.draft import DraftScreen

        self.app.push_screen(DraftScreen(self.item.call))

    def action_similar(self) -> None:
        from tui.screens.similar import SimilarScreen

        self.app.push_screen(SimilarScreen(self.item))

    def action_open_link(self) -> None:
        if self.item.call.url:
            self.app.open_url(self.item.call.url)
        else:
            self.notify("Für diesen Aufruf ist kein Link gespeichert.", severity="warning")

    def action_copy_link(self) -> None:
        if self.item.call.url:
            self.app.copy_to_clipboard(self.item.call.url)
            self.notify("Link kopiert.", timeout=2)
