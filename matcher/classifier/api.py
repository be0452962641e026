"""Classify one call or many; keep the labels in the store, recomputed only when stale."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from corpus.model import Classification, FundingCall
from corpus.sentences import split_sentences
from matcher.classifier.cues import read_call
from matcher.classifier.decide import decide
from matcher.classifier.features import call_features, embed_calls, projected
from matcher.classifier.model import load_model

# Bump when rules, features or prototypes change: stored labels of older versions are redone.
# The learned weights add their own fingerprint, so retraining relabels the store too.
RULES_VERSION = "regeln-2026.5"


def _weights_fingerprint() -> str:
    import hashlib

    from matcher.classifier.model import WEIGHTS_PATH

    return hashlib.sha256(WEIGHTS_PATH.read_bytes()).hexdigest()[:8] if WEIGHTS_PATH.is_file() else "ohne-gewichte"


CLASSIFIER_VERSION = f"{RULES_VERSION}+{_weights_fingerprint()}"
# Measured on the dev set (docs/classifier.md): the English default model does not improve the
# rules, so the embedding comparison adds evidence but moves no decision unless weighted.
EMBEDDING_WEIGHT = 0.0


def _body(call: FundingCall) -> str:
    return "\n".join(p for p in (call.summary_de, call.full_text) if p)


def classify_many(
    calls: Sequence[FundingCall],
    *,
    use_embeddings: bool = True,
    use_given_form: bool = True,
    emb_weight: float | None = None,
    use_learned: bool = True,
) -> list[Classification]:
    """Labels for each call; the embedding model (if used) embeds all sentences in one batch."""
    readings = []
    sentences_per_call = []
    for call in calls:
        sentences = split_sentences(_body(call))
        sentences_per_call.append(sentences)
        readings.append(read_call(call.title, sentences))
    model = load_model() if use_learned else None
    vectors = None
    if model is not None and model.projection is not None and calls:
        vectors = embed_calls([c.title for c in calls], sentences_per_call)  # None: model missing, heads do without
    similarities: list[dict[str, float] | None] = [None] * len(calls)
    if use_embeddings and calls:
        from matcher.classifier.prototypes import level_similarities

        similarities = level_similarities([c.title for c in calls], sentences_per_call, readings)
    weight = EMBEDDING_WEIGHT if emb_weight is None else emb_weight
    return [
        decide(
            call,
            reading,
            emb=sim,
            emb_weight=weight,
            use_given_form=use_given_form,
            version=CLASSIFIER_VERSION,
            features=_features(call, reading, sentences, model, None if vectors is None else vectors[i]),
            model=model,
            sentences=sentences,
        )
        for i, (call, reading, sim, sentences) in enumerate(zip(calls, readings, similarities, sentences_per_call))
    ]


def _features(call, reading, sentences, model, vector) -> dict[str, float] | None:
    if model is None:
        return None
    features = call_features(call, reading, sentences)
    if vector is not None and model.projection is not None:
        features.update(projected(vector, model.projection))
    return features


def classify(call: FundingCall, *, use_embeddings: bool = True, use_learned: bool = True) -> Classification:
    """The Förderkulisse labels of one call, each with its evidence and a confidence."""
    return classify_many([call], use_embeddings=use_embeddings, use_learned=use_learned)[0]


def ensure_labels(
    store, *, progress: Callable[[int, int], None] | None = None, use_embeddings: bool = False, batch: int = 64
) -> int:
    """Classify every call whose stored labels are stale; returns how many were (re)labelled."""
    stale = set(store.stale_label_ids(CLASSIFIER_VERSION))
    if not stale:
        if progress:
            progress(0, 0)
        return 0
    calls = [c for c in store.calls() if c.id in stale]
    total = len(calls)
    done = 0
    for start in range(0, total, batch):
        part = calls[start : start + batch]
        labels = classify_many(part, use_embeddings=use_embeddings)
        store.set_labels([(c.id, c.content_hash, cls) for c, cls in zip(part, labels)])
        done += len(part)
        if progress:
            progress(done, total)
    return total
