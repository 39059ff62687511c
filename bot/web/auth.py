"""Who is asking: the Mini App's ``initData``, checked exactly as Telegram documents it.

https://core.telegram.org/bots/webapps#validating-data-received-via-the-mini-app:
``secret_key = HMAC_SHA256(key="WebAppData", msg=bot_token)`` and
``hash = hex(HMAC_SHA256(key=secret_key, msg=data_check_string))``, where the
data-check-string is every received field except ``hash`` as ``key=value`` (the value
URL-decoded), sorted by key, joined with ``\\n``. The hashes are compared in constant time.
Parsing is strict: a field without ``=``, a repeated key or a missing ``hash``/``auth_date``/
``user`` is refused, and so is data older than the allowed age (or from the future, beyond a
minute of clock skew). Pure: no I/O, no Telegram objects; :func:`sign` is the other side,
for tests and the demo.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import quote, unquote_plus

__all__ = [
    "InitDataError",
    "WebAppUser",
    "data_check_string",
    "init_data_for",
    "parse",
    "sign",
    "verify",
]

CLOCK_SKEW = timedelta(minutes=1)
MAX_LENGTH = 8192  # Telegram's initData is a few hundred bytes; refuse anything absurd


class InitDataError(ValueError):
    """The data is malformed, forged, or too old; the message names which (never the data)."""


@dataclass(frozen=True)
class WebAppUser:
    """The verified person: their Telegram id, and what Telegram says about them."""

    id: int
    first_name: str
    language_code: str | None
    auth_date: datetime


def parse(init_data: str) -> dict[str, str]:
    """The fields, URL-decoded; :class:`InitDataError` on anything not strictly key=value."""
    if not init_data or len(init_data) > MAX_LENGTH:
        raise InitDataError("empty or too long")
    fields: dict[str, str] = {}
    for pair in init_data.split("&"):
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise InitDataError("a field is not key=value")
        try:
            key, value = unquote_plus(key, errors="strict"), unquote_plus(value, errors="strict")
        except UnicodeDecodeError:
            raise InitDataError("a field is not UTF-8") from None
        if key in fields:
            raise InitDataError("a key appears twice")
        fields[key] = value
    return fields


def data_check_string(fields: dict[str, str]) -> str:
    return "\n".join(f"{key}={fields[key]}" for key in sorted(fields) if key != "hash")


def _hash(fields: dict[str, str], bot_token: str) -> str:
    secret_key = hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()
    message = data_check_string(fields).encode()
    return hmac.new(secret_key, message, hashlib.sha256).hexdigest()


def verify(init_data: str, bot_token: str, now: datetime, max_age: timedelta) -> WebAppUser:
    """The person the data was signed for by ``bot_token``'s bot, or :class:`InitDataError`."""
    fields = parse(init_data)
    given = fields.get("hash")
    if not given:
        raise InitDataError("no hash")
    if not hmac.compare_digest(given.encode(), _hash(fields, bot_token).encode()):
        raise InitDataError("wrong hash")
    try:
        issued = datetime.fromtimestamp(int(fields["auth_date"]), UTC)
    except (KeyError, ValueError, OverflowError, OSError):
        raise InitDataError("no valid auth_date") from None
    if now - issued > max_age:
        raise InitDataError("expired")
    if issued - now > CLOCK_SKEW:
        raise InitDataError("auth_date in the future")
    try:
        user = json.loads(fields["user"])
        user_id = user["id"]
    except (KeyError, ValueError, TypeError):
        raise InitDataError("no valid user") from None
    if not isinstance(user_id, int) or isinstance(user_id, bool) or user_id <= 0:
        raise InitDataError("no valid user")
    language = user.get("language_code")
    return WebAppUser(
        id=user_id,
        first_name=str(user.get("first_name") or ""),
        language_code=language if isinstance(language, str) else None,
        auth_date=issued,
    )


def sign(fields: dict[str, str], bot_token: str) -> str:
    """``fields`` as initData signed for ``bot_token`` (what Telegram hands the page)."""
    signed = dict(fields) | {"hash": _hash(fields, bot_token)}
    return "&".join(
        f"{quote(key, safe='')}={quote(value, safe='')}" for key, value in signed.items()
    )


def init_data_for(
    user_id: int, first_name: str, language_code: str | None, now: datetime, bot_token: str
) -> str:
    """Signed initData for one person, as Telegram would give it (the demo, tests)."""
    user: dict[str, object] = {"id": user_id, "first_name": first_name}
    if language_code:
        user["language_code"] = language_code
    fields = {
        "auth_date": str(int(now.timestamp())),
        "query_id": "AAE" + hashlib.sha256(str(user_id).encode()).hexdigest()[:16],
        "user": json.dumps(user, separators=(",", ":"), ensure_ascii=False),
    }
    return sign(fields, bot_token)
