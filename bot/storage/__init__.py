"""What the bot remembers between restarts, in one database (SQLite or PostgreSQL, by DATABASE_URL):
unanswered questions, feedback votes, each server's own setup, and what recent answers answered."""

from bot.storage.database import Database, StoreError, check_database
from bot.storage.exchanges import ExchangeStore
from bot.storage.feedback import CONSOLE, Disliked, FeedbackStore, Gap, normalize_question, place_name
from bot.storage.guilds import ANSWER_MODES, AnswerMode, Defaults, GuildConfig, GuildConfigs

__all__ = [
    "ANSWER_MODES",
    "CONSOLE",
    "AnswerMode",
    "Database",
    "Defaults",
    "Disliked",
    "ExchangeStore",
    "FeedbackStore",
    "Gap",
    "GuildConfig",
    "GuildConfigs",
    "StoreError",
    "check_database",
    "normalize_question",
    "place_name",
]
