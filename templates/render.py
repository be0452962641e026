"""Render a draft: sandboxed, autoescaped Jinja through docxtpl, written atomically.

The sandbox matters for the user's own templates (a template is code); autoescape for crawled
text (a call's title may hold ``&`` or ``<``). Both are set here explicitly, never by default.
"""

from __future__ import annotations

import io
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from corpus.atomic import write_bytes_atomic
from corpus.errors_de import os_error_de
from corpus.model import FundingCall
from templates.context import build_context, clean_text
from templates.registry import TemplateInfo, TemplateNotFound, get_template, known_field_names
from templates.sandbox import LimitedSandbox, TemplateLimitError


class DraftError(Exception):
    """Drafting failed for a reason the user can act on; the message is German."""


@dataclass
class DraftResult:
    path: Path
    gaps: list[str] = field(default_factory=list)  # German labels of required fields left open
    warnings: list[str] = field(default_factory=list)
    optional_open: list[str] = field(default_factory=list)
    defaults_used: list[str] = field(default_factory=list)  # labels filled with a suggested wording
    seconds: float = 0.0


def make_env() -> SandboxedEnvironment:
    # StrictUndefined: a name the check missed fails loudly instead of rendering as nothing;
    # LimitedSandbox: a template (code!) cannot make gigabytes of text (templates.sandbox)
    return LimitedSandbox(autoescape=True, undefined=StrictUndefined)


def render_template(
    info: TemplateInfo,
    call: FundingCall,
    profile: Mapping[str, Any],
    answers: Mapping[str, Any],
    out_path: Path,
    *,
    today: date,
    municipality_applies: bool = False,
) -> DraftResult:
    from docxtpl import DocxTemplate

    started = time.perf_counter()
    if info.problems or info.manifest is None:
        raise DraftError(f"Die Vorlage „{info.name}“ ({info.path}) ist nicht verwendbar: " + "; ".join(info.problems))
    built = build_context(
        info.fields,
        call,
        profile,
        answers,
        today,
        manifest=info.manifest,
        used=info.variables,
        known_names=known_field_names(),
        municipality_applies=municipality_applies,
    )
    doc = DocxTemplate(str(info.path))
    try:
        doc.render(built.context, jinja_env=make_env(), autoescape=True)
    except TemplateLimitError as exc:
        raise DraftError(
            f"Die Vorlage „{info.name}“ erzeugt zu viel ({exc}); bitte die Schleifen der Vorlage prüfen."
        ) from None
    except MemoryError:
        raise DraftError(
            f"Die Vorlage „{info.name}“ braucht zu viel Arbeitsspeicher; bitte die Vorlage prüfen."
        ) from None
    except SecurityError as exc:
        raise DraftError(f"Die Vorlage „{info.name}“ versucht einen unerlaubten Zugriff ({exc}).") from None
    except (TemplateError, ArithmeticError, LookupError, TypeError, ValueError) as exc:
        # a user's template is code: {{ 1/0 }}, a huge range() or a bad filter argument end up here
        raise DraftError(f"Die Vorlage „{info.name}“ lässt sich nicht ausfüllen ({exc}).") from None
    props = doc.docx.core_properties
    verbund = clean_text(profile.get("name") or "", multiline=False)
    props.title = f"{info.title_de} – {verbund}"[:250]
    props.subject = clean_text(call.title, multiline=False)[:250]
    props.author = "Kulisse"
    out_path = Path(out_path)
    # built in memory, then written atomically: a crash or a full disk never leaves half a .docx
    # under the user's name, and no ZipFile stays open for its __del__ to fail on
    buffer = io.BytesIO()
    doc.save(buffer)
    try:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(out_path, buffer.getvalue())
    except OSError as exc:
        raise DraftError(f"Der Entwurf lässt sich nicht speichern ({out_path}): {os_error_de(exc)}.") from None
    return DraftResult(
        path=out_path,
        gaps=built.gaps,
        warnings=built.warnings,
        optional_open=built.optional_open,
        defaults_used=built.defaults_used,
        seconds=time.perf_counter() - started,
    )


def draft(
    template_name: str,
    call: FundingCall,
    profile_dict: Mapping[str, Any],
    answers: Mapping[str, Any],
    out_path: Path,
    *,
    today: date | None = None,
    municipality_applies: bool = False,
) -> DraftResult:
    """Draft ``out_path`` from a template name; ``today`` picks the next deadline (default: today).

    ``municipality_applies``: name the municipality as applicant and the Verbund as partner."""
    try:
        info = get_template(template_name)
    except TemplateNotFound as exc:
        raise DraftError(str(exc)) from None
    return render_template(
        info,
        call,
        profile_dict,
        answers or {},
        Path(out_path),
        today=today or date.today(),
        municipality_applies=municipality_applies,
    )
