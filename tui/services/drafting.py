"""Drafting a Word application: the templates, their fields prefilled, the check and the .docx."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from corpus.format_de import date_de, number
from corpus.model import FundingCall
from matcher.profile import Profile


@dataclass
class TemplateField:
    """One field of a template: German label, help, whether required, and where it comes from."""

    name: str
    label: str
    help: str = ""
    required: bool = False
    source: str = "user"  # profile | call | user | computed
    value: str = ""  # prefilled value (profile/call/date), or a suggested wording for the user
    kind: str = "text"  # text | multiline | list | eur | pct | int


@dataclass
class DraftOutcome:
    path: Path
    gaps: list[str]
    warnings: list[str]


def available_templates() -> list[tuple[str, str]]:
    """(name, German title) of every template that can be drafted from (broken ones are left out)."""
    from templates.registry import available_templates as _available

    return [(t.name, t.title_de) for t in _available() if not t.problems]


def _display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float):
        return number(value, 2).removesuffix(",00")
    return str(value)


def template_fields(name: str, call: FundingCall, profile: Profile, today: date) -> list[TemplateField]:
    """The template's fields; profile and call fields carry the value the draft will use."""
    from templates.context import call_values, profile_values
    from templates.registry import get_template

    info = get_template(name)
    by_municipality = draft_check(call, profile, today).municipality_applies
    known = profile_values(profile.model_dump(mode="json"), by_municipality) | call_values(call, today)[0]
    known["datum"] = date_de(today)
    result = []
    for f in info.fields:
        value = _display(known.get(f.name)) if f.source != "user" else (f.default or "")
        result.append(TemplateField(f.name, f.label, f.help, f.required, f.source, str(value), f.kind))
    return result


def default_draft_path(call: FundingCall, template: str, today: date) -> Path:
    from corpus.paths import drafts_dir

    return drafts_dir() / f"{today.isoformat()}_{call.id}_{template}.docx"


def draft_check(call: FundingCall, profile: Profile, today: date):
    """Before drafting: who applies (Verbund or municipality) and what speaks against applying at all."""
    from matcher.who_applies import check_for_draft

    return check_for_draft(call, profile, today)


def draft(
    template: str, call: FundingCall, profile: Profile, answers: dict[str, str], out_path: Path, today: date
) -> DraftOutcome:
    """Write the .docx; raises ``templates.render.DraftError`` (German) when it cannot.

    Eligibility is checked first: for a call only the municipality may apply for, the document
    names it as applicant and the Verbund as partner; the check's notes come first in ``warnings``."""
    from templates.render import draft as _draft

    out_path.parent.mkdir(parents=True, exist_ok=True)
    check = draft_check(call, profile, today)
    result = _draft(
        template,
        call,
        profile.model_dump(mode="json"),
        answers,
        out_path,
        today=today,
        municipality_applies=check.municipality_applies,
    )
    notes = check.messages(profile.name, template)
    return DraftOutcome(path=Path(result.path), gaps=list(result.gaps), warnings=notes + list(result.warnings))
