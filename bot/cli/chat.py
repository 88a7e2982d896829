"""The interactive console: ask questions at a prompt, see answers with their sources.

Like a conversation in a channel, each question is read in the context of the one before ("and
ukraine's?", "when was that?"); typing `new` (or `/new`) starts afresh.
"""

from __future__ import annotations

import sys

from bot.cli.render import render_answer
from bot.engine import Engine, Exchange
from bot.wording import TOPIC

BANNER = (
    f"Ask me about {TOPIC} "
    "({entries} answers, {people} people, {events} events; fact base {version}).\n"
    'Type a question and press Enter; follow-ups ("and ukraine\'s?", "when was that?") are read in\n'
    "context — type `new` to start a fresh conversation; Ctrl-D or Ctrl-C to leave."
)
FRESH = frozenset({"new", "/new", "reset", "/reset"})


def run_chat(engine: Engine) -> int:
    fb = engine.factbase
    print(BANNER.format(version=fb.version, **fb.counts()))
    interactive = sys.stdin.isatty()
    after: Exchange | None = None
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
        if question.strip().lower() in FRESH:
            after = None
            print("(new conversation: the next question is read on its own)")
            continue
        answer = engine.answer(question, after=after)
        after = Exchange.of(answer)
        print(render_answer(answer))
