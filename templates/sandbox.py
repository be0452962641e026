"""A Jinja sandbox with bounded output: a user's template is code and must not eat the memory.

Jinja's own sandbox stops attribute tricks and caps a single ``range()`` at 100,000 items, but a
nested ``range()`` in a user template still reached 4.1 GB (issue 17). Here, per rendering:
all ``range()`` calls together yield at most ``MAX_RANGE_TOTAL`` items, the text produced is at
most ``MAX_OUTPUT_CHARS``, and no operator, method or filter gets a size argument beyond
``MAX_ARG`` ("x" * 10**9, "x".ljust(10**9), "x"|center(10**9), "%999999999s" % "x").
"""

from __future__ import annotations

import operator
import re
from typing import Any

from jinja2.sandbox import SandboxedEnvironment, SecurityError

from corpus.format_de import number

MAX_OUTPUT_CHARS = 20_000_000  # the XML of a long application is well below 2 MB
MAX_RANGE_TOTAL = 200_000
MAX_ARG = 1_000_000
_BIG_WIDTH = re.compile(r"%[-+ #0]*\d{7,}")


class TemplateLimitError(SecurityError):
    """A template went beyond a size limit; the message is German."""


def _check_args(args, kwargs) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_ARG:
            raise TemplateLimitError(f"eine Zahl über {number(MAX_ARG)} als Größenangabe")


def _sized(value) -> bool:
    return isinstance(value, (str, bytes, list, tuple))


class LimitedSandbox(SandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._range_left = MAX_RANGE_TOTAL
        self.globals["range"] = self._range
        for name, function in list(self.filters.items()):
            self.filters[name] = self._guard(function)

    def _range(self, *args: int):
        items = range(*args)
        if len(items) > self._range_left:
            raise TemplateLimitError(f"Schleifen mit zusammen über {number(MAX_RANGE_TOTAL)} Durchläufen")
        self._range_left -= len(items)
        return items

    @staticmethod
    def _guard(function):
        def guarded(*args, **kwargs):
            _check_args(args[1:], kwargs)  # the first argument is the value being filtered
            return function(*args, **kwargs)

        for attribute in ("jinja_pass_arg",):  # keep how Jinja passes context/environment
            if hasattr(function, attribute):
                setattr(guarded, attribute, getattr(function, attribute))
        return guarded

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (Jinja's signature)
        if __obj is not __self._range:
            _check_args(args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)

    def call_binop(self, context, operator_: str, left, right):
        if operator_ == "*":
            count = right if _sized(left) else left if _sized(right) else None
            size = len(left) if _sized(left) else len(right) if _sized(right) else 0
            if isinstance(count, int) and count * size > MAX_OUTPUT_CHARS:
                raise TemplateLimitError("ein vervielfachter Text über der Höchstlänge")
            return operator.mul(left, right)
        if operator_ == "**":
            if (
                isinstance(right, (int, float))
                and abs(right) > 1_000
                and isinstance(left, (int, float))
                and abs(left) > 1
            ):
                raise TemplateLimitError("eine zu große Potenz")
            return operator.pow(left, right)
        if isinstance(left, str) and _BIG_WIDTH.search(left):
            raise TemplateLimitError("eine zu große Feldbreite im Format")
        return super().call_binop(context, operator_, left, right)

    def concat(self, parts) -> str:  # type: ignore[override]  # Template.render joins through here
        out: list[str] = []
        size = 0
        for part in parts:
            size += len(part)
            if size > MAX_OUTPUT_CHARS:
                raise TemplateLimitError(f"über {MAX_OUTPUT_CHARS // 1_000_000} Mio. Zeichen Text")
            out.append(part)
        return "".join(out)
