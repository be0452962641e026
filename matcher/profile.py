"""A Verbund's profile: a TOML file a person can edit, checked field by field in German."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from corpus.labels import ApplicantType, land_code

BUNDLED_DIR = Path(__file__).parent / "profiles"
BUNDLED_KEYS = ("vmdo", "vki", "moin", "afropa", "vemo")

FIELD_DE = {
    "key": "Kürzel (key)",
    "name": "Name (name)",
    "legal_form": "Rechtsform (legal_form)",
    "non_profit": "Gemeinnützigkeit (non_profit)",
    "municipality": "Kommune (municipality)",
    "land": "Land (land)",
    "population": "Einwohnerzahl der Kommune (population)",
    "member_organisations": "Mitgliedsorganisationen (member_organisations)",
    "individual_members": "Einzelmitglieder (individual_members)",
    "founded": "Gründungsjahr (founded)",
    "fields_of_action": "Handlungsfelder (fields_of_action)",
    "target_groups": "Zielgruppen (target_groups)",
    "placement_current": "aktueller Platzierungstyp (placement_current)",
    "placement_goal": "angestrebter Platzierungstyp (placement_goal)",
    "municipal_partners": "kommunale Partner (municipal_partners)",
    "own_funds_eur": "Eigenmittel pro Jahr in Euro (own_funds_eur)",
    "staff": "Personal (staff)",
    "self_description": "Selbstbeschreibung (self_description)",
    "applicant_types": "Antragstellertypen (applicant_types)",
}


class ProfileError(ValueError):
    """A profile file that cannot be used; ``problems`` lists every field that is wrong."""

    def __init__(self, source: str, problems: list[str]):
        self.source = source
        self.problems = problems
        super().__init__(f"Profil {source}: " + "; ".join(problems))


class Profile(BaseModel):
    """One Verbund (network of migrant organisations) and what it needs."""

    model_config = ConfigDict(extra="forbid")

    key: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,40}$")
    name: str = Field(min_length=2)
    legal_form: str = "eingetragener Verein (e. V.)"
    non_profit: bool = True
    municipality: str = Field(min_length=2)
    land: str
    # inhabitants of the municipality: some calls are only for places below a size
    population: int | None = Field(default=None, ge=0)
    member_organisations: int = Field(default=0, ge=0)
    individual_members: int = Field(default=0, ge=0)
    founded: int | None = Field(default=None, ge=1900, le=2100)
    fields_of_action: list[str] = Field(default_factory=list)
    target_groups: list[str] = Field(default_factory=list)
    placement_current: int = Field(default=1, ge=1, le=3)
    placement_goal: int = Field(default=2, ge=1, le=3)
    municipal_partners: list[str] = Field(default_factory=list)
    own_funds_eur: float = Field(default=0, ge=0)
    staff: str = ""
    self_description: str = ""
    # who the Verbund counts as when a call lists its applicants
    applicant_types: list[ApplicantType] = Field(
        default_factory=lambda: [ApplicantType.verbund, ApplicantType.mo, ApplicantType.verein]
    )

    @field_validator("land")
    @classmethod
    def _check_land(cls, value: str) -> str:
        code = land_code(value)  # people write "Sachsen-Anhalt" as often as "DE-ST"
        if code is None:
            raise ValueError(
                f"unbekanntes Land {value.strip()!r}; erwartet wird der Name (z. B. Nordrhein-Westfalen) "
                "oder ein Kürzel wie DE-NW oder NW"
            )
        return code

    @field_validator("fields_of_action", "target_groups", "municipal_partners")
    @classmethod
    def _strip_items(cls, value: list[str]) -> list[str]:
        return [v.strip() for v in value if v and v.strip()]

    def municipality_names(self) -> list[str]:
        """The ways a call may name the Verbund's town: "Halle (Saale)" is also "Halle"."""
        full = self.municipality.strip()
        short = re.sub(r"\s*\(.*?\)\s*", " ", full).strip()
        short = re.sub(r"\s+(an der|am|a\. ?d\.|i\. ?d\.)\s+.*$", "", short).strip()
        return [n for n in dict.fromkeys([full, short]) if len(n) >= 2]

    def query_text(self) -> str:
        """The words the ranking compares calls against."""
        parts = [
            "Handlungsfelder: " + ", ".join(self.fields_of_action),
            "Zielgruppen: " + ", ".join(self.target_groups),
            self.self_description,
        ]
        return "\n".join(p for p in parts if p.strip())


_TYPE_DE = {
    "missing": "fehlt",
    "int_parsing": "muss eine ganze Zahl sein",
    "int_type": "muss eine ganze Zahl sein",
    "float_parsing": "muss eine Zahl sein",
    "bool_parsing": "muss true oder false sein",
    "bool_type": "muss true oder false sein",
    "list_type": 'muss eine Liste sein, z. B. ["Bildung", "Senioren"]',
    "string_type": "muss ein Text in Anführungszeichen sein",
    "string_too_short": "ist zu kurz",
    "string_pattern_mismatch": "darf nur Kleinbuchstaben, Ziffern, - und _ enthalten",
    "greater_than_equal": "ist zu klein",
    "less_than_equal": "ist zu groß",
    "extra_forbidden": "ist kein bekanntes Feld (Tippfehler?)",
    "enum": "hat einen unbekannten Wert",
}


def _problems(exc: ValidationError) -> list[str]:
    problems = []
    for error in exc.errors():
        loc = error.get("loc") or ("?",)
        field = str(loc[0])
        label = FIELD_DE.get(field, field)
        if error["type"] == "value_error":
            message = str(error["msg"]).removeprefix("Value error, ")
        else:
            message = _TYPE_DE.get(error["type"], error["msg"])
        if error["type"] in ("greater_than_equal", "less_than_equal"):
            bound = error.get("ctx", {}).get("ge", error.get("ctx", {}).get("le"))
            message += f" (Grenze: {bound})"
        if len(loc) > 1:
            label += f", Eintrag {int(loc[1]) + 1}" if isinstance(loc[1], int) else f" {loc[1]}"
        problems.append(f"Feld {label} {message}")
    return problems


def profile_from_dict(data: dict, source: str = "<profil>") -> Profile:
    try:
        return Profile.model_validate(data)
    except ValidationError as exc:
        raise ProfileError(source, _problems(exc)) from None


def find_profile_file(ref: str | Path) -> Path | None:
    """The file ``ref`` names: a TOML path, else a key in the user's profile folder, else a bundled key."""
    from corpus.paths import user_profiles_dir

    ref_s = str(ref)
    candidates = (
        [Path(ref_s)]
        if ref_s.endswith(".toml") or "/" in ref_s
        else [
            user_profiles_dir() / f"{ref_s}.toml",
            BUNDLED_DIR / f"{ref_s}.toml",
        ]
    )
    return next((p for p in candidates if p.is_file()), None)


def load_profile(ref: str | Path) -> Profile:
    """A bundled key (``vmdo``), a key saved in the user's profile folder, or a TOML path."""
    ref_s = str(ref)
    path = find_profile_file(ref_s)
    if path is None:
        known = ", ".join(available_keys())
        raise ProfileError(ref_s, [f"kein Profil gefunden (bekannte Kürzel: {known}; oder Pfad zu einer .toml-Datei)"])
    try:
        # utf-8-sig: Windows editors (Notepad) start UTF-8 files with a BOM
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise ProfileError(str(path), ["die Datei ist nicht UTF-8-kodiert"]) from None
    except tomllib.TOMLDecodeError as exc:
        from corpus.toml_de import german

        raise ProfileError(str(path), [f"kein gültiges TOML – {german(exc)}"]) from None
    except OSError as exc:
        raise ProfileError(str(path), [f"nicht lesbar ({exc.strerror})"]) from None
    return profile_from_dict(data, str(path))


def _old_document(source: Path | None):
    """(tomlkit document, BOM, the profile it holds or None) of the file a save starts from."""
    import tomlkit

    if source is None or not source.is_file():
        return tomlkit.document(), "", None
    try:
        raw = source.read_text(encoding="utf-8")
        bom = "\ufeff" if raw.startswith("\ufeff") else ""
        doc = tomlkit.parse(raw[len(bom) :])
    except (OSError, UnicodeDecodeError, ValueError):  # unreadable or broken: start afresh
        return tomlkit.document(), "", None
    try:
        old = Profile.model_validate(doc.unwrap())
    except ValidationError:
        old = None
    return doc, bom, old


def profile_toml(profile: Profile, base: Path | None = None) -> str:
    """The TOML text of ``profile``: the text of ``base`` with only the changed keys rewritten.

    Comments, key order, number style (5000 stays 5000) and keys equal in meaning ("Sachsen"
    for DE-SN) stay as written, so saving an unedited profile gives the same bytes."""
    doc, bom, old = _old_document(base)
    data = profile.model_dump(mode="json", exclude_none=True)
    for key in Profile.model_fields:
        if old is not None and getattr(old, key) == getattr(profile, key):
            continue  # same meaning: the line stays as written (or a default stays unwritten)
        if key not in data:
            doc.pop(key, None)
            continue
        value = data[key]
        if isinstance(value, float) and value.is_integer() and not isinstance(doc.get(key), float):
            value = int(value)  # 5000, as people write it
        doc[key] = value
    import tomlkit

    return bom + tomlkit.dumps(doc)


def save_profile(profile: Profile, path: Path, *, base: Path | None = None) -> Path:
    """Write ``path`` atomically (unique temp file + rename) with a backup of the previous file
    (``name.toml.bak``). The text starts from ``path`` itself or else from ``base`` (the file
    the profile came from), so comments and unedited lines survive (``profile_toml``)."""
    import os
    import shutil
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    text = profile_toml(profile, path if path.is_file() else base)
    if path.is_file():
        shutil.copy2(path, path.with_name(path.name + ".bak"))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def available_keys() -> list[str]:
    from corpus.paths import user_profiles_dir

    keys = {p.stem for p in BUNDLED_DIR.glob("*.toml")}
    if user_profiles_dir().is_dir():
        keys |= {p.stem for p in user_profiles_dir().glob("*.toml")}
    return sorted(keys)
