"""The Förderkulisse of the Verbund's Land: who calls address, at which level, in which form."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from corpus.format_de import euro
from corpus.format_de import share as share_of
from corpus.labels import LAENDER
from tui import format as fmt
from tui.screens.base import KulisseScreen
from tui.services import landscape


def bars(rows: list[tuple[str, int]], total: int) -> Text:
    out = Text()
    width = max((len(label) for label, _ in rows), default=10)
    for label, count in rows:
        out.append(f"{label:<{width}}  ")
        out.append_text(fmt.bar(count, total))
        out.append("\n")
    out.rstrip()
    return out or Text("–", style="dim")


def level_bars(ls: landscape.Landscape) -> Text:
    out = bars([(label, n) for label, n, _ in ls.by_level], ls.total)
    lines = out.split("\n")
    result = Text()
    for line, (_, _n, co) in zip(lines, ls.by_level):
        result.append_text(line)
        result.append(f"   davon Ko-Steuerung: {co}", style="magenta" if co else "dim")
        result.append("\n")
    result.rstrip()
    return result if ls.by_level else Text("–", style="dim")


def money_text(ls: landscape.Landscape) -> Text:
    if not ls.money:
        return Text("Keine Höchstbeträge in eingeordneten Aufrufen genannt.", style="dim")
    total = sum(v for _, v in ls.money)
    out = Text()
    for label, value in ls.money:
        amount = euro(value, cents=False)
        out.append(f"{label:<40} {amount:>16}  ({share_of(value, total)})\n")
    out.rstrip()
    return out


def summary(ls: landscape.Landscape) -> Text:
    land = LAENDER.get(ls.land, ls.land)
    out = Text()
    out.append(f"{ls.total} Aufrufe stehen Antragstellern in {land} offen (bundesweit, EU und Land); ")
    out.append(f"{ls.labelled} davon sind eingeordnet.\n")
    if ls.labelled:
        out.append(
            f"Nur {ls.co_steering} von {ls.labelled} ({share_of(ls.co_steering, ls.labelled)}) ", style="bold magenta"
        )
        out.append("fördert" if ls.co_steering == 1 else "fördern")
        out.append(
            " die Ko-Steuerung von Kommune und Migrantenorganisationen – "
            "die übrigen fördern entweder die Kommune oder die Organisationen oder beide nur in "
            "konkreten Handlungsfeldern (zweigeteilte Förderkulisse)."
        )
    return out


class LandscapeScreen(KulisseScreen):
    """Counts over the corpus for the current profile's Land."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Zurück")]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="landscape"):
            yield Static(id="ls-title", classes="page-title")
            yield Static(id="ls-summary", classes="panel")
            yield Static("Wen die Aufrufe ansprechen (Adressat)", classes="heading")
            yield Static(id="ls-addressee", classes="panel")
            yield Static("Ebene des Fördergebers", classes="heading")
            yield Static(id="ls-level", classes="panel")
            yield Static("Förderart", classes="heading")
            yield Static(id="ls-form", classes="panel")
            yield Static("Genannte Höchstbeträge", classes="heading")
            yield Static(id="ls-money", classes="panel")
        yield Footer()

    def on_mount(self) -> None:
        app = self.kapp
        self.title = "Kulisse · Förderkulisse"
        ls = landscape.landscape(app.store.calls(), app.profile.land)
        self.query_one("#ls-title", Static).update(Text(f"Förderkulisse für {LAENDER.get(ls.land, ls.land)}"))
        self.query_one("#ls-summary", Static).update(summary(ls))
        self.query_one("#ls-addressee", Static).update(bars(ls.by_addressee, ls.labelled))
        self.query_one("#ls-level", Static).update(level_bars(ls))
        self.query_one("#ls-form", Static).update(bars(ls.by_form, ls.labelled))
        self.query_one("#ls-money", Static).update(money_text(ls))
