"""Measure the classifier on labelled calls (the gold file of ../shared/eval/dev.jsonl).

The label fields of a gold record never reach the classifier: calls are built from the input
fields only (``funding_form`` is a label there, so it is stripped too; a record's
``funding_form_source`` — the source's own word, as a crawler gives it — becomes the call's
``funding_form`` input). Three variants are measured side by side: rules only, rules plus
embeddings, and rules without the ``applicants`` field (how far the text alone carries).

    python -m matcher.classifier.evaluate ../shared/eval/dev.jsonl eval/snapshot_gold.jsonl [--split A|B]

Several files are reported together and one by one. ``--split A`` keeps only half A of every
file (records sorted by id, even positions; B = odd positions): rules are developed on one half
and checked once on the other.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from corpus.labels import GOLD_ONLY_FIELDS
from corpus.model import call_from_record

LABEL_FIELDS = GOLD_ONLY_FIELDS
ACCURACY_LABELS = ("steering_level", "funding_form", "placement_type")


def input_record(record: dict) -> dict:
    """The record as a crawler would give it: every label field removed, the source's own
    funding form (``funding_form_source``) as the ``funding_form`` input."""
    result = {k: v for k, v in record.items() if k not in LABEL_FIELDS}
    if record.get("funding_form_source"):
        result["funding_form"] = record["funding_form_source"]
    return result


def split_half(records: list[dict], half: str) -> list[dict]:
    """Half "A" (even positions of the records sorted by id) or "B" (odd positions)."""
    if half not in ("A", "B"):
        raise ValueError(f"Hälfte {half!r}: erlaubt sind A und B")
    ordered = sorted(records, key=lambda r: str(r.get("id", "")))
    return ordered[0 if half == "A" else 1 :: 2]


def f1(tp: int, fp: int, fn: int) -> float:
    """F1 = 2TP / (2TP + FP + FN); 1.0 when there is nothing to find and nothing was found."""
    denominator = 2 * tp + fp + fn
    return 1.0 if denominator == 0 else 2 * tp / denominator


def binary_scores(gold: list[bool], pred: list[bool]) -> dict:
    tp = sum(g and p for g, p in zip(gold, pred))
    fp = sum(p and not g for g, p in zip(gold, pred))
    fn = sum(g and not p for g, p in zip(gold, pred))
    return {
        "f1": f1(tp, fp, fn),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
    }


def macro_f1(gold: list[str], pred: list[str]) -> tuple[float, dict[str, float]]:
    """Mean per-class F1 over every class that occurs in gold or predictions."""
    classes = sorted(set(gold) | set(pred))
    per_class = {}
    for c in classes:
        tp = sum(g == c and p == c for g, p in zip(gold, pred))
        fp = sum(g != c and p == c for g, p in zip(gold, pred))
        fn = sum(g == c and p != c for g, p in zip(gold, pred))
        per_class[c] = f1(tp, fp, fn)
    return (sum(per_class.values()) / len(per_class) if per_class else 1.0), per_class


def confusion(gold: list[str], pred: list[str]) -> dict[str, dict[str, int]]:
    """gold class → predicted class → count."""
    counts = Counter(zip(gold, pred))
    classes = sorted(set(gold) | set(pred))
    return {g: {p: counts.get((g, p), 0) for p in classes} for g in classes}


def _value(x) -> str | int | bool:
    return x.value if hasattr(x, "value") else x


def score(records: list[dict], predictions: list) -> dict:
    """Figures for one variant: predictions are Classification objects in record order."""
    gold_addr = [r["addressee"] for r in records]
    pred_addr = [p.addressee.value for p in predictions]
    macro, per_class = macro_f1(gold_addr, pred_addr)
    result = {
        "co_steering": binary_scores([bool(r["co_steering"]) for r in records], [p.co_steering for p in predictions]),
        "addressee_macro_f1": macro,
        "addressee_f1_per_class": per_class,
        "addressee_confusion": confusion(gold_addr, pred_addr),
        "accuracy": {},
        "errors": [],
    }
    for label in ACCURACY_LABELS:
        pairs = [(r[label], _value(getattr(p, label))) for r, p in zip(records, predictions)]
        result["accuracy"][label] = sum(g == q for g, q in pairs) / len(pairs) if pairs else 1.0
    for r, p in zip(records, predictions):
        for label in ("addressee", "co_steering") + ACCURACY_LABELS:
            if r[label] != _value(getattr(p, label)):
                result["errors"].append(
                    {"id": r["id"], "label": label, "gold": r[label], "predicted": _value(getattr(p, label))}
                )
    return result


def evaluate_classifier(
    records: list[dict], *, use_embeddings: bool = True, parts: dict[str, list[str]] | None = None
) -> dict:
    """Classifier figures on gold records, per variant (rules, rules + embeddings, text only).

    ``parts`` (name → record ids, e.g. one entry per gold file) adds the figures of each part.
    """
    from matcher.classifier.api import classify_many

    calls = [call_from_record(input_record(r)) for r in records]
    text_only = [call_from_record({k: v for k, v in input_record(r).items() if k != "applicants"}) for r in records]
    result: dict = {"n": len(records), "variants": {}}
    predictions: dict[str, list] = {"regeln": classify_many(calls, use_embeddings=False)}
    if use_embeddings:
        from matcher.embedding import ModelUnavailable, model_name

        try:
            predictions["regeln+embeddings"] = classify_many(calls, use_embeddings=True, emb_weight=1.0)
            result["model"] = model_name()
        except ModelUnavailable as exc:
            result["embedding_error"] = str(exc)
    predictions["regeln ohne applicants"] = classify_many(text_only, use_embeddings=False)
    if any(r.get("funding_form_source") for r in records):
        # how far the text alone decides the funding form (dev-style records carry no source field)
        without_form = [
            call_from_record({k: v for k, v in input_record(r).items() if k != "funding_form"}) for r in records
        ]
        predictions["regeln ohne funding_form"] = classify_many(without_form, use_embeddings=False)
    for name, predicted in predictions.items():
        result["variants"][name] = score(records, predicted)
    if parts:
        position = {r.get("id"): i for i, r in enumerate(records)}
        result["parts"] = {}
        for part, ids in parts.items():
            index = [position[i] for i in ids if i in position]
            result["parts"][part] = {
                "n": len(index),
                "variants": {
                    name: score([records[i] for i in index], [predicted[i] for i in index])
                    for name, predicted in predictions.items()
                },
            }
    return result


def format_classifier_report(result: dict) -> str:
    """The figures as a German text table, variants side by side, then the confusion matrix."""
    variants = result["variants"]
    names = list(variants)
    width = max(24, *(len(n) + 2 for n in names))
    lines = [f"Klassifikator – {result['n']} Aufrufe mit Goldlabels"]
    if result.get("model"):
        lines.append(f"Embedding-Modell: {result['model']}")
    if result.get("embedding_error"):
        lines.append(f"Embeddings nicht gemessen: {result['embedding_error']}")
    lines.append("")
    lines.append(f"{'Kennzahl':34}" + "".join(f"{n:>{width}}" for n in names))
    rows = [
        ("co_steering F1", lambda v: v["co_steering"]["f1"]),
        ("co_steering Precision", lambda v: v["co_steering"]["precision"]),
        ("co_steering Recall", lambda v: v["co_steering"]["recall"]),
        ("addressee Makro-F1", lambda v: v["addressee_macro_f1"]),
        ("steering_level Genauigkeit", lambda v: v["accuracy"]["steering_level"]),
        ("funding_form Genauigkeit", lambda v: v["accuracy"]["funding_form"]),
        ("placement_type Genauigkeit", lambda v: v["accuracy"]["placement_type"]),
    ]
    for title, get in rows:
        lines.append(f"{title:34}" + "".join(f"{get(variants[n]):>{width}.3f}" for n in names))
    for part, figures in (result.get("parts") or {}).items():
        lines += ["", f"{part} ({figures['n']} Aufrufe)"]
        for title, get in rows:
            lines.append(f"{title:34}" + "".join(f"{get(figures['variants'][n]):>{width}.3f}" for n in names))
    first = variants[names[0]]
    matrix = first["addressee_confusion"]
    classes = list(matrix)
    lines += ["", f"Konfusionsmatrix addressee ({names[0]}; Zeilen = Gold, Spalten = Vorhersage)"]
    col = max(8, *(len(c) + 1 for c in classes))
    lines.append(" " * 16 + "".join(f"{c[: col - 1]:>{col}}" for c in classes))
    for g in classes:
        lines.append(f"{g[:15]:16}" + "".join(f"{matrix[g][p]:>{col}}" for p in classes))
    for name in names:
        errors = variants[name]["errors"]
        lines += ["", f"Abweichungen ({name}): {len(errors)}"]
        lines += [f"  {e['id']}: {e['label']} = {e['predicted']} (Gold {e['gold']})" for e in errors[:40]]
    return "\n".join(lines)


def read_gold(path: Path) -> list[dict]:
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}, Zeile {number}: kein gültiges JSON ({exc.msg})") from exc
    return records


def main(argv: list[str] | None = None) -> int:
    args = list(argv if argv is not None else sys.argv[1:])
    half = None
    if "--split" in args:
        at = args.index("--split")
        half = args[at + 1].upper() if at + 1 < len(args) else ""
        del args[at : at + 2]
        if half not in ("A", "B"):
            print("Fehler: --split erwartet A oder B", file=sys.stderr)
            return 2
    files = [a for a in args if not a.startswith("--")]
    if not files:
        print(
            "Aufruf: python -m matcher.classifier.evaluate GOLD.jsonl [GOLD2.jsonl …] [--split A|B] [--ohne-embeddings]",
            file=sys.stderr,
        )
        return 2
    records, parts = [], {}
    try:
        for name in files:
            part = read_gold(Path(name))
            if half:
                part = split_half(part, half)
            parts[Path(name).name + (f" Hälfte {half}" if half else "")] = [r.get("id") for r in part]
            records += part
    except (OSError, ValueError) as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return 2
    missing = [
        r.get("id", "?") for r in records if any(k not in r for k in ("addressee", "co_steering") + ACCURACY_LABELS)
    ]
    if missing:
        print(f"Fehler: Goldlabels fehlen bei {', '.join(missing[:5])}", file=sys.stderr)
        return 2
    result = evaluate_classifier(
        records, use_embeddings="--ohne-embeddings" not in args, parts=parts if len(parts) > 1 else None
    )
    print(format_classifier_report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
