"""How fast the TUI shows its first list, and when the model ranking arrives.

    .venv/bin/python benchmarks/tui_startup.py [--profile vmdo] [--no-model]

Uses a fresh data folder seeded from the shipped snapshot, so the first start has no stored
ranking; the second start shows the ranking the first one stored.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


async def _until_list(app) -> float:
    from tui.screens.call_list import CallListScreen

    start = time.perf_counter()
    while not (isinstance(app.screen, CallListScreen) and app.screen.shown):
        await asyncio.sleep(0.01)
    return time.perf_counter() - start


async def main(profile: str, use_model: bool) -> None:
    from tui.app import make_app

    for run in ("erster Start", "zweiter Start"):
        t0 = time.perf_counter()
        app = make_app(None, profile, date(2026, 12, 1), use_model=use_model)
        async with app.run_test(size=(140, 40)) as pilot:
            await _until_list(app)
            first = time.perf_counter() - t0
            shown = app.screen.method
            await app.workers.wait_for_complete()
            await pilot.pause()
            total = time.perf_counter() - t0
            print(
                f"{run}: erste Liste nach {first:.2f} s ({shown}); "
                f"neue Rangfolge nach {total:.2f} s ({app.screen.method})"
            )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--profile", default="vmdo")
    parser.add_argument("--no-model", action="store_true")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="kulisse-bench-")
    os.environ["KULISSE_DATA_DIR"] = folder
    os.environ["KULISSE_CONFIG_DIR"] = os.path.join(folder, "config")
    os.environ.pop("KULISSE_DB", None)
    asyncio.run(main(args.profile, not args.no_model))
