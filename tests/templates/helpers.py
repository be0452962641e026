"""Reading generated documents back with python-docx."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_COLOR_INDEX


def _paragraphs(doc):
    yield from doc.paragraphs
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs
    for section in doc.sections:
        yield from section.header.paragraphs
        yield from section.footer.paragraphs


def all_text(path: Path) -> str:
    return "\n".join(p.text for p in _paragraphs(Document(str(path))))


def highlighted_runs(path: Path) -> list[str]:
    return [
        r.text
        for p in _paragraphs(Document(str(path)))
        for r in p.runs
        if r.font.highlight_color == WD_COLOR_INDEX.YELLOW
    ]
