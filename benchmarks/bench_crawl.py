"""Crawl the local mirror of all fixtures twice: pages/s of the first crawl, and the share
of requests and bytes the second, unchanged crawl needs (target: under 10 %).

    .venv/bin/python benchmarks/bench_crawl.py
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler.mirror import serve  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"


def crawl(db: Path, servers: dict, *extra: str) -> float:
    args = [sys.executable, "-m", "crawler.runner", *servers, "--db", str(db), "--settings", "crawler.settings.test",
            "--set", "KULISSE_DSEE_PERMISSION=Benchmark", *extra]
    for slug, s in servers.items():
        args += ["--mirror", f"{slug}={s.url}"]
    start = time.perf_counter()
    subprocess.run(args, cwd=ROOT, check=False, capture_output=True)
    return time.perf_counter() - start


def totals(servers: dict) -> tuple[int, int]:
    return sum(s.requests for s in servers.values()), sum(s.bytes_sent for s in servers.values())


def main() -> None:
    servers = {p.name: serve(p) for p in sorted(FIXTURES.iterdir()) if (p / "routes.json").exists()}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.sqlite"
        seconds = crawl(db, servers)
        req1, bytes1 = totals(servers)
        for s in servers.values():
            s.reset_counts()
        crawl(db, servers, "--set", "KULISSE_RECHECK_SECONDS=0")  # every page revalidated
        req2, bytes2 = totals(servers)
        for s in servers.values():
            s.reset_counts()
        crawl(db, servers)  # default: detail pages checked moments ago come from the cache
        req3, bytes3 = totals(servers)
    print(f"Quellen: {len(servers)}; erster Crawl: {req1} Anfragen, {bytes1} Bytes, {seconds:.1f} s "
          f"(inkl. Prozessstart) = {req1 / seconds:.1f} Seiten/s")
    print(f"zweiter Crawl, alles bedingt geprüft: {req2 / req1:.0%} der Anfragen, {bytes2 / bytes1:.1%} der Bytes")
    print(f"dritter Crawl, mit Wiederprüf-Intervall: {req3 / req1:.0%} der Anfragen, {bytes3 / bytes1:.1%} der Bytes")


if __name__ == "__main__":
    main()
