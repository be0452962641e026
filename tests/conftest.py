"""Shared fixtures: every test gets its own data and config folders, never the user's."""
from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory, monkeypatch):
    base = tmp_path_factory.mktemp("kulisse-home")
    monkeypatch.setenv("KULISSE_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("KULISSE_CONFIG_DIR", str(base / "config"))
    monkeypatch.delenv("KULISSE_DB", raising=False)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
