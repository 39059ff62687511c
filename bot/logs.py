"""Logging set-up: one line per event, text or JSON, and never a secret or a user's words.

- The bot token (and the webhook secret) are replaced by ``<token>``/``<secret>`` in the
  final line, tracebacks included.
- PTB's own DEBUG lines print whole requests and updates (what users typed, what the bot
  answered). Records from ``telegram.*`` keep only simple arguments (method names, numbers);
  anything else becomes ``<…>``. Comeback's own lines carry ids, never text.
- A multi-line message (a traceback) is folded into one line: newlines become ``\\n``.
- A traceback keeps its frames and exception types but not the exceptions' messages: they
  can quote what a person typed (``int("፩")`` fails with "invalid literal … '፩'").
"""

from __future__ import annotations

import json
import logging
import re
import traceback
from datetime import UTC, datetime
from types import TracebackType

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
HIDDEN = "<…>"
_SIMPLE_ARG = re.compile(r"^[\w.\-/`:@]{0,64}$")


class RedactFilter(logging.Filter):
    """Replaces a secret (the bot token) wherever it would appear in a log line."""

    def __init__(self, secret: str) -> None:
        super().__init__()
        self.secret = secret

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secret:
            return True
        message = record.getMessage()
        if self.secret in message:
            record.msg = message.replace(self.secret, "<token>")
            record.args = None
        if record.exc_text and self.secret in record.exc_text:
            record.exc_text = record.exc_text.replace(self.secret, "<token>")
        return True


def _simple(arg: object) -> bool:
    if arg is None or isinstance(arg, bool | int | float | type):
        return True
    return isinstance(arg, str) and bool(_SIMPLE_ARG.match(arg))


class LibraryArgsFilter(logging.Filter):
    """Hides the non-trivial arguments of library log records (requests, updates, replies)."""

    def __init__(self, prefixes: tuple[str, ...] = ("telegram", "apscheduler", "tornado")) -> None:
        super().__init__()
        self.prefixes = prefixes

    def filter(self, record: logging.LogRecord) -> bool:
        if not record.name.startswith(self.prefixes) or not record.args:
            return True
        if isinstance(record.args, dict):
            record.args = {k: v if _simple(v) else HIDDEN for k, v in record.args.items()}
        else:
            record.args = tuple(a if _simple(a) else HIDDEN for a in record.args)
        return True


ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def traceback_without_messages(exc: BaseException) -> str:
    """The traceback of ``exc`` (and of the exceptions it came from), each exception named
    by its type only: its message may hold what a person typed."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        cause = current.__cause__
        current = (
            cause if cause is not None or current.__suppress_context__ else current.__context__
        )
    parts: list[str] = []
    for i, found in enumerate(reversed(chain)):
        if i:
            parts.append("\nThe above exception led to the following one:\n\n")
        parts.append("Traceback (most recent call last):\n")
        parts.extend(traceback.format_tb(found.__traceback__))
        kind = type(found)
        name = (
            kind.__qualname__
            if kind.__module__ == "builtins"
            else f"{kind.__module__}.{kind.__qualname__}"
        )
        parts.append(f"{name}: {HIDDEN}\n")
    return "".join(parts).rstrip("\n")


class _Redacting(logging.Formatter):
    def __init__(self, secrets: dict[str, str], fmt: str | None = None) -> None:
        super().__init__(fmt)
        self.secrets = {s: label for s, label in secrets.items() if s}

    def redact(self, text: str) -> str:
        for secret, label in self.secrets.items():
            text = text.replace(secret, label)
        return text

    def formatException(self, ei: ExcInfo | tuple[None, None, None]) -> str:
        if ei[1] is None:
            return super().formatException(ei)
        return traceback_without_messages(ei[1])


class TextFormatter(_Redacting):
    def format(self, record: logging.LogRecord) -> str:
        cached, record.exc_text = record.exc_text, None  # another handler's, with messages
        try:
            line = super().format(record)
        finally:
            record.exc_text = cached
        return self.redact(line).replace("\r", "").replace("\n", "\\n")


class JsonFormatter(_Redacting):
    def format(self, record: logging.LogRecord) -> str:
        event: dict[str, object] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        if record.exc_info:
            event["exc"] = self.formatException(record.exc_info)
        return self.redact(json.dumps(event, ensure_ascii=False))


def setup(level: str, token: str = "", fmt: str = "text", secrets: tuple[str, ...] = ()) -> None:
    hidden = {token: "<token>"} | {s: "<secret>" for s in secrets}
    handler = logging.StreamHandler()
    formatter: logging.Formatter = (
        JsonFormatter(hidden) if fmt == "json" else TextFormatter(hidden, FORMAT)
    )
    handler.setFormatter(formatter)
    handler.addFilter(LibraryArgsFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # httpx logs every request URL, and Bot API URLs contain the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    logging.getLogger("aiosqlite").setLevel(logging.INFO)
    logging.getLogger("asyncio").setLevel(logging.INFO)
    logging.getLogger("tornado.access").setLevel(logging.WARNING)
