"""Settings: the only module that reads the environment (and `.env`)."""

from __future__ import annotations

import re
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

TELEGRAM_API_BASE_URL = "https://api.telegram.org/bot"
TOKEN_PATTERN = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{20,}$")
WEBHOOK_SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
QUIET_HOURS_PATTERN = re.compile(r"^(\d{1,2})\s*-\s*(\d{1,2})$")
DEFAULT_HELPLINE = (
    "If you are in danger or thinking about harming yourself, please call your local "
    "emergency number now, or find a free, confidential helpline in your country at "
    "https://findahelpline.com"
)


class ConfigError(Exception):
    """A setting is missing or malformed; the message names it in one line."""


class Settings(BaseSettings):
    """Every setting Comeback reads, with its default. See `.env.example`."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    bot_token: SecretStr = SecretStr("")
    bot_api_base_url: str = TELEGRAM_API_BASE_URL
    bot_api_file_url: str = ""
    database_path: Path = Path("data/comeback.sqlite3")
    log_level: str = "INFO"
    default_timezone: str = "UTC"
    tick_seconds: float = Field(default=30.0, gt=0)
    persistence_flush_seconds: float = Field(default=2.0, gt=0)
    checkin_grace_hours: float = Field(default=12.0, ge=0)
    # A flow left this long without a word or a tap is put aside (its draft kept) when the
    # person writes next; they are offered to continue where they left off.
    flow_idle_minutes: float = Field(default=120.0, gt=0)
    # Shown where HELPLINES has no line for the person's country; left at the default, it
    # is shown in the person's language (bot/ui/texts.py HELPLINE_DIRECTORY).
    helpline_text: str = DEFAULT_HELPLINE
    # Helplines the operator checked, by the country of the person's time zone (ISO 3166
    # code, from tzdata's zone.tab), as JSON: {"DE": "TelefonSeelsorge 0800 111 0 111"}.
    helplines: dict[str, str] = Field(default_factory=dict)
    # --- groups: at most this many bot messages per group in any window (Telegram
    # allows about 20 a minute); the bot keeps one below it.
    group_messages_per_window: int = Field(default=20, ge=2)
    group_window_seconds: float = Field(default=60.0, gt=0)
    # --- operations ---
    log_format: str = "text"
    webhook_url: str = ""
    webhook_secret: SecretStr = SecretStr("")
    listen_host: str = "127.0.0.1"
    listen_port: int = Field(default=8080, ge=1, le=65535)
    request_timeout_seconds: float = Field(default=10.0, gt=0)
    send_retries: int = Field(default=3, ge=0, le=10)
    send_retry_backoff_seconds: float = Field(default=1.0, ge=0)
    health_max_failed_sends: int = Field(default=20, ge=1)
    # --- many people at once ---
    # Updates of different people handled at the same time (one person's always in order).
    max_concurrent_updates: int = Field(default=64, ge=1, le=10_000)
    # Flood guard: beyond this many updates from one person in FLOOD_WINDOW_SECONDS they get
    # one "slow down" note and are served at that pace; a button they press while this many
    # of their updates still wait is answered "slow down" and ignored (typed text never is).
    flood_max_updates: int = Field(default=20, ge=2)
    flood_window_seconds: float = Field(default=10.0, gt=0)
    flood_max_waiting_buttons: int = Field(default=3, ge=1)
    # Telegram's limits, kept on the bot's side: messages per second overall (Telegram's is
    # 30; below it, as requests do not arrive as evenly as they are sent), and in one
    # private chat at most this many in any window (about one a second after a short burst).
    # 0 switches a limit off (benchmarks; a local Bot API server without limits).
    overall_messages_per_second: float = Field(default=28.0, ge=0)
    private_chat_messages_per_window: int = Field(default=3, ge=0)
    private_chat_window_seconds: float = Field(default=3.0, gt=0)
    # Fetching pauses while this many updates wait in memory (they wait in the inbox table).
    max_queued_updates: int = Field(default=5_000, ge=1)
    # Ids of handled updates are kept this long (to recognise a delivery Telegram repeats).
    inbox_keep_hours: float = Field(default=24.0, gt=0)
    # --- privacy: what /privacy and /delete tell people. `comeback backup FOLDER/`
    # deletes daily copies older than BACKUP_KEEP_DAYS; LOG_KEEP_DAYS is how long your log
    # rotation keeps the logs (the bot can't enforce it: deploy/README.md says how).
    backup_keep_days: int = Field(default=14, ge=1, le=3650)
    log_keep_days: int = Field(default=14, ge=1, le=3650)
    # The key that makes feedback givers' hashes useless to whoever holds only the database
    # or a backup of it (bot/storage/server_secret.py). Empty: a random key is generated on
    # first start into <DATABASE_PATH>.secret (0600) beside the database.
    server_secret: SecretStr = SecretStr("")
    # --- applications: days without news before the bot asks "heard back?"
    # (fractions allowed), and the local hours it never writes in on its own ("" = none;
    # bot/domain/quiet.py; a person's own choice in /settings wins over it).
    application_follow_up_days: float = Field(default=14.0, gt=0, le=365)
    quiet_hours: str = "21-8"
    # --- dashboard (a Telegram Mini App): the public HTTPS address people open it at, behind
    # your TLS proxy like the webhook; served on LISTEN_HOST:LISTEN_PORT at the path of this
    # address. Empty: no dashboard. Its sign-in data is accepted for WEBAPP_MAX_AGE_HOURS.
    webapp_url: str = ""
    webapp_max_age_hours: float = Field(default=24.0, gt=0)

    @field_validator("quiet_hours")
    @classmethod
    def _quiet_hours(cls, value: str) -> str:
        text = value.strip()
        found = QUIET_HOURS_PATTERN.match(text)
        if text and (
            found is None
            or not all(0 <= int(h) <= 23 for h in found.groups())
            or int(found.group(1)) == int(found.group(2))
        ):
            raise ValueError("must be two different hours 0-23 like 21-8, or empty")
        return text

    @field_validator("helplines")
    @classmethod
    def _helplines(cls, value: dict[str, str]) -> dict[str, str]:
        lines = {code.strip().upper(): line.strip() for code, line in value.items()}
        for code, line in lines.items():
            if not re.fullmatch(r"[A-Z]{2}", code) or not line:
                raise ValueError("must map two-letter country codes (DE, BR) to a helpline")
        return lines

    @field_validator("log_format")
    @classmethod
    def _log_format(cls, value: str) -> str:
        fmt = value.strip().lower()
        if fmt not in {"text", "json"}:
            raise ValueError("must be text or json")
        return fmt

    @field_validator("webhook_secret")
    @classmethod
    def _webhook_secret(cls, value: SecretStr) -> SecretStr:
        secret = value.get_secret_value().strip()
        if secret and not WEBHOOK_SECRET_PATTERN.match(secret):
            raise ValueError("must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
        return SecretStr(secret)

    @field_validator("server_secret")
    @classmethod
    def _server_secret(cls, value: SecretStr) -> SecretStr:
        secret = value.get_secret_value().strip()
        if secret and len(secret) < 32:
            raise ValueError("must be at least 32 characters (or empty: generated on first start)")
        return SecretStr(secret)

    @field_validator("webhook_url")
    @classmethod
    def _webhook_url(cls, value: str) -> str:
        url = value.strip()
        if url and not url.startswith(("https://", "http://")):
            raise ValueError("must be an https:// URL that reaches this bot")
        return url

    @field_validator("webapp_url")
    @classmethod
    def _webapp_url(cls, value: str) -> str:
        url = value.strip()
        if url and not url.startswith(("https://", "http://")):
            raise ValueError("must be the https:// address of the dashboard")
        return url

    @field_validator("default_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @field_validator("log_level")
    @classmethod
    def _level(cls, value: str) -> str:
        level = value.upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL")
        return level

    @property
    def file_url(self) -> str:
        """Where files are downloaded from; derived from the API base URL unless set."""
        if self.bot_api_file_url:
            return self.bot_api_file_url
        base = self.bot_api_base_url
        if base.endswith("/bot"):
            return base[: -len("/bot")] + "/file/bot"
        return base.rstrip("/") + "/file/bot"

    def require_token(self) -> str:
        """The token, or a ConfigError that names the setting and where tokens come from."""
        token = self.bot_token.get_secret_value().strip()
        if not token:
            raise ConfigError(
                "BOT_TOKEN is not set: create a bot with @BotFather in Telegram and put its "
                "token in .env as BOT_TOKEN=..."
            )
        if not TOKEN_PATTERN.match(token):
            raise ConfigError(
                "BOT_TOKEN is malformed: it should look like 123456789:AAE... as issued by "
                "@BotFather in Telegram"
            )
        return token

    def ensure_database_dir(self) -> Path:
        self.database_path.parent.mkdir(parents=True, exist_ok=True)
        return self.database_path


def load_settings(**overrides: object) -> Settings:
    """Read settings; malformed values become one ConfigError line (never the values)."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        name = str(first["loc"][0]).upper() if first["loc"] else "settings"
        raise ConfigError(f"{name} is invalid: {first['msg']}") from None
