"""Build or bring up to date both indexes of a database (what ``kulisse index`` and ``match`` do).

The indexes live in ``corpus.paths.index_dir(db)``: ``lexical/`` (BM25) and ``dense/``
(embeddings). Both are compared with the store's content hashes; BM25 is rebuilt whole when
anything changed (seconds even at 100,000 calls), embeddings only for new or changed calls.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from corpus.model import FundingCall
from matcher.dense_index import DenseIndex
from matcher.lexical import LexicalIndex

Progress = Callable[[str, int, int], None]  # (German stage label, done, total)


@dataclass
class Indexes:
    """Both indexes of one corpus, plus what the last update did."""

    lexical: LexicalIndex
    dense: DenseIndex | None
    stats: dict[str, int] = field(default_factory=dict)
    warning: str = ""  # German, e.g. why dense relevance is missing
    directory: Path | None = None
    embed: object | None = None  # the embedder the dense index was built with (None: the model)
    cache: dict = field(default_factory=dict)  # per-corpus work of the ranking (matcher.ranking._cache)

    def save_profiles(self) -> None:
        """Persist newly computed profile embeddings (so the next match needs no model)."""
        if self.dense is not None and self.directory is not None:
            self.dense.save_profiles(self.directory / "dense")


def call_text(call: FundingCall) -> str:
    """What both indexes see of a call: its own words. The funder's name is left out: "Bundes-
    ministerium für Familie, Senioren, Frauen und Jugend" would make every BMFSFJ call "fit"
    seniors, women and youth work (towns in funder names are read by the eligibility rules)."""
    return "\n".join(p for p in (call.title, call.summary_de, call.full_text) if p)


@contextmanager
def index_lock(directory: Path | None):
    """One index build per folder at a time: a second ``kulisse index``/``match`` waits, then
    finds the folder current. Before, two builds shared temp names and each deleted the other's
    fresh files as "older generations". (An advisory lock: released when a process dies.)"""
    if directory is None:
        yield
        return
    try:
        import fcntl
    except ImportError:  # Windows: no flock; unique temp names still keep each file whole
        yield
        return
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / ".lock", "a+b") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def ensure_indexes(
    calls: list[FundingCall],
    directory: Path | None,
    *,
    dense: bool = True,
    progress: Progress | None = None,
    embed=None,
) -> Indexes:
    """Load the indexes from ``directory`` and update them to ``calls`` (None: in memory only).

    With ``dense=False`` (or when the model cannot be loaded) only BM25 is built; the warning
    says why. ``embed`` replaces the sentence-transformers model (tests, benchmarks).
    """
    with index_lock(directory):
        return _ensure(calls, directory, dense=dense, progress=progress, embed=embed)


def _ensure(
    calls: list[FundingCall], directory: Path | None, *, dense: bool, progress: Progress | None, embed
) -> Indexes:
    from matcher.embedding import ModelUnavailable, model_name

    current = {c.id: c.content_hash for c in calls}
    stats: dict[str, int] = {}
    if directory is not None and embed is None:  # a fresh folder starts from the shipped indexes
        from matcher.prebuilt import install_indexes

        install_indexes(directory)
    lexical = (LexicalIndex.load(directory / "lexical") if directory else None) or LexicalIndex()
    changed, gone = lexical.stale(current)
    if changed or gone:
        if progress:
            progress("Stichwortindex (BM25)", 0, len(changed) or 1)
        wanted = set(changed)
        stats["bm25_analysiert"] = lexical.update({c.id: call_text(c) for c in calls if c.id in wanted}, current)
        if directory:
            lexical.save(directory / "lexical")
        if progress:
            progress("Stichwortindex (BM25)", len(changed) or 1, len(changed) or 1)
    index = Indexes(lexical=lexical, dense=None, stats=stats, directory=directory, embed=embed)
    if not dense:
        return index
    # a replacement embedder names its own "model", so its vectors never mix with real ones
    name = getattr(embed, "model_name", "test-embedder") if embed is not None else model_name()
    dense_index = DenseIndex.load(directory / "dense", name) if directory else DenseIndex(model=name)
    changed, gone = dense_index.stale(current)
    if changed or gone:
        wanted = set(changed)
        texts = {c.id: (c.title, call_text(c)) for c in calls if c.id in wanted}
        if progress:  # before the model loads (seconds), so the user hears about it at once
            progress("Einbettungen (Sprachmodell)", 0, len(changed))
        try:
            stats.update(
                dense_index.update(
                    texts,
                    current,
                    embed=embed,
                    progress=(lambda d, t: progress("Einbettungen (Sprachmodell)", d, t)) if progress else None,
                )
            )
        except ModelUnavailable as exc:
            index.warning = f"{exc} Die Rangfolge nutzt nur den Stichwortindex."
            return index
        if directory:
            dense_index.save(directory / "dense")
    index.dense = dense_index
    return index
