"""`eval`: accuracy of the engine on a question set, by kind, with a failing exit below the floors."""

from __future__ import annotations

from pathlib import Path

from bot.bench.calibrate import format_reliability, label, reliability
from bot.bench.evaluation import evaluate, load_question_set
from bot.engine import Engine


def run_eval(
    engine: Engine,
    path: Path,
    *,
    min_answerable: float,
    min_abstain: float,
    verbose: bool,
    min_correct: float = 0.0,
) -> int:
    report = evaluate(engine, load_question_set(path))
    print(f"{path}: {len(report.results)} questions")
    for kind, (good, total) in report.by_kind().items():
        print(f"  {kind:<18} {good:>4}/{total:<4} {good / total:6.1%}")
    print(f"answerable: {report.answerable:.1%} (floor {min_answerable:.0%})")
    print(f"abstain:    {report.abstain:.1%} (floor {min_abstain:.0%})")
    print(f"correct:    {report.correct:.1%} (floor {min_correct:.0%})")
    tiers = report.tiers()
    print("tiers: " + ", ".join(f"{tier} {count}" for tier, count in tiers.items()))
    among, missed = report.suggested_when_abstained()
    if missed:
        print(f"answerable but abstained: {missed}; the right answer among the suggestions in {among}")
    pairs = [
        ((lab.vector is not None and engine.calibration.probability(lab.vector)) or 0.0, lab.right)
        for lab in (label(engine, item) for item, _, _ in report.results if item.q is not None)
    ]
    print("reliability (predicted probability of the top answer vs observed accuracy):")
    print(format_reliability(reliability([(p, r) for p, r in pairs if p > 0])))
    if verbose:
        for item, answer in report.failures():
            got = f"{answer.kind}:{answer.target}" if answer.answered else "abstained"
            best = answer.explanation.best if answer.explanation else None
            asked = " / ".join(item.turns) if item.turns else item.question
            read = answer.explanation.read_as if answer.explanation else None
            read_as = f" read as {read!r}" if read else ""
            print(f"FAIL [{item.kind}] {asked!r}{read_as} -> {got} (score {best.score if best else 0:.3f})")
    ok = (
        report.answerable >= min_answerable
        and report.abstain >= min_abstain
        and report.correct >= min_correct
    )
    return 0 if ok else 1
