"""Crawl the local mirror of all fixtures: pages/s of the first crawl, then the share of
requests and bytes that second, unchanged crawls need compared with the first
(target: under 10 % for both). Policy: crawler/cache.py.

    .venv/bin/python benchmarks/bench_crawl.py

Scenarios after the first crawl, all on the same database and unchanged pages:

* sofort: a second crawl right away with the default policy (lists and details were checked
  moments ago, so nothing is asked again) — the target;
* am nächsten Tag: the list and robots.txt intervals have passed (simulated by setting them
  to 0): every list page is asked conditionally (304), detail pages of unchanged lists are
  not, because they were checked within KULISSE_RECHECK_SECONDS (7 days);
* --full: every page asked conditionally.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler.mirror import serve  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
TARGET = 0.10
SCENARIOS = {
    "sofort (Standard)": (),
    "am nächsten Tag (Listen fällig)": (
        "--set",
        "KULISSE_LIST_RECHECK_SECONDS=0",
        "--set",
        "KULISSE_ROBOTS_RECHECK_SECONDS=0",
    ),
    "--full (alles bedingt geprüft)": ("--full",),
}


def crawl(db: Path, servers: dict, *extra: str) -> tuple[float, list[dict]]:
    args = [
        sys.executable,
        "-m",
        "crawler.runner",
        *servers,
        "--db",
        str(db),
        "--settings",
        "crawler.settings.test",
        "--set",
        "KULISSE_DSEE_PERMISSION=Benchmark",
        "--json",
        *extra,
    ]
    for slug, s in servers.items():
        args += ["--mirror", f"{slug}={s.url}"]
    start = time.perf_counter()
    result = subprocess.run(args, cwd=ROOT, check=False, capture_output=True, text=True)
    runs = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    return time.perf_counter() - start, runs


def take_totals(servers: dict) -> tuple[int, int]:
    totals = sum(s.requests for s in servers.values()), sum(s.bytes_sent for s in servers.values())
    for s in servers.values():
        s.reset_counts()
    return totals


def main() -> int:
    servers = {p.name: serve(p) for p in sorted(FIXTURES.iterdir()) if (p / "routes.json").exists()}
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.sqlite"
        seconds, runs = crawl(db, servers)
        req1, bytes1 = take_totals(servers)
        calls = sum(r["items"] for r in runs)
        print(
            f"Quellen: {len(servers)}, Aufrufe: {calls}; erster Crawl: {req1} Anfragen, {bytes1} Bytes, "
            f"{seconds:.1f} s (inkl. Prozessstart) = {req1 / seconds:.1f} Seiten/s"
        )
        for label, extra in SCENARIOS.items():
            _, runs = crawl(db, servers, *extra)
            req, size = take_totals(servers)
            new = sum(r["new"] + r["changed"] for r in runs)
            line = (
                f"zweiter Crawl, {label}: {req} Anfragen = {req / req1:.1%} der Anfragen, "
                f"{size / bytes1:.1%} der Bytes, {new} neue/geänderte Fassungen"
            )
            if label.startswith("sofort"):
                met = req / req1 < TARGET and size / bytes1 < TARGET and new == 0
                ok &= met
                line += f" – Ziel < {TARGET:.0%}: {'erreicht' if met else 'VERFEHLT'}"
            print(line)
    for s in servers.values():
        s.shutdown()
        s.server_close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
