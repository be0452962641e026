"""Matcher benchmark: index build, memory and warm match latency on synthetic corpora, side by
side with a naive baseline (numpy brute-force cosine + a pure-Python BM25).

    .venv/bin/python benchmarks/bench_matcher.py                # 1,000 / 10,000 / 100,000 calls
    .venv/bin/python benchmarks/bench_matcher.py --sizes 1000 10000 --queries 50

Embeddings are random unit vectors (one per passage) instead of the model: embedding 100,000
real texts would take about an hour here, and the dense search costs the same for any vector.
Texts are synthetic German-like calls built from a fixed word list (seeded, reproducible).
Also measured: re-indexing after 1 % of the calls changed (embedding time is what such a change
really costs with the model, so the synthetic embedder sleeps a fixed time per passage), and
the cold ``kulisse match`` process on a current index (needs no model).
"""

from __future__ import annotations

import argparse
import math
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corpus.model import call_from_record  # noqa: E402
from matcher.indexes import call_text, ensure_indexes  # noqa: E402
from matcher.profile import load_profile  # noqa: E402
from matcher.ranking import rank  # noqa: E402

DIM = 384
TODAY = date(2026, 3, 1)
DOMAIN = (
    "Seniorenarbeit Senioren Jugendarbeit Kinder Jugendliche Bildung Weiterbildung Migrantenorganisationen "
    "Geflüchtete Integration Teilhabe Quartier Nachbarschaft Engagement Ehrenamt Vereine Verbünde Kommune "
    "Koordinierungsstelle Netzwerk Beratung Frauen Familien Kultur Begegnung Sport Gesundheit Pflege Demenz "
    "Arbeitsmarkt Qualifizierung Sprache Demokratie Antirassismus Vielfalt Projektförderung Zuschuss"
).split()
LANDS = ["DE", "DE", "DE", "EU", "DE-NW", "DE-BY", "DE-SN", "DE-ST", "DE-BE", "DE-HH", "DE-BW", "DE-HE"]


def _filler(rng: random.Random, n: int) -> list[str]:
    syllables = ["ver", "an", "ge", "stadt", "werk", "bau", "lich", "ung", "keit", "haus", "land", "zeit", "raum"]
    return ["".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(n)]


def synthetic_calls(n: int, seed: int = 7):
    rng = random.Random(seed)
    filler = _filler(rng, 3000)
    calls = []
    for i in range(n):
        words = [rng.choice(DOMAIN) if rng.random() < 0.2 else rng.choice(filler) for _ in range(120)]
        text = " ".join(words)
        sentences = ". ".join(text[j : j + 160] for j in range(0, len(text), 160)) + "."
        region = rng.choice(LANDS)
        calls.append(
            call_from_record(
                {
                    "id": f"call-{i:06d}",
                    "title": " ".join(rng.choice(DOMAIN) for _ in range(5)),
                    "funder": "Synthetische Stiftung",
                    "level": "land" if region.startswith("DE-") else "bund",
                    "region": region,
                    "summary_de": sentences,
                    "applicants": rng.choice([["mo", "verein"], ["kommune"], ["verein"]]),
                    "deadline_text": f"bis {rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{rng.choice([2025, 2026, 2027])}",
                }
            )
        )
    return calls


class RandomEmbedder:
    """Random unit vectors, seeded by the text, so a changed text gets a new vector."""

    model_name = "bench-random"

    def __init__(self, seconds_per_text: float = 0.0):
        self.seconds_per_text = seconds_per_text
        self.count = 0

    def __call__(self, texts):
        self.count += len(texts)
        if self.seconds_per_text:
            time.sleep(self.seconds_per_text * len(texts))
        out = np.empty((len(texts), DIM), dtype=np.float32)
        for i, t in enumerate(texts):
            out[i] = np.random.default_rng(abs(hash(t)) % (2**32)).standard_normal(DIM)
        return out / np.linalg.norm(out, axis=1, keepdims=True)


# -- the naive baseline ---------------------------------------------------------------------
class NaiveBM25:
    """Textbook Okapi BM25 in pure Python (k1 = 1.2, b = 0.75), lower-cased word tokens."""

    def __init__(self, texts, k1=1.2, b=0.75):
        self.k1, self.b = k1, b
        self.docs = [Counter(re.findall(r"\w\w+", t.lower())) for t in texts]
        self.lengths = [sum(d.values()) for d in self.docs]
        self.avg = sum(self.lengths) / max(1, len(self.lengths))
        df = defaultdict(int)
        for d in self.docs:
            for w in d:
                df[w] += 1
        n = len(self.docs)
        self.idf = {w: math.log(1 + (n - f + 0.5) / (f + 0.5)) for w, f in df.items()}

    def scores(self, query):
        terms = [w for w in re.findall(r"\w\w+", query.lower()) if w in self.idf]
        out = []
        for d, length in zip(self.docs, self.lengths):
            s = 0.0
            for w in terms:
                tf = d.get(w, 0)
                if tf:
                    s += self.idf[w] * tf * (self.k1 + 1) / (tf + self.k1 * (1 - self.b + self.b * length / self.avg))
            out.append(s)
        return np.asarray(out)


def baseline_match(bm25, matrix, query_text, query_vec, top=10):
    lex = bm25.scores(query_text)
    dense = matrix @ query_vec
    norm = lambda x: (x - x.min()) / (x.max() - x.min() + 1e-12)  # noqa: E731
    fused = 0.7 * norm(lex) + 0.3 * norm(dense)
    return np.argsort(-fused)[:top]


# -- measuring ----------------------------------------------------------------------------------
def _timed(fn):
    tracemalloc.start()
    start = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return result, elapsed, peak / 2**20


def _percentiles(samples):
    samples = sorted(samples)
    p99 = samples[min(len(samples) - 1, int(math.ceil(0.99 * len(samples))) - 1)]
    return statistics.median(samples) * 1000, p99 * 1000


def _dir_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def bench_size(n: int, queries: int, profile) -> dict:
    calls = synthetic_calls(n)
    texts = [call_text(c) for c in calls]
    row: dict = {"n": n}
    with tempfile.TemporaryDirectory(prefix="kulisse-bench-") as tmp:
        directory = Path(tmp) / "idx"
        index, row["build_s"], row["build_mb"] = _timed(
            lambda: ensure_indexes(calls, directory, embed=RandomEmbedder())
        )
        row["disk_mb"] = _dir_mb(directory)
        rank(calls, profile, today=TODAY, index=index, limit=10)  # warm caches
        times = []
        for _ in range(queries):
            start = time.perf_counter()
            rank(calls, profile, today=TODAY, index=index, limit=10)
            times.append(time.perf_counter() - start)
        row["p50_ms"], row["p99_ms"] = _percentiles(times)

        # re-index after 1 % changed; the embedder now costs a fixed 10 ms per passage, as a model would
        changed = list(calls)
        rng = random.Random(1)
        for i in rng.sample(range(n), max(1, n // 100)):
            changed[i] = changed[i].model_copy(update={"summary_de": changed[i].summary_de + " Geändert."})
        slow = RandomEmbedder(seconds_per_text=0.01)
        _, row["reindex_s"], _ = _timed(lambda: ensure_indexes(changed, directory, embed=slow))
        row["reindex_embedded"] = slow.count
        row["full_passages"] = int(index.dense.vectors.shape[0])

    bm25, row["base_build_s"], row["base_build_mb"] = _timed(lambda: NaiveBM25(texts))
    matrix = RandomEmbedder()(texts)  # one vector per call: the baseline embeds whole texts
    qtext, qvec = profile.query_text(), RandomEmbedder()([profile.query_text()])[0]
    btimes = []
    for _ in range(max(3, queries // 10) if n >= 100_000 else queries):
        start = time.perf_counter()
        baseline_match(bm25, matrix, qtext, qvec)
        btimes.append(time.perf_counter() - start)
    row["base_p50_ms"], row["base_p99_ms"] = _percentiles(btimes)
    return row


def cold_process(profile_key: str = "vmdo") -> tuple[float, bool]:
    """Best wall time of three whole ``kulisse match`` processes whose index and profile embedding
    are current, and whether such a process imported torch (it must not)."""
    with tempfile.TemporaryDirectory(prefix="kulisse-cold-") as tmp:
        env = dict(os.environ, KULISSE_DATA_DIR=tmp, KULISSE_CONFIG_DIR=tmp)
        exe = [sys.executable, "-m", "tui.cli", "match", "--profile", profile_key, "--format", "json"]
        subprocess.run(exe, env=env, cwd=ROOT, capture_output=True, check=True)  # seeds, labels, embeds once
        traced = subprocess.run(
            [sys.executable, "-X", "importtime", *exe[1:]], env=env, cwd=ROOT, capture_output=True, check=True
        )
        loaded_torch = b" torch" in traced.stderr
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run(exe, env=env, cwd=ROOT, capture_output=True, check=True)
            best = min(best, time.perf_counter() - start)
        return best, loaded_torch


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--queries", type=int, default=30)
    parser.add_argument(
        "--no-cold", action="store_true", help="skip the cold-process measurement (loads the model once)"
    )
    args = parser.parse_args(argv)
    profile = load_profile("vmdo")
    rows = []
    for n in args.sizes:
        print(f"… {n:,} Aufrufe", file=sys.stderr, flush=True)
        rows.append(bench_size(n, args.queries, profile))
    head = (
        f"{'Aufrufe':>8} | {'Aufbau s':>9} {'Speicher MB':>11} {'Platte MB':>9} {'p50 ms':>7} {'p99 ms':>7} | "
        f"{'Basis Aufbau s':>14} {'Basis MB':>8} {'Basis p50':>9} {'Basis p99':>9} | {'schneller':>9} | "
        f"{'1 % neu: s':>10} {'eingebettet':>11}"
    )
    print(head)
    print("-" * len(head))
    for r in rows:
        print(
            f"{r['n']:>8,} | {r['build_s']:9.2f} {r['build_mb']:11.1f} {r['disk_mb']:9.1f} {r['p50_ms']:7.1f} "
            f"{r['p99_ms']:7.1f} | {r['base_build_s']:14.2f} {r['base_build_mb']:8.1f} {r['base_p50_ms']:9.1f} "
            f"{r['base_p99_ms']:9.1f} | {r['base_p50_ms'] / r['p50_ms']:8.1f}x | {r['reindex_s']:10.2f} "
            f"{r['reindex_embedded']:>5}/{r['full_passages']}"
        )
    if not args.no_cold:
        seconds, torch = cold_process()
        print(
            f"\nKalter Prozess `kulisse match --profile vmdo` (Index und Profil-Einbettung aktuell): "
            f"{seconds:.2f} s, torch geladen: {'ja' if torch else 'nein'}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
