"""The first ``kulisse match`` after install against a warm one, in one run.

    .venv/bin/python benchmarks/bench_first_run.py [--profile vmdo] [--runs 3] [--cold]

Each "first" run gets a fresh, empty data folder (KULISSE_DATA_DIR), so it seeds the database
from the snapshot and builds everything it needs; the warm runs repeat the command in the same
folder. Prints the medians and the ratio first/warm (issue 14: at most 4). ``--cold`` also
measures the first run without the prebuilt artefacts (KULISSE_NO_PREBUILT=1): what it was
before they shipped and what a stale set costs (about a minute: the model embeds every passage).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXE = ROOT / ".venv" / "bin" / "kulisse"


def _run(data_dir: str, profile: str, extra_env: dict | None = None) -> tuple[float, str]:
    env = {**os.environ, "KULISSE_DATA_DIR": data_dir, "HF_HUB_OFFLINE": "1", **(extra_env or {})}
    env.pop("KULISSE_DB", None)
    start = time.perf_counter()
    done = subprocess.run(
        [str(EXE), "match", "--profile", profile, "--today", "2026-12-01"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return time.perf_counter() - start, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", default="vmdo")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cold", action="store_true")
    args = parser.parse_args()
    first, warm = [], []
    outputs = set()
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            seconds, out = _run(tmp, args.profile)
            first.append(seconds)
            outputs.add(out)
            for _ in range(2):
                seconds, out = _run(tmp, args.profile)
                warm.append(seconds)
                outputs.add(out)
    f, w = statistics.median(first), statistics.median(warm)
    print(f"erster Lauf (frischer Datenordner): {f:.2f} s (Median aus {len(first)})")
    print(f"warmer Lauf:                        {w:.2f} s (Median aus {len(warm)})")
    print(f"Verhältnis erster/warmer Lauf:      {f / w:.2f} (Ziel: höchstens 4)")
    print(f"gleiche Ausgabe in allen Läufen:    {'ja' if len(outputs) == 1 else 'NEIN'}")
    if args.cold:
        with tempfile.TemporaryDirectory() as tmp:
            seconds, out = _run(tmp, args.profile, {"KULISSE_NO_PREBUILT": "1"})
        print(
            f"erster Lauf ohne vorberechnete Daten: {seconds:.2f} s (Verhältnis {seconds / w:.1f}); "
            f"gleiche Rangfolge: {'ja' if out in outputs else 'nein (float16-Rundung der Einbettungen?)'}"
        )


if __name__ == "__main__":
    sys.exit(main())
