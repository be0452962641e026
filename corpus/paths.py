"""Where Kulisse keeps its files; the only module that knows (DESIGN: --db, $KULISSE_DB)."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir

APP = "kulisse"
SNAPSHOT_DIR = Path(__file__).parent / "snapshot"


def data_dir() -> Path:
    return Path(os.environ.get("KULISSE_DATA_DIR") or user_data_dir(APP, appauthor=False))


def config_dir() -> Path:
    return Path(os.environ.get("KULISSE_CONFIG_DIR") or user_config_dir(APP, appauthor=False))


def default_db() -> Path:
    env = os.environ.get("KULISSE_DB")
    return Path(env) if env else data_dir() / "kulisse.sqlite"


def index_dir(db: Path) -> Path:
    """Indexes live beside the database they were built from."""
    return db.with_name(db.stem + ".index")


def drafts_dir() -> Path:
    return data_dir() / "entwuerfe"


def user_templates_dir() -> Path:
    return config_dir() / "vorlagen"


def user_profiles_dir() -> Path:
    return config_dir() / "profile"
