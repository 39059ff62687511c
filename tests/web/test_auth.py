"""The initData check, as Telegram documents it: one table of what passes and what doesn't."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from bot.web import auth

TOKEN = "123456789:AAHtestTokenForComebackEmulator01"
OTHER_TOKEN = "987654321:AAHanotherBotsTokenForTheTests00"
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
DAY = timedelta(hours=24)
USER = json.dumps(
    {"id": 42, "first_name": "Alice & Bob", "language_code": "de"}, separators=(",", ":")
)


def fields(**changes: str) -> dict[str, str]:
    base = {"auth_date": str(int(NOW.timestamp()) - 60), "query_id": "AAEq", "user": USER}
    return base | changes


VALID = auth.sign(fields(), TOKEN)
OLD = auth.sign(fields(auth_date=str(int((NOW - DAY - timedelta(seconds=1)).timestamp()))), TOKEN)
FUTURE = auth.sign(fields(auth_date=str(int((NOW + timedelta(minutes=5)).timestamp()))), TOKEN)
HASH = VALID.rsplit("hash=", 1)[1]

CASES: list[tuple[str, str, str | None]] = [
    ("valid", VALID, None),
    ("valid, fields in another order", "&".join(reversed(VALID.split("&"))), None),
    ("tampered user", VALID.replace("%22id%22%3A42", "%22id%22%3A43"), "wrong hash"),
    ("tampered auth_date", VALID.replace("auth_date=", "auth_date=1"), "wrong hash"),
    ("expired", OLD, "expired"),
    ("from the future", FUTURE, "auth_date in the future"),
    ("no hash", VALID.rsplit("&hash=", 1)[0], "no hash"),
    ("empty hash", VALID.rsplit("&hash=", 1)[0] + "&hash=", "no hash"),
    ("another bot's token", auth.sign(fields(), OTHER_TOKEN), "wrong hash"),
    ("duplicate key", VALID + "&query_id=AAEq", "a key appears twice"),
    ("duplicate hash", VALID + "&hash=" + HASH, "a key appears twice"),
    ("field without =", VALID + "&junk", "a field is not key=value"),
    ("empty", "", "empty or too long"),
    ("huge", "a=" + "x" * 9000, "empty or too long"),
    ("no user", auth.sign({"auth_date": fields()["auth_date"]}, TOKEN), "no valid user"),
    ("user without id", auth.sign(fields(user='{"first_name":"A"}'), TOKEN), "no valid user"),
    ("no auth_date", auth.sign({"user": USER}, TOKEN), "no valid auth_date"),
]


@pytest.mark.parametrize(("name", "init_data", "error"), CASES, ids=[c[0] for c in CASES])
def test_verify(name: str, init_data: str, error: str | None) -> None:
    if error is None:
        user = auth.verify(init_data, TOKEN, NOW, DAY)
        assert (user.id, user.first_name, user.language_code) == (42, "Alice & Bob", "de")
        assert user.auth_date == NOW - timedelta(seconds=60)
    else:
        with pytest.raises(auth.InitDataError, match=error):
            auth.verify(init_data, TOKEN, NOW, DAY)


def test_data_check_string_is_sorted_decoded_lines_without_hash() -> None:
    parsed = auth.parse("user=%7B%22id%22%3A1%7D&auth_date=5&hash=ab&a=x%20y")
    assert auth.data_check_string(parsed) == 'a=x y\nauth_date=5\nuser={"id":1}'


def test_known_vector() -> None:
    """The hash computed by hand with hmac, independently of :func:`auth.sign`."""
    import hashlib
    import hmac

    secret = hmac.new(b"WebAppData", TOKEN.encode(), hashlib.sha256).digest()
    check = "auth_date=1700000000\nuser=" + '{"id":7}'
    digest = hmac.new(secret, check.encode(), hashlib.sha256).hexdigest()
    raw = f"user=%7B%22id%22%3A7%7D&auth_date=1700000000&hash={digest}"
    now = datetime.fromtimestamp(1700000000, UTC)
    assert auth.verify(raw, TOKEN, now, DAY).id == 7
