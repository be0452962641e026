"""Quick quality probe of the embedding models: ``python benchmarks/probe_embedders_cv.py``.

Not the classifier's figure (that is ``kulisse eval --cv``): only how much the sentence
embeddings of each model alone tell about a call. For every model of ``embed_cache.MODELS``
(cached by ``benchmarks/embed_cache.py`` in /tmp/emb_cache, built here if missing) each record
of ``../shared/eval/real-train.jsonl`` becomes one vector, the mean, the max or both
(concatenated) of its sentence embeddings (title + ``split_sentences(summary_de)``). A
class-weighted logistic regression on standardised features predicts

- ``co_steering`` (binary: ``addressee == "ko_steuerung"``): F1, precision, recall,
- ``addressee`` (5 classes): macro-F1,

in 5-fold stratified cross-validation repeated 3 times (seeded, folds stratified by
``addressee``, the same folds for every model). Figures are mean ± sd over the 15 folds.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from embed_cache import CACHE_DIR, MODELS, SETS, load_cache, read_records  # noqa: E402

ADDRESSEES = ("kommune", "mo", "beide_praxis", "ko_steuerung", "andere")
POOLINGS = ("mean", "max", "mean+max")


def pooled(matrix: np.ndarray, pooling: str) -> np.ndarray:
    mean, top = matrix.mean(axis=0), matrix.max(axis=0)
    return {"mean": mean, "max": top, "mean+max": np.concatenate([mean, top])}[pooling]


def model_for(c: float, seed: int):
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(
        StandardScaler(), LogisticRegression(C=c, class_weight="balanced", max_iter=5000, random_state=seed)
    )


def probe(
    x: np.ndarray, addressee: np.ndarray, weights: np.ndarray, *, c: float, seed: int, folds: int, repeats: int
) -> dict[str, tuple[float, float]]:
    from sklearn.metrics import f1_score, precision_score, recall_score
    from sklearn.model_selection import RepeatedStratifiedKFold

    co = addressee == "ko_steuerung"
    scores: dict[str, list[float]] = {"co_f1": [], "co_p": [], "co_r": [], "addr_f1": []}
    splitter = RepeatedStratifiedKFold(n_splits=folds, n_repeats=repeats, random_state=seed)
    for train, test in splitter.split(x, addressee):
        binary = model_for(c, seed).fit(x[train], co[train], logisticregression__sample_weight=weights[train])
        predicted = binary.predict(x[test])
        scores["co_f1"].append(f1_score(co[test], predicted, zero_division=0))
        scores["co_p"].append(precision_score(co[test], predicted, zero_division=0))
        scores["co_r"].append(recall_score(co[test], predicted, zero_division=0))
        multi = model_for(c, seed).fit(x[train], addressee[train], logisticregression__sample_weight=weights[train])
        scores["addr_f1"].append(
            f1_score(addressee[test], multi.predict(x[test]), labels=list(ADDRESSEES), average="macro", zero_division=0)
        )
    return {k: (float(np.mean(v)), float(np.std(v))) for k, v in scores.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", nargs="*", default=list(MODELS))
    parser.add_argument("--poolings", nargs="*", default=list(POOLINGS), choices=POOLINGS)
    parser.add_argument("--C", dest="c", type=float, default=1.0, help="inverse regularisation strength")
    parser.add_argument(
        "--unsure-weight",
        type=float,
        default=1.0,
        help='sample weight of records whose label_note starts with "Unsicher:"',
    )
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cache", type=Path, default=CACHE_DIR)
    args = parser.parse_args()
    warnings.filterwarnings("ignore", category=UserWarning)

    records = read_records(SETS["real-train"])
    addressee = np.array([r["addressee"] for r in records])
    weights = np.array(
        [args.unsure_weight if str(r.get("label_note", "")).startswith("Unsicher:") else 1.0 for r in records]
    )
    print(
        f"real-train: {len(records)} records, {int((addressee == 'ko_steuerung').sum())} co-steering; "
        f"{args.folds}-fold stratified CV x {args.repeats} (seed {args.seed}), class-weighted LR C={args.c}, "
        f"unsure weight {args.unsure_weight}; mean ± sd over folds"
    )
    print(
        f"{'model':17} {'pooling':9} | {'co_steering F1':>14} {'precision':>11} {'recall':>11} | {'addressee macro-F1':>18}"
    )
    for model in args.models:
        try:
            cache = load_cache(model, args.cache, build=True)
        except Exception as exc:  # a model not installed: say so and go on
            print(f"{model:17} nicht verfügbar: {exc}")
            continue
        for pooling in args.poolings:
            x = np.stack([pooled(cache[r["id"]][1], pooling) for r in records])
            s = probe(x, addressee, weights, c=args.c, seed=args.seed, folds=args.folds, repeats=args.repeats)
            cell = lambda k, s=s: f"{s[k][0]:.2f} ± {s[k][1]:.2f}"  # noqa: E731
            print(
                f"{model:17} {pooling:9} | {cell('co_f1'):>14} {cell('co_p'):>11} {cell('co_r'):>11} | "
                f"{cell('addr_f1'):>18}",
                flush=True,
            )


if __name__ == "__main__":
    main()
