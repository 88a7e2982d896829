"""The interactive console: ask questions at a prompt, see answers with their sources."""

from __future__ import annotations

import sys

from bot.cli.render import render_answer
from bot.engine import Engine

BANNER = (
    "Ask me about the 2025 Russia–Ukraine peace talks in Istanbul "
    "({entries} answers, {people} people, {events} events; fact base {version}).\n"
    "Type a question and press Enter; Ctrl-D or Ctrl-C to leave."
)


def run_chat(engine: Engine) -> int:
    fb = engine.factbase
    print(BANNER.format(version=fb.version, **fb.counts()))
    interactive = sys.stdin.isatty()
    while True:
        try:
            question = input("\n? " if interactive else "")
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if not question.strip():
            continue
        if not interactive:
            print(f"? {question}")
        print(render_answer(engine.answer(question)))
