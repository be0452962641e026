"""Deterministic TUI fixtures: fixed today, the tiny sample corpus, fixed size, no model."""

from __future__ import annotations

import asyncio
import inspect
import json
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from corpus.importer import read_jsonl
from corpus.model import Classification
from corpus.store import Store

SAMPLE = Path(__file__).resolve().parent.parent / "sample-corpus"
TODAY = date(2026, 12, 1)
SIZE = (140, 40)
SEEN = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def _classifier_version() -> str:
    """Fixture labels carry the real classifier's version, so the app keeps them (determinism)."""
    from matcher.classifier import CLASSIFIER_VERSION

    return CLASSIFIER_VERSION


def build_db(path: Path, *, labelled: bool = True) -> Path:
    calls, problems = read_jsonl(SAMPLE / "calls.jsonl")
    assert not problems
    with Store(path) as store:
        run = store.start_run("testquelle", kind="import", now=SEEN)
        for call in calls:
            call.source = "testquelle"
        store.upsert_many(calls, run_id=run, now=SEEN)
        store.finish_run(run, status="ok", stats={"items": len(calls)}, now=SEEN)
        if labelled:
            hashes = store.content_hashes()
            items = []
            for line in (SAMPLE / "labels.jsonl").read_text(encoding="utf-8").splitlines():
                record = json.loads(line)
                cid = record.pop("id")
                items.append(
                    (
                        cid,
                        hashes[cid],
                        Classification.model_validate(record | {"classifier_version": _classifier_version()}),
                    )
                )
            store.set_labels(items, now=SEEN)
    return path


@pytest.fixture(autouse=True)
def kulisse_dirs(tmp_path, monkeypatch):
    """Config and data in tmp_path; the sample profile installed as a user profile."""
    config = tmp_path / "config"
    (config / "profile").mkdir(parents=True)
    shutil.copy(SAMPLE / "testverbund.toml", config / "profile" / "testverbund.toml")
    monkeypatch.setenv("KULISSE_CONFIG_DIR", str(config))
    monkeypatch.setenv("KULISSE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("KULISSE_DB", raising=False)
    return config


@pytest.fixture
def db(tmp_path) -> Path:
    return build_db(tmp_path / "k.sqlite")


@pytest.fixture
def make(db):
    """Build the app through the one factory, without the embedding model."""
    from tui.app import make_app

    def _make(profile: str | None = "testverbund", **kw):
        return make_app(kw.pop("db", db), profile, TODAY, use_model=False, **kw)

    return _make


async def settle(pilot) -> None:
    """Let mounting finish, wait for every worker (ranking, draft, crawl), then for their messages."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    """Run ``async def`` pilot tests on a fresh asyncio loop (no async plugin needed)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    args = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
    asyncio.run(pyfuncitem.obj(**args))
    return True
