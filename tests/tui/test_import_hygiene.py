"""Textual stays inside tui/: the domain packages and the plain CLI never load it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SERVICES = sorted(f"tui.services.{p.stem}" for p in (ROOT / "tui" / "services").glob("[!_]*.py"))


def _loads_textual(code: str) -> bool:
    probe = code + "\nimport sys\nprint('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    return out.stdout.strip().splitlines()[-1] == "True"


def test_domain_packages_do_not_import_textual():
    assert not _loads_textual(
        "import corpus, matcher, crawler, corpus.store, matcher.profile, matcher.ranking, matcher.classifier"
    )


def test_cli_and_services_do_not_import_textual():
    assert len(SERVICES) >= 8  # every module of the package, found on disk
    assert not _loads_textual("import tui.cli, tui.filters, tui.format, " + ", ".join(SERVICES))


def test_the_probe_can_fail():
    """Proof the check sees textual when it is loaded (a check that cannot fail proves nothing)."""
    assert _loads_textual("import tui.app")
