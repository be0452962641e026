"""German for click's own words (usage lines, help, parameter errors).

click translates through ``gettext``, but ships no German catalogue; Verbund staff read German.
We bind click's module-level ``_``/``ngettext`` to this small table once, at CLI start.
"""

from __future__ import annotations

import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.types

GERMAN = {
    "Usage:": "Aufruf:",
    "Options": "Optionen",
    "Commands": "Befehle",
    "Positional arguments": "Argumente",
    "Show this message and exit.": "Diese Hilfe anzeigen und beenden.",
    "Show the version and exit.": "Version anzeigen und beenden.",
    "Error: {message}": "Fehler: {message}",
    "Try '{command} {option}' for help.": "Hilfe mit „{command} {option}“.",
    "Invalid value for {param_hint}: {message}": "Ungültiger Wert für {param_hint}: {message}",
    "Invalid value: {message}": "Ungültiger Wert: {message}",
    "Missing argument": "Fehlendes Argument",
    "Missing option": "Fehlende Option",
    "Missing parameter": "Fehlende Angabe",
    "Missing parameter: {param_name}": "Fehlende Angabe: {param_name}",
    "Missing {param_type}": "{param_type} fehlt",
    "Missing command.": "Befehl fehlt.",
    "No such command {name!r}.": "Unbekannter Befehl {name!r}.",
    "No such option {name!r}.": "Unbekannte Option {name!r}.",
    "Option {name!r} does not take a value.": "Option {name!r} nimmt keinen Wert.",
    "Aborted!": "Abgebrochen.",
    "default: {default}": "Standard: {default}",
    "env var: {var}": "Umgebungsvariable: {var}",
    "Could not open file {filename!r}: {message}": "Datei {filename!r} lässt sich nicht öffnen: {message}",
    "{name} {filename!r} does not exist.": "{name} {filename!r} gibt es nicht.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} ist ein Ordner.",
    "{name} {filename!r} is a file.": "{name} {filename!r} ist eine Datei.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} ist nicht lesbar.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} ist nicht beschreibbar.",
    "{value!r} is not a valid {number_type}.": "{value!r} ist keine gültige Zahl.",
    "{value} is not in the range {range}.": "{value} liegt nicht im Bereich {range}.",
    "file": "Datei",
    "directory": "Ordner",
    "path": "Pfad",
    "{value!r} is not {choice}.": "{value!r} ist nicht {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} ist keiner der Werte {choices}.",
    "Got unexpected extra argument ({args})": "Unerwartetes zusätzliches Argument ({args})",
    "Got unexpected extra arguments ({args})": "Unerwartete zusätzliche Argumente ({args})",
    "Option {name!r} requires an argument.": "Option {name!r} braucht einen Wert.",
    "Option {name!r} requires {nargs} arguments.": "Option {name!r} braucht {nargs} Werte.",
    "Did you mean {possibility}?": "Meinten Sie {possibility}?",
    "(Possible options: {possibilities})": "(Mögliche Optionen: {possibilities})",
    "required": "Pflicht",
}

# click names a value by its type ("TEXT", "INTEGER RANGE") or its parameter ("FILE"); people
# read what to type: by parameter name first, then by click's word
METAVAR_BY_NAME = {
    "profile_ref": "KÜRZEL|DATEI",
    "profile": "KÜRZEL|DATEI",
    "template_name": "VORLAGE",
    "today_s": "JJJJ-MM-TT",
    "today": "JJJJ-MM-TT",
    "query": "WÖRTER",
    "land": "LAND",
    "like": "KENNUNG",
    "spiders": "QUELLE",
}
METAVAR_WORDS = {
    "TEXT": "TEXT",
    "INTEGER": "ZAHL",
    "INTEGER RANGE": "ZAHL",
    "FLOAT": "ZAHL",
    "FLOAT RANGE": "ZAHL",
    "BOOLEAN": "JA|NEIN",
    "FILE": "DATEI",
    "FILENAME": "DATEI",
    "PATH": "PFAD",
    "DIRECTORY": "ORDNER",
    "ID": "KENNUNG",
    "UUID": "KENNUNG",
    "DATETIME": "DATUM",
    "URL": "URL",
}
USAGE_WORDS = {"[OPTIONS]": "[OPTIONEN]", "COMMAND [ARGS]...": "BEFEHL [ARGUMENTE]..."}


def _gettext(message: str) -> str:
    return GERMAN.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


def _german_metavar(original):
    def make_metavar(self, ctx):
        metavar = original(self, ctx)
        if not isinstance(metavar, str) or metavar.startswith("[") and "|" in metavar:
            return metavar  # choices: the values themselves
        dots = "..." if metavar.endswith("...") else ""
        core = metavar[:-3] if dots else metavar
        bracket = core.startswith("[") and core.endswith("]")
        core = core.strip("[]")
        if self.metavar is None and core in ("TEXT", "ID", (self.name or "").upper()) and self.name in METAVAR_BY_NAME:
            core = METAVAR_BY_NAME[self.name]
        else:
            core = METAVAR_WORDS.get(core, core)
        return (f"[{core}]" if bracket else core) + dots

    make_metavar._kulisse = True
    return make_metavar


def _german_usage(original):
    def collect_usage_pieces(self, ctx):
        return [USAGE_WORDS.get(p, p) for p in original(self, ctx)]

    collect_usage_pieces._kulisse = True
    return collect_usage_pieces


def install() -> None:
    for cls in (click.core.Option, click.core.Argument):
        if not getattr(cls.make_metavar, "_kulisse", False):
            cls.make_metavar = _german_metavar(cls.make_metavar)
    for cls in (click.core.Command, click.core.Group):
        if not getattr(cls.collect_usage_pieces, "_kulisse", False):
            cls.collect_usage_pieces = _german_usage(cls.collect_usage_pieces)
    for module in (click.core, click.decorators, click.exceptions, click.formatting, click.parser, click.types):
        if hasattr(module, "_"):
            module._ = _gettext
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext
