"""Hand-made calls and a tiny deterministic embedder for the matcher tests (no model needed)."""

from __future__ import annotations

import hashlib
import re

import numpy as np

from corpus.model import call_from_record


class HashEmbedder:
    """Bag of words hashed into 64 dimensions, L2-normalised; counts the texts it embedded."""

    model_name = "hash-test-embedder"

    def __init__(self) -> None:
        self.texts: list[str] = []

    def __call__(self, texts: list[str]) -> np.ndarray:
        self.texts.extend(texts)
        out = np.zeros((len(texts), 64), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in re.findall(r"\w{4,}", text.lower()):
                out[i, int(hashlib.md5(word[:6].encode()).hexdigest(), 16) % 64] += 1
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)


def make_call(id_: str, title: str, summary: str, **fields):
    record = {
        "id": id_,
        "title": title,
        "summary_de": summary,
        "level": fields.pop("level", "bund"),
        "region": fields.pop("region", "DE"),
        "funder": fields.pop("funder", "Bund"),
        **fields,
    }
    return call_from_record(record)


def sample_calls():
    return [
        make_call(
            "senioren",
            "Kultursensible Seniorenarbeit im Quartier",
            "Gefördert werden Angebote für ältere Migrantinnen und Migranten, Begegnung und Beratung "
            "für Senioren. Antragsberechtigt sind gemeinnützige Vereine und Migrantenorganisationen.",
            applicants=["verein", "mo"],
            deadline_text="laufend",
        ),
        make_call(
            "koordination",
            "Koordinierungsstellen für Verbünde von Migrantenorganisationen",
            "Das Programm finanziert Koordinierungsstellen und eine gemeinsame Steuerungsgruppe von "
            "Kommune und Migrantenorganisationen für die Integrationsarbeit.",
            applicants=["verbund", "mo", "kommune"],
            deadline_text="bis 30.06.2030",
        ),
        make_call(
            "forschung",
            "Forschungsförderung Quantenoptik",
            "Hochschulen erhalten Mittel für Grundlagenforschung in der Quantenoptik.",
            applicants=["hochschule"],
            deadline_text="bis 30.06.2030",
        ),
        make_call(
            "bayern",
            "Integrationsprojekte in Bayern",
            "Projekte für Geflüchtete und Senioren mit Migrationsgeschichte in Bayern.",
            level="land",
            region="DE-BY",
            applicants=["verein", "mo"],
            deadline_text="laufend",
        ),
        make_call(
            "kommunal",
            "Integrationsmanagement für Kommunen",
            "Antragsberechtigt sind ausschließlich Kommunen. Gefördert wird das kommunale Integrationsmanagement.",
            level="land",
            region="DE-NW",
            applicants=["kommune"],
            deadline_text="laufend",
        ),
        make_call(
            "abgelaufen",
            "Seniorenprojekte 2020",
            "Projekte der Seniorenarbeit von Migrantenvereinen.",
            applicants=["verein", "mo"],
            deadline_text="bis 31.03.2020",
        ),
    ]
