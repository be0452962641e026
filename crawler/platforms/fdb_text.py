"""The Förderdatenbank's programme text as paragraphs, for summary, deadline and amount.

Real pages put the legal basis first ("Rechtsgrundlage: Richtlinie … vom 04.11.2024"), often
without a tab, and the deadline sentence right after it. Read as one string, the citation and
the next paragraph merge into one "sentence" and become the deadline; so the text is kept as
paragraphs with their section (Kurzzusammenfassung, Zusatzinfos, Rechtsgrundlage), citations
are recognised and left out, and sentences never cross a paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus import vocabulary
from corpus.sentences import split_sentences
from crawler.loaders import clean_text

# the site's tab names (and the same words as headings in the export's bodyText)
SECTIONS = {"kurzzusammenfassung": "kurz", "zusatzinfos": "zusatz", "rechtsgrundlage": "recht"}
_ORDER = ("kurz", "zusatz", "", "recht")  # where a summary, deadline or amount is looked for first

_LEGAL_DOC = re.compile(vocabulary.LEGAL_DOCUMENT, re.IGNORECASE | re.DOTALL)
_DATE_LINE = re.compile(r"^(?:vom|von|Stand)\b:?\s", re.IGNORECASE)
_PROSE = re.compile(r"[.!?]$")
_DEADLINE_CUE = re.compile(vocabulary.DEADLINE_SENTENCE, re.IGNORECASE)
_AMOUNT_CUE = re.compile(vocabulary.AMOUNT_SENTENCE, re.IGNORECASE)
# eligibility sentences carry company sizes in euro ("Jahresumsatz bis zu EUR 50 Millionen")
_WHO = re.compile(vocabulary.WHO_SENTENCE, re.IGNORECASE)


@dataclass(frozen=True)
class Para:
    section: str  # "kurz" | "zusatz" | "recht" | ""
    text: str

    @property
    def citation(self) -> bool:
        return bool(_LEGAL_DOC.match(self.text))


def from_blocks(entries: list[tuple[str, str]]) -> list[Para]:
    """``textparts.blocks`` output (("h", heading) / ("t", text)) → paragraphs with their section."""
    out, section = [], ""
    for kind, text in entries:
        key = text.strip().rstrip(":").strip().lower()
        if kind == "h":
            section = SECTIONS.get(key, section)
        elif text:
            out.append(Para(section, text))
    return out


def from_lines(parts: list[tuple[str, str | None]]) -> list[Para]:
    """The export's rich-text properties (section, text with line breaks) → paragraphs.

    A line that is a tab name switches the section; other short lines without a full stop
    are headings and dropped."""
    out = []
    for section, value in parts:
        current = section
        for line in (value or "").split("\n"):
            text = clean_text(line)
            if not text:
                continue
            key = text.rstrip(":").lower()
            if _DATE_LINE.match(text) and out:
                # "vom: 23.12.2024" on its own line belongs to the citation above it
                out[-1] = Para(out[-1].section, f"{out[-1].text} {text}")
            elif key in SECTIONS:
                current = SECTIONS[key]
            elif len(text) < 40 and not re.search(r"[.!?:]$", text) and not re.search(r"\d", text):
                continue
            else:
                out.append(Para(current, text))
    return out


def _ordered(paras: list[Para]) -> list[Para]:
    return sorted(
        (p for p in paras if not p.citation), key=lambda p: _ORDER.index(p.section) if p.section in _ORDER else 2
    )


def _sentences(paras: list[Para]):
    for p in paras:
        for s in split_sentences(p.text):
            yield p, s


def summary(paras: list[Para]) -> str | None:
    """The Kurzzusammenfassung; else the other text; else what the legal part says beyond citations."""
    for wanted in (("kurz",), ("zusatz", ""), ("recht",)):
        # prose only: whole sentences, not an authority's name or a gazette line under a citation
        chosen = [
            p.text
            for p in paras
            if p.section in wanted and not p.citation and _PROSE.search(p.text) and len(p.text.split()) >= 6
        ]
        if chosen:
            return "\n".join(chosen)
    return None


def deadline_text(paras: list[Para], limit: int = 3) -> str | None:
    found = [s for _, s in _sentences(_ordered(paras)) if _DEADLINE_CUE.search(s)]
    return " ".join(found[:limit]) or None


def amount_text(paras: list[Para], limit: int = 2) -> str | None:
    found = [
        (p, s)
        for p, s in _sentences(_ordered(paras))
        if _AMOUNT_CUE.search(s) and re.search(r"\d", s) and not _WHO.search(s)
    ]
    # the legal part only when the description names no amount
    main = [s for p, s in found if p.section != "recht"]
    chosen = main or [s for _, s in found]
    return " ".join(chosen[:limit]) or None


def full_text(paras: list[Para]) -> str:
    return "\n".join(p.text for p in paras)
