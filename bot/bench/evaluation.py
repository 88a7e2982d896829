"""Run a question set against the engine and score it: answered correctly, or abstained when it should.

A question set is a YAML list of `{q, any: [...] | all: [...] | abstain: true, src: [...]?, kind}`.
A conversation case gives `turns: [...]` instead of `q`: every turn is asked in the context of the
one before (`Engine.answer(turn, after=...)`) and the last turn is graded.
An answer passes when it contains one (`any`) or every (`all`) expected word, case-insensitively and
ignoring accents, and, with `src`, cites at least one of those sources.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from bot.engine import Answer, Engine, Exchange
from bot.engine.normalize import fold
from bot.factbase.yamlfile import SafeLoader


class EvalItem(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    q: str | None = None
    turns: list[str] | None = None
    any_: list[str] | None = Field(default=None, alias="any")
    all_: list[str] | None = Field(default=None, alias="all")
    abstain: bool = False
    src: list[str] = []
    kind: str = "unspecified"

    @model_validator(mode="after")
    def _one_expectation(self) -> EvalItem:
        given = [self.any_ is not None, self.all_ is not None, self.abstain]
        if sum(given) != 1:
            raise ValueError("give exactly one of any, all, abstain")
        if (self.q is None) == (self.turns is None) or self.turns == []:
            raise ValueError("give either q or a non-empty list of turns")
        return self

    @property
    def question(self) -> str:
        """What is graded: the question, or a conversation's last turn."""
        return self.q if self.q is not None else (self.turns or [""])[-1]

    def ask(self, engine: Engine) -> Answer:
        if self.turns is None:
            return engine.answer(self.question)
        answer = engine.answer(self.turns[0])
        for turn in self.turns[1:]:
            answer = engine.answer(turn, after=Exchange.of(answer))
        return answer

    def judge(self, answer: Answer) -> bool:
        if self.abstain:
            return not answer.answered
        if not answer.answered:
            return False
        ok = self.matches(answer.full_text or "")
        if ok and self.src:
            ok = bool({s.id for s in answer.sources} & set(self.src))
        return ok

    def matches(self, text: str) -> bool:
        """The expected words in `text`, each starting at a word boundary ("one" is not in "drone")
        and a number standing whole ("1" is not in "10")."""
        text = fold(text)
        found = [_expected(fold(w)).search(text) is not None for w in (self.any_ or self.all_ or [])]
        return any(found) if self.any_ is not None else all(found)


def _expected(word: str) -> re.Pattern[str]:
    start = r"(?<!\w)" if word[:1].isalnum() else ""
    end = r"(?![\d])" if word[-1:].isdigit() else ""
    return re.compile(start + re.escape(word) + end)


@dataclass
class EvalReport:
    engine: Engine
    results: list[tuple[EvalItem, Answer, bool]] = field(default_factory=list)

    def rate(self, abstain: bool) -> float:
        picked = [ok for item, _, ok in self.results if item.abstain == abstain]
        return sum(picked) / len(picked) if picked else 1.0

    @property
    def correct(self) -> float:
        """The share of all items handled right, answerable or not."""
        return sum(ok for _, _, ok in self.results) / len(self.results) if self.results else 1.0

    @property
    def answerable(self) -> float:
        return self.rate(abstain=False)

    @property
    def abstain(self) -> float:
        return self.rate(abstain=True)

    def by_kind(self) -> dict[str, tuple[int, int]]:
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for item, _, ok in self.results:
            counts[item.kind][0] += ok
            counts[item.kind][1] += 1
        return {kind: (good, total) for kind, (good, total) in sorted(counts.items())}

    def tiers(self) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for _, answer, _ in self.results:
            counts[answer.tier] += 1
        return dict(sorted(counts.items()))

    def suggested_when_abstained(self) -> tuple[int, int]:
        """Of the answerable questions the engine abstained on: how many had the right answer among
        the suggestions, out of how many (a suggestion is judged like an answer)."""
        missed = [(item, a) for item, a, ok in self.results if not item.abstain and not a.answered]
        among = 0
        for item, answer in missed:
            if any(item.judge(self.engine.render(s.kind, s.target)) for s in answer.suggestions):
                among += 1
        return among, len(missed)

    def failures(self) -> list[tuple[EvalItem, Answer]]:
        return [(item, answer) for item, answer, ok in self.results if not ok]


def load_question_set(path: Path) -> list[EvalItem]:
    """The items of a question set; ValueError naming the file, the item and the key when it is wrong."""
    try:
        data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        raise ValueError(f"{where}: not valid YAML ({getattr(exc, 'problem', None) or exc})") from None
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a YAML list of questions")
    items = []
    for i, raw in enumerate(data):
        try:
            items.append(EvalItem.model_validate(raw))
        except ValidationError as exc:
            raise ValueError(f"{path}: item {i + 1}: {_item_problem(exc.errors()[0])}") from None
    return items


def _item_problem(error: dict) -> str:
    keys = ", ".join(f.alias or name for name, f in EvalItem.model_fields.items())
    key = ".".join(str(part) for part in error["loc"])
    if error["type"] == "extra_forbidden":
        return f"unknown key `{key}:` (a question takes {keys})"
    if error["type"] == "model_type":
        return f"expected a mapping of {keys}, not {type(error.get('input')).__name__}"
    message = str(error["msg"]).removeprefix("Value error, ")
    return f"`{key}:` {message}" if key else message


def evaluate(engine: Engine, items: list[EvalItem]) -> EvalReport:
    report = EvalReport(engine)
    for item in items:
        answer = item.ask(engine)
        report.results.append((item, answer, item.judge(answer)))
    return report
