"""What the bot remembers between restarts: unanswered questions and feedback votes (SQLite)."""

from bot.storage.feedback import Disliked, FeedbackStore, Gap, StoreError, normalize_question

__all__ = ["Disliked", "FeedbackStore", "Gap", "StoreError", "normalize_question"]
