"""Turn a page's content into headed sections and "Label: value" pairs.

Land and foundation pages have no stable classes but fixed German headings ("Wer kann eine
Förderung erhalten?") and labelled facts ("Bewerbungsfrist: …" in dl, tables or bold
labels); these helpers read both, whatever wrapper elements a site uses.
"""

from __future__ import annotations

import re

from crawler.loaders import clean_text

HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLOCK_TAGS = {"p", "li", "dd", "dt", "td", "th", "blockquote", "pre", "tr", "dl", "figcaption"}
_LABEL_LINE = re.compile(r"^([A-ZÄÖÜa-zäöü][^:\n]{1,60}?)\s*:\s*(.*)$")


def norm_label(text: str) -> str:
    return re.sub(r"\s+", " ", (text or "").replace("\u00ad", "")).strip().rstrip(":?").strip().lower()


def _text(el) -> str:
    return clean_text(" ".join(el.itertext())) or ""


def blocks(root, skip_classes: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """The content in reading order as ("h", heading) and ("t", text) entries.

    ``tr`` with two cells and ``dt``/``dd`` pairs become "Label: value" lines; elements with
    one of ``skip_classes`` (page furniture such as a revision date) are left out."""
    out: list[tuple[str, str]] = []
    for el in root.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in ("script", "style", "nav", "footer"):
            continue
        if skip_classes and set((el.get("class") or "").split()) & set(skip_classes):
            continue
        if _inside(el, root, HEADING_TAGS | BLOCK_TAGS | {"script", "style", "nav", "footer"}):
            continue
        if tag in HEADING_TAGS:
            out.append(("h", _text(el)))
        elif tag == "tr":
            cells = [_text(c) for c in el if isinstance(c.tag, str) and c.tag in ("td", "th")]
            if len(cells) == 2 and cells[0]:
                out.append(("t", f"{cells[0].rstrip(':')}: {cells[1]}"))
            elif cells:
                out.append(("t", " ".join(cells)))
        elif tag == "dl":
            label = None
            for child in el:
                if child.tag == "dt":
                    label = _text(child).rstrip(":").strip()
                elif child.tag == "dd" and label:
                    out.append(("t", f"{label}: {_text(child)}"))
        elif tag in BLOCK_TAGS:
            text = _text(el)
            if text:
                out.append(("t", text))
    return [(k, t) for k, t in out if t]


def _inside(el, root, tags) -> bool:
    parent = el.getparent()
    while parent is not None and parent is not root:
        if parent.tag in tags:
            return True
        parent = parent.getparent()
    return False


def sections(entries: list[tuple[str, str]]) -> dict[str, str]:
    """Heading (normalised) → the text below it; text before any heading is under ''."""
    result: dict[str, list[str]] = {"": []}
    current = ""
    for kind, text in entries:
        if kind == "h":
            current = norm_label(text)
            result.setdefault(current, [])
        else:
            result[current].append(text)
    return {k: "\n".join(v) for k, v in result.items()}


def label_values(entries: list[tuple[str, str]]) -> dict[str, str]:
    """Normalised label → value from "Label: value" lines (also a label line followed by
    its value on the next line, as bold labels in their own paragraph are written)."""
    result: dict[str, str] = {}
    pending = None
    for kind, text in entries:
        if kind == "h":
            pending = None
            continue
        m = _LABEL_LINE.match(text)
        if m and m.group(2).strip():
            result.setdefault(norm_label(m.group(1)), m.group(2).strip())
            pending = None
        elif m:
            pending = norm_label(m.group(1))
        elif pending:
            result.setdefault(pending, text)
            pending = None
    return result


def pick(mapping: dict[str, str], *labels: str) -> str | None:
    """The value of the first label that a key starts with (labels are matched by prefix)."""
    for wanted in labels:
        wanted = norm_label(wanted)
        for key, value in mapping.items():
            if key and value and key.startswith(wanted):
                return value
    return None
