"""Settings: the only module that reads the environment (and `.env`)."""

from __future__ import annotations

import re
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

TELEGRAM_API_BASE_URL = "https://api.telegram.org/bot"
TOKEN_PATTERN = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{20,}$")
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
    helpline_text: str = DEFAULT_HELPLINE

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
