"""Terminal escape injection (issue 17, item 5), and bidi overrides that reorder what is shown.

ESC sequences in a title, funder or source reached the terminal from ``match`` and ``sources``,
even into a pipe: OSC 8 (a hidden link), OSC 0 (the window title), OSC 52 (the clipboard). Now
control characters are stripped from every text field when a call is built (import, crawl,
reading the store) and again before terminal output (for rows that bypass the model: run and
source names, notes, old databases).
"""

from __future__ import annotations

import json
import os
import re

from corpus.model import call_from_record
from corpus.store import Store
from tests.reliability.helpers import kulisse

OSC8 = "\x1b]8;;https://boese.example/\x1b\\hier klicken\x1b]8;;\x1b\\"
OSC0 = "\x1b]0;Passwort eingeben\x07"
OSC52 = "\x1b]52;c;cm0gLXJmIH4=\x07"
CSI = "\x1b[2J\x1b[31m"
C1 = "\x9b31m\x9d0;Titel\x9c"
BIDI = "\u202e7202 tsirF\u202c \u2067ab\u2069"  # a right-to-left override shows "Frist 2027" backwards
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
RECORD = {
    "id": "esc-1",
    "title": f"Integration{OSC8} vor Ort{OSC0}{BIDI}",
    "funder": f"Stiftung{OSC52}{CSI}",
    "level": "bund",
    "region": "DE",
    "url": "https://example.org/esc",
    "source": f"quelle{OSC0}{C1}",
    "summary_de": f"Migrantenorganisationen und Kommune{C1} steuern gemeinsam.\x00 Zweiter Satz.\r\nDritter.",
    "deadline_text": f"laufend{CSI}{BIDI}",
    "amount_text": f"bis 5.000 Euro{OSC8}",
}


def test_the_model_strips_controls_from_every_field():
    call = call_from_record(RECORD)
    for value in (call.title, call.funder, call.source, call.url, call.deadlines.text, call.amount.text):
        assert not CONTROL.search(value), repr(value)
    assert not CONTROL.search(call.summary_de.replace("\n", ""))
    assert (
        call.title
        == "Integration]8;;https://boese.example/\\hier klicken]8;;\\ vor Ort]0;Passwort eingeben7202 tsirF ab"
    )
    assert "Dritter." in call.summary_de and "\r" not in call.summary_de  # lines kept, CR gone


def test_match_and_sources_print_no_escape_sequence(tmp_path):
    db = tmp_path / "k.sqlite"
    src = tmp_path / "esc.jsonl"
    src.write_text(json.dumps(RECORD, ensure_ascii=False) + "\n", encoding="utf-8")
    result = kulisse("import", src, "--db", db)
    assert result.returncode == 0, result.stderr
    with Store(db) as store:  # an older database may hold a dirty run name: sources must cope
        run = store.start_run(f"alt{OSC52}{OSC0}", kind="import")
        store.finish_run(run, status="ok", stats={"items": 0, "reason": f"Grund{CSI}"})
    env = {
        "KULISSE_MODEL": str(tmp_path / "kein-modell"),
        "KULISSE_NO_PREBUILT": "1",
        "KULISSE_DATA_DIR": str(tmp_path / "data"),
        "KULISSE_CONFIG_DIR": str(tmp_path / "config"),
    }
    for args in (("sources", "--db", db), ("export", "--db", db)):  # a real pipe, a process each
        result = kulisse(*args, env=os.environ | env)
        assert result.returncode == 0, (args, result.stderr)
        _assert_clean(args, result.stdout + result.stderr)
    assert "alt]52;c;cm0gLXJmIH4=" in kulisse("sources", "--db", db, env=os.environ | env).stdout
    # match in this process (torch loads once per test session, not once per command)
    from click.testing import CliRunner

    from tui.cli import main

    for fmt in ("table", "md", "csv"):
        result = CliRunner().invoke(
            main,
            ["match", "--profile", "vmdo", "--db", str(db), "--all", "--today", "2026-12-01", "--format", fmt],
            env=env,
        )
        assert result.exit_code == 0, result.output
        assert "Integration" in result.output
        _assert_clean(fmt, result.output)


def _assert_clean(what, out: str) -> None:
    assert "\x1b" not in out and not CONTROL.search(out.replace("\n", "").replace("\t", "").replace("\r", "")), (
        what,
        repr(out[:300]),
    )
