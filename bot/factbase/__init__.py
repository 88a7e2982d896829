"""The fact base: its schema, the loader that validates it, and the immutable snapshot it yields."""

from bot.factbase.factbase import FactBase
from bot.factbase.loader import FactBaseError, check_factbase, load_factbase
from bot.factbase.yamlfile import Problem

__all__ = ["FactBase", "FactBaseError", "Problem", "check_factbase", "load_factbase"]
