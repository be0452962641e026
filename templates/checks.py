"""The template check: which placeholders a .docx uses, and which of them no source provides.

Run before every draft (and by ``kulisse templates --check``), so a user's own template fails
with the names of its unknown placeholders instead of rendering half-empty.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import TemplateSyntaxError

from templates.fields import FLAGS, STANDARD_FIELDS
from templates.manifest import Manifest


class TemplateCheckError(ValueError):
    """A template that cannot be used; the message is a German sentence."""


@dataclass
class CheckResult:
    variables: frozenset[str]
    unprovided: list[str] = field(default_factory=list)  # used in the template, filled by no source
    unused_fields: list[str] = field(default_factory=list)  # in the manifest, not in the template

    @property
    def ok(self) -> bool:
        return not self.unprovided


def provided_names(manifest: Manifest) -> set[str]:
    return {f.name for f in STANDARD_FIELDS} | set(FLAGS) | {f.name for f in manifest.all_fields()}


def template_variables(path: Path) -> frozenset[str]:
    """Every top-level name the template's Jinja refers to (body, headers and footers)."""
    from docxtpl import DocxTemplate

    from templates.render import make_env

    if not zipfile.is_zipfile(path):
        raise TemplateCheckError(f"{path.name} ist keine Word-Datei (.docx).")
    try:
        names = DocxTemplate(str(path)).get_undeclared_template_variables(jinja_env=make_env())
    except TemplateSyntaxError as exc:
        raise TemplateCheckError(
            f"{path.name} enthält einen fehlerhaften Platzhalter ({exc.message}). "
            "Tipp: Platzhalter in Word ohne Formatwechsel in einem Zug tippen."
        ) from None
    except (KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise TemplateCheckError(f"{path.name} lässt sich nicht als Word-Datei lesen ({exc}).") from None
    return frozenset(names)


def check_template(path: Path, manifest: Manifest, variables: frozenset[str] | None = None) -> CheckResult:
    variables = template_variables(path) if variables is None else variables
    provided = provided_names(manifest)
    own = [f.name for f in manifest.fields]
    return CheckResult(
        variables=variables,
        unprovided=sorted(variables - provided),
        unused_fields=[n for n in own if n not in variables],
    )
