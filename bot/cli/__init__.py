"""The command line: `python -m bot [run|chat|ask|eval|calibrate|kb|bench]`.

With no command it starts the product: the Discord bot when a token is configured, otherwise the
console Q&A on the bundled fact base.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

import yaml
from pydantic import ValidationError

from bot.engine import Engine, EngineConfig
from bot.factbase import FactBaseError, load_factbase
from bot.settings import PROJECT_ROOT, Settings
from bot.wording import TOPIC

# The labelled sets `calibrate` fits on by default; held-out sets are never among them.
CALIBRATION_SETS = (
    "questions.yaml",
    "channel-train.yaml",
    "channel-calibration.yaml",
    "channel-train2.yaml",
    "channel-train3.yaml",
    "channel-train4.yaml",
    "channel-train5.yaml",
    "channel-train6.yaml",
)


def build_parser() -> argparse.ArgumentParser:
    # --knowledge is accepted before or after the command: `python -m bot kb check --knowledge DIR`.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--knowledge",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="DIR",
        help="the fact-base folder (default: KNOWLEDGE_DIR, or the bundled knowledge/)",
    )
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description=f"Answers questions about {TOPIC} from the fact base in knowledge/. With no command: "
        "the Discord bot when DISCORD_TOKEN is set, otherwise the console (chat).",
        parents=[common],
    )
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", parents=[common], help="run the Discord bot (needs DISCORD_TOKEN)")
    sub.add_parser("chat", parents=[common], help="interactive console Q&A")
    sub.add_parser(
        "health",
        parents=[common],
        help="exit 0 if the running bot is connected to Discord (Docker HEALTHCHECK)",
    )

    ask = sub.add_parser("ask", parents=[common], help="answer one question, or a batch")
    ask.add_argument(
        "question",
        nargs="*",
        help="the question, quoted or not (`ask who is putin` works too); omit with --batch",
    )
    ask.add_argument("--json", action="store_true", help="print one JSON object per question")
    ask.add_argument("--batch", metavar="FILE", help="one question per line; '-' for stdin")
    ask.add_argument("--explain", action="store_true", help="also show why (matched phrasing, scores)")
    ask.add_argument(
        "--after",
        metavar="PREVIOUS",
        action="append",
        default=[],
        help="a question asked before, read as context (repeat for a longer conversation, oldest first)",
    )

    ev = sub.add_parser("eval", parents=[common], help="accuracy on a question set")
    ev.add_argument("file", type=Path)
    ev.add_argument("--min-answerable", type=float, default=0.0, help="fail below this share (0..1)")
    ev.add_argument("--min-abstain", type=float, default=0.0, help="fail below this share (0..1)")
    ev.add_argument("--min-correct", type=float, default=0.0, help="fail below this share overall (0..1)")
    ev.add_argument("-v", "--verbose", action="store_true", help="list the failures")

    cal = sub.add_parser(
        "calibrate", parents=[common], help="fit the answer/abstain decision on labelled questions"
    )
    cal.add_argument(
        "files",
        type=Path,
        nargs="*",
        default=[PROJECT_ROOT / "tests" / "eval" / name for name in CALIBRATION_SETS],
        help="labelled question sets for the weights (default: dev, channel training and calibration sets)",
    )
    cal.add_argument(
        "--cuts",
        type=Path,
        action="append",
        help="a set the cut-offs are chosen on (repeatable; default: the questions the weights are fitted "
        "on, each scored by a model fitted without it)",
    )

    kb = sub.add_parser("kb", parents=[common], help="fact-base maintenance").add_subparsers(
        dest="kb_command", required=True
    )
    check = kb.add_parser("check", parents=[common], help="validate knowledge/ and list every problem")
    check.add_argument(
        "--sources",
        type=Path,
        metavar="DIR",
        help="folder of the source articles (<id>.txt): check that every quote is verbatim "
        "(default: SOURCES_DIR)",
    )
    kb.add_parser("stats", parents=[common], help="counts per kind, source and topic")
    gaps = kb.add_parser(
        "gaps",
        parents=[common],
        help="most-asked unanswered questions (Discord and console) and most-disliked answers",
    )
    gaps.add_argument("--limit", type=int, default=15)
    gaps.add_argument("--guild", type=int, metavar="ID", help="only this server (default: all servers)")

    bench = sub.add_parser("bench", parents=[common], help="speed and memory, index vs full scan")
    bench.add_argument("--sizes", default="1000,10000,100000", help="comma-separated fact-base sizes")
    bench.add_argument("--questions", type=Path, default=PROJECT_ROOT / "tests" / "eval" / "questions.yaml")
    bench.add_argument("--repeat", type=int, default=3, help="passes over the question list per size")
    bench.add_argument("--json", action="store_true", help="end with one JSON line of the figures")
    bench.add_argument(
        "--compare", type=Path, metavar="OLD", help="an earlier `bench --json` output to compare"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings()
    except ValidationError as exc:
        # One line per setting, named as it is set ("RELOAD_INTERVAL=abc"), not a traceback.
        for error in exc.errors():
            name = str(error["loc"][0]).upper() if error["loc"] else "a setting"
            print(f"python -m bot: setting {name}={error.get('input')!r}: {error['msg']}", file=sys.stderr)
        return 2
    logging.basicConfig(
        level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("alembic").setLevel(logging.WARNING)  # its per-run chatter; ours says what ran
    knowledge = getattr(args, "knowledge", None) or settings.knowledge_dir
    command = args.command or ("run" if settings.discord_token else "chat")
    try:
        return _dispatch(command, args, settings, knowledge)
    except FactBaseError as exc:
        print(exc, file=sys.stderr)
        # Every problem is listed above; say how to re-check after fixing, on the same folder.
        where = f" --knowledge {knowledge}" if getattr(args, "knowledge", None) else ""
        them = "it" if len(exc.problems) == 1 else "them"
        print(f"Fix {them} first; `python -m bot kb check{where}` checks again.", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`... | head`): stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (OSError, ValueError, yaml.YAMLError) as exc:
        # A missing or unreadable file, an empty or malformed question set: one line, not a traceback.
        print(f"python -m bot {command}: {_reason(exc)}", file=sys.stderr)
        return 2


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.filename:
        return f"{exc.filename}: {exc.strerror or exc}"
    return " ".join(str(exc).split())


def _engine(settings: Settings, knowledge: Path) -> Engine:
    return Engine(load_factbase(knowledge), EngineConfig(max_question_chars=settings.max_question_chars))


def _dispatch(command: str, args: argparse.Namespace, settings: Settings, knowledge: Path) -> int:
    if command == "run":
        from bot.discordbot.runner import run_bot

        return run_bot(settings, knowledge)
    if command == "health":
        from bot.cli.health import run_health

        return run_health(settings.heartbeat_path, settings.heartbeat_interval)
    if command == "chat":
        from bot.cli.chat import run_chat
        from bot.engine.live import LiveKnowledge

        config = EngineConfig(max_question_chars=settings.max_question_chars)
        from bot.cli.gaps import ConsoleGaps

        live = LiveKnowledge(knowledge, config, sources_dir=settings.sources_dir, log_results=False)
        with ConsoleGaps(settings.database_url) as gaps:
            return run_chat(live, gaps)
    if command == "ask":
        from bot.cli.ask import run_ask

        question = " ".join(args.question).strip()
        if args.question and not question and not args.batch:
            print("ask: the question is empty; write one, e.g. ask 'who led the talks?'", file=sys.stderr)
            return 2
        if bool(question) == bool(args.batch):
            print("ask: give a question or --batch FILE (one of them)", file=sys.stderr)
            return 2
        engine = _engine(settings, knowledge)
        return run_ask(
            engine, question, as_json=args.json, batch=args.batch, explain=args.explain, after=args.after
        )
    if command == "eval":
        from bot.cli.evaluate import run_eval

        return run_eval(
            _engine(settings, knowledge),
            args.file,
            min_answerable=args.min_answerable,
            min_abstain=args.min_abstain,
            min_correct=args.min_correct,
            verbose=args.verbose,
        )
    if command == "calibrate":
        from bot.bench.calibrate import run_calibrate

        return run_calibrate(_engine(settings, knowledge), args.files, args.cuts or [], knowledge)
    if command == "kb":
        from bot.cli import kb

        if args.kb_command == "check":
            return kb.run_check(knowledge, args.sources or settings.sources_dir)
        if args.kb_command == "stats":
            return kb.run_stats(knowledge)
        return kb.run_gaps(settings.database_url, args.limit, args.guild)
    if command == "bench":
        from bot.bench import run_bench

        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
        return run_bench(
            knowledge, args.questions, sizes, repeat=args.repeat, as_json=args.json, compare=args.compare
        )
    raise AssertionError(f"unknown command {command}")
