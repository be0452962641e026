"""German deadline texts read into a model: windows, recurring and rolling deadlines, closure.

``read_deadlines`` reads a text once, without a date of reference: which dates close an
application window, which open one, which recur every year, which are no deadline at all
(funding periods, "Stand:", "Richtlinie vom" …), whether applications are rolling ("laufend",
"bis Mittel ausgeschöpft") and whether the text says the call is over ("kein offenes
Verfahren"). ``deadline_state`` then decides, for a given ``today``, the status, the next
closing date and the opening day. ``state_of`` does both for a call; every part of Kulisse that
shows or uses a deadline asks it, so CLI, TUI, exports, calendar, report and eligibility agree.

Pure functions, no I/O. Crawled text is messy: nothing here raises on odd input, impossible
dates are skipped, and the work is linear in the length of the text.
"""

from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from corpus.sentences import split_sentences

OFFEN, LAUFEND, ABGELAUFEN, UNBEKANNT = "offen", "laufend", "abgelaufen", "unbekannt"
STATUSES = (OFFEN, LAUFEND, ABGELAUFEN, UNBEKANNT)
MAX_CHARS = 100_000  # a deadline text longer than this is noise; the rest is not read

MONTHS = {
    "januar": 1,
    "jan": 1,
    "jänner": 1,
    "februar": 2,
    "feb": 2,
    "märz": 3,
    "maerz": 3,
    "mär": 3,
    "mrz": 3,
    "april": 4,
    "apr": 4,
    "mai": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "dezember": 12,
    "dez": 12,
}
# a season stands for its middle month: enough to know the round comes again
SEASONS = {
    "frühjahr": 4,
    "frühling": 4,
    "frühsommer": 6,
    "sommer": 7,
    "spätsommer": 8,
    "herbst": 10,
    "spätherbst": 11,
    "winter": 1,
    "jahresanfang": 1,
    "jahresbeginn": 1,
    "jahresende": 12,
}
WEEKDAYS = {"montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5, "sonntag": 6}
ORDINALS = {"erste": 1, "zweite": 2, "dritte": 3, "vierte": 4, "letzte": -1}

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH_STEMS = ("jan", "jän", "feb", "mär", "mae", "mrz", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "dez")
_SEASON = "|".join(sorted(SEASONS, key=len, reverse=True))
_F = re.IGNORECASE

# -- the date patterns, strongest first (a weaker one never overlaps a stronger one) --------
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
# a two-digit year only when written without a space ("31.3.27"): "31.03. 20 Projekte" is no year
_NUMERIC = re.compile(r"(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.(?:\s?(\d{4})(?!\d|\.\d)|(\d{2})(?!\d|\.\d))?")
_WORD = re.compile(rf"(?<![\d.])(\d{{1,2}})\.\s*({_MONTH})\b\.?(?:\s+(\d{{4}})(?!\d))?", _F)
_NTH_WEEKDAY = re.compile(
    rf"\b(erste|zweite|dritte|vierte|letzte)[nrms]?\s+({'|'.join(WEEKDAYS)})\s+(?:im|des)\s+({_MONTH})\b"
    rf"((?:\s*(?:,|und|sowie)\s*(?:im\s+)?(?:{_MONTH})\b)*)",
    _F,
)
_MONTH_ONLY = re.compile(rf"\b(?:(anfang|mitte|ende)\s+)?({_MONTH})\b\.?(?:\s*(\d{{4}})(?!\d))?", _F)
_MONTH_SLASH = re.compile(r"(?<![\d./])(\d{2})/(\d{4})(?!\d)")
_SEASON_RE = re.compile(rf"\b({_SEASON})\b", _F)

# -- the words around a date -----------------------------------------------------------------
# Each word is classified on its own (cached per word; a long regex alternation over the whole
# text was the slowest part): the first kind whose pattern matches the whole word decides.
_WORD_RE = re.compile(r"[^\W\d_]\w*")
_WORD_KINDS = (
    ("opens", re.compile(r"öffnung|öffnet|geöffnet|freischaltung|antragsstart|ausschreibung")),
    (
        "nodl",
        re.compile(
            r"(?:förder|projekt|programm|maßnahmen?|durchführungs|umsetzungs|bewilligungs|modell|start|erprobungs|"
            r"pilot|vertrags)(?:zeitraum|zeit|laufzeit|phase|periode|dauer)\w*|laufzeit\w*"
            r"|bewilligung\w*|bescheid\w*|entscheidung\w*|auszahlung\w*|mittelverwendung|verwendungsnachweis\w*"
            r"|stand|\w*richtlinie\w*|bir|vwv|bekanntmachung|neufassung|fassung|änderung|veröffentlich\w*"
            r"|gültig\w*|befristet|zuwendung|förderung|projekt(?:beginn|start|ende)|projekte|vorhabens?beginn"
            r"|maßnahmen?beginn|beginn|programmstart|aufnahme|jury\w*|preisverleihung|verleihung|veranstaltung\w*"
            r"|publikumsvoting|voting|seit|früher|bisher|schuljahr\w*|abschluss|umsetzung|durchführung|mittelabruf"
            r"|zeitraum"
        ),
    ),
    ("runs", re.compile(r"läuft|laufen")),
    (
        "dl",
        re.compile(
            r"\w*frist\w*|\w*schluss|\w*stichtag\w*|\w*antr[aä]g\w*|bewerbung\w*|interessen?s?bekundung\w*"
            r"|einreich\w*|einsend\w*|\w*skizze\w*|nominierung\w*|vorschläge|deadline|\w*termin\w*|aufruf\w*|eingang"
            r"|abgabe|anmeldung\w*|programmanmeldung|runde\w*"
        ),
    ),
)
_APPLYING = frozenset(("antragstellung", "bewerbung", "einreichung", "bewerbungsphase", "antragsphase"))


@lru_cache(maxsize=16384)
def _word_kind(word: str) -> str | None:
    for kind, pattern in _WORD_KINDS:
        if pattern.fullmatch(word):
            return kind
    return None


def _cues(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every cue word; "Beginn der Antragstellung" opens, "in Kraft" is no
    deadline, "Antrag auf Förderung" is about applying."""
    found: list[tuple[int, int, str]] = []
    before: list[tuple[str, int]] = []  # the two words before: (lower-case word, start)
    for m in _WORD_RE.finditer(text):
        word = m.group().lower()
        kind = _word_kind(word)
        start = m.start()
        if word in _APPLYING and len(before) == 2 and before[0][0] in ("start", "beginn") and before[1][0] == "der":
            if found and found[-1][0] == before[0][1]:
                found.pop()  # "Beginn" alone would read as a project start
            kind, start = "opens", before[0][1]
        elif word == "kraft" and before and before[-1][0] == "in":
            kind = "nodl"
        elif word in ("förderung", "zuwendung") and before and before[-1][0] in ("auf", "um", "zur"):
            kind = None
        if kind is not None:
            found.append((start, m.end(), kind))
        before = (before + [(word, m.start())])[-2:]
    return found


# words between a cue and its date that carry no role of their own (a "bis" still means closing)
_FILLER = frozenset(
    "bis längstens spätestens einschließlich vom von ab am zum zur seit ca. etwa jeweils des der den dem die das zu "
    "voraussichtlich meist in regel häufig frühestens zuletzt nächste nächster nächsten letzte letzter letzten "
    "bekannte bekannter belegte belegter z. b. z.b. i. d. r. i.d.r. u. a. ggf.".split()
)
_YEARISH = re.compile(r"\d{4}(?:/\d{2,4}|[–-]\d{4})?")
_PUNCT = re.compile(r"[\s:(),.;]")
_PREP_CLOSES = re.compile(r"\b(?:bis|spätestens|einschließlich|zum)\b", _F)
_PREP_OPENS = re.compile(r"\b(?:ab|frühestens)\b", _F)
_PREP_SINCE = re.compile(r"\bseit\b", _F)
_LIST_SEP = re.compile(r"^\s*(?:,|;?\s*bzw\.|und|oder|sowie|/|&)?\s*(?:bzw\.\s*)?(?:bis\s+)?$", _F)
_RANGE_SEP = re.compile(r"^\s*(?:[–—-]|bis(?:\s+zum|\s+einschließlich|\s+spätestens|\s+längstens)?)\s*$", _F)

_ROLLING = re.compile(
    r"\blaufend\b(?!e)|\blaufende[rn]?\s+(?:antragstellung|einreichung|antragsannahme|bewerbung|annahme)"
    r"|\bfortlaufend\w*|\bjederzeit\b|\bganzjährig\b|\brollierend\b|\brolling\b"
    r"|\bohne\s+(?:feste[n]?\s+)?(?:antrags)?(?:frist|fristen|stichtage?)\b"
    r"|\bkeine\s+(?:(?:feste|spezifische|besondere)[n]?\s+)?(?:antrags|einreichungs|bewerbungs)?(?:frist|fristen|stichtage?)\b"
    r"(?!\s+(?:bekannt|belegt|genannt))"
    r"|\bbis\s+(?:die\s+)?(?:vorhandenen\s+|verfügbaren\s+)?(?:mittel|fördermittel|gelder)\s+"
    r"(?:ausgeschöpft|aufgebraucht|erschöpft|verbraucht)"
    r"|\bsolange\s+(?:die\s+)?(?:mittel|fördermittel|gelder|vorrat)\s+(?:verfügbar|vorhanden|reichen)"
    r"|\b(?:wochen|monate)\s+vor\b|\bvor\s+(?:dem\s+|geplantem\s+)?(?:projekt|maßnahmen?|vorhabens?|bau)?beginn"
    r"|\bvor\s+beginn\b|\brechtzeitig\s+vor\b|\bvor\s+mittelbedarf\b",
    _F,
)
_RECURRING = re.compile(
    r"\b(?:all|halb|viertel)?jährlich\w*|\bjedes\s+jahr\b|\bjeden\s+jahres\b|\bmehrmals\s+(?:im\s+)?jahr\b"
    r"|\b(?:zweimal|dreimal|mehrmals)\s+(?:im\s+jahr|pro\s+jahr|jährlich)|\bpro\s+jahr\b|\bquartalsweise\b",
    _F,
)
_MONTHLY_DAY = re.compile(r"\bmonatlich\b[^;]{0,60}?\b(?:bis\s+)?zum\s+(\d{1,2})\.(?!\s*\d)", _F)
_CLOSURE = re.compile(
    r"\b(?:abgelaufen|abgeschlossen|beendet|ausgelaufen|eingestellt|geschlossen|vorbei)\b(?!\s+(?:sein|werden)\b)"
    r"|\bkein(?:e|en|er)?\s+offene[nrs]?\s+\w+|\bderzeit\s+kein\w*\s+(?:\w+\s+)?(?:\w*aufruf\w*|ausschreibung\w*|antr\w+|bewerbung\w*|verfahren)"
    r"|\bkeine\s+(?:neuen\s+)?(?:bewerbungen|anträge|antragstellung)\b|\bkeine\s+bewerbung\b"
    r"|\bnicht\s+mehr\s+(?:möglich|beantragbar|gefördert)|\bnicht\s+beantragbar\b|\bantragstellung\s+(?:ist\s+)?nicht\s+möglich",
    _F,
)
# "ganzjährig 2026", "laufend im gesamten Jahr 2026": rolling until that year ends ("Umsetzung im Jahr 2026" is not)
_BOUND_YEAR = re.compile(
    r"\b(?:ganzjährig|(?:laufend|jederzeit|fortlaufend)\w*\s+im\s+(?:gesamten\s+|ganzen\s+)?jahr)"
    r"\s+(\d{4})\b",
    _F,
)
_CLAUSE_END = re.compile(r";|\n|(?<=[a-zäöüß)]{3})\.\s+(?=[A-ZÄÖÜ])")
# a number right after one of these words is a paragraph or item number, never a date
_REFERENCE = re.compile(r"(?:Ziff(?:er)?|Nr|Nummer|Abs(?:atz)?|Art(?:ikel)?|Kap(?:itel)?|Punkt|§+)\.?\s*$", _F)
_SUMMARY_CUE = re.compile(r"frist|stichtag|antr[aä]g|bewerbung|interessen?s?bekundung|einreich|skizze|einsend", _F)


@dataclass(frozen=True)
class Day:
    """A day as written: with a year (once), without one (every year), or only its month."""

    month: int
    day: int = 0  # 0: only the month (or season) is known
    year: int | None = None  # None: every year
    nth_weekday: tuple[int, int] | None = None  # (1 = first … -1 = last, Monday = 0)

    @property
    def exact(self) -> bool:
        return self.day > 0 or self.nth_weekday is not None

    def in_year(self, year: int) -> date | None:
        """The concrete day in ``year`` (29.02. falls on 28.02. in other years); None if inexact."""
        if self.nth_weekday is not None:
            n, weekday = self.nth_weekday
            days = [
                d
                for d in range(1, calendar.monthrange(year, self.month)[1] + 1)
                if date(year, self.month, d).weekday() == weekday
            ]
            return date(year, self.month, days[n - 1 if n > 0 else -1])
        if not self.day:
            return None
        last = calendar.monthrange(year, self.month)[1]
        return date(year, self.month, min(self.day, last))

    def last_day(self, year: int) -> date:
        """The latest day this may mean in ``year`` (the month's end when only the month is known)."""
        return self.in_year(year) or date(year, self.month, calendar.monthrange(year, self.month)[1])


@dataclass(frozen=True)
class Window:
    """One application deadline, with the day applications open where the text says it."""

    closes: Day
    opens: Day | None = None


@dataclass(frozen=True)
class DeadlineReading:
    """What a deadline text says, independent of today."""

    windows: tuple[Window, ...] = ()
    opens_only: tuple[Day, ...] = ()  # application starts without a stated end
    ignored: tuple[Day, ...] = ()  # dates that are no deadline (funding period, "Stand:" …)
    rolling: bool = False
    recurring: bool = False  # a yearly (or more frequent) round, even where no day is given
    closed: bool = False  # the text says the call or programme is over
    monthly_day: int | None = None  # "monatlich, Eingang bis zum 20."


@dataclass(frozen=True)
class DeadlineState:
    """A call's deadline as of one day: the single answer every output shows."""

    status: str  # offen | laufend | abgelaufen | unbekannt
    deadline: date | None = None  # the next closing date on or after today
    opens: date | None = None  # the day the window of ``deadline`` (or the next one) opens
    last: date | None = None  # the latest closing date already passed

    def days_left(self, today: date) -> int | None:
        return (self.deadline - today).days if self.deadline else None


# -- reading -----------------------------------------------------------------------------------
@dataclass
class _Token:
    start: int
    end: int
    day: Day


def _year(raw: str | None) -> int | None | bool:
    """A written year; False when it is not a plausible one (so the date is skipped)."""
    if not raw:
        return None
    year = int(raw)
    if len(raw) == 2:
        year += 2000 if year < 80 else 1900
    return year if 1990 <= year <= 2100 else False


def _valid(day: Day) -> bool:
    if not 1 <= day.month <= 12:
        return False
    if day.day:
        last = calendar.monthrange(day.year or 2000, day.month)[1]  # 2000: 29.02. is fine yearly
        return 1 <= day.day <= last
    return True


def _tokens(text: str) -> list[_Token]:
    """Every date-like expression, in order of position; a span is taken by the strongest pattern."""
    taken = bytearray(len(text) + 1)
    found: list[_Token] = []

    def take(m: re.Match, day: Day | None) -> None:
        if day is None or not _valid(day) or any(taken[m.start() : m.end()]):
            return
        taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
        found.append(_Token(m.start(), m.end(), day))

    low = text.lower()
    # the month-name patterns are the slow ones: only run where a month, season or weekday is named
    has_month = any(name in low for name in _MONTH_STEMS)
    has_season = any(name in low for name in SEASONS)
    has_weekday = has_month and any(name in low for name in WEEKDAYS)
    for m in _ISO.finditer(text) if "-" in text else ():
        y = _year(m.group(1))
        take(m, Day(int(m.group(2)), int(m.group(3)), y) if y else None)
    for m in _NUMERIC.finditer(text):
        if _REFERENCE.search(text, max(0, m.start() - 12), m.start()):
            continue  # "Ziff. 1.1.", "Nr. 3.2." number a rule, not a day
        y = _year(m.group(3) or m.group(4))
        take(m, None if y is False else Day(int(m.group(2)), int(m.group(1)), y))
    for m in _WORD.finditer(text) if has_month else ():
        y = _year(m.group(3))
        take(m, None if y is False else Day(MONTHS[m.group(2).lower()], int(m.group(1)), y))
    for m in _NTH_WEEKDAY.finditer(text) if has_weekday else ():
        n, weekday = ORDINALS[m.group(1).lower()], WEEKDAYS[m.group(2).lower()]
        months = [m.group(3)] + re.findall(_MONTH, m.group(4) or "", _F)
        for month in months:  # "erster Dienstag im April und im September": one token each
            take_span = m if month is months[0] else None
            day = Day(MONTHS[month.lower()], 0, None, (n, weekday))
            if take_span is not None:
                take(m, day)
            elif found and found[-1].end == m.end():
                found.append(_Token(m.start(), m.end(), day))
    for m in _MONTH_SLASH.finditer(text) if "/" in text else ():
        y = _year(m.group(2))
        take(m, Day(int(m.group(1)), 0, y) if y else None)
    for m in _MONTH_ONLY.finditer(text) if has_month else ():
        y = _year(m.group(3))
        take(m, None if y is False else Day(MONTHS[m.group(2).lower()], 0, y))
    for m in _SEASON_RE.finditer(text) if has_season else ():
        take(m, Day(SEASONS[m.group(1).lower()]))
    found.sort(key=lambda t: t.start)
    return found


def _split_tail(tail: str) -> tuple[str, str]:
    """('Laufzeit', 'bis längstens') from 'Laufzeit bis längstens ': the words before, the fillers."""
    words = tail.split()
    i = len(words)
    while i > 0:
        word = words[i - 1].strip("():,;").lower()
        if word and word not in _FILLER and not _YEARISH.fullmatch(word):
            break
        i -= 1
    return " ".join(words[:i]), " ".join(words[i:])


def _role_of(tail: str, nearest: str | None, previous: str | None) -> str:
    """closes | opens | ignore for a date (or the first date of a range) from the words before it.

    The cue right before the date decides ("Förderphase 01.06.2025–…", "Frist 31.03."); else
    "bis"/"ab"/"seit"; else the role of the clause's previous date (a list goes on); else the
    nearest cue of the clause. A date without any of these in a deadline text is a deadline.
    """
    stripped, preps = _split_tail(tail)
    window = stripped[-40:]
    cues_here = _cues(window)
    last_cue = cues_here[-1] if cues_here else None
    if last_cue is not None and not _PUNCT.sub("", window[last_cue[1] :]):
        kind = last_cue[2]
        if kind == "runs" and len(cues_here) > 1 and cues_here[-2][2] == "dl":
            kind = "dl"  # "die Antragsfrist läuft bis …" closes
        if kind in ("nodl", "runs"):
            return "ignore" if kind == "nodl" else "runs"
        if kind == "opens":
            return "opens"
        return "opens" if _PREP_OPENS.search(preps) and not _PREP_CLOSES.search(preps) else "closes"
    if _PREP_SINCE.search(preps):
        return "ignore"
    if _PREP_CLOSES.search(preps):
        return "closes"
    if _PREP_OPENS.search(preps):
        return "opens" if nearest in (None, "dl", "opens") else "ignore"
    if previous is not None:
        return previous
    if nearest in ("nodl", "runs"):
        return "ignore"
    if nearest == "opens":
        return "opens"
    return "closes"


def _borrow_years(group: list[_Token]) -> list[Day]:
    """'01.03., 01.06. und 01.09.2016', '01.02. – 31.03.2027', '01.12.2026 – 31.01.': yearless days take
    the year written beside them in the same list or range."""
    days = [t.day for t in group]
    for i in range(len(days) - 2, -1, -1):
        here, nxt = days[i], days[i + 1]
        if here.year is None and nxt.year is not None and here.exact and nxt.exact:
            year = nxt.year if (here.month, here.day) <= (nxt.month, nxt.day) else nxt.year - 1
            days[i] = Day(here.month, here.day, year, here.nth_weekday)
    for i in range(1, len(days)):  # "vom 01.12.2026 bis 31.01.": the end follows the written start
        here, prev = days[i], days[i - 1]
        if here.year is None and prev.year is not None and here.exact and prev.exact:
            year = prev.year if (here.month, here.day) >= (prev.month, prev.day) else prev.year + 1
            days[i] = Day(here.month, here.day, year, here.nth_weekday)
    return days


def _span_days(first: Day, second: Day) -> int:
    year = second.year or 2001
    a = first.in_year(first.year or (year if (first.month, first.day) <= (second.month, second.day) else year - 1))
    b = second.in_year(year)
    return (b - a).days if a and b else 10_000


def _clause_bounds(text: str) -> list[int]:
    return [0] + [m.end() for m in _CLAUSE_END.finditer(text)]


def summary_deadline_text(summary: str | None) -> str:
    """The sentences of a summary that talk about applying, joined as one deadline text."""
    sentences = split_sentences(str(summary or "")[:MAX_CHARS])
    return "; ".join(s for s in sentences if _SUMMARY_CUE.search(s)).replace("\u00a0", " ").replace("\u00ad", "")


def read_deadlines(text: str | None, summary: str | None = None) -> DeadlineReading:
    """Read a German deadline text; where it is empty, the deadline sentences of ``summary``."""
    text = str(text or "").replace("\u00a0", " ").replace("\u00ad", "")[:MAX_CHARS]
    if not text.strip() and summary:
        text = summary_deadline_text(summary)
    if not text.strip():
        return DeadlineReading()
    bounds = _clause_bounds(text)
    cues = [(start, kind) for start, _end, kind in _cues(text)]
    tokens = _tokens(text)

    # group the dates: lists ("31.03. und 30.09.") share a role, ranges ("01.06.–31.08.") are windows
    groups: list[tuple[str, list[_Token], list[bool]]] = []  # (role, tokens, "starts a range")
    prev_end, prev_clause = 0, -1
    for tok in tokens:
        clause = bisect.bisect_right(bounds, tok.start) - 1
        same_clause = bool(groups) and clause == prev_clause
        gap = text[max(prev_end, bounds[clause], tok.start - 200) : tok.start]
        if same_clause and _RANGE_SEP.match(gap) and not groups[-1][2][-1]:
            groups[-1][1].append(tok)
            groups[-1][2][-1] = True  # the previous token opens a range that this one closes
            groups[-1][2].append(False)
        elif same_clause and _LIST_SEP.match(gap):
            groups[-1][1].append(tok)
            groups[-1][2].append(False)
        else:
            i = bisect.bisect_left(cues, (tok.start, "")) - 1
            nearest = cues[i][1] if i >= 0 and cues[i][0] >= bounds[clause] else None
            previous = groups[-1][0] if same_clause else None
            tail = text[max(bounds[clause], tok.start - 120) : tok.start]
            groups.append((_role_of(tail, nearest, previous), [tok], [False]))
        prev_end, prev_clause = tok.end, clause

    windows: list[Window] = []
    opens_only: list[Day] = []
    ignored: list[Day] = []
    dated_clauses: set[int] = set()
    for role, toks, starts_range in groups:
        days = _borrow_years(toks)
        if role == "runs":
            # "die Runde läuft vom 07.07. bis 27.07." is an application round of weeks; "läuft bis
            # 31.12.2028" alone, or for years, is the period the money runs
            role = "closes" if len(days) == 2 and starts_range[0] and _span_days(days[0], days[1]) <= 183 else "ignore"
        if role == "ignore":
            ignored.extend(days)
            continue
        if role == "closes" or any(starts_range):  # a start alone does not bound "laufend"
            dated_clauses.add(bisect.bisect_right(bounds, toks[0].start) - 1)
        i = 0
        while i < len(days):
            if starts_range[i] and i + 1 < len(days):
                windows.append(Window(closes=days[i + 1], opens=days[i]))
                i += 2
                continue
            if role == "opens":
                opens_only.append(days[i])
            else:
                windows.append(Window(closes=days[i]))
            i += 1
    # a start of applications ("Öffnung 17.12.2025") belongs to the first deadline after it
    paired: list[Window] = []
    loose = list(opens_only)
    for w in windows:
        if loose and len(loose) <= 50 and w.opens is None and w.closes.year is not None and w.closes.exact:
            match = next(
                (
                    o
                    for o in loose
                    if o.year is not None and o.exact and o.in_year(o.year) <= w.closes.in_year(w.closes.year)
                ),
                None,
            )
            if match is not None:
                loose.remove(match)
                w = Window(closes=w.closes, opens=match)
        paired.append(w)

    for m in _BOUND_YEAR.finditer(text):  # "ganzjährig 2026": open until that year ends
        year = _year(m.group(1))
        if year:
            paired.append(Window(closes=Day(12, 31, year)))
            dated_clauses.add(bisect.bisect_right(bounds, m.start()) - 1)
    # rolling words next to a date only bound that date ("fortlaufend bis 29.01.2027")
    rolling = any(bisect.bisect_right(bounds, m.start()) - 1 not in dated_clauses for m in _ROLLING.finditer(text))
    closed = any(bisect.bisect_right(bounds, m.start()) - 1 not in dated_clauses for m in _CLOSURE.finditer(text))
    monthly = _MONTHLY_DAY.search(text)
    monthly_day = int(monthly.group(1)) if monthly and 1 <= int(monthly.group(1)) <= 31 else None
    return DeadlineReading(
        windows=tuple(paired),
        opens_only=tuple(loose),
        ignored=tuple(ignored),
        rolling=rolling,
        recurring=bool(_RECURRING.search(text)) or any(w.closes.year is None for w in paired),
        closed=closed,
        monthly_day=monthly_day,
    )


# -- deciding for a day --------------------------------------------------------------------------
def _next_monthly(day: int, today: date) -> date:
    year, month = today.year, today.month
    for _ in range(2):
        last = calendar.monthrange(year, month)[1]
        d = date(year, month, min(day, last))
        if d >= today:
            return d
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return d


def _occurrences(w: Window, today: date) -> list[tuple[date | None, date, bool]]:
    """(opens, closes, exact) of a window: once, or for this year and the next when it recurs."""
    years = [w.closes.year] if w.closes.year is not None else [today.year - 1, today.year, today.year + 1]
    out = []
    for year in years:
        closes = w.closes.in_year(year) or w.closes.last_day(year)
        opens = None
        if w.opens is not None:
            o_year = (
                w.opens.year
                if w.opens.year is not None
                else (year if (w.opens.month, w.opens.day) <= (w.closes.month, w.closes.day) else year - 1)
            )
            opens = w.opens.in_year(o_year)
        out.append((opens, closes, w.closes.exact))
    return out


def deadline_state(reading: DeadlineReading, today: date) -> DeadlineState:
    """Status, next closing date and opening day as of ``today``.

    In this order: a dated deadline still ahead → offen; a window that opens later → offen
    (``opens``); the text says it is over → abgelaufen; a yearly deadline's next occurrence →
    offen; rolling → laufend; a round that comes again on an unstated day → offen without a
    date; only passed deadlines → abgelaufen; nothing readable → unbekannt.
    """
    dated: list[tuple[date, date | None]] = []  # closing dates still ahead, with their opening day
    yearly: list[tuple[date, date | None]] = []
    inexact_ahead = False
    past: list[date] = []
    for w in reading.windows:
        for opens, closes, exact in _occurrences(w, today):
            if closes < today:
                if w.closes.year is not None:
                    past.append(closes)
            elif not exact:
                inexact_ahead = True
            elif w.closes.year is not None:
                dated.append((closes, opens))
            else:
                yearly.append((closes, opens))
    if reading.monthly_day:
        yearly.append((_next_monthly(reading.monthly_day, today), None))
    last = max(past) if past else None
    if dated:
        deadline, opens = min(dated, key=lambda f: f[0])
        return DeadlineState(OFFEN, deadline, opens, last)
    # "ab Januar 2027": the first of the month is the earliest day it can mean
    starts = [o.in_year(o.year) or date(o.year, o.month, 1) for o in reading.opens_only if o.year is not None]
    starts = [d for d in starts if d > today]
    if starts:
        return DeadlineState(OFFEN, None, min(starts), last)
    if reading.closed:
        return DeadlineState(ABGELAUFEN, None, None, last)
    if yearly:
        deadline, opens = min(yearly, key=lambda f: f[0])
        return DeadlineState(OFFEN, deadline, opens, last)
    if reading.rolling:
        return DeadlineState(LAUFEND, None, None, last)
    if inexact_ahead or reading.recurring:
        return DeadlineState(OFFEN, None, None, last)
    if past:
        return DeadlineState(ABGELAUFEN, None, None, last)
    return DeadlineState(UNBEKANNT)


def expires(reading: DeadlineReading) -> date | None:
    """The last day on which ``deadline_state`` is not abgelaufen; None: never by date alone.

    The status only ever moves towards abgelaufen as days pass, so one day per call is enough
    for ranking many calls at once (``matcher.features``).
    """
    dated = [w.closes.in_year(w.closes.year) for w in reading.windows if w.closes.year is not None and w.closes.exact]
    dated += [
        w.closes.last_day(w.closes.year)
        for w in reading.windows
        if w.closes.year is not None and not w.closes.exact and not reading.closed
    ]
    dated += [
        (o.in_year(o.year) or date(o.year, o.month, 1)) - timedelta(days=1)
        for o in reading.opens_only
        if o.year is not None
    ]
    if reading.closed:
        return max(dated, default=date.min)
    if (
        reading.monthly_day
        or reading.rolling
        or reading.recurring
        or any(w.closes.year is None for w in reading.windows)
    ):
        return None
    return max(dated, default=None)


@lru_cache(maxsize=8192)
def _cached_reading(text: str) -> DeadlineReading:
    return read_deadlines(text)


def reading_of(call) -> DeadlineReading:
    """What a call's deadline text says (else its summary's deadline sentences); cached per text."""
    deadlines = getattr(call, "deadlines", None)
    text = (getattr(deadlines, "text", None) or "") if deadlines is not None else ""
    if not text.strip():
        # only the few sentences are the cache key, not a summary of many thousand characters
        text = summary_deadline_text(getattr(call, "summary_de", "") or "")
    return _cached_reading(text[:MAX_CHARS])


def state_of(call, today: date) -> DeadlineState:
    """The deadline state of a call (anything with ``deadlines.text`` and ``summary_de``)."""
    return deadline_state(reading_of(call), today)


def stored_fields(text: str | None) -> dict:
    """The parsed summary the store keeps beside the text: exact dates, yearly "MM-DD", rolling.

    Kept for exports and older readers; decisions always go through ``state_of``.
    """
    reading = read_deadlines(text)
    dates: set[date] = set()
    recurring: list[str] = []
    for w in reading.windows:
        for day in (w.opens, w.closes):
            if day is None or not day.exact:
                continue
            if day.year is not None:
                dates.add(day.in_year(day.year))
            elif day.nth_weekday is None:
                key = f"{day.month:02d}-{day.day:02d}"
                if key not in recurring:
                    recurring.append(key)
    for day in reading.opens_only:
        if day.year is not None and day.exact:
            dates.add(day.in_year(day.year))
    return {"dates": sorted(dates), "recurring": recurring, "rolling": reading.rolling}
