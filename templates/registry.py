"""The templates Kulisse knows: the bundled ones and the user's own (``<config>/vorlagen``).

A user template is ``<name>.docx`` with an optional ``<name>.toml`` manifest beside it; one with
a bundled name replaces the bundled template, so a Verbund can adapt the wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from corpus.paths import user_templates_dir
from templates.checks import CheckResult, TemplateCheckError, check_template
from templates.fields import STANDARD_FIELDS, Field
from templates.manifest import Manifest, ManifestError, default_manifest, load_manifest

BUNDLED_DIR = Path(__file__).parent
BUNDLED_NAMES = (
    "projektskizze",
    "projektantrag",
    "strukturfoerderung",
    "kooperationsvereinbarung",
    "absichtserklaerung",
)
_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,60}$")
_cache: dict[tuple[str, int, int, int], CheckResult] = {}


class TemplateNotFound(LookupError):
    pass


@dataclass(frozen=True)
class TemplateInfo:
    """A template ready to draft from: where it lives and the fields it really uses."""

    name: str
    title_de: str
    path: Path
    fields: tuple[Field, ...] = ()
    description: str = ""
    origin: str = "mitgeliefert"  # or "eigene"
    manifest: Manifest | None = None
    problems: tuple[str, ...] = ()  # German; a template with problems cannot be drafted from
    variables: frozenset[str] = field(default_factory=frozenset)

    @property
    def user_fields(self) -> tuple[Field, ...]:
        """The fields a form asks for (the rest comes from profile, call or computation)."""
        return tuple(f for f in self.fields if f.source == "user")


def _check_cached(path: Path, manifest: Manifest, manifest_path: Path | None) -> CheckResult:
    stat = path.stat()
    mstat = manifest_path.stat().st_mtime_ns if manifest_path and manifest_path.exists() else 0
    key = (str(path), stat.st_mtime_ns, stat.st_size, mstat)
    if key not in _cache:
        _cache[key] = check_template(path, manifest)
    return _cache[key]


def load_template(name: str, docx: Path, origin: str) -> TemplateInfo:
    manifest_path = docx.with_suffix(".toml")
    problems: list[str] = []
    try:
        manifest = load_manifest(manifest_path) if manifest_path.exists() else default_manifest(name)
    except ManifestError as exc:
        return TemplateInfo(name, name, docx, origin=origin, problems=tuple(exc.problems))
    try:
        result = _check_cached(docx, manifest, manifest_path)
    except TemplateCheckError as exc:
        return TemplateInfo(name, manifest.title, docx, origin=origin, manifest=manifest, problems=(str(exc),))
    if result.unprovided:
        problems.append(
            "Platzhalter ohne Quelle: "
            + ", ".join(result.unprovided)
            + f" (weder Profil noch Aufruf noch das Manifest {manifest_path.name} liefern sie)"
        )
    candidates = (*STANDARD_FIELDS, *manifest.all_fields())
    fields = tuple({f.name: f for f in candidates if f.name in result.variables}.values())
    return TemplateInfo(
        name=name,
        title_de=manifest.title,
        path=docx,
        fields=fields,
        description=manifest.description,
        origin=origin,
        manifest=manifest,
        problems=tuple(problems),
        variables=result.variables,
    )


def _user_docx() -> dict[str, Path]:
    folder = user_templates_dir()
    if not folder.is_dir():
        return {}
    # "~$x.docx" are Word's lock files while a template is open
    return {p.stem: p for p in sorted(folder.glob("*.docx")) if _NAME_RE.match(p.stem)}


def available_templates() -> list[TemplateInfo]:
    """Bundled templates in their fixed order, then the user's own, alphabetically."""
    user = _user_docx()
    infos = [
        load_template(n, user[n], "eigene")
        if n in user
        else load_template(n, BUNDLED_DIR / f"{n}.docx", "mitgeliefert")
        for n in BUNDLED_NAMES
    ]
    infos += [load_template(n, p, "eigene") for n, p in user.items() if n not in BUNDLED_NAMES]
    return infos


def get_template(name: str) -> TemplateInfo:
    user = _user_docx()
    if name in user:
        return load_template(name, user[name], "eigene")
    if name in BUNDLED_NAMES:
        return load_template(name, BUNDLED_DIR / f"{name}.docx", "mitgeliefert")
    known = ", ".join(i.name for i in available_templates())
    raise TemplateNotFound(
        f"Keine Vorlage „{name}“ gefunden (vorhanden: {known}; eigene Vorlagen gehören nach {user_templates_dir()})."
    )


def known_field_names() -> frozenset[str]:
    """Every field name of any available template, to tell a typo from an answer for another template."""
    names = {f.name for f in STANDARD_FIELDS}
    for info in available_templates():
        if info.manifest is not None:
            names |= {f.name for f in info.manifest.all_fields()}
    return frozenset(names)
