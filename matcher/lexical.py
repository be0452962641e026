"""Lexical relevance: BM25 over German text (bm25s scoring, PyStemmer "german", German stopwords).

bm25s' convenience layer assumes English; here its low-level ``tokenize`` is called with
``stopwords="de"`` and no stemmer, and every word is then stemmed with the German Snowball stemmer
and, if it is a compound whose parts occur on their own in the corpus, also split into those
parts ("Seniorenarbeit" → seniorenarbeit, senior, arbeit). German glues words together, so
without the split a profile's "Seniorenarbeit" never meets a call's "Senioren".

The index is a directory of bm25s' own files (JSON + .npy, saved with ``allow_pickle=False``)
plus our ``lexical.json`` (ids, content hashes, the compound vocabulary).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

LEXICAL_VERSION = "bm25-de-2"
_LINKS = ("", "s", "es", "n", "en", "e")  # German linking morphemes (Fugenelemente)
_MIN_PART = 4
_MIN_COMPOUND = 9
_TOKEN_RE = r"(?u)\b\w\w+\b"
MIN_DOCS_FOR_DF = 20
COMMON_SHARE = 0.4


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("german")


def _words(texts: list[str]) -> list[list[str]]:
    """Lower-cased words without German stopwords (bm25s' tokenizer, no stemming yet)."""
    import bm25s

    return bm25s.tokenize(
        list(texts), lower=True, token_pattern=_TOKEN_RE, stopwords="de", stemmer=None,
        return_ids=False, show_progress=False,
    )


def stem(word: str) -> str:
    return _stemmer().stemWord(word.lower())


def split_compound(word: str, vocabulary: set[str] | frozenset[str]) -> list[str]:
    """Stems of the two parts of a German compound, or [] when no split is known.

    A split ``head + link + tail`` is accepted when the stems of head and tail both occur as
    words of their own in ``vocabulary`` (dictionary-based decompounding); the longest tail wins,
    because the head of a German compound is the modifier and the tail carries the meaning.
    """
    word = word.lower()
    if len(word) < _MIN_COMPOUND or not word.isalpha():
        return []
    for cut in range(_MIN_PART, len(word) - _MIN_PART + 1):
        head, tail = word[:cut], word[cut:]
        tail_stem = stem(tail)
        if tail_stem not in vocabulary:
            continue
        for link in _LINKS:
            if link and not head.endswith(link):
                continue
            base = head[: len(head) - len(link)] if link else head
            if len(base) < _MIN_PART:
                continue
            head_stem = stem(base)
            if head_stem in vocabulary:
                return [head_stem, tail_stem]
    return []


def analyse(texts: list[str], vocabulary: set[str] | frozenset[str] | None = None) -> tuple[list[list[str]], set[str]]:
    """Token lists (stems plus compound parts) for ``texts``; returns them and the vocabulary used.

    Without a ``vocabulary`` the texts' own stems serve as one (what an index build does).
    """
    words = _words(texts)
    unique = sorted({w for doc in words for w in doc})
    stems = dict(zip(unique, _stemmer().stemWords(unique)))
    vocab = vocabulary if vocabulary is not None else set(stems.values())  # never copied: it can be large
    expansions: dict[str, list[str]] = {}
    for w in unique:
        expansions[w] = [stems[w], *[p for p in split_compound(w, vocab) if p != stems[w]]]
    return [[t for w in doc for t in expansions[w]] for doc in words], vocab


@dataclass
class LexicalIndex:
    """BM25 over the calls' texts; ``scores`` gives one score per id, aligned with ``ids``."""

    ids: list[str] = field(default_factory=list)
    hashes: dict[str, str] = field(default_factory=dict)
    vocabulary: set[str] = field(default_factory=set)
    _bm25: object | None = None
    _phrases: dict[str, list[str]] = field(default_factory=dict)

    def phrase_tokens(self, phrase: str) -> list[str]:
        """The informative stems of a profile phrase (cached: profiles are ranked again and again)."""
        if phrase not in self._phrases:
            (tokens,), _ = analyse([phrase], self.vocabulary)
            self._phrases[phrase] = [t for t in dict.fromkeys(tokens)
                                     if t not in GENERIC_STEMS and len(t) >= 4 and not self._common(t)]
        return self._phrases[phrase]

    def _common(self, token: str) -> bool:
        """A stem in most calls ("verein", "migrant" in a corpus of migrant funding) says nothing
        about fit; only judged on corpora large enough to tell."""
        if self._bm25 is None or len(self.ids) < MIN_DOCS_FOR_DF or token not in self._bm25.vocab_dict:
            return False
        df = int(np.count_nonzero(self._bm25.get_scores([token])))
        return df > COMMON_SHARE * len(self.ids)

    @classmethod
    def build(cls, ids: list[str], texts: list[str], hashes: dict[str, str] | None = None) -> "LexicalIndex":
        import bm25s

        tokens, vocab = analyse(texts)
        retriever = bm25s.BM25(k1=1.2, b=0.75)
        if ids:
            # an empty document would break bm25s; a placeholder token keeps the row
            retriever.index([t or ["_leer_"] for t in tokens], show_progress=False)
        return cls(ids=list(ids), hashes=dict(hashes or {}), vocabulary=vocab, _bm25=retriever if ids else None)

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every indexed call for ``query`` (0 where no query term occurs)."""
        if not self.ids or self._bm25 is None:
            return np.zeros(len(self.ids), dtype=np.float32)
        (tokens,), _ = analyse([query], self.vocabulary)
        known = [t for t in tokens if t in self._bm25.vocab_dict]
        if not known:
            return np.zeros(len(self.ids), dtype=np.float32)
        return np.asarray(self._bm25.get_scores(known), dtype=np.float32)

    def coverage(self, phrases: list[str]) -> np.ndarray:
        """Share of ``phrases`` (fields of action, target groups) each call touches: a phrase
        counts when one of its informative stems occurs in the call."""
        result = np.zeros(len(self.ids), dtype=np.float32)
        if not self.ids or self._bm25 is None or not phrases:
            return result
        for phrase in phrases:
            known = [t for t in self.phrase_tokens(phrase) if t in self._bm25.vocab_dict]
            if known:
                result += np.asarray(self._bm25.get_scores(known)) > 0
        return result / len(phrases)

    # -- persistence -----------------------------------------------------------------
    def save(self, directory: Path) -> None:
        """bm25s writes its files one by one into a fresh ``bm25-<token>/``; ``lexical.json``,
        written last, names that folder, so a save killed half-way is never read."""
        import shutil
        import uuid

        directory.mkdir(parents=True, exist_ok=True)
        folder = f"bm25-{uuid.uuid4().hex[:12]}"
        if self._bm25 is not None:
            self._bm25.save(str(directory / folder), allow_pickle=False, show_progress=False)
        meta = {
            "version": LEXICAL_VERSION,
            "ids": self.ids,
            "hashes": self.hashes,
            "vocabulary": sorted(self.vocabulary),
            "bm25_dir": folder,
        }
        tmp = directory / "lexical.json.tmp"
        tmp.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        tmp.replace(directory / "lexical.json")
        for old in directory.glob("bm25*"):
            if old.name != folder and old.is_dir():  # older generations, killed saves
                shutil.rmtree(old, ignore_errors=True)

    @classmethod
    def load(cls, directory: Path) -> "LexicalIndex | None":
        """The saved index, or None if it is missing, unreadable or from another version."""
        import bm25s

        try:
            meta = json.loads((directory / "lexical.json").read_text(encoding="utf-8"))
            if meta.get("version") != LEXICAL_VERSION:
                return None
            retriever = None
            if meta["ids"]:
                folder = meta.get("bm25_dir", "bm25")  # "bm25": saved before generations
                retriever = bm25s.BM25.load(str(directory / folder), allow_pickle=False, load_corpus=False)
                if retriever.scores["num_docs"] != len(meta["ids"]):
                    return None
        except (OSError, ValueError, KeyError):
            return None
        return cls(ids=meta["ids"], hashes=meta["hashes"], vocabulary=set(meta["vocabulary"]), _bm25=retriever)


# words too general to say that a call fits a field of action
GENERIC_STEMS = frozenset(stem_ for stem_ in (
    "arbeit", "forder", "projekt", "angebot", "mensch", "stark", "unterstutz", "beratung",
    "bereich", "thema", "aktiv", "migrationsgeschicht", "einwanderungsgeschicht", "kommun",
))


def phrase_hits(phrase: str, doc_tokens: set[str], index: LexicalIndex) -> list[str]:
    """The informative stems of ``phrase`` (a field of action, a target group) found in a call."""
    return [t for t in index.phrase_tokens(phrase) if t in doc_tokens]
