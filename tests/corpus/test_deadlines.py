"""The deadline reader: German phrasings written for these tests, each with the state it must give."""

from __future__ import annotations

import time
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus.deadlines import (
    ABGELAUFEN,
    LAUFEND,
    OFFEN,
    STATUSES,
    UNBEKANNT,
    deadline_state,
    expires,
    read_deadlines,
    state_of,
    stored_fields,
)

TODAY = date(2026, 12, 7)
D = date

# (text, status, deadline, opens) as of TODAY (7 December 2026)
PHRASINGS = [
    # -- dated deadlines -----------------------------------------------------------------
    ("Antragsfrist: 31.03.2027", OFFEN, D(2027, 3, 31), None),
    ("Anträge sind bis zum 15. Januar 2027 einzureichen", OFFEN, D(2027, 1, 15), None),
    ("Einsendeschluss 2027-02-28", OFFEN, D(2027, 2, 28), None),
    ("Bewerbungsschluss ist der 1.3.27", OFFEN, D(2027, 3, 1), None),
    ("Projektskizzen können bis spätestens 20.12.2026 eingereicht werden", OFFEN, D(2026, 12, 20), None),
    ("Frist heute: 07.12.2026", OFFEN, D(2026, 12, 7), None),
    ("Stichtage 15.01.2027 und 15.06.2027", OFFEN, D(2027, 1, 15), None),
    ("Einreichung bis 30.11.2026", ABGELAUFEN, None, None),
    ("Skizzen bis 01.02.2025, Vollanträge bis 30.04.2025", ABGELAUFEN, None, None),
    ("Antrag auf Förderung bis 28. Februar 2027", OFFEN, D(2027, 2, 28), None),
    # -- windows ---------------------------------------------------------------------------
    ("Bewerbungszeitraum 01.02.–31.03.2027", OFFEN, D(2027, 3, 31), D(2027, 2, 1)),
    ("Einreichung vom 1. Februar bis 15. März 2027", OFFEN, D(2027, 3, 15), D(2027, 2, 1)),
    ("Interessenbekundung 20.11.2026 – 31.01.2027", OFFEN, D(2027, 1, 31), D(2026, 11, 20)),
    ("Antragsphase 01.12.–15.01.2027", OFFEN, D(2027, 1, 15), D(2026, 12, 1)),
    ("Öffnung des Portals 10.01.2027, Einreichfrist 10.03.2027", OFFEN, D(2027, 3, 10), D(2027, 1, 10)),
    ("Einreichfrist 10.03.2027 (Öffnung 10.01.2027)", OFFEN, D(2027, 3, 10), D(2027, 1, 10)),
    ("Anträge ab 01.02.2027 möglich", OFFEN, None, D(2027, 2, 1)),
    ("Die nächste Runde startet voraussichtlich ab März 2027", OFFEN, None, D(2027, 3, 1)),
    ("Bewerbung 01.06.–31.08.", OFFEN, D(2027, 8, 31), D(2027, 6, 1)),
    ("jährlich, Anträge 15.11. bis 15.01.", OFFEN, D(2027, 1, 15), D(2026, 11, 15)),
    ("Ausschreibung 01.03.2026, Einreichung bis 30.04.2026", ABGELAUFEN, None, None),
    # -- recurring ---------------------------------------------------------------------------
    ("jährlich bis 15.11.", OFFEN, D(2027, 11, 15), None),
    ("jedes Jahr zum 10. Dezember", OFFEN, D(2026, 12, 10), None),
    ("Stichtage 31.03. und 30.09.", OFFEN, D(2027, 3, 31), None),
    ("Stichtage: 28.02., 31.05., 31.08. und 30.11. eines jeden Jahres", OFFEN, D(2027, 2, 28), None),
    ("Antragsschluss jeweils am 31.01. und 31.07.", OFFEN, D(2027, 1, 31), None),
    ("erster Dienstag im April", OFFEN, D(2027, 4, 6), None),
    ("Sitzungen: letzter Freitag im Januar und im Juni", OFFEN, D(2027, 1, 29), None),
    ("monatlich, Eingang bis zum 15.", OFFEN, D(2026, 12, 15), None),
    ("jährlich bis 29.02.", OFFEN, D(2027, 2, 28), None),
    ("jährlich bis 31.01. (z. B. 31.01.2026)", OFFEN, D(2027, 1, 31), None),
    ("Antrag bis 30.09. des Vorjahres", OFFEN, D(2027, 9, 30), None),
    ("jährlich im Frühjahr", OFFEN, None, None),
    ("Abgabe in der Regel Mitte Oktober", OFFEN, None, None),
    ("jährliche Ausschreibung; zuletzt belegte Frist 12.03.2024", OFFEN, None, None),
    ("jährlicher Aufruf, Anträge meist im Februar/März", OFFEN, None, None),
    # -- rolling --------------------------------------------------------------------------------
    ("laufend", LAUFEND, None, None),
    ("Anträge sind jederzeit möglich", LAUFEND, None, None),
    ("fortlaufende Antragstellung", LAUFEND, None, None),
    ("ganzjährig", LAUFEND, None, None),
    ("keine festen Fristen", LAUFEND, None, None),
    ("ohne Frist, solange Mittel vorhanden", LAUFEND, None, None),
    ("Anträge bis die Mittel ausgeschöpft sind", LAUFEND, None, None),
    ("mindestens 8 Wochen vor Projektbeginn", LAUFEND, None, None),
    ("spätestens drei Monate vor Maßnahmenbeginn", LAUFEND, None, None),
    ("Antrag rechtzeitig vor Beginn des Vorhabens", LAUFEND, None, None),
    ("Antragstellung fortlaufend bis 31.03.2027", OFFEN, D(2027, 3, 31), None),
    ("laufend; größere Vorhaben zu den Stichtagen 30.04. und 31.10.", OFFEN, D(2027, 4, 30), None),
    ("ganzjährig 2026, solange Mittel reichen", OFFEN, D(2026, 12, 31), None),
    ("01.10.2025–31.03.2026 oder bis die Mittel ausgeschöpft sind", ABGELAUFEN, None, None),
    # -- closure -----------------------------------------------------------------------------------
    ("abgelaufen", ABGELAUFEN, None, None),
    ("Das Programm ist abgeschlossen.", ABGELAUFEN, None, None),
    ("Förderung beendet; keine neuen Anträge", ABGELAUFEN, None, None),
    ("Derzeit kein offenes Verfahren", ABGELAUFEN, None, None),
    ("derzeit keine Förderaufrufe", ABGELAUFEN, None, None),
    ("Die Antragstellung ist nicht mehr möglich", ABGELAUFEN, None, None),
    ("laufende Einreichung (Programm eingestellt)", ABGELAUFEN, None, None),
    ("Runde 2025 abgeschlossen; nächste Einreichfrist 15.02.2027", OFFEN, D(2027, 2, 15), None),
    ("jährlich bis 15.11.; das Programm ist inzwischen beendet", ABGELAUFEN, None, None),
    # -- dates that are not deadlines ------------------------------------------------------
    ("Interessenbekundung 02.09.–31.10.2024 (abgelaufen); Förderphase 01.04.2025–31.03.2028", ABGELAUFEN, None, None),
    ("Skizzen bis 15.05.2025 (abgelaufen); die Förderrunde läuft bis 31.12.2029", ABGELAUFEN, None, None),
    ("Förderzeitraum 01.01.2027–31.12.2029; Anträge bis 31.01.2027", OFFEN, D(2027, 1, 31), None),
    ("Laufzeit bis längstens 30.06.2028", UNBEKANNT, None, None),
    ("Bewilligungszeitraum 01.07.2027 bis 30.06.2028", UNBEKANNT, None, None),
    ("Stand: 01.11.2026", UNBEKANNT, None, None),
    ("Richtlinie vom 14.02.2026, gültig bis 31.12.2028", UNBEKANNT, None, None),
    ("Neufassung 01.01.2027", UNBEKANNT, None, None),
    ("Zuwendung ab 01.03.2027", UNBEKANNT, None, None),
    ("Projektzeitraum 01.06.2025–31.05.2028", UNBEKANNT, None, None),
    ("Anträge bis 30.04.2027 für Projekte ab 01.07.2027", OFFEN, D(2027, 4, 30), None),
    ("Frist 15.03.2027, Projektbeginn frühestens 01.09.2027", OFFEN, D(2027, 3, 15), None),
    ("Bewerbung bis 30.06.2026 (früher bis 31.08.)", ABGELAUFEN, None, None),
    ("in Kraft seit 01.01.2026", UNBEKANNT, None, None),
    # -- little or odd information --------------------------------------------------------------
    ("", UNBEKANNT, None, None),
    ("nach Absprache mit dem Referat", UNBEKANNT, None, None),
    ("Fristen laut Bekanntmachung", UNBEKANNT, None, None),
    ("Frist Oktober 2020", ABGELAUFEN, None, None),
    ("Frist Oktober 2027", OFFEN, None, None),
    ("bis 31.02.2027", UNBEKANNT, None, None),
    ("Einreichung bis 30.02.", UNBEKANNT, None, None),
    ("bis 31.12.99", ABGELAUFEN, None, None),
    ("bis 45.13.2027", UNBEKANNT, None, None),
    ("Frist 31.03. 20 Projekte werden gefördert", OFFEN, D(2027, 3, 31), None),
]


@pytest.mark.parametrize("text, status, deadline, opens", PHRASINGS, ids=[p[0][:50] or "leer" for p in PHRASINGS])
def test_phrasing(text, status, deadline, opens):
    reading = read_deadlines(text)
    state = deadline_state(reading, TODAY)
    assert (state.status, state.deadline, state.opens) == (status, deadline, opens)
    last = expires(reading)  # the one-day summary the vectorised ranking uses agrees
    assert (status == ABGELAUFEN) == (last is not None and TODAY > last)


def test_there_are_at_least_sixty_phrasings():
    assert len(PHRASINGS) >= 60


def test_window_rolls_to_the_next_year_once_it_has_closed():
    reading = read_deadlines("jährlich, Bewerbung 01.06.–31.08.")
    during = deadline_state(reading, D(2026, 7, 1))
    assert (during.status, during.deadline, during.opens) == (OFFEN, D(2026, 8, 31), D(2026, 6, 1))
    after = deadline_state(reading, D(2026, 9, 1))
    assert (after.deadline, after.opens) == (D(2027, 8, 31), D(2027, 6, 1))


def test_same_text_is_open_before_and_closed_after_its_date():
    reading = read_deadlines("Interessenbekundung 09.09.–04.11.2024 (abgelaufen); Förderphase 01.06.2025–31.05.2028")
    assert deadline_state(reading, D(2024, 10, 1)).deadline == D(2024, 11, 4)
    closed = deadline_state(reading, D(2026, 12, 7))
    assert closed.status == ABGELAUFEN and closed.last == D(2024, 11, 4)


def test_summary_sentences_stand_in_for_an_empty_deadline_text():
    summary = (
        "Der Fonds fördert Nachbarschaftsprojekte. Die Förderdauer beträgt bis 31.12.2028. "
        "Anträge können bis zum 31.05.2027 gestellt werden."
    )
    assert deadline_state(read_deadlines("", summary), TODAY).deadline == D(2027, 5, 31)
    # a written deadline text wins over the summary
    assert deadline_state(read_deadlines("laufend", summary), TODAY).status == LAUFEND


def test_summary_sentences_come_from_the_one_splitter_so_a_written_date_stays_whole():
    # the old split after every "dot, space, capital" cut "21. März" into two sentences
    summary = "Der Fonds fördert Begegnung. Anträge sind bis zum 21. März 2027 beim Amt zu stellen."
    assert deadline_state(read_deadlines("", summary), TODAY).deadline == D(2027, 3, 21)


@pytest.mark.parametrize("reference", ["Ziff. 1.1.", "Nr. 3.2.", "Abs. 2.4.", "§ 4.1."])
def test_a_paragraph_number_is_no_date(reference):
    reading = read_deadlines(f"Anträge sind laufend möglich (Mindestbetrag gem. {reference} der Richtlinie).")
    state = deadline_state(reading, TODAY)
    assert (state.status, state.deadline) == (LAUFEND, None)


def test_state_of_reads_a_call_like_object():
    class Deadlines:
        text = "jährlich bis 15.11."

    class Call:
        deadlines = Deadlines()
        summary_de = "Ein Programm."

    assert state_of(Call(), TODAY).deadline == D(2027, 11, 15)


def test_stored_fields_keep_the_old_shape():
    assert stored_fields("Bewerbung 01.06.–31.08.") == {"dates": [], "recurring": ["06-01", "08-31"], "rolling": False}
    assert stored_fields("Förderphase 01.06.2025–31.05.2028") == {"dates": [], "recurring": [], "rolling": False}
    assert stored_fields("laufend")["rolling"] is True


# -- bad input --------------------------------------------------------------------------------
def test_ten_thousand_dates_take_linear_time():
    def run(n: int) -> float:
        text = "Frist " + " ".join(f"{i % 28 + 1:02d}.{i % 12 + 1:02d}.{2000 + i % 40}" for i in range(n))
        started = time.perf_counter()
        state = deadline_state(read_deadlines(text), TODAY)
        assert state.status in STATUSES
        return time.perf_counter() - started

    small, large = run(1_000), run(10_000)
    assert large < max(5.0, small * 30)  # ten times the dates, not a hundred times the time


@pytest.mark.parametrize(
    "text",
    [
        "a" * 200_000,
        "Frist bis " * 20_000,
        "1.1." * 30_000,
        "31.02." * 5_000,
        "((((((((" * 10_000,
        "\x00\x01 Frist \ud800 31.12.2027",
        "Frist 99.99.9999",
        "erster Dienstag im Februar " * 2_000,
    ],
)
def test_odd_text_gives_a_status_never_an_exception(text):
    assert deadline_state(read_deadlines(text), TODAY).status in STATUSES


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("0123456789.–- ;:,()abfristbisjährlichlaufendMaiOktober")), max_size=300),
    st.dates(min_value=D(1995, 1, 1), max_value=D(2095, 12, 31)),
)
def test_any_text_and_day_give_a_consistent_state(text, today):
    reading = read_deadlines(text)
    state = deadline_state(reading, today)
    last = expires(reading)
    assert (state.status == ABGELAUFEN) == (last is not None and today > last)
    assert state.status in STATUSES
    if state.deadline is not None:
        assert state.status == OFFEN and state.deadline >= today
    if state.status in (LAUFEND, UNBEKANNT):
        assert state.deadline is None


def test_a_round_that_runs_for_weeks_is_a_window_one_that_runs_for_years_is_not():
    short = deadline_state(read_deadlines("Die nächste Förderrunde läuft vom 07.07. bis 27.07.2027."), TODAY)
    assert (short.status, short.deadline, short.opens) == (OFFEN, D(2027, 7, 27), D(2027, 7, 7))
    long = deadline_state(read_deadlines("Die Förderrunde läuft vom 01.01.2027 bis 31.12.2029."), TODAY)
    assert long.status == UNBEKANNT


def test_a_date_at_the_end_of_a_sentence_keeps_its_year():
    state = deadline_state(
        read_deadlines("Richtlinie über Zuwendungen an Vereine, Anträge bis zum 31.10.2026."), D(2026, 1, 1)
    )
    assert state.deadline == D(2026, 10, 31)
    assert deadline_state(read_deadlines("Anträge bis zum 31.10.2025."), TODAY).status == ABGELAUFEN


@pytest.mark.parametrize(
    "text, status, deadline",
    [
        ("jährlich zu Jahresbeginn, z. B. Einsendeschluss 23.02.2026 (Umsetzung im Jahr 2026)", OFFEN, None),
        ("Antragstellung ab Januar 2019 laufend nach Förderbekanntmachung", LAUFEND, None),
        ("Zuwendung an einen Träger (kein offener Aufruf)", ABGELAUFEN, None),
        ("Antragsfenster bis 31.10.2026; Abschluss der Projekte bis 31.12.", ABGELAUFEN, None),
        ("laufend im gesamten Jahr 2027", OFFEN, D(2027, 12, 31)),
        ("Die Stadt plant im Zeitraum vom 01.01.2025 bis zum 31.12.2032 eine Partnerschaft", UNBEKANNT, None),
        ("ab 31. August bis spätestens 15. Oktober des laufenden Jahres", OFFEN, D(2027, 10, 15)),
        ("Die Antragsfrist läuft bis zum 25. Juni 2027.", OFFEN, D(2027, 6, 25)),
        ("Anträge, bis die vorhandenen Mittel verbraucht sind", LAUFEND, None),
        ("Es gibt keine spezifischen Antragsfristen", LAUFEND, None),
        ("laufend; das Vorhaben muss innerhalb eines Jahres abgeschlossen sein", LAUFEND, None),
        ("Bewerbung vom 01.12.2026 bis 31.01.", OFFEN, D(2027, 1, 31)),
        ("Stichtage 15.01.2025 und 15.06.", ABGELAUFEN, None),
    ],
)
def test_more_phrasings(text, status, deadline):
    state = deadline_state(read_deadlines(text), TODAY)
    assert (state.status, state.deadline) == (status, deadline)
