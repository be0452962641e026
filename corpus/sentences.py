"""The one German sentence splitter: the classifier's clauses, the eligibility rules' sentences and
the crawler's deadline and amount sentences all come from ``split_sentences``.

Bounded so that a 100-page Förderrichtlinie costs the same small, predictable time and memory as a
page of summary. Its output must not change without retraining: the classifier's learned weights
(``matcher/classifier/weights.json``) were fitted on these sentences.
"""

from __future__ import annotations

import re

MAX_CHARS = 200_000  # ~70 pages; eligibility and funding clauses come early in a Richtlinie
MAX_SENTENCES = 2_000
MAX_SENTENCE_CHARS = 600  # longer "sentences" are lists or tables: cut at ; or hard

# Abbreviations whose dot does not end a sentence (lower-cased, without the dot).
_ABBREVIATIONS = {
    "z",
    "b",
    "u",
    "a",
    "d",
    "h",
    "e",
    "v",
    "bzw",
    "ca",
    "etc",
    "ggf",
    "gem",
    "inkl",
    "evtl",
    "nr",
    "abs",
    "art",
    "ziff",
    "vgl",
    "sog",
    "usw",
    "max",
    "mind",
    "min",
    "zzgl",
    "str",
    "dr",
    "prof",
    "gmbh",
    "ev",
    "gg",
    "bspw",
    "insb",
    "allg",
    "jan",
    "feb",
    "mär",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "okt",
    "nov",
    "dez",
    "mio",
    "mrd",
    "tsd",
    "rd",
    "s",
    "ff",
    "i",
    "o",
}
_CANDIDATE = re.compile(r"[.!?;]+(?=\s+[\"„»(]?[A-ZÄÖÜ0-9])|\n\s*\n|\n(?=\s*[-•*–]\s)")
_WS = re.compile(r"\s+")


_MONTH = re.compile(r"\s*(Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)\b")


def _ends_in_abbreviation(chunk: str, following: str) -> bool:
    """True when the dot just before the split belongs to an abbreviation or a date ("24. März")."""
    match = re.search(r"(\S+)\.$", chunk)
    if not match:
        return False
    word = match.group(1).lower().lstrip('(„"»')
    if word.isdigit():
        return len(word) <= 2 and bool(_MONTH.match(following))
    parts = word.split(".")
    return parts[-1] in _ABBREVIATIONS


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text`` (whitespace normalised), at most ``MAX_SENTENCES`` of them."""
    if not text:
        return []
    text = text[:MAX_CHARS]
    sentences: list[str] = []
    start = 0
    for match in _CANDIDATE.finditer(text):
        end = match.end()
        chunk = text[start:end]
        if match.group(0).strip() == "." and _ends_in_abbreviation(chunk.rstrip(), text[end : end + 12]):
            continue
        _add(sentences, chunk)
        start = end
        if len(sentences) >= MAX_SENTENCES:
            return sentences[:MAX_SENTENCES]
    _add(sentences, text[start:])
    return sentences[:MAX_SENTENCES]


def _add(sentences: list[str], chunk: str) -> None:
    chunk = _WS.sub(" ", chunk).strip(" -•*–")
    if len(chunk) < 2:
        return
    while len(chunk) > MAX_SENTENCE_CHARS:
        cut = chunk.rfind(", ", 0, MAX_SENTENCE_CHARS)
        cut = cut + 1 if cut > MAX_SENTENCE_CHARS // 2 else MAX_SENTENCE_CHARS
        sentences.append(chunk[:cut].strip())
        chunk = chunk[cut:].strip()
    if chunk:
        sentences.append(chunk)
