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
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

LEXICAL_VERSION = "bm25-de-tf-1"
_LINKS = ("", "s", "es", "n", "en", "e")  # German linking morphemes (Fugenelemente)
_MIN_PART = 4
_MIN_COMPOUND = 9
_MAX_COMPOUND = 64  # longer "words" are run-together junk; splitting them costs time quadratic in their length
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
        list(texts),
        lower=True,
        token_pattern=_TOKEN_RE,
        stopwords="de",
        stemmer=None,
        return_ids=False,
        show_progress=False,
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
    if not _MIN_COMPOUND <= len(word) <= _MAX_COMPOUND or not word.isalpha():
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
    """BM25 over the calls' texts; ``scores`` gives one score per id, aligned with ``ids``.

    What is stored is the raw term-count matrix (calls × stems, CSR); BM25 weights are computed
    at query time from it, so an update re-analyses only new or changed calls and copies the
    rows of the others – the global statistics (document frequencies, mean length) follow by
    themselves. Scoring is bm25s' "lucene" variant (Lin et al., bm25s ``scoring.py``):

        score(q, d) = Σ_{t ∈ q} idf(t) · tf(t, d) / (tf(t, d) + k1 · (1 − b + b · |d| / avgdl)),
        idf(t) = ln(1 + (N − df(t) + 0.5) / (df(t) + 0.5))
    """

    ids: list[str] = field(default_factory=list)
    hashes: dict[str, str] = field(default_factory=dict)
    vocabulary: set[str] = field(default_factory=set)  # stems seen as words: for decompounding
    terms: list[str] = field(default_factory=list)  # column → stem
    tf: object | None = None  # scipy.sparse.csr_matrix, float32 counts
    k1: float = 1.2
    b: float = 0.75
    _phrases: dict[str, list[str]] = field(default_factory=dict)
    _derived: dict = field(default_factory=dict)

    # -- building --------------------------------------------------------------------
    @classmethod
    def build(cls, ids: list[str], texts: list[str], hashes: dict[str, str] | None = None) -> LexicalIndex:
        index = cls()
        index.update(dict(zip(ids, texts)), dict(hashes) if hashes else {i: "" for i in ids})
        return index

    def stale(self, current: dict[str, str]) -> tuple[list[str], list[str]]:
        changed = [i for i, h in current.items() if self.hashes.get(i) != h or i not in self._row]
        gone = [i for i in self.ids if i not in current]
        return sorted(changed), gone

    @property
    def _row(self) -> dict[str, int]:
        if "row" not in self._derived:
            self._derived["row"] = {i: n for n, i in enumerate(self.ids)}
        return self._derived["row"]

    def update(self, texts: dict[str, str], current: dict[str, str]) -> int:
        """Bring the index to ``current`` (id → content hash); ``texts`` holds at least the new
        or changed calls. Returns how many calls were analysed."""
        from scipy import sparse

        changed, _ = self.stale(current)
        words = _words([texts[i] for i in changed])
        unique = sorted({w for doc in words for w in doc})
        self.vocabulary.update(_stemmer().stemWords(unique))
        tokens, _ = analyse([texts[i] for i in changed], self.vocabulary)
        column = {t: n for n, t in enumerate(self.terms)}
        rows, cols, vals = [], [], []
        for r, doc in enumerate(tokens):
            counts: dict[int, int] = {}
            for t in doc:
                c = column.get(t)
                if c is None:
                    c = column[t] = len(self.terms)
                    self.terms.append(t)
                counts[c] = counts.get(c, 0) + 1
            rows.extend([r] * len(counts))
            cols.extend(counts)
            vals.extend(counts.values())
        width = len(self.terms)
        fresh = sparse.csr_matrix((np.asarray(vals, dtype=np.float32), (rows, cols)), shape=(len(changed), width))
        changed_set = set(changed)
        keep = [i for i in self.ids if i in current and i not in changed_set]
        if self.tf is not None and keep:
            old = self.tf[[self._row[i] for i in keep]]
            old = sparse.csr_matrix((old.data, old.indices, old.indptr), shape=(len(keep), width))
        else:
            old = sparse.csr_matrix((0, width), dtype=np.float32)
        merged_ids = keep + changed
        order = np.argsort(np.asarray(merged_ids, dtype=object), kind="stable")
        self.tf = sparse.vstack([old, fresh], format="csr")[order]
        self.ids = [merged_ids[n] for n in order]
        self.hashes = {i: current[i] for i in self.ids}
        self._derived = {}
        self._phrases = {}
        return len(changed)

    # -- querying --------------------------------------------------------------------
    def _stats(self) -> dict:
        if "csc" not in self._derived:
            tf = self.tf
            csc = tf.tocsc()
            lengths = np.asarray(tf.sum(axis=1)).ravel()
            self._derived.update(
                csc=csc,
                lengths=lengths,
                avgdl=float(lengths.mean()) if len(lengths) else 0.0,
                df=np.diff(csc.indptr),
                column={t: n for n, t in enumerate(self.terms)},
            )
        return self._derived

    def postings(self, term: str) -> tuple[np.ndarray, np.ndarray]:
        """(call rows, counts) of the calls containing ``term``."""
        if self.tf is None or not self.ids:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        st = self._stats()
        j = st["column"].get(term)
        if j is None:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        a, z = st["csc"].indptr[j], st["csc"].indptr[j + 1]
        return st["csc"].indices[a:z], st["csc"].data[a:z]

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every indexed call for ``query`` (0 where no query term occurs)."""
        result = np.zeros(len(self.ids), dtype=np.float64)
        if self.tf is None or not self.ids:
            return result.astype(np.float32)
        queries = self._derived.setdefault("queries", {})  # the same profile is ranked again and again
        if query not in queries:
            (tokens,), _ = analyse([query], self.vocabulary)
            query_tf: dict[str, float] = {}
            for t in tokens:
                query_tf[t] = query_tf.get(t, 0) + 1
            queries[query] = query_tf
        return self.term_scores(queries[query])

    def term_scores(self, query_tf: dict[str, float]) -> np.ndarray:
        """BM25 of every indexed call for weighted query stems (what ``scores`` computes after
        analysing a text; relevance feedback adds the stems of marked calls this way)."""
        result = np.zeros(len(self.ids), dtype=np.float64)
        if self.tf is None or not self.ids:
            return result.astype(np.float32)
        st = self._stats()
        n = len(self.ids)
        for term, qtf in query_tf.items():
            rows, tf = self.postings(term)
            if not len(rows):
                continue
            df = len(rows)
            idf = np.log(1 + (n - df + 0.5) / (df + 0.5))
            norm = self.k1 * (1 - self.b + self.b * st["lengths"][rows] / st["avgdl"])
            result[rows] += qtf * idf * tf / (tf + norm)
        return result.astype(np.float32)

    def doc_terms(self, call_id: str) -> dict[str, float]:
        """The stems of one indexed call with their counts (empty for an unknown id)."""
        row = self._row.get(call_id)
        if row is None or self.tf is None:
            return {}
        a, z = self.tf.indptr[row], self.tf.indptr[row + 1]
        return {self.terms[j]: float(c) for j, c in zip(self.tf.indices[a:z], self.tf.data[a:z])}

    def phrase_tokens(self, phrase: str) -> list[str]:
        """The informative stems of a profile phrase (cached: profiles are ranked again and again)."""
        if phrase not in self._phrases:
            (tokens,), _ = analyse([phrase], self.vocabulary)
            self._phrases[phrase] = [
                t for t in dict.fromkeys(tokens) if t not in GENERIC_STEMS and len(t) >= 4 and not self._common(t)
            ]
        return self._phrases[phrase]

    def _common(self, token: str) -> bool:
        """A stem in most calls ("verein", "migrant" in a corpus of migrant funding) says nothing
        about fit; only judged on corpora large enough to tell."""
        if len(self.ids) < MIN_DOCS_FOR_DF:
            return False
        return len(self.postings(token)[0]) > COMMON_SHARE * len(self.ids)

    def coverage(self, phrases: list[str]) -> np.ndarray:
        """Share of ``phrases`` (fields of action, target groups) each call touches: a phrase
        counts when one of its informative stems occurs in the call."""
        result = np.zeros(len(self.ids), dtype=np.float32)
        if not self.ids or not phrases:
            return result
        for phrase in phrases:
            hit = np.zeros(len(self.ids), dtype=bool)
            for t in self.phrase_tokens(phrase):
                hit[self.postings(t)[0]] = True
            result += hit
        return result / len(phrases)

    # -- persistence -----------------------------------------------------------------
    def save(self, directory: Path) -> None:
        """The matrix goes into a fresh ``tf-<token>/`` folder; ``lexical.json``, written last,
        names that folder, so a save killed half-way is never read."""
        import shutil
        import uuid

        directory.mkdir(parents=True, exist_ok=True)
        folder = f"tf-{uuid.uuid4().hex[:12]}"
        (directory / folder).mkdir()
        if self.tf is not None:
            for name, array in (("data", self.tf.data), ("indices", self.tf.indices), ("indptr", self.tf.indptr)):
                with open(directory / folder / f"{name}.npy", "wb") as fh:
                    np.save(fh, array, allow_pickle=False)
        meta = {
            "version": LEXICAL_VERSION,
            "k1": self.k1,
            "b": self.b,
            "ids": self.ids,
            "hashes": self.hashes,
            "terms": self.terms,
            "vocabulary": sorted(self.vocabulary),
            "tf_dir": folder,
        }
        from corpus.atomic import write_text_atomic

        write_text_atomic(directory / "lexical.json", json.dumps(meta, ensure_ascii=False))  # unique temp name
        for old in directory.iterdir():
            if old.is_dir() and old.name != folder and old.name.startswith(("tf-", "bm25")):
                shutil.rmtree(old, ignore_errors=True)  # older generations, killed saves

    @classmethod
    def load(cls, directory: Path) -> LexicalIndex | None:
        """The saved index, or None if it is missing, unreadable or from another version."""
        from scipy import sparse

        try:
            meta = json.loads((directory / "lexical.json").read_text(encoding="utf-8"))
            if meta.get("version") != LEXICAL_VERSION:
                return None
            index = cls(
                ids=meta["ids"],
                hashes=meta["hashes"],
                vocabulary=set(meta["vocabulary"]),
                terms=meta["terms"],
                k1=meta["k1"],
                b=meta["b"],
            )
            folder = directory / meta["tf_dir"]
            if (folder / "data.npy").exists() or index.ids:
                arrays = [np.load(folder / f"{n}.npy", allow_pickle=False) for n in ("data", "indices", "indptr")]
                index.tf = sparse.csr_matrix(tuple(arrays), shape=(len(index.ids), len(index.terms)))
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return index


# words too general to say that a call fits a field of action
GENERIC_STEMS = frozenset(
    stem_
    for stem_ in (
        "arbeit",
        "forder",
        "projekt",
        "angebot",
        "mensch",
        "stark",
        "unterstutz",
        "beratung",
        "bereich",
        "thema",
        "aktiv",
        "migrationsgeschicht",
        "einwanderungsgeschicht",
        "kommun",
    )
)


def phrase_hits(phrase: str, doc_tokens: set[str], index: LexicalIndex) -> list[str]:
    """The informative stems of ``phrase`` (a field of action, a target group) found in a call."""
    return [t for t in index.phrase_tokens(phrase) if t in doc_tokens]
