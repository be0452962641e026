"""Verbund profiles for the TUI: the choices on the start screen, loading, checking and saving."""

from __future__ import annotations

from pathlib import Path

from matcher.profile import Profile, ProfileError, profile_from_dict


def profile_choices() -> list[tuple[str, str]]:
    """(key, display name) of every bundled and user profile that loads; broken ones are named as such."""
    from matcher.profile import available_keys, load_profile

    choices = []
    for key in available_keys():
        try:
            choices.append((key, f"{load_profile(key).name} ({key})"))
        except ProfileError as exc:
            choices.append((key, f"{key} – fehlerhaft: {exc.problems[0] if exc.problems else exc}"))
    return choices


def load_profile(ref: str | Path) -> Profile:
    from matcher.profile import load_profile as _load

    return _load(ref)


def profile_file(ref: str | Path) -> Path | None:
    """The file a ``--profile`` names when it is a path (same rule as ``load_profile``), else None."""
    ref_s = str(ref)
    return Path(ref_s) if ref_s.endswith(".toml") or "/" in ref_s else None


def user_profile_path(key: str) -> Path:
    from corpus.paths import user_profiles_dir

    return user_profiles_dir() / f"{key}.toml"


def validate_profile(data: dict) -> Profile:
    """Raises ProfileError with German problems (one per wrong field)."""
    return profile_from_dict(data, "Formular")


def save_profile(profile: Profile, path: Path | None = None, *, base: Path | None = None) -> Path:
    """``base``: the file the profile was loaded from, whose comments and lines a new file keeps."""
    from matcher.profile import save_profile as _save

    return _save(profile, path or user_profile_path(profile.key), base=base)


def blank_profile_data() -> dict:
    return {"key": "", "name": "", "municipality": "", "land": "DE-NW"}
