"""How long drafting one application takes: ``python benchmarks/bench_draft.py [--repeat N]``.

Renders every bundled template N times for a realistic call and profile (a snapshot call when
the snapshot has one, answers for every field) and prints the median and worst time per
template. The goal from issue 6: well under a second per application.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus.seed import snapshot_calls  # noqa: E402
from templates.registry import available_templates  # noqa: E402
from templates.render import draft  # noqa: E402

PROFILE = {
    "key": "bench",
    "name": "Verbund der Migrantenorganisationen Musterstadt e. V.",
    "legal_form": "e. V.",
    "non_profit": True,
    "municipality": "Musterstadt",
    "land": "DE-NW",
    "member_organisations": 42,
    "fields_of_action": ["Bildung", "Arbeit", "Gesundheit"],
    "target_groups": ["Neuzugewanderte", "Familien"],
    "placement_current": 2,
    "placement_goal": 3,
    "municipal_partners": ["Stadt Musterstadt"],
    "own_funds_eur": 25000,
    "staff": "3 Hauptamtliche",
    "self_description": "Wir sind ein Verbund. " * 40,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    calls, _ = snapshot_calls()
    call = next((c for c in calls if c.amount.max_eur), calls[0])
    infos = available_templates()
    answers = {
        f.name: ("10.000" if f.kind == "eur" else "Ein Absatz Text. " * 30) for info in infos for f in info.user_fields
    }
    today = date(2026, 1, 15)
    print(f"Aufruf: {call.id}; {args.repeat} Durchläufe je Vorlage")
    worst_overall = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for info in infos:
            times = []
            for i in range(args.repeat):
                started = time.perf_counter()
                draft(info.name, call, PROFILE, answers, Path(tmp) / f"{info.name}-{i}.docx", today=today)
                times.append(time.perf_counter() - started)
            worst_overall = max(worst_overall, max(times))
            print(
                f"{info.name:26s} Median {statistics.median(times) * 1000:6.1f} ms   "
                f"höchstens {max(times) * 1000:6.1f} ms"
            )
    print(f"Langsamster Entwurf: {worst_overall * 1000:.1f} ms (Ziel: deutlich unter 1000 ms)")


if __name__ == "__main__":
    main()
