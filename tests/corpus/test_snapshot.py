"""The shipped snapshot: enough real calls of every level and kind, and seeding on first use."""

from __future__ import annotations

from collections import Counter

from click.testing import CliRunner

from corpus.labels import LAENDER
from corpus.paths import default_db
from corpus.seed import snapshot_calls
from corpus.store import Store
from tui.cli import main


def test_snapshot_is_valid_and_large_enough():
    calls, problems = snapshot_calls()
    assert problems == []
    assert len(calls) >= 120
    assert len({c.id for c in calls}) == len(calls)
    levels = Counter(c.level.value for c in calls)
    assert levels["bund"] + levels["eu"] >= 40
    assert levels["stiftung"] >= 40
    land_calls = [c for c in calls if c.level.value == "land"]
    assert len(land_calls) >= 40
    regions = Counter(c.region for c in land_calls)
    assert len(regions) >= 8 and all(r in LAENDER for r in regions)
    for land in ("DE-NW", "DE-BY", "DE-SN", "DE-ST"):
        assert regions[land] >= 3, land
    for call in calls:
        assert len(call.summary_de) >= 300, call.id
        assert call.url.startswith(("https://", "http://")), call.id


def test_snapshot_covers_every_kind_of_applicant():
    calls, _ = snapshot_calls()
    only = Counter(tuple(sorted(a.value for a in c.applicants)) for c in calls)
    assert only[("kommune",)] >= 3  # municipality-only programmes
    assert sum(n for k, n in only.items() if "kommune" not in k and "mo" in k) >= 20  # MO / civil society
    assert sum(n for k, n in only.items() if "kommune" in k and len(k) > 1) >= 5  # both may apply


def test_default_database_is_seeded_on_first_use():
    result = CliRunner().invoke(main, ["export"])
    assert result.exit_code == 0, result.output
    assert len(result.output.splitlines()) == len(snapshot_calls()[0])
    with Store(default_db()) as store:
        assert store.runs()[0]["source"] == "snapshot"
    # second use: not seeded again
    again = CliRunner().invoke(main, ["export"])
    assert again.output == result.output
