"""Embedding comparison: how close a call's sentences come to descriptions of each level.

The descriptions paraphrase the working paper's typology (DESIGN.md, "Why the steering flag
matters"): level 1 practical work, 2 coordination, 3 strategy. For each call the score of a level
is the best cosine of any of its sentences to that level's descriptions, minus the best cosine to
practical work, times ``SCALE`` so that it is comparable to the rules' points.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from matcher.classifier.cues import Reading

SCALE = 10.0
MAX_SENTENCES = 24  # per call: the sentences the rules found plus the opening ones

PROTOTYPES: dict[str, list[str]] = {
    "praxis": [
        "Gefördert werden konkrete Projekte, Kurse, Veranstaltungen, Begegnungsfeste und Beratungsangebote für die Zielgruppe.",
        "Das Programm finanziert praktische Integrationsarbeit vor Ort: Angebote, Kurse und Aktivitäten von Vereinen.",
        "Funding for concrete projects, courses, events and services for participants.",
    ],
    "koordination": [
        "Gefördert werden Koordinierungsstellen und Personal für Netzwerkkoordination, Fallkoordination und Netzwerkmanagement.",
        "Die Förderung finanziert die Koordination eines Netzwerks von Trägern, Kommune und Migrantenorganisationen.",
        "Funding for coordination posts, network management and case coordination between agencies and organisations.",
    ],
    "strategie": [
        "Kommune und Migrantenorganisationen entwickeln gemeinsam eine lokale Integrationsstrategie und bilden ein Steuerungsgremium.",
        "Gefördert wird der Aufbau einer Steuerungsgruppe, die Planung, Steuerung und Evaluation der Integrationspolitik übernimmt.",
        "A joint steering committee of the municipality and civil society develops and monitors a local strategy.",
    ],
}


@lru_cache(maxsize=1)
def _prototype_vectors() -> dict[str, np.ndarray]:
    from matcher.embedding import embed

    return {level: embed(texts) for level, texts in PROTOTYPES.items()}


def _pick(title: str, sentences: list[str], reading: Reading) -> list[str]:
    cued = {h.text for hits in reading.level_hits.values() for h in hits}
    chosen = [title] + [s for s in sentences if s in cued]
    chosen += [s for s in sentences[:MAX_SENTENCES] if s not in cued]
    return chosen[:MAX_SENTENCES]


def level_similarities(
    titles: list[str], sentences_per_call: list[list[str]], readings: list[Reading]
) -> list[dict[str, float]]:
    """Per call: {"strategie": x, "koordination": y}, each relative to practical work."""
    from matcher.embedding import embed

    picked = [_pick(t, s, r) for t, s, r in zip(titles, sentences_per_call, readings)]
    flat = [s for p in picked for s in p]
    vectors = embed(flat) if flat else np.zeros((0, 1), dtype=np.float32)
    protos = _prototype_vectors()
    result: list[dict[str, float]] = []
    offset = 0
    for p in picked:
        block = vectors[offset : offset + len(p)]
        offset += len(p)
        best = {level: float((block @ protos[level].T).max()) if len(block) else 0.0 for level in protos}
        result.append(
            {level: round(SCALE * (best[level] - best["praxis"]), 3) for level in ("strategie", "koordination")}
        )
    return result
