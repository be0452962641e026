"""Ranking evaluation on a labelled file (the fields of ``../shared/eval/dev.jsonl``).

The calls are imported into a temporary database, ranked for every profile key present in the
relevance grades with each method (lexical only, dense only, fused), and scored with nDCG@10.
"""

from __future__ import annotations

import json
import math
import tempfile
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from corpus.labels import GOLD_ONLY_FIELDS
from corpus.model import call_from_record

K = 10
LABEL_FIELDS = GOLD_ONLY_FIELDS
HALVES = ("A", "B")


def input_call(record: dict):
    """The call as a crawler would give it: every label field removed; where a gold file keeps
    the source's own funding form apart (``funding_form_source``), that is the ``funding_form``
    input (what a crawler reads from the page), never the gold ``funding_form``."""
    fields = {k: v for k, v in record.items() if k not in LABEL_FIELDS}
    if record.get("funding_form_source"):
        fields["funding_form"] = record["funding_form_source"]
    return call_from_record(fields)


def split_half(records: list[dict], half: str) -> list[dict]:
    """Half "A" (even positions of the records sorted by id) or "B" (odd positions) – the split
    the classifier uses too: methods are developed on one half and checked once on the other."""
    if half not in HALVES:
        raise ValueError(f"Hälfte {half!r}: erlaubt sind A und B")
    ordered = sorted(records, key=lambda r: str(r.get("id", "")))
    return ordered[0 if half == "A" else 1 :: 2]


def dcg(gains: list[float], k: int = K) -> float:
    """Discounted cumulative gain with exponential gain: Σ_{i<k} (2^g_i − 1) / log2(i + 2)
    (Järvelin & Kekäläinen 2002; the form used by TREC and most IR toolkits)."""
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains[:k]))


def ndcg(ranked_gains: list[float], all_gains: list[float], k: int = K) -> float:
    """DCG@k of the ranking divided by the DCG@k of the ideal ordering of every graded item."""
    ideal = dcg(sorted(all_gains, reverse=True), k)
    return dcg(ranked_gains, k) / ideal if ideal > 0 else 0.0


@dataclass
class EvalResult:
    today: date
    profiles: list[str]
    ndcg: dict[str, dict[str, float]] = field(default_factory=dict)  # method → profile → value
    region_violations: dict[str, int] = field(default_factory=dict)  # method → count over all top 10
    top: dict[str, list[str]] = field(default_factory=dict)  # profile → fused top-10 ids
    classifier_report: str = ""

    def mean(self, method: str) -> float:
        values = list(self.ndcg.get(method, {}).values())
        return sum(values) / len(values) if values else 0.0


GRADES_SUFFIX = ".relevance.jsonl"
SHARED_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


def _read_jsonl(path: Path) -> list[dict]:
    records = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"Zeile {n} von {path} ist kein gültiges JSON ({exc.msg}).") from None
    return records


def read_gold(path: Path, texts_dir: Path | None = None) -> list[dict]:
    """A gold file; ``NAME.relevance.jsonl`` holds only our relevance grades for third-party texts
    (never copied into the project), joined here with ``NAME.jsonl`` from ``../shared/eval/``."""
    path = Path(path)
    if not path.name.endswith(GRADES_SUFFIX):
        return _read_jsonl(path)
    source = (texts_dir or SHARED_EVAL) / (path.name[: -len(GRADES_SUFFIX)] + ".jsonl")
    if not source.exists():
        raise ValueError(f"Zu den Relevanzstufen in {path} fehlen die Texte: {source} nicht gefunden.")
    grades = {g.get("id"): g for g in _read_jsonl(path)}
    texts = _read_jsonl(source)
    ungraded = [r.get("id", "?") for r in texts if r.get("id") not in grades]
    unknown = sorted(set(grades) - {r.get("id") for r in texts}, key=str)
    problems = [f"ohne Stufen: {', '.join(map(str, ungraded[:5]))}"] if ungraded else []
    problems += [f"ohne Text: {', '.join(map(str, unknown[:5]))}"] if unknown else []
    if problems:
        raise ValueError(f"{path} passt nicht zu {source}: " + "; ".join(problems))
    return [{**r, "relevance": grades[r["id"]]["relevance"]} for r in texts]


def default_today(records: list[dict]) -> date:
    """The day before the earliest deadline in the file: every call is still open then."""
    calls = [input_call(r) for r in records]
    dates = [d for c in calls for d in c.deadlines.dates]
    return (min(dates) - timedelta(days=1)) if dates else date.today()


UNLABELLED = "-ohne-labels"


def evaluate(
    records: list[dict],
    *,
    today: date | None = None,
    methods=("lexical", "dense", "handset", "fused", "fused" + UNLABELLED),
    embed=None,
    progress=None,
) -> EvalResult:
    from corpus.store import Store
    from matcher.profile import load_profile
    from matcher.ranking import rank

    keys = sorted({k for r in records for k in (r.get("relevance") or {})})
    today = today or default_today(records)
    result = EvalResult(today=today, profiles=keys)
    with tempfile.TemporaryDirectory(prefix="kulisse-eval-") as tmp:
        store = Store(Path(tmp) / "eval.sqlite")
        calls = [input_call(r) for r in records]
        store.upsert_many(calls)
        gold = {r["id"]: r.get("relevance") or {} for r in records}
        region = {c.id: c.region for c in calls}
        profiles = {k: load_profile(k) for k in keys}
        for method in methods:
            result.ndcg[method] = {}
            result.region_violations[method] = 0
            for key in keys:
                if method.endswith(UNLABELLED):
                    # plain calls: no classifier labels, only the call's own fields and text
                    source, how = (
                        [c.model_copy(update={"labels": None}) for c in store.calls()],
                        method[: -len(UNLABELLED)],
                    )
                else:
                    source, how = store, method
                ranked = rank(source, profiles[key], today=today, method=how, embed=embed, progress=progress)
                top = [r.call.id for r in ranked[:K]]
                gains = [gold[i].get(key, 0) for i in top]
                result.ndcg[method][key] = ndcg(gains, [g.get(key, 0) for g in gold.values()])
                result.region_violations[method] += sum(
                    1 for i in top if region[i] not in ("DE", "EU") and region[i] != profiles[key].land
                )
                if method == "fused":
                    result.top[key] = top
        store.close()
    return result


def format_report(result: EvalResult) -> str:
    methods = list(result.ndcg)
    names = {
        "lexical": "nur BM25",
        "dense": "nur Embeddings",
        "handset": "Fusion v. Hand",
        "fused": "gelernt",
        "fused" + UNLABELLED: "gelernt o. Labels",
    }
    lines = [f"Ranking-Auswertung (nDCG@{K}, Stichtag {result.today.isoformat()})", ""]
    header = f"{'Profil':10}" + "".join(f"{names.get(m, m):>18}" for m in methods)
    lines += [header, "-" * len(header)]
    for key in result.profiles:
        lines.append(f"{key:10}" + "".join(f"{result.ndcg[m][key]:18.3f}" for m in methods))
    lines.append("-" * len(header))
    lines.append(f"{'Mittel':10}" + "".join(f"{result.mean(m):18.3f}" for m in methods))
    lines.append(
        "Aufrufe eines anderen Landes in einer Top 10: "
        + ", ".join(f"{names.get(m, m)} {result.region_violations[m]}" for m in methods)
    )
    lines.append(
        "(Labels = Einordnung des Klassifikators; „o. Labels“ rankt nur mit den Feldern und dem Text der Aufrufe. "
        "„gelernt“ nutzt die mitgelieferten Gewichte – auf den Trainingsdateien ist das kein ehrlicher Wert, "
        "siehe die Kreuzvalidierung.)"
    )
    return "\n".join(lines)
