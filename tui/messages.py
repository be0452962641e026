"""Every custom message of the Kulisse TUI; workers post these, handlers update widgets."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from textual.message import Message

from tui.services.rankings import Ranking


@dataclass
class RankingDone(Message):
    """A fresh ranking for the current profile is ready."""

    bubble = False  # handled by the screen whose worker posted it

    profile_key: str
    ranking: Ranking


@dataclass
class RankingProgress(Message):
    """Index building advanced (stage in German, done of total); floods collapse to the newest."""

    bubble = False  # handled by the screen whose worker posted it

    stage: str
    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, RankingProgress)


@dataclass
class RankingFailed(Message):
    """Computing the ranking failed; ``error`` is German."""

    bubble = False  # handled by the screen whose worker posted it

    profile_key: str
    error: str


@dataclass
class LabelsDone(Message):
    """The classifier relabelled ``count`` calls."""

    bubble = False  # handled by the screen whose worker posted it

    count: int


@dataclass
class StatusChanged(Message):
    """The user set a call's working status."""

    call_id: str
    status: str
    note: str


@dataclass
class ProfileSaved(Message):
    """A profile was validated and written to ``path``."""

    key: str
    path: Path


@dataclass
class DraftDone(Message):
    """A .docx draft was written."""

    bubble = False  # handled by the screen whose worker posted it

    path: Path
    gaps: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class DraftFailed(Message):
    """Drafting failed; ``error`` is German."""

    bubble = False  # handled by the screen whose worker posted it

    error: str


@dataclass
class CrawlProgress(Message):
    """Crawl progress in German (from the runner's events); floods collapse to the newest."""

    bubble = False  # handled by the screen whose worker posted it

    line: str
    done: int
    total: int | None = None

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, CrawlProgress)


@dataclass
class CrawlDone(Message):
    """The crawl child process ended with ``returncode``; ``last_line``: its last summary or error."""

    bubble = False  # handled by the screen whose worker posted it

    returncode: int
    last_line: str = ""


@dataclass
class CrawlFailed(Message):
    """The crawl could not be started or crashed; ``error`` is German."""

    bubble = False  # handled by the screen whose worker posted it

    error: str
