"""Shared helpers of the reliability tests: crawls in a subprocess, the hostile strings."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


def runner_args(
    db: Path, spider: str, url: str, *extra: str, settings_module: str = "crawler.settings.test"
) -> list[str]:
    return [
        sys.executable,
        "-m",
        "crawler.runner",
        spider,
        "--db",
        str(db),
        "--settings",
        settings_module,
        "--json",
        "--mirror",
        f"{spider}={url}",
        *extra,
    ]


def crawl(
    db: Path, spider: str, url: str, *extra: str, timeout: float = 90, settings_module: str = "crawler.settings.test"
) -> tuple[subprocess.CompletedProcess, dict]:
    """Run one spider against ``url`` in its own process; returns the process and its run line."""
    proc = subprocess.run(
        runner_args(db, spider, url, *extra, settings_module=settings_module),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    lines = [json.loads(l) for l in proc.stdout.splitlines() if l.startswith("{")]
    run = next((l for l in lines if l.get("source") == spider), {})
    return proc, run


def kulisse(*args: str, timeout: float = 120, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        **kwargs,
    )


class WordHashEmbedder:
    """A deterministic stand-in for the sentence model (no torch): words hashed into 32
    dimensions, L2-normalised. Its ``model_name`` keeps its vectors apart from real ones."""

    model_name = "reliability-hash-embedder"

    def __call__(self, texts):
        import hashlib
        import re

        import numpy as np

        out = np.zeros((len(texts), 32), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in re.findall(r"\w{4,}", text.lower()):
                out[i, int(hashlib.md5(word.encode()).hexdigest(), 16) % 32] += 1
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)


TOPICS = [
    "Seniorenarbeit",
    "Sprachförderung",
    "Elternarbeit",
    "Jugendbeteiligung",
    "Koordinierungsstelle",
    "Antidiskriminierung",
    "Arbeitsmarkt",
    "Gesundheit",
    "Sport",
    "Kultur",
    "Demokratie",
    "Wohnen",
]


def synthetic_record(n: int, variant: int = 0) -> dict:
    """A short import record, one passage long; ``variant`` changes its text (a new version)."""
    topic = TOPICS[n % len(TOPICS)]
    return {
        "id": f"synth-{n:05d}",
        "title": f"{topic} im Quartier {n}",
        "funder": "Testministerium",
        "level": "bund",
        "region": "DE",
        "url": f"https://example.org/{n}",
        "summary_de": f"Gefördert werden Projekte zu {topic} von Migrantenorganisationen und Vereinen, "
        f"Fassung {variant}, Nummer {n}.",
        "deadline_text": "laufend",
        "applicants": ["verein", "mo", "verbund"],
    }
