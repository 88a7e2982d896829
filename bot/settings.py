"""Every setting in one place, read from the environment or a `.env` file.

Built in `main()`, never at import time, so tests and the console need no token and the token never
reaches a log line (it is a SecretStr).  Every setting has a default that works with the bundled
fact base.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.wording import MAX_QUESTION_CHARS

PROJECT_ROOT = Path(__file__).resolve().parent.parent
IdList = Annotated[list[int], NoDecode]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        populate_by_name=True,
        env_ignore_empty=True,  # `RELOAD_INTERVAL=` left blank in a .env template means the default
    )

    discord_token: SecretStr | None = Field(
        default=None, description="Bot token; without one, the console runs."
    )
    guild_ids: IdList = Field(default=[], description="Guilds to sync commands to instantly (development).")
    qa_channel_ids: IdList = Field(
        default=[], description="Channels where plain questions ending in '?' get answers."
    )
    maintainer_role_ids: IdList = Field(default=[], description="Roles allowed to use /kb commands.")
    maintainer_channel_id: int | None = Field(default=None, description="Where fact-base errors are posted.")
    knowledge_dir: Path = PROJECT_ROOT / "knowledge"
    sources_dir: Path | None = Field(
        default=None,
        description="Folder of the source articles (<id>.txt); when set, every load and reload "
        "also checks that each quote is verbatim in its article.",
    )
    database_url: str = Field(
        default=str(PROJECT_ROOT / "var" / "bot.sqlite3"),
        validation_alias=AliasChoices("database_url", "database_path"),
        description="A SQLite file path (or sqlite:///…) or postgresql://…; DATABASE_PATH is the old name.",
    )
    guild_config_ttl: float = Field(
        default=10.0,
        ge=0,
        description="Seconds a server's /config is cached; another process's change shows within this.",
    )
    reload_interval: float = Field(default=2.0, gt=0, description="Seconds between checks of knowledge/.")
    cooldown_rate: int = Field(
        default=5, ge=1, description="Questions a user may ask per cooldown_per seconds."
    )
    cooldown_per: float = Field(default=30.0, gt=0)
    max_question_chars: int = Field(default=MAX_QUESTION_CHARS, ge=20, le=2000)
    followup_window: float = Field(
        default=3600.0,
        gt=0,
        description="Seconds after an answer during which replies to it (or its thread) are follow-ups.",
    )
    command_sync_retry: float = Field(
        default=60.0,
        gt=0,
        description="Seconds before retrying a refused slash-command sync (doubling, up to an hour).",
    )
    heartbeat_path: Path = Field(
        default=Path(tempfile.gettempdir()) / "istanbul-talks-bot.heartbeat",
        description="File the running bot rewrites while connected, for `python -m bot health`.",
    )
    heartbeat_interval: float = Field(
        default=15.0, gt=0, description="Seconds between heartbeats; `health` allows four missed."
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    shard_count: int | None = Field(default=None, ge=1)
    shard_ids: IdList | None = None
    discord_api_base_url: str | None = Field(
        default=None, description="Another Discord-compatible REST server."
    )
    discord_gateway_url: str | None = Field(default=None, description="Another Discord-compatible gateway.")

    @field_validator("log_level", mode="before")
    @classmethod
    def _level_in_capitals(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("database_url", mode="before")
    @classmethod
    def _path_to_text(cls, value: object) -> object:
        return os.fspath(value) if isinstance(value, os.PathLike) else value

    @field_validator("guild_ids", "qa_channel_ids", "maintainer_role_ids", "shard_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        """Accept `1,2,3`, `[1, 2, 3]`, a list, or one id (`SHARD_IDS=1` arrives JSON-decoded as 1)."""
        if isinstance(value, str):
            return [int(part) for part in value.strip("[] ").replace(",", " ").split()]
        if isinstance(value, int) and not isinstance(value, bool):
            return [value]
        return value
