"""The answering engine: pure Python, no Discord. Every front end calls `Engine.answer`."""

from bot.engine.answer import Answer, Candidate, Explanation, SourceRef, Suggestion
from bot.engine.engine import Engine, EngineConfig
from bot.engine.followup import Exchange

__all__ = [
    "Answer",
    "Candidate",
    "Engine",
    "EngineConfig",
    "Exchange",
    "Explanation",
    "SourceRef",
    "Suggestion",
]
