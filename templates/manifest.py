"""A template's manifest: ``<name>.toml`` beside ``<name>.docx``, listing the fields the user answers.

Format (see docs/drafting.md)::

    title = "Projektantrag"
    description = "Vollantrag mit Finanzierungsplan"
    groups = ["finanzplan"]          # shared field groups (fields.GROUPS)
    expects_co_steering = false      # warn when the call is not classified as Ko-Steuerung
    unsuitable_funding_forms = []    # warn when the call's funding form is one of these

    [[fields]]
    name = "projekttitel"
    label = "Projekttitel"
    help = "Kurz und aussagekräftig"
    required = true
    kind = "text"                    # text | multiline | list | eur | pct | int
    default = "…"                    # optional suggested wording
    omit_if_empty = true             # optional field: leave out instead of "keine Angabe"
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from templates.fields import GROUPS, KINDS, STANDARD_BY_NAME, Field

_NAME_RE = re.compile(r"^[a-z][a-z0-9_]{0,60}$")


class ManifestError(ValueError):
    """A manifest that cannot be used; ``problems`` are German sentences."""

    def __init__(self, source: str, problems: list[str]):
        self.source = source
        self.problems = problems
        super().__init__(f"Manifest {source}: " + "; ".join(problems))


@dataclass(frozen=True)
class Manifest:
    title: str
    description: str = ""
    groups: tuple[str, ...] = ()
    fields: tuple[Field, ...] = ()
    expects_co_steering: bool = False
    unsuitable_funding_forms: tuple[str, ...] = ()
    extra: dict = field(default_factory=dict)

    def all_fields(self) -> tuple[Field, ...]:
        """Group fields first, then the template's own; a manifest field overrides a group field."""
        own = {f.name for f in self.fields}
        grouped = tuple(f for g in self.groups for f in GROUPS[g] if f.name not in own)
        return grouped + self.fields


def _field(entry: object, index: int, problems: list[str]) -> Field | None:
    where = f"Feld {index + 1}"
    if not isinstance(entry, dict):
        problems.append(f"{where} ist keine Tabelle ([[fields]])")
        return None
    name = entry.get("name")
    if not isinstance(name, str) or not _NAME_RE.match(name):
        problems.append(f"{where}: name fehlt oder ist ungültig (Kleinbuchstaben, Ziffern, _)")
        return None
    where = f"Feld {name}"
    if name in STANDARD_BY_NAME:
        problems.append(f"{where} wird schon aus Profil oder Aufruf gefüllt; bitte anders benennen")
        return None
    label = entry.get("label")
    if not isinstance(label, str) or not label.strip():
        problems.append(f"{where}: label (deutsche Bezeichnung) fehlt")
        return None
    kind = entry.get("kind", "text")
    if kind not in KINDS:
        problems.append(f"{where}: kind {kind!r} ist unbekannt (erlaubt: {', '.join(KINDS)})")
        return None
    default = entry.get("default")
    if default is not None and not isinstance(default, (str, int, float)):
        problems.append(f"{where}: default muss ein Text oder eine Zahl sein")
        return None
    unknown = set(entry) - {"name", "label", "help", "required", "kind", "default", "source", "omit_if_empty"}
    if unknown:
        problems.append(f"{where}: unbekannte Angabe(n) {', '.join(sorted(unknown))}")
    if entry.get("source", "user") != "user":
        problems.append(f'{where}: source darf in einem Manifest nur "user" sein')
    return Field(
        name=name,
        label=label.strip(),
        help=str(entry.get("help", "")).strip(),
        required=bool(entry.get("required", False)),
        source="user",
        kind=kind,
        default=None if default is None else str(default),
        omit_if_empty=bool(entry.get("omit_if_empty", False)),
    )


def manifest_from_dict(data: dict, source: str) -> Manifest:
    problems: list[str] = []
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        problems.append("title (Titel der Vorlage) fehlt")
        title = ""
    groups = data.get("groups", [])
    if not isinstance(groups, list) or any(g not in GROUPS for g in groups):
        problems.append(f"groups darf nur {', '.join(GROUPS)} enthalten")
        groups = []
    entries = data.get("fields", [])
    if not isinstance(entries, list):
        problems.append("fields muss eine Liste von [[fields]]-Tabellen sein")
        entries = []
    fields = [f for i, e in enumerate(entries) if (f := _field(e, i, problems))]
    seen: set[str] = set()
    for f in fields:
        if f.name in seen:
            problems.append(f"Feld {f.name} ist doppelt angegeben")
        seen.add(f.name)
    forms = data.get("unsuitable_funding_forms", [])
    if problems:
        raise ManifestError(source, problems)
    return Manifest(
        title=title.strip(),
        description=str(data.get("description", "")).strip(),
        groups=tuple(groups),
        fields=tuple(fields),
        expects_co_steering=bool(data.get("expects_co_steering", False)),
        unsuitable_funding_forms=tuple(str(f) for f in forms) if isinstance(forms, list) else (),
    )


def load_manifest(path: Path) -> Manifest:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ManifestError(str(path), ["die Datei ist nicht UTF-8-kodiert"]) from None
    except tomllib.TOMLDecodeError as exc:
        from corpus.toml_de import german

        raise ManifestError(str(path), [f"kein gültiges TOML – {german(exc)}"]) from None
    return manifest_from_dict(data, str(path))


def default_manifest(name: str) -> Manifest:
    """A user template without a manifest may use the standard fields only."""
    return Manifest(title=name.replace("_", " ").capitalize())
