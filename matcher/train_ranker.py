"""Train the learned ranker and measure it honestly: grouped cross-validation on the gold sets.

    .venv/bin/python -m matcher.train_ranker                       # dev + snapshot gold, seed 7
    .venv/bin/python -m matcher.train_ranker --gold A.jsonl --gold B.jsonl --seed 7 --dry-run

The model is pairwise logistic regression (RankNet with a linear scorer; Burges et al. 2005) on
standardised features: for every profile and gold file, each pair of eligible calls with
different grades is one example, weighted by the difference of their gains (2^g − 1), so the
pairs that move nDCG most count most, and each list in all by √(its length); L2 penalty
``LAMBDA`` (see there).
Only eligible calls are used – the eligibility rules stay a hard filter, the model orders.

Cross-validation (out-of-fold scores, then nDCG@10 over each profile's whole list as in
``kulisse eval``): leave one Verbund out (trained on the four others), call-grouped (5 folds of
call ids, seeded), and both at once (neither the Verbund nor the calls were seen). Compared with
the naive baseline (BM25 on the profile text with the region filter only) and the hand-set
fusion. The feedback simulation reveals the grades of each top 5 as if the Verbund had marked
them (grade ≥ 2 "interessant", 1 "weniger davon", 0 "nicht für uns"), ranks again and scores the
rest of the list before and after.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np

from corpus.labels import CallStatus
from matcher import learned
from matcher.evaluate import SHARED_EVAL, K, default_today, input_call, ndcg, read_gold
from matcher.feedback import Feedback

ROOT = Path(__file__).resolve().parents[1]
# dev and snapshot are summaries in our words; real-train.relevance.jsonl grades the funders' own
# texts of ../shared/eval/real-train.jsonl (two blind annotators, docs/matching.md): the ranking is
# judged on texts as funders write them, so it learns from them too.
DEFAULT_GOLD = (
    SHARED_EVAL / "dev.jsonl",
    ROOT / "eval" / "snapshot_gold.jsonl",
    ROOT / "eval" / "real-train.relevance.jsonl",
)
LAMBDA = 0.1  # picked among 0.001, 0.01, 0.1, 1 on the same cross-validation (no nested CV)
FOLDS = 5
SEED = 7
REVEAL = 5


@dataclass
class Group:
    """One gold file × one profile: the eligible calls, their features and grades."""

    file: str
    profile: str
    ids: list[str]
    x: np.ndarray
    y: np.ndarray
    all_gains: list[float]  # every graded call of the file for this profile (the ideal ranking)
    naive: list[str] = field(default_factory=list)  # ids, best first
    handset: list[str] = field(default_factory=list)


@dataclass
class Corpus:
    """One gold file made ready for ranking (labelled by the classifier, indexed)."""

    name: str
    calls: list
    index: object
    gold: dict[str, dict[str, int]]
    today: date


def prepare(records: list[dict], name: str, *, today: date | None = None, embed=None) -> Corpus:
    from corpus.store import Store
    from matcher.indexes import ensure_indexes
    from matcher.ranking import _labels_ready

    with tempfile.TemporaryDirectory(prefix="kulisse-train-") as tmp:
        with Store(Path(tmp) / "gold.sqlite") as store:
            store.upsert_many([input_call(r) for r in records])
            _labels_ready(store)  # the classifier's labels, as ``match`` sees them
            calls = store.calls()
    index = ensure_indexes(calls, None, embed=embed)
    return Corpus(
        name, calls, index, {r["id"]: r.get("relevance") or {} for r in records}, today or default_today(records)
    )


def groups_of(corpus: Corpus) -> list[Group]:
    from matcher.features import vector_scores
    from matcher.profile import load_profile
    from matcher.ranking import _relevance, _signals, _table, model_features

    keys = sorted({k for g in corpus.gold.values() for k in g})
    out = []
    for key in keys:
        profile = load_profile(key)
        s = _signals(corpus.calls, profile, corpus.index, "fused")
        x, eligible, _ = model_features(corpus.calls, profile, corpus.index, s, corpus.today)
        hand, _ = vector_scores(
            _table(corpus.index, corpus.calls), _relevance(s, corpus.index, "handset"), profile, corpus.today
        )
        ids = [c.id for c in corpus.calls]
        rows = np.flatnonzero(eligible)
        region_ok = [n for n, c in enumerate(corpus.calls) if c.region in ("DE", "EU", profile.land)]
        grade = {i: corpus.gold.get(i, {}).get(key, 0) for i in ids}
        out.append(
            Group(
                corpus.name,
                key,
                [ids[n] for n in rows],
                x[rows],
                np.array([grade[ids[n]] for n in rows], dtype=float),
                [float(g.get(key, 0)) for g in corpus.gold.values()],
                naive=[ids[n] for n in sorted(region_ok, key=lambda n: (-s.lex[n], n))],
                handset=[ids[n] for n in sorted(rows, key=lambda n: (-hand[n], n))],
            )
        )
    return out


# -- fitting ---------------------------------------------------------------------------------
def _pairs(
    groups: list[Group], columns: list[int], mean: np.ndarray, scale: np.ndarray, fixed: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Feature differences (standardised, ``columns`` only), the fixed priors' score difference and
    the weight of every ordered pair (better, worse) of each group."""
    diffs, offsets, weights = [], [], []
    for g in groups:
        z = (g.x[:, columns] - mean[columns]) / scale[columns]
        prior = g.x @ fixed
        gain = 2**g.y - 1
        i, j = np.nonzero(g.y[:, None] > g.y[None, :])
        if not len(i):
            continue
        w = gain[i] - gain[j]
        diffs.append(z[i] - z[j])
        offsets.append(prior[i] - prior[j])
        # each list weighs √(its length), not the square its pairs grow with: the 144-call set
        # would otherwise drown the 37-call one (chosen on the CV among 1, √n, n: see docs)
        weights.append(w / w.sum() * np.sqrt(len(g.ids)))
    if not diffs or not sum(len(d) for d in diffs):
        return np.zeros((0, len(columns))), np.zeros(0), np.zeros(0)
    return np.vstack(diffs), np.concatenate(offsets), np.concatenate(weights)


def _newton(d: np.ndarray, offset: np.ndarray, w: np.ndarray, lam: float) -> np.ndarray:
    beta = np.zeros(d.shape[1])
    if not len(d):
        return beta
    w = w / w.sum()
    for _ in range(50):
        p = 1 / (1 + np.exp(-(d @ beta + offset)))  # P(the better call scores higher)
        grad = -(d * (w * (1 - p))[:, None]).sum(axis=0) + lam * beta
        hess = (d * (w * p * (1 - p))[:, None]).T @ d + lam * np.eye(len(beta))
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return beta


def fit(groups: list[Group], lam: float = LAMBDA) -> learned.Model:
    """Pairwise logistic regression by Newton's method (convex, ~20 weights: exact and seed-free).

    The ``learned.FIXED`` priors enter as an offset (the other weights are fitted around them);
    a ``learned.NONNEGATIVE`` weight that comes out negative is set to 0 and the rest refitted."""
    n = len(learned.FEATURES)
    if not groups:  # nothing to learn from (a tiny gold file in a fold): all calls tie
        return learned.Model(np.zeros(n), np.zeros(n), np.ones(n), "leer")
    x_all = np.vstack([g.x for g in groups])
    mean = x_all.mean(axis=0)
    scale = x_all.std(axis=0)
    scale = np.where(scale > 1e-9, scale, 1.0)
    fixed = np.array([learned.FIXED.get(f, 0.0) for f in learned.FEATURES])
    free = [k for k, f in enumerate(learned.FEATURES) if f not in learned.FIXED]
    while True:
        d, offset, w = _pairs(groups, free, mean, scale, fixed)
        beta = _newton(d, offset, w, lam)
        negative = [k for k, b in zip(free, beta) if learned.FEATURES[k] in learned.NONNEGATIVE and b < 0]
        if not negative:
            break
        free = [k for k in free if k not in negative]
    weights = fixed.copy()
    weights[free] = beta / scale[free]
    return learned.Model(weights, mean, scale, "paarweise-logistisch")


# -- measuring -------------------------------------------------------------------------------
def group_ndcg(g: Group, ranked_ids: list[str], exclude: set[str] = frozenset()) -> float:
    grade = dict(zip(g.ids, g.y))
    top = [i for i in ranked_ids if i not in exclude][:K]
    gains = [grade.get(i, 0.0) for i in top]
    if exclude:  # the revealed calls are out of the ideal ranking too
        others = list(g.all_gains)
        for i in exclude:
            if grade.get(i) in others:
                others.remove(grade[i])
        return ndcg(gains, others)
    return ndcg(gains, g.all_gains)


def naive_ndcg(g: Group, gold: dict[str, dict[str, int]]) -> float:
    gains = [float(gold.get(i, {}).get(g.profile, 0)) for i in g.naive[:K]]
    return ndcg(gains, g.all_gains)


def _ranked(g: Group, scores: np.ndarray) -> list[str]:
    return [g.ids[n] for n in sorted(range(len(g.ids)), key=lambda n: (-scores[n], n))]


def call_folds(groups: list[Group], seed: int = SEED, folds: int = FOLDS) -> dict[str, int]:
    ids = sorted({i for g in groups for i in g.ids})
    random.Random(seed).shuffle(ids)
    return {i: n % folds for n, i in enumerate(ids)}


def _subset(g: Group, keep: np.ndarray) -> Group:
    return Group(g.file, g.profile, [i for i, k in zip(g.ids, keep) if k], g.x[keep], g.y[keep], g.all_gains)


def out_of_fold(groups: list[Group], scheme: str, *, seed: int = SEED, lam: float = LAMBDA) -> list[np.ndarray]:
    """Each group's scores from models that never saw (``verbund``) its profile, (``aufrufe``) the
    call's fold, or (``beides``) either."""
    folds = call_folds(groups, seed)
    scores = [np.zeros(len(g.ids)) for g in groups]
    profiles = sorted({g.profile for g in groups})
    held_profiles = profiles if scheme in ("verbund", "beides") else [None]
    held_folds = range(FOLDS) if scheme in ("aufrufe", "beides") else [None]
    for p in held_profiles:
        for f in held_folds:
            train = []
            for g in groups:
                if p is not None and g.profile == p:
                    continue
                keep = np.array([f is None or folds[i] != f for i in g.ids], dtype=bool)
                if keep.any():
                    train.append(_subset(g, keep))
            model = fit(train, lam)
            for n, g in enumerate(groups):
                if p is not None and g.profile != p:
                    continue
                test = np.array([f is None or folds[i] == f for i in g.ids], dtype=bool)
                if test.any():  # centred: the calls of one list may come from several models
                    scores[n][test] = model.centred(g.x[test])
    return scores


@dataclass
class CVReport:
    files: list[str]
    profiles: list[str]
    ndcg: dict[str, dict[tuple[str, str], float]]  # method → (file, profile) → value
    feedback: dict[str, dict[tuple[str, str], float]] = field(default_factory=dict)  # before/after
    weights: dict[str, float] = field(default_factory=dict)
    lambdas: dict[str, float] = field(default_factory=dict)  # nested CV: λ chosen per held-out Verbund

    def mean(
        self, method: str, file: str | None = None, profile: str | None = None, table: dict | None = None
    ) -> float:
        values = [
            v
            for (f, p), v in (table or self.ndcg)[method].items()
            if (file is None or f == file) and (profile is None or p == profile)
        ]
        return sum(values) / len(values) if values else 0.0

    def sd(self, method: str, file: str | None = None, profile: str | None = None) -> float:
        """Sample standard deviation over the lists (file × profile) – how far one list strays."""
        values = [
            v
            for (f, p), v in self.ndcg[method].items()
            if (file is None or f == file) and (profile is None or p == profile)
        ]
        return float(np.std(values, ddof=1)) if len(values) > 1 else 0.0


SCHEMES = ("verbund", "aufrufe", "beides")
LAMBDAS = (0.01, 0.1, 1.0)  # the L2 grid the nested CV chooses from


def ideal_ndcg(g: Group) -> float:
    """The best any ordering of the eligible calls reaches: graded calls the eligibility rules
    leave out (mostly rounds that are over) still count in the ideal ranking."""
    return ndcg(sorted(g.y, reverse=True)[:K], g.all_gains)


def inner_lambda(groups: list[Group], lams: tuple[float, ...] = LAMBDAS, *, seed: int = SEED) -> float:
    """The L2 penalty with the best leave-one-Verbund-out nDCG@10 on ``groups`` alone."""
    best_value, best_lam = -1.0, lams[0]
    for lam in lams:
        oof = out_of_fold(groups, "verbund", seed=seed, lam=lam)
        value = float(np.mean([group_ndcg(g, _ranked(g, s)) for g, s in zip(groups, oof)]))
        if value > best_value + 1e-9:  # the first of equals: the grid is ordered
            best_value, best_lam = value, lam
    return best_lam


def nested_verbund(groups: list[Group], *, seed: int = SEED) -> tuple[list[np.ndarray], dict[str, float]]:
    """Leave one Verbund out with the L2 penalty itself chosen by an inner leave-one-Verbund-out
    on the four others: neither the weights nor λ saw the Verbund scored. Returns the out-of-fold
    scores and the λ chosen per held-out Verbund."""
    scores = [np.zeros(len(g.ids)) for g in groups]
    chosen: dict[str, float] = {}
    for p in sorted({g.profile for g in groups}):
        train = [g for g in groups if g.profile != p]
        chosen[p] = inner_lambda(train, seed=seed)
        model = fit(train, chosen[p])
        for n, g in enumerate(groups):
            if g.profile == p:
                scores[n] = model.score(g.x)
    return scores, chosen


def cross_validate(
    corpora: list[Corpus], *, seed: int = SEED, lam: float = LAMBDA, simulate: bool = True, nested: bool = True
) -> CVReport:
    groups = [g for c in corpora for g in groups_of(c)]
    gold = {c.name: c.gold for c in corpora}
    report = CVReport([c.name for c in corpora], sorted({g.profile for g in groups}), {})
    report.ndcg["naiv"] = {(g.file, g.profile): naive_ndcg(g, gold[g.file]) for g in groups}
    report.ndcg["von Hand"] = {(g.file, g.profile): group_ndcg(g, g.handset) for g in groups}
    for scheme in SCHEMES:
        oof = out_of_fold(groups, scheme, seed=seed, lam=lam)
        report.ndcg[scheme] = {(g.file, g.profile): group_ndcg(g, _ranked(g, s)) for g, s in zip(groups, oof)}
    if nested:
        oof, report.lambdas = nested_verbund(groups, seed=seed)
        report.ndcg["verschachtelt"] = {(g.file, g.profile): group_ndcg(g, _ranked(g, s)) for g, s in zip(groups, oof)}
    report.ndcg["erreichbar"] = {(g.file, g.profile): ideal_ndcg(g) for g in groups}
    full = fit(groups, lam)
    report.ndcg["ohne CV"] = {(g.file, g.profile): group_ndcg(g, _ranked(g, full.score(g.x))) for g in groups}
    report.weights = {f: float(w * s) for f, w, s in zip(learned.FEATURES, full.weights, full.scale)}
    if simulate:
        report.feedback = simulate_feedback(corpora, groups, lam=lam)
    return report


# The feedback settings the simulation chooses among (``matcher.settings``); for each Verbund the
# setting that did best on the other four is scored on it, so the figure "nachher (CV)" never
# chose on the list it reports. The shipped defaults are the best on all lists.
FEEDBACK_GRID: dict[str, tuple[float, ...]] = {
    "rocchio_lex_beta": (0.0, 0.5, 1.0, 2.0),
    "rocchio_dense_beta": (0.0, 0.25),
    "similarity_feedback": (0.0, 2.0, 4.0, 8.0),
}


def revealed_marks(g: Group, ranked_ids: list[str], reveal: int = REVEAL) -> Feedback:
    """The grades of the first ``reveal`` calls as a Verbund would mark them: ≥ 2 "interessant",
    1 "weniger davon", 0 "nicht für uns"."""
    grade = dict(zip(g.ids, g.y))

    def mark(i: str) -> CallStatus:
        if grade[i] >= 2:
            return CallStatus.interessant
        return CallStatus.weniger_davon if grade[i] >= 1 else CallStatus.nicht_fuer_uns

    return Feedback.from_events((i, mark(i), "", None) for i in ranked_ids[:reveal])


def simulate_feedback(
    corpora: list[Corpus], groups: list[Group], *, lam: float = LAMBDA, grid: dict | None = FEEDBACK_GRID
) -> dict:
    """nDCG@10 of the rest of each list before and after the top 5 were "marked" (models that never
    saw the profile, as in leave-one-Verbund-out): ``vorher``, ``nachher`` (the settings in force)
    and, with a ``grid``, ``nachher_cv`` (per Verbund the grid setting best on the other Verbünde;
    ``gewählt`` says which)."""
    import itertools

    from matcher.profile import load_profile
    from matcher.ranking import _signals, learned_scores, model_features
    from matcher.settings import overridden

    by_name = {c.name: c for c in corpora}
    profiles = sorted({g.profile for g in groups})
    models = {p: fit([g for g in groups if g.profile != p], lam) for p in profiles}
    loaded = {p: load_profile(p) for p in profiles}
    before = {id(g): _ranked(g, models[g.profile].score(g.x)) for g in groups}
    marks = {id(g): revealed_marks(g, before[id(g)]) for g in groups}

    def signals(g: Group):
        corpus = by_name[g.file]
        s = _signals(corpus.calls, loaded[g.profile], corpus.index, "fused", feedback=marks[id(g)])
        x, _, _ = model_features(corpus.calls, loaded[g.profile], corpus.index, s, corpus.today)
        return s, x

    def after(g: Group, s, x) -> float:
        corpus = by_name[g.file]
        scores = learned_scores(x, models[g.profile], corpus.calls, marks[id(g)], s)
        pos = {c.id: n for n, c in enumerate(corpus.calls)}
        ranked = sorted(g.ids, key=lambda i: (-scores[pos[i]], pos[i]))
        return group_ndcg(g, ranked, set(before[id(g)][:REVEAL]))

    key = {id(g): (g.file, g.profile) for g in groups}
    result: dict[str, dict] = {
        "vorher": {key[id(g)]: group_ndcg(g, before[id(g)], set(before[id(g)][:REVEAL])) for g in groups},
        "nachher": {key[id(g)]: after(g, *signals(g)) for g in groups},
    }
    if not grid:
        return result
    # the query side needs new signals per Rocchio setting; the rest only re-scores them
    query_keys = [k for k in grid if k.startswith("rocchio_")]
    score_keys = [k for k in grid if k not in query_keys]
    outcome: dict[tuple, dict] = {}
    for query_values in itertools.product(*(grid[k] for k in query_keys)):
        query_setting = dict(zip(query_keys, query_values))
        with overridden(**query_setting):
            computed = {id(g): signals(g) for g in groups}
        for score_values in itertools.product(*(grid[k] for k in score_keys)):
            setting = query_setting | dict(zip(score_keys, score_values))
            with overridden(**setting):
                outcome[tuple(setting.items())] = {key[id(g)]: after(g, *computed[id(g)]) for g in groups}
    result["nachher_cv"], result["gewählt"] = {}, {}
    for p in profiles:
        others = [k for k in key.values() if k[1] != p]
        best = max(outcome, key=lambda c: sum(outcome[c][k] for k in others))  # first of equals
        result["gewählt"][p] = dict(best)
        result["nachher_cv"].update({k: v for k, v in outcome[best].items() if k[1] == p})
    return result


NAMES = {
    "naiv": "naiv (BM25+Region)",
    "von Hand": "Fusion von Hand",
    "verbund": "CV Verbund",
    "aufrufe": "CV Aufrufe",
    "beides": "CV beides",
    "verschachtelt": "CV Verbund, λ inn.",
    "ohne CV": "gelernt, ohne CV",
    "erreichbar": "erreichbar",
}


def format_feedback(report: CVReport) -> list[str]:
    """The feedback simulation: rest of each list before and after, per file and Verbund, mean ± sd."""
    fb = report.feedback

    def spread(table: str, profile: str | None = None) -> str:
        values = [v for (_, p), v in fb[table].items() if profile is None or p == profile]
        sd = float(np.std(values, ddof=1)) if len(values) > 1 else 0.0
        return f"{np.mean(values):.3f} ± {sd:.3f}"

    cv = "nachher_cv" in fb
    lines = [
        f"Rückmeldung simuliert: Noten der ersten {REVEAL} als Markierung (≥2 interessant, 1 weniger davon, "
        f"0 nicht für uns), nDCG@{K} der übrigen Aufrufe (Modell ohne das Profil); nachher = eingestellte Werte"
        + ("; nachher (CV) = Werte, gewählt ohne den Verbund" if cv else "")
        + ":",
    ]
    for file in report.files:
        short = Path(file).name[:13]
        lines.append(
            f"  {short:14}vorher {report.mean('vorher', file, table=fb):.3f}  "
            f"nachher {report.mean('nachher', file, table=fb):.3f}"
            + (f"  nachher (CV) {report.mean('nachher_cv', file, table=fb):.3f}" if cv else "")
            + "  ("
            + ", ".join(
                f"{p} {fb['vorher'][(file, p)]:.2f}→{fb['nachher'][(file, p)]:.2f}"
                for p in report.profiles
                if (file, p) in fb["vorher"]
            )
            + ")"
        )
    lines.append(f"  je Verbund (alle Dateien){'':7}vorher          nachher" + ("         nachher (CV)" if cv else ""))
    for p in report.profiles:
        lines.append(
            f"  {p:32}{spread('vorher', p):16}{spread('nachher', p):16}" + (spread("nachher_cv", p) if cv else "")
        )
    lines.append(
        f"  {'alle (Mittel ± Stdabw.)':32}{spread('vorher'):16}{spread('nachher'):16}"
        + (spread("nachher_cv") if cv else "")
    )
    return lines


def format_cv_report(report: CVReport) -> str:
    methods = [m for m in NAMES if m in report.ndcg]
    lines = [
        f"Gelerntes Ranking, kreuzvalidiert (nDCG@{K}; Modell: paarweise logistische Regression)",
        "CV Verbund = ohne das eigene Profil trainiert; CV Aufrufe = 5 Gruppen von Aufrufen; "
        "CV beides = weder Profil noch Aufrufe gesehen; λ inn. = CV Verbund, die L2-Strafe in einer "
        "inneren CV ohne den Verbund gewählt; erreichbar = die förderfähigen Aufrufe ideal geordnet "
        "(bewertete, aber ausgeschlossene Aufrufe – meist beendete Runden – zählen im Ideal mit).",
        "",
    ]
    header = f"{'Datei':14}{'Profil':8}" + "".join(f"{NAMES[m]:>20}" for m in methods)
    lines += [header, "-" * len(header)]
    for file in report.files:
        short = Path(file).name[:13]
        for p in report.profiles:
            if (file, p) in report.ndcg[methods[0]]:
                lines.append(f"{short:14}{p:8}" + "".join(f"{report.ndcg[m][(file, p)]:20.3f}" for m in methods))
        lines.append(f"{short:14}{'Mittel':8}" + "".join(f"{report.mean(m, file):20.3f}" for m in methods))
        lines.append("")
    lines.append(f"{'alle':14}{'Mittel':8}" + "".join(f"{report.mean(m):20.3f}" for m in methods))
    lines.append(f"{'':14}{'± Stdabw':8}" + "".join(f"{report.sd(m):20.3f}" for m in methods))
    lines.append(f"{'':14}{'je Profil':8}")
    for p in report.profiles:
        lines.append(f"{'':14}{p:8}" + "".join(f"{report.mean(m, profile=p):20.3f}" for m in methods))
    if report.lambdas:
        lines.append(
            "L2-Strafe der inneren CV je Verbund: " + ", ".join(f"{p} {v:g}" for p, v in report.lambdas.items())
        )
    if report.feedback:
        lines += ["", *format_feedback(report)]
    return "\n".join(lines)


def train(
    paths: list[Path],
    *,
    seed: int = SEED,
    lam: float = LAMBDA,
    embed=None,
    out: Path | None = learned.WEIGHTS_FILE,
    progress=print,
) -> CVReport:
    corpora = []
    for path in paths:
        progress(f"{path}: Aufrufe einordnen und indexieren …")
        corpora.append(prepare(read_gold(path), str(path), embed=embed))
    report = cross_validate(corpora, seed=seed, lam=lam)
    groups = [g for c in corpora for g in groups_of(c)]
    model = fit(groups, lam)
    if out is not None:
        data = model.to_json(
            trained_on=[Path(p).name for p in paths],
            seed=seed,
            l2=lam,
            cv_ndcg10={m: round(report.mean(m), 4) for m in report.ndcg},
        )
        out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        progress(f"Gewichte geschrieben: {out}")
    return report


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Das gelernte Ranking trainieren und kreuzvalidieren.")
    parser.add_argument("--gold", action="append", type=Path, help="Gelabelte Aufrufe (mehrfach möglich)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--l2", type=float, default=LAMBDA)
    parser.add_argument("--out", type=Path, default=learned.WEIGHTS_FILE)
    parser.add_argument("--dry-run", action="store_true", help="Nur messen, keine Gewichte schreiben")
    args = parser.parse_args(argv)
    report = train(args.gold or list(DEFAULT_GOLD), seed=args.seed, lam=args.l2, out=None if args.dry_run else args.out)
    print(format_cv_report(report))
    print("\nGewichte (Standardeinheiten): " + ", ".join(f"{f} {w:+.2f}" for f, w in report.weights.items()))


if __name__ == "__main__":
    main()
