"""The XML export of the Government Site Builder as foerderdatenbank.de publishes it (one ZIP).

Layout (catalog §1b): ``BMWI/FDB/Content/DE/Foerderprogramm/{Bund/<Ressort>|Land/<Land>|EU}/<slug>.xml``,
each a ``<document type="gsb:ServiceOffer">`` with ``<property name="gsb:…">`` children; rich
text is escaped HTML in ``<text>`` (inside a CDATA marker), plain values in ``<value>``;
classifications link to ``target:/BMWI/…`` documents in the same ZIP.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from dataclasses import dataclass, field

from lxml import etree

XLINK = "{http://www.w3.org/1999/xlink}href"
PROGRAMMES = "BMWI/FDB/Content/DE/Foerderprogramm/"
_C0 = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_TAGS = re.compile(r"<[^>]+>")


class ExportError(Exception):
    """The download is not a usable export (not a ZIP, or no programmes in it)."""


@dataclass
class Programme:
    path: str  # below Foerderprogramm/, without .xml: "Land/NRW/<slug>"
    props: dict[str, str] = field(default_factory=dict)
    classes: dict[str, list[str]] = field(default_factory=dict)  # classifier → target paths


def rich_to_text(value: str) -> str:
    """Escaped HTML with a CDATA marker → plain text with paragraph breaks."""
    value = html.unescape(value).replace("<![CDATA[", "").replace("]]>", "")
    value = re.sub(r"</(p|li|h\d|div)>|<br\s*/?>", "\n", value, flags=re.IGNORECASE)
    return html.unescape(_TAGS.sub(" ", value))


def parse_document(data: bytes) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Properties and classified links of one GSB document. Raises etree.XMLSyntaxError."""
    root = etree.fromstring(_C0.sub(b"", data))  # stray control characters occur in real files
    props: dict[str, str] = {}
    classes: dict[str, list[str]] = {}
    for prop in root.findall("property"):
        name = (prop.get("name") or "").removeprefix("gsb:")
        if prop.get("type") == "ClassifiedLinkLists" or prop.find("classifiedLinkList") is not None:
            for cll in prop.iter("classifiedLinkList"):
                clf = [l.get(XLINK, "") for l in cll.findall("classifierLinks/link")]
                name_ = clf[0].rsplit("/", 1)[-1] if clf else "?"
                classes.setdefault(name_, []).extend(l.get(XLINK, "") for l in cll.findall("links/link"))
            continue
        text, value = prop.findtext("text"), prop.findtext("value")
        if text:
            props[name] = rich_to_text(text)
        elif value is not None:
            props[name] = value.strip()
    return props, classes


class Export:
    def __init__(self, data: bytes):
        if data[:2] != b"PK":
            raise ExportError("keine ZIP-Datei")
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile as exc:
            raise ExportError(f"beschädigte ZIP-Datei ({exc})") from exc
        self.names = set(self.zip.namelist())
        self.bad: list[str] = []  # documents that could not be parsed

    def programmes(self):
        names = sorted(n for n in self.names if n.startswith(PROGRAMMES) and n.endswith(".xml"))
        if not names:
            raise ExportError("keine Förderprogramme im Export")
        for name in names:
            try:
                props, classes = parse_document(self.zip.read(name))
            except (etree.XMLSyntaxError, zipfile.BadZipFile, KeyError) as exc:
                self.bad.append(f"{name}: {exc}")
                continue
            if props.get("shouldNotBeIndexed") in ("1", "true"):
                continue
            yield Programme(name[len(PROGRAMMES) : -4], props, classes)

    def target(self, href: str) -> dict[str, str]:
        """Properties of a linked document (``target:/BMWI/X/Y`` → ``BMWI/X/Y.xml``), or {}."""
        name = href.removeprefix("target:/") + ".xml"
        if name not in self.names:
            return {}
        try:
            return parse_document(self.zip.read(name))[0]
        except etree.XMLSyntaxError:
            self.bad.append(name)
            return {}
