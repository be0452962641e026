"""Smaller faults (issue 17, item 9): full disks, shared temp names, runaway templates, big imports.

Before: a full disk gave English reasons ("No space left on device") and, from ``draft`` and
xlsx, a ``ZipFile.__del__`` traceback; ``match --out`` left 0-byte files; two ``index`` runs
shared ``*.tmp`` names; a nested ``range()`` in a user template reached 4.1 GB; ``import`` read the
whole file into memory (a 2 GB file took 4.2 GB).
"""

from __future__ import annotations

import errno
import gc
import io
import json
import os
import subprocess
import sys
import time
import tracemalloc
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from corpus.model import call_from_record
from matcher.profile import load_profile
from tests.reliability.helpers import ROOT, WordHashEmbedder, synthetic_record


def _enospc(*_a, **_k):
    raise OSError(errno.ENOSPC, "No space left on device")


# -- disk full ------------------------------------------------------------------------------
def test_disk_full_reasons_are_german_and_leave_no_file(tmp_path, monkeypatch):
    from tui.cli import main

    # any OSError that reaches the command line is German, with no traceback
    monkeypatch.setattr("corpus.importer.export_lines", _enospc)
    db = tmp_path / "k.sqlite"
    result = CliRunner().invoke(main, ["export", "--db", str(db)], env={"KULISSE_DATA_DIR": str(tmp_path / "d")})
    assert result.exit_code == 2 and "kein Platz mehr auf dem Datenträger" in result.output, result.output
    assert "No space" not in result.output and "Traceback" not in result.output
    # output files: the old file stays whole, no temp file is left
    from tui.commands.common import write_atomic
    from tui.errors import KulisseError

    monkeypatch.setattr(os, "fsync", _enospc)  # where a full disk shows at the latest
    target = tmp_path / "aufrufe.csv"
    with pytest.raises(KulisseError, match="kein Platz mehr auf dem Datenträger"):
        write_atomic(target, b"Rang;Titel\n")
    target.write_text("alte Liste", encoding="utf-8")
    with pytest.raises(KulisseError):
        write_atomic(target, b"neue Liste")
    assert target.read_text(encoding="utf-8") == "alte Liste"
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix != ".sqlite" and p.name != "d") == ["aufrufe.csv"]


@pytest.fixture
def full_disk(tmp_path):
    """A 256 KB tmpfs, filled up (root only; skipped elsewhere)."""
    mount = tmp_path / "voll"
    mount.mkdir()
    if (
        os.geteuid() != 0
        or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)], capture_output=True
        ).returncode
        != 0
    ):
        pytest.skip("kein tmpfs möglich (nur als root)")
    try:
        filler = mount / "füller"
        with open(filler, "wb", buffering=0) as fh:
            try:
                while True:
                    fh.write(b"\0" * 4096)
            except OSError:
                pass
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_draft_and_xlsx_on_a_full_disk(full_disk, tmp_path, monkeypatch):
    """A real ENOSPC from the kernel: German DraftError / KulisseError, no 0-byte file, and no
    ``Exception ignored in: ZipFile.__del__`` (unraisable exceptions are collected)."""
    from matcher.results import RankedCall
    from rendering.export import write_xlsx
    from templates.render import DraftError, draft
    from tui.commands.common import write_atomic
    from tui.errors import KulisseError

    unraisable = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    call = call_from_record(synthetic_record(1) | {"summary_de": "Text " * 20_000})
    profile = load_profile("vmdo")
    with pytest.raises(DraftError, match="kein Platz mehr auf dem Datenträger"):
        draft("projektantrag", call, profile.model_dump(mode="json"), {}, full_disk / "antrag.docx")
    results = [RankedCall(call=call, rank=n, score=0.5, eligible=True, reasons=["x" * 2000]) for n in range(40)]
    buffer = io.BytesIO()
    write_xlsx(results, buffer, profile, date(2026, 12, 1))
    with pytest.raises(KulisseError, match="kein Platz mehr"):
        write_atomic(full_disk / "aufrufe.xlsx", buffer.getvalue() * 4)
    # kulisse match --out on the full disk: German, and no 0-byte file under the user's name
    from tui.cli import main

    db = tmp_path / "k.sqlite"
    src = tmp_path / "calls.jsonl"
    src.write_text("\n".join(json.dumps(synthetic_record(n)) for n in range(8)) + "\n", encoding="utf-8")
    env = {
        "KULISSE_DATA_DIR": str(tmp_path / "d"),
        "KULISSE_CONFIG_DIR": str(tmp_path / "c"),
        "KULISSE_MODEL": str(tmp_path / "kein-modell"),
        "KULISSE_NO_PREBUILT": "1",
    }
    assert CliRunner().invoke(main, ["import", str(src), "--db", str(db)], env=env).exit_code == 0
    result = CliRunner().invoke(
        main,
        [
            "match",
            "--profile",
            "vmdo",
            "--db",
            str(db),
            "--all",
            "--today",
            "2026-12-01",
            "--format",
            "csv",
            "--out",
            str(full_disk / "aufrufe.csv"),
        ],
        env=env,
    )
    assert result.exit_code == 2 and "kein Platz mehr auf dem Datenträger" in result.output, result.output
    gc.collect()
    assert unraisable == []
    assert sorted(p.name for p in full_disk.iterdir()) == ["füller"]  # no 0-byte, no temp file


# -- index temp names -----------------------------------------------------------------------
def test_index_saves_never_share_a_temp_name(tmp_path, monkeypatch):
    from matcher.indexes import ensure_indexes

    sources: list[str] = []
    real_replace = os.replace

    def replace(src, dst, *a, **k):
        sources.append(Path(src).name)
        return real_replace(src, dst, *a, **k)

    monkeypatch.setattr(os, "replace", replace)
    calls = [call_from_record(synthetic_record(n)) for n in range(6)]
    ensure_indexes(calls, tmp_path / "idx", embed=WordHashEmbedder())
    changed = [call_from_record(synthetic_record(n, variant=1)) for n in range(6)]
    ensure_indexes(changed, tmp_path / "idx", embed=WordHashEmbedder())
    assert len(sources) == len(set(sources)), sorted(sources)  # "params.json.tmp" twice before


INDEX_SCRIPT = """
import sys
from corpus.model import call_from_record
from matcher.indexes import ensure_indexes
from tests.reliability.helpers import WordHashEmbedder, synthetic_record
variant = int(sys.argv[2])
calls = [call_from_record(synthetic_record(n, variant=variant)) for n in range(300)]
ensure_indexes(calls, __import__("pathlib").Path(sys.argv[1]), embed=WordHashEmbedder())
print("ok")
"""


def test_two_index_runs_at_once_both_finish_and_agree(tmp_path):
    from matcher.indexes import ensure_indexes

    directory = tmp_path / "idx"
    for round_ in range(3):
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", INDEX_SCRIPT, str(directory), str(round_)],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        for proc in procs:
            out, err = proc.communicate(timeout=240)
            assert proc.returncode == 0 and out.strip() == "ok", err[-2000:]
    calls = [call_from_record(synthetic_record(n, variant=2)) for n in range(300)]
    index = ensure_indexes(calls, directory, embed=WordHashEmbedder())
    assert index.stats == {}  # current: nothing re-analysed or re-embedded
    assert not list(directory.rglob("*.tmp")) and not list(directory.rglob("*.link"))


# -- templates ------------------------------------------------------------------------------
def _user_template(folder: Path, *paragraphs: str) -> None:
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    folder.mkdir(parents=True, exist_ok=True)
    doc.save(str(folder / "schleife.docx"))


@pytest.mark.parametrize(
    "tag",
    [
        "{% for i in range(100000) %}{% for j in range(100000) %}xxxxxxxxxx{% endfor %}{% endfor %}",
        "{{ 'x' * 1000000000 }}",
        "{{ verbund_name.ljust(1000000000) }}",
        "{{ verbund_name|center(1000000000) }}",
    ],
    ids=["nested-range", "multiply", "ljust", "center"],
)
def test_a_runaway_user_template_stops_with_a_german_message(tag, tmp_path, monkeypatch):
    from templates.render import DraftError, draft

    monkeypatch.setenv("KULISSE_CONFIG_DIR", str(tmp_path / "config"))
    _user_template(tmp_path / "config" / "vorlagen", "{{r verbund_name }}", tag)
    call = call_from_record(synthetic_record(1))
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(DraftError, match="schleife"):
            draft("schleife", call, load_profile("vmdo").model_dump(mode="json"), {}, tmp_path / "s.docx")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 30 and peak < 100_000_000, peak
    assert not (tmp_path / "s.docx").exists()


# -- import memory --------------------------------------------------------------------------
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="misst mit /proc (Linux)")
def test_import_streams_a_big_file(tmp_path):
    """60 MB of JSON lines (400 calls of 150 KB): the import process stays far below the file
    size times three that reading it whole took (bytes, text, list of lines)."""
    src = tmp_path / "gross.jsonl"
    with open(src, "w", encoding="utf-8") as fh:
        for n in range(400):
            fh.write(json.dumps(synthetic_record(n) | {"summary_de": f"Absatz {n}. " + "Wort " * 30_000}) + "\n")
    size = src.stat().st_size
    # VmHWM: the peak of this process's own memory (ru_maxrss would carry the forking pytest's
    # peak across exec)
    script = (
        "import re, sys\nfrom tui.cli import main\ntry:\n    main(['import', sys.argv[1], '--db', sys.argv[2]])\n"
        "finally:\n    status = open('/proc/self/status').read()\n"
        "    print('RSS', re.search(r'VmHWM:\\s+(\\d+)', status).group(1), file=sys.stderr)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, str(src), str(tmp_path / "k.sqlite")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert "400 Aufrufe importiert" in proc.stdout, proc.stderr[-2000:]
    rss = int(proc.stderr.rsplit("RSS", 1)[1].split()[0]) * 1024
    baseline = 150_000_000  # Python, pydantic, click, sqlite
    print(f"\nImport von {size / 1e6:.0f} MB: höchstens {rss / 1e6:.0f} MB Arbeitsspeicher")
    assert rss < baseline + size, (rss, size)
