"""Text hygiene shared by every way a call enters or leaves Kulisse.

Crawled and imported text is untrusted. Three things in it broke whole runs before (issue 17):
control characters (ESC sequences reached the terminal, NUL broke xlsx, CR/LF broke ics), lone
surrogates (no UTF-8 encoding exists, so SQLite and every writer failed) and sheer size (a 1 MB
title made matching take minutes). The helpers here are pure functions on strings.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

# C0 controls except tab and newline, DEL, the C1 block (0x9b is a one-byte CSI), and the bidi
# embeddings, overrides and isolates (U+202A–202E, U+2066–2069): they reorder what a terminal or
# a spreadsheet shows ("Frist 2027" can read as "7202"). Arabic or Hebrew text needs none of them;
# the plain marks LRM/RLM stay.
_BIDI = "\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(rf"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")
_CONTROL_ALL = re.compile(rf"[\x00-\x1f\x7f-\x9f{_BIDI}]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")

# Longest text each field may have, in characters. Real calls stay far below (snapshot and eval:
# titles ≤ 160, summaries ≤ 1,700; crawled full texts rarely above 60,000).
LIMITS = {
    "title": 500,
    "funder": 500,
    "url": 2_000,
    "source": 200,
    "amount_text": 2_000,
    "deadline_text": 2_000,
    "summary_de": 200_000,
    "full_text": 500_000,
}
MULTILINE = frozenset({"summary_de", "full_text"})


def strip_controls(text: str, *, multiline: bool = False) -> str:
    """``text`` without control characters. Multi-line text keeps tab and newline (CR and CRLF
    become newline: a bare CR lets a line overwrite itself in a terminal); one-line text gets a
    space for each line break or tab, so nothing can end a CSV or ICS line early."""
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        return _CONTROL.sub("", text)
    return _CONTROL.sub("", text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ").replace("\t", " "))


def has_controls(text: str) -> bool:
    return bool(_CONTROL_ALL.search(text))


def fix_surrogates(text: str) -> str:
    """Lone surrogates (from JSON escapes like ``\\ud800``) become U+FFFD."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def has_surrogates(text: str) -> bool:
    return bool(_SURROGATE.search(text))


# one scan decides whether a field needs any work (every store read passes here)
_DIRTY_MULTI = re.compile(rf"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}\ud800-\udfff]")
_DIRTY_ONE = re.compile(rf"[\x00-\x1f\x7f-\x9f{_BIDI}\ud800-\udfff]")


def clean_field(name: str, text: str) -> str:
    """What the model stores for a text field: no controls, no lone surrogates, within its limit."""
    multiline = name in MULTILINE
    if (_DIRTY_MULTI if multiline else _DIRTY_ONE).search(text):
        text = strip_controls(fix_surrogates(text), multiline=multiline)
    limit = LIMITS.get(name)
    return truncate(text, limit) if limit else text


def truncate(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, at a word end where one is near, with "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ", max(0, limit - 80))
    return (cut[:space] if space > 0 else cut).rstrip() + "…"


def too_long(record: dict) -> list[tuple[str, int, int]]:
    """(field, length, limit) for each string field of an import record over its limit."""
    return [
        (k, len(v), LIMITS[k]) for k, v in record.items() if k in LIMITS and isinstance(v, str) and len(v) > LIMITS[k]
    ]


def safe_url(url: str | None) -> str | None:
    """``url`` if it may become a link in any output, else None.

    Only http(s) with a host; ``javascript:``, ``data:``, ``file:`` and the like never become
    links. Whitespace, quotes, angle brackets, backslashes and anything non-ASCII are
    percent-encoded, so the URL cannot end an autolink, an attribute or an ICS line early.
    """
    if not url:
        return None
    url = strip_controls(fix_surrogates(url)).strip()
    try:
        parts = urlsplit(url)
    except ValueError:  # "http://[::1" and other broken hosts
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(url, safe="!#$%&()*+,-./:;=?@[]_~")
