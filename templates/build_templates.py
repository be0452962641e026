"""Generate the bundled .docx templates with python-docx, so they are reproducible and reviewable.

Run ``python -m templates.build_templates`` after changing this file and commit the .docx files.
Every Jinja tag sits in a run of its own (``add_run("{{r name }}")``): docxtpl only sees tags
that Word did not split across runs. Values go in as ``{{r … }}`` because the context holds
RichText (escaped once, and able to carry the yellow gap highlight).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

HERE = Path(__file__).parent
ACCENT = RGBColor(0x1F, 0x3A, 0x5F)
SHADE = "DCE6F0"
FONT = "Arial"  # LibreOffice maps it to the metric-compatible Liberation Sans


def v(name: str) -> str:
    return "{{r " + name + " }}"


# --- document scaffolding -------------------------------------------------------------------


def new_document(title: str) -> Document:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.0)
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(10.5)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for name, size in (("Title", 20), ("Heading 1", 14), ("Heading 2", 12), ("Subtitle", 12)):
        style = styles[name]
        style.font.name, style.font.size, style.font.color.rgb = FONT, Pt(size), ACCENT
        rfonts = style.element.rPr.rFonts
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            rfonts.attrib.pop(qn(attr), None)  # theme fonts would override Arial
        rfonts.set(qn("w:ascii"), FONT)
        rfonts.set(qn("w:hAnsi"), FONT)
    styles["Heading 1"].paragraph_format.space_before = Pt(14)
    styles["List Bullet"].font.name = FONT
    doc.core_properties.title = title
    doc.core_properties.author = "Kulisse"
    doc.core_properties.language = "de-DE"
    _set_language(doc)
    _header_footer(doc, title)
    return doc


def _set_language(doc: Document) -> None:
    """German proofing language, so Word does not underline every word."""
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "de-DE")


def _field_run(paragraph, instr: str) -> None:
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instr)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    fld.append(run)
    paragraph._p.append(fld)


def _header_footer(doc: Document, title: str) -> None:
    section = doc.sections[0]
    head = section.header.paragraphs[0]
    head.add_run(v("verbund_name"))
    head.add_run(f" · {title} (Entwurf)")
    head.runs[-1].font.color.rgb = RGBColor(0x60, 0x60, 0x60)
    head.style.font.size = Pt(8.5)
    foot = section.footer.paragraphs[0]
    foot.add_run("Entwurf vom ")
    foot.add_run(v("datum"))
    foot.add_run(" – erstellt mit Kulisse, vor Einreichung bitte prüfen · Seite ")
    _field_run(foot, "PAGE")
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    foot.style.font.size = Pt(8)


def para(doc_or_cell, *parts: str, style: str | None = None, bold_first: bool = False):
    """A paragraph of literal text and ``{{r … }}`` tags, each part its own run."""
    p = doc_or_cell.add_paragraph(style=style)
    for i, part in enumerate(parts):
        run = p.add_run(part)
        if bold_first and i == 0:
            run.bold = True
    return p


def control(doc, tag: str) -> None:
    """A paragraph holding only a ``{%p … %}`` tag; docxtpl removes it when rendering."""
    doc.add_paragraph().add_run("{%p " + tag + " %}")


def heading(doc, text: str, level: int = 1) -> None:
    doc.add_heading(text, level=level)


def section(doc, title: str, var: str, intro: str | None = None, level: int = 1) -> None:
    heading(doc, title, level)
    if intro:
        para(doc, intro)
    para(doc, v(var))


def bullets(doc, var: str, intro: str | None = None) -> None:
    if intro:
        para(doc, intro)
    para(doc, v(var), style="List Bullet")


def _shade(cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def _cell(cell, *parts: str, bold: bool = False, right: bool = False) -> None:
    p = cell.paragraphs[0]
    for part in parts:
        run = p.add_run(part)
        run.bold = bold
    if right:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    p.paragraph_format.space_after = Pt(2)


def fact_table(doc, rows: list[tuple[str, str]], widths=(Cm(5.5), Cm(10.5))) -> None:
    """Label | value, the value being a variable's name."""
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for label, value in rows:
        cells = table.add_row().cells
        _cell(cells[0], label, bold=True)
        _shade(cells[0], SHADE)
        _cell(cells[1], v(value))
        cells[0].width, cells[1].width = widths
    doc.add_paragraph()


def call_block(doc, heading_text: str = "Bezug: Förderaufruf") -> None:
    heading(doc, heading_text, 2)
    fact_table(
        doc,
        [
            ("Förderaufruf", "aufruf_titel"),
            ("Fördergeber", "aufruf_foerderer"),
            ("Einreichungsfrist", "aufruf_frist"),
            ("Fundstelle", "aufruf_url"),
            ("Förderumfang laut Aufruf", "aufruf_foerderumfang"),
        ],
    )


def applicant_block(doc) -> None:
    # the applicant may be the municipality (calls only it may apply for); the Verbund is then its partner
    fact_table(
        doc,
        [
            ("Antragsteller", "antragsteller"),
            ("Rolle des Verbunds", "verbund_rolle"),
            ("Verbund", "verbund_name"),
            ("Rechtsform", "verbund_rechtsform"),
            ("Gemeinnützigkeit", "verbund_gemeinnuetzig"),
            ("Sitz", "verbund_sitz"),
            ("Bundesland", "verbund_land"),
            ("Mitgliedsorganisationen", "verbund_mitgliedsorganisationen"),
            ("Gründungsjahr", "verbund_gruendungsjahr"),
            ("Ansprechperson", "ansprechperson"),
            ("E-Mail / Telefon", "kontakt"),
        ],
    )


def checks_block(doc) -> None:
    """The warnings of the run (Eigenanteil too low …), only when there are any."""
    control(doc, "if hat_pruefhinweise")
    para(doc, "Prüfhinweise zum Entwurf (vor Einreichung klären und diesen Abschnitt löschen):", bold_first=True)
    control(doc, "for hinweis in pruefhinweise")
    para(doc, v("hinweis"), style="List Bullet")
    control(doc, "endfor")
    control(doc, "endif")


def finance_table(doc) -> None:
    """The Finanzierungsplan: expenses, funding, totals and shares, right-aligned euro figures."""
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER

    def row(label: str, var: str | None, *, bold=False, shade: str | None = None):
        cells = table.add_row().cells
        _cell(cells[0], label, bold=bold)
        _cell(cells[1], *([v(var)] if var else [""]), bold=bold, right=True)
        cells[0].width, cells[1].width = Cm(10.5), Cm(5.5)
        if shade:
            _shade(cells[0], shade)
            _shade(cells[1], shade)

    row("Ausgaben", None, bold=True, shade=SHADE)
    row("Personalkosten", "personalkosten")
    row("Sachkosten", "sachkosten")
    row("Gemeinkosten (Verwaltungspauschale)", "gemeinkosten")
    row("Gesamtausgaben", "gesamtausgaben", bold=True, shade="F2F2F2")
    row("Finanzierung", None, bold=True, shade=SHADE)
    row("Eigenanteil des Verbunds", "eigenanteil")
    row("Drittmittel", "drittmittel")
    row("Beantragte Förderung", "beantragte_foerderung")
    row("Gesamtfinanzierung", "gesamtfinanzierung", bold=True, shade="F2F2F2")
    row("Kennzahlen", None, bold=True, shade=SHADE)
    row("Eigenanteil in % der Gesamtausgaben", "eigenanteil_quote")
    row("Förderquote", "foerderquote")
    doc.add_paragraph()
    para(doc, "Vorgaben des Aufrufs, soweit genannt:", bold_first=True)
    fact_table(
        doc,
        [
            ("Höchstbetrag", "aufruf_hoechstbetrag"),
            ("Förderquote höchstens", "aufruf_foerderquote"),
            ("Eigenanteil mindestens", "aufruf_eigenanteil"),
        ],
        widths=(Cm(10.5), Cm(5.5)),
    )
    section(doc, "Erläuterungen zum Finanzierungsplan", "finanz_erlaeuterung", level=2)
    checks_block(doc)


def signatures(doc, parties: list[tuple[str, str]]) -> None:
    """One column per signing party: Ort/Datum, signature line, name or role."""
    doc.add_paragraph()
    table = doc.add_table(rows=3, cols=len(parties))
    for i, (who, var) in enumerate(parties):
        _cell(table.cell(0, i), "Ort, Datum: ____________________")
        _cell(table.cell(1, i), "\n\n______________________________")
        _cell(table.cell(2, i), who, bold=True)
        table.cell(2, i).add_paragraph().add_run(v(var))


def municipal_signature(doc) -> None:
    """Only when the municipality applies: its signature comes first."""
    control(doc, "if antrag_durch_kommune")
    para(doc, "Für die Kommune als Antragsteller: ", v("antragsteller"), bold_first=True)
    para(doc, "Ort, Datum, Unterschrift: ______________________________")
    control(doc, "endif")


def title_block(doc, title: str, subtitle_var: str | None, lead: list[str]) -> None:
    doc.add_paragraph(title, style="Title")
    if subtitle_var:
        para(doc, v(subtitle_var), style="Subtitle")
    para(doc, *lead)


# --- the five templates -----------------------------------------------------------------------


def projektskizze() -> Document:
    doc = new_document("Projektskizze")
    title_block(
        doc, "Projektskizze / Interessenbekundung", "projekttitel", ["Eingereicht von ", v("antragsteller_zeile")]
    )
    call_block(doc)
    heading(doc, "1. Antragsteller")
    applicant_block(doc)
    para(doc, v("verbund_selbstbeschreibung"))
    section(doc, "2. Ausgangslage und Bedarf", "ausgangslage")
    section(doc, "3. Ziele des Vorhabens", "ziele")
    heading(doc, "4. Zielgruppen")
    bullets(doc, "verbund_zielgruppen", "Das Vorhaben richtet sich insbesondere an:")
    section(doc, "5. Maßnahmen und Vorgehen", "massnahmen")
    heading(doc, "6. Kooperation mit der Kommune und weiteren Partnern")
    bullets(doc, "verbund_kommunale_partner", "Kommunale Partner des Verbunds:")
    para(doc, v("kooperation"))
    heading(doc, "7. Laufzeit und Finanzrahmen")
    fact_table(
        doc,
        [
            ("Geplante Laufzeit", "laufzeit"),
            ("Geschätzte Gesamtkosten", "gesamtkosten_geschaetzt"),
            ("Voraussichtlich beantragte Förderung", "foerderung_geschaetzt"),
            ("Voraussichtliche Förderquote", "foerderquote_geschaetzt"),
        ],
    )
    checks_block(doc)
    section(doc, "8. Bezug zu den Zielen des Förderaufrufs", "bezug_aufruf")
    municipal_signature(doc)
    signatures(doc, [("Für den Verbund", "vertretung_verbund")])
    return doc


def projektantrag() -> Document:
    doc = new_document("Projektantrag")
    title_block(
        doc, "Projektantrag", "projekttitel", ["Antrag auf Gewährung einer Zuwendung von ", v("antragsteller_zeile")]
    )
    call_block(doc)
    heading(doc, "1. Angaben zum Antragsteller")
    applicant_block(doc)
    para(doc, v("verbund_selbstbeschreibung"))
    heading(doc, "2. Das Vorhaben im Überblick")
    fact_table(
        doc,
        [
            ("Projekttitel", "projekttitel"),
            ("Laufzeit", "laufzeit"),
            ("Projektort", "verbund_sitz"),
            ("Handlungsfelder", "verbund_handlungsfelder"),
        ],
    )
    section(doc, "3. Ausgangslage und Bedarf", "ausgangslage")
    section(doc, "4. Ziele und erwartete Wirkungen", "ziele")
    heading(doc, "5. Zielgruppen und Beteiligung")
    bullets(doc, "verbund_zielgruppen")
    para(doc, v("beteiligung"))
    section(doc, "6. Maßnahmen und Arbeitsplan", "massnahmen")
    heading(doc, "7. Kooperation und Vernetzung")
    bullets(doc, "verbund_kommunale_partner", "Das Vorhaben wird mit folgenden kommunalen Partnern umgesetzt:")
    para(doc, v("kooperation"))
    section(doc, "8. Nachhaltigkeit und Verstetigung", "nachhaltigkeit")
    heading(doc, "9. Finanzierungsplan")
    finance_table(doc)
    heading(doc, "10. Erklärung des Antragstellers")
    para(
        doc,
        "Der Antragsteller versichert, dass die Angaben in diesem Antrag vollständig und richtig sind, "
        "dass mit dem Vorhaben noch nicht begonnen wurde und dass die Gesamtfinanzierung gesichert ist.",
    )
    municipal_signature(doc)
    signatures(doc, [("Für den Verbund (vertretungsberechtigt)", "vertretung_verbund")])
    return doc


def strukturfoerderung() -> Document:
    doc = new_document("Antrag auf Strukturförderung")
    title_block(
        doc,
        "Antrag auf Strukturförderung",
        None,
        ["Förderung der Koordinierungsstelle von ", v("verbund_name"), ", ", v("verbund_sitz")],
    )
    call_block(doc)
    heading(doc, "1. Der Verbund")
    applicant_block(doc)
    para(doc, v("verbund_selbstbeschreibung"))
    bullets(doc, "verbund_handlungsfelder", "Handlungsfelder des Verbunds:")
    heading(doc, "2. Stand der Zusammenarbeit mit der Kommune")
    fact_table(
        doc,
        [
            ("Heutige Form der Zusammenarbeit", "platzierung_aktuell"),
            ("Angestrebte Form der Zusammenarbeit", "platzierung_ziel"),
            ("Kommunale Partner", "verbund_kommunale_partner"),
        ],
    )
    para(doc, v("zusammenarbeit_kommune"))
    section(
        doc,
        "3. Aufgaben der Koordinierungsstelle",
        "aufgaben_koordinierung",
        "Die Koordinierungsstelle bündelt die Arbeit der Mitgliedsorganisationen und ist die verlässliche "
        "Ansprechstelle für Verwaltung und Politik. Ihre Aufgaben im Förderzeitraum:",
    )
    heading(doc, "4. Personal und Ausstattung")
    fact_table(
        doc,
        [
            ("Heutiges Personal", "verbund_personal"),
            ("Beantragte Stellen", "stellenumfang"),
            ("Förderzeitraum", "laufzeit"),
        ],
    )
    section(doc, "5. Ziele der Strukturförderung", "ziele")
    heading(doc, "6. Finanzierungsplan")
    finance_table(doc)
    section(doc, "7. Verstetigung nach dem Förderzeitraum", "verstetigung")
    municipal_signature(doc)
    signatures(doc, [("Für den Verbund (vertretungsberechtigt)", "vertretung_verbund")])
    return doc


def kooperationsvereinbarung() -> Document:
    doc = new_document("Kooperationsvereinbarung")
    doc.add_paragraph("Kooperationsvereinbarung", style="Title")
    para(doc, "zwischen")
    para(doc, v("kommune_partner"), bold_first=True)
    para(doc, "vertreten durch ", v("vertretung_kommune"))
    para(doc, "– im Folgenden „Kommune“ –")
    para(doc, "und")
    para(doc, v("verbund_name"), bold_first=True)
    para(doc, v("verbund_rechtsform"), ", ", v("verbund_sitz"), ", vertreten durch ", v("vertretung_verbund"))
    para(doc, "– im Folgenden „Verbund“ –")
    call_block(doc, "Bezug: Förderaufruf, für den diese Vereinbarung geschlossen wird")
    heading(doc, "Präambel")
    para(
        doc,
        "Kommune und Verbund wollen die Teilhabe der Menschen mit Einwanderungsgeschichte in ",
        v("verbund_sitz"),
        " gemeinsam gestalten. Der Verbund bündelt ",
        v("verbund_mitgliedsorganisationen"),
        " Mitgliedsorganisationen. Die Partner verstehen ihre Zusammenarbeit als Steuerung auf Augenhöhe: "
        "Der Verbund wirkt an Planung, Steuerung und Auswertung mit, nicht nur an der Umsetzung.",
    )
    para(doc, v("praeambel_ergaenzung"))
    section(doc, "§ 1 Gegenstand und Ziele", "ziele")
    heading(doc, "§ 2 Rollen der Partner")
    para(doc, "(1) Die Kommune: ", v("rolle_kommune"))
    para(doc, "(2) Der Verbund: ", v("rolle_verbund"))
    heading(doc, "§ 3 Steuerungsgruppe")
    para(doc, "(1) Die Partner bilden eine gemeinsame Steuerungsgruppe. Zusammensetzung: ", v("steuerungsgruppe"))
    para(doc, "(2) Sitzungen: ", v("sitzungsrhythmus"))
    section(doc, "§ 4 Entscheidungsregeln", "entscheidungsregeln")
    heading(doc, "§ 5 Mandat des Verbunds")
    para(doc, v("mandat_verbund"))
    bullets(doc, "verbund_handlungsfelder", "Das Mandat umfasst insbesondere die Handlungsfelder:")
    section(doc, "§ 6 Berichterstattung an den Rat", "berichterstattung")
    section(doc, "§ 7 Finanzierung", "finanzierung")
    section(doc, "§ 8 Laufzeit und Kündigung", "laufzeit_kuendigung")
    checks_block(doc)
    signatures(doc, [("Für die Kommune", "vertretung_kommune"), ("Für den Verbund", "vertretung_verbund")])
    return doc


def absichtserklaerung() -> Document:
    doc = new_document("Absichtserklärung")
    para(doc, v("kommune_partner"), bold_first=True)
    para(doc, v("absender_kommune"))
    doc.add_paragraph()
    para(doc, "An: ", v("aufruf_foerderer"))
    para(doc, "Datum: ", v("datum")).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph("Absichtserklärung (Letter of Intent)", style="Title")
    para(doc, "Förderaufruf: ", v("aufruf_titel"), bold_first=True)
    para(doc, "Frist: ", v("aufruf_frist"), " · Fundstelle: ", v("aufruf_url"))
    para(doc, "Vorhaben: ", v("projekttitel"), bold_first=True)
    para(doc, "Sehr geehrte Damen und Herren,")
    para(
        doc,
        "hiermit erklärt ",
        v("kommune_partner"),
        " die Absicht, das oben genannte Vorhaben von ",
        v("verbund_name"),
        " (",
        v("verbund_sitz"),
        ") im Rahmen des Förderaufrufs „",
        v("aufruf_titel"),
        "“ zu unterstützen und mit dem Verbund partnerschaftlich zusammenzuarbeiten.",
    )
    para(
        doc,
        "Der Verbund ist für uns ein verlässlicher Partner in der kommunalen Integrationsarbeit. ",
        v("bisherige_zusammenarbeit"),
    )
    para(doc, "Unsere Unterstützung im Vorhaben umfasst insbesondere:")
    para(doc, v("unterstuetzung_kommune"))
    para(doc, "Ansprechperson in der Verwaltung: ", v("ansprechperson_kommune"))
    para(
        doc,
        "Diese Erklärung begründet keine rechtliche oder finanzielle Verpflichtung, soweit eine solche "
        "nicht ausdrücklich genannt ist.",
    )
    checks_block(doc)
    para(doc, "Mit freundlichen Grüßen")
    signatures(doc, [("Für die Kommune", "vertretung_kommune")])
    return doc


BUILDERS: dict[str, Callable[[], Document]] = {
    "projektskizze": projektskizze,
    "projektantrag": projektantrag,
    "strukturfoerderung": strukturfoerderung,
    "kooperationsvereinbarung": kooperationsvereinbarung,
    "absichtserklaerung": absichtserklaerung,
}


def build(out_dir: Path = HERE) -> list[Path]:
    paths = []
    for name, builder in BUILDERS.items():
        path = out_dir / f"{name}.docx"
        builder().save(path)
        paths.append(path)
    return paths


if __name__ == "__main__":
    for path in build(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(path)
