"""Fitting the decision: `python -m bot calibrate` on labelled questions.

Each question of the training sets is read by the engine; the label is whether its top candidate,
rendered as an answer, would be judged right (always 0 for a question that must be abstained).  A
logistic model of the candidate's signals is fitted, the two cut-offs are chosen on the same data,
and the result is written to `knowledge/calibration.json` with a reliability table.
"""

from __future__ import annotations

import datetime as dt
import math
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.bench.evaluation import EvalItem, load_question_set
from bot.engine import Engine
from bot.engine.engine import VERBATIM_SIMILARITY
from bot.engine.signals import Signals, fallback
from bot.factbase.calibration import Calibration

BANDS = 10
MIN_ROWS = 2
TARGET_PRECISION = 0.95  # the `confident` tier: observed accuracy at least this on the training data
CUT_GRID = 1000  # cut-offs tried: 0.001 apart
# A cut-off is judged with its neighbours this close.  Chosen for stability: over 60 bootstrap
# resamples of the training questions the cut-off varies by sd 0.018 (0.023 at 0.03; on only the two
# sets that never shaped content, 0.05-0.06).
CUT_WINDOW = 0.05
FOLDS = 5  # cut-offs are chosen on out-of-fold probabilities (see `_out_of_fold`)


@dataclass(frozen=True)
class Labelled:
    """One training question: the signals of its top answer and whether that answer is right."""

    item: EvalItem
    vector: list[float] | None  # None: the engine abstains by rule (too little, a known gap wins)
    right: bool
    verbatim: bool = False  # asked word for word as one of the fact base's phrasings


def label(engine: Engine, item: EvalItem) -> Labelled:
    """What the engine's top answer to `item` would be, and whether it would be judged right.

    Single questions only: a conversation's last turn is read in context, not by `attempt`."""
    attempt = engine.attempt(item.question)
    if attempt is None or attempt.chosen is None or attempt.signals is None or engine.gap_wins(attempt):
        return Labelled(item, None, False)
    chosen = attempt.chosen
    answer = engine.render(chosen.kind, chosen.target, question=item.q)
    right = not item.abstain and item.judge(answer)
    return Labelled(item, attempt.signals.vector(), right, chosen.similarity >= VERBATIM_SIMILARITY)


def fit(
    engine: Engine,
    items: Iterable[EvalItem],
    cut_items: Iterable[EvalItem] | None = None,
    sets: Sequence[str] = (),
) -> Calibration:
    """Fit the decision's weights on `items` and choose its two cut-offs on `cut_items`.

    Questions asked word for word as a phrasing of the fact base are left out: a training question
    that was copied into the content while finding missing content says nothing about how the bot
    fares on questions nobody has seen, and keeping them makes every answer look safe.  The cut-offs
    are chosen on `cut_items`, by default the same questions, each scored by a model fitted without
    it: on only the few hundred questions that never shaped the content they moved by 0.06 from one
    small edit of the fact base to the next; on all of them they hold still (`CUT_WINDOW`).
    """
    labelled = [label(engine, item) for item in items if item.q is not None]
    data = [d for d in labelled if not d.verbatim]
    if sum(d.vector is not None for d in data) < MIN_ROWS:
        data = labelled  # too few to leave any out
    rows = [d for d in data if d.vector is not None]
    if len(rows) < MIN_ROWS:
        raise ValueError(f"only {len(rows)} of the questions reached an answer; need {MIN_ROWS} to fit")
    draft = _model(rows)
    cut_data = data if cut_items is None else [label(engine, i) for i in cut_items if i.q is not None]
    held_out = _out_of_fold(rows)
    scored = [(_cut_probability(d, draft, held_out), d) for d in cut_data]
    likely = _best_cut(scored)
    confident = _precise_cut(scored, likely)
    fitted = draft.model_copy(update={"likely": likely, "confident": confident})
    return fitted.model_copy(
        update={
            "fitted_on": {
                "factbase": engine.factbase.version,
                "questions": len(data),
                "left_out_verbatim": len(labelled) - len(data),
                "cut_offs_chosen_on": len(cut_data),
                "sets": ", ".join(sets),
                "date": dt.date.today().isoformat(),
            },
            "reliability": reliability([(p, d.right) for p, d in scored if d.vector is not None]),
        }
    )


def refit(
    engine: Engine,
    items: Sequence[EvalItem],
    cut_items: Sequence[EvalItem] | None = None,
    sets: Sequence[str] = (),
) -> Calibration:
    """`fit`, made repeatable: the engine picks the reading of a message it is most sure of, so the
    questions it learns from depend on the decision it reads them with.  Starting from the built-in
    curve every time and fitting twice (the second time reading with the first fit) gives the same
    file for the same fact base and sets, whatever calibration the engine had before."""
    engine.calibration = fallback()
    first = fit(engine, items, cut_items, sets)
    engine.calibration = first
    return fit(engine, items, cut_items, sets)


def _model(rows: list[Labelled]) -> Calibration:
    """The logistic model of `rows` (which all have vectors), cut-offs not chosen yet."""
    mean, scale, weights, bias = fit_logistic([d.vector for d in rows], [int(d.right) for d in rows])
    return Calibration(
        features=Signals.names(), mean=mean, scale=scale, weights=weights, bias=bias, confident=1, likely=1
    )


def _key(d: Labelled) -> tuple[str | None, str, bool]:
    return d.item.q, d.item.kind, d.item.abstain


def _out_of_fold(rows: list[Labelled], folds: int = FOLDS) -> dict[tuple[str | None, str, bool], float]:
    """Each row's probability from a model fitted without it (`folds`-fold, rows dealt in turn).

    Cut-offs chosen on the probabilities of the very rows the weights were fitted on sit where the
    model is over-sure of them, and answer too few questions nobody has seen: these do not."""
    if len(rows) < folds * MIN_ROWS:
        return {}
    found: dict[tuple[str | None, str, bool], float] = {}
    for fold in range(folds):
        model = _model([d for i, d in enumerate(rows) if i % folds != fold])
        for d in rows[fold::folds]:
            found[_key(d)] = model.probability(d.vector)
    return found


def _cut_probability(d: Labelled, fitted: Calibration, held_out: dict) -> float:
    if d.vector is None:
        return 0.0
    return held_out.get(_key(d), fitted.probability(d.vector))


def _best_cut(scored: list[tuple[float, Labelled]]) -> float:
    """The `likely` cut-off: the one with the best balanced accuracy — the share of answerable
    questions answered right plus the share of the others abstained on — averaged over the cut-offs
    within `CUT_WINDOW` of it.

    Either share moves in steps of one question, and the best single cut-off is often one that
    catches a single abstention at the cost of several right answers; averaged over its neighbours,
    the choice rests on many questions, not on one.  Ties take the middle of the tied range.
    """
    answerable = [(p, d.right) for p, d in scored if not d.item.abstain]
    abstain = [p for p, d in scored if d.item.abstain]

    def balanced(cut: float) -> float:
        ans = sum(right and p >= cut for p, right in answerable) / max(len(answerable), 1)
        return ans + sum(p < cut for p in abstain) / max(len(abstain), 1)

    grid = [i / CUT_GRID for i in range(1, CUT_GRID)]
    values = [balanced(cut) for cut in grid]
    reach = round(CUT_WINDOW * CUT_GRID)
    smooth = [
        sum(values[max(0, i - reach) : i + reach + 1]) / len(values[max(0, i - reach) : i + reach + 1])
        for i in range(len(grid))
    ]
    best = max(smooth)
    tied = [cut for cut, value in zip(grid, smooth, strict=True) if value >= best - 1e-9]
    return round((tied[0] + tied[-1]) / 2, 3)


def _precise_cut(scored: list[tuple[float, Labelled]], likely: float) -> float:
    """The `confident` cut-off: the lowest at which the answers above it are right often enough."""
    for cut in sorted({round(p, 3) for p, _ in scored if p >= likely}):
        above = [d.right for p, d in scored if p >= cut]
        if above and sum(above) / len(above) >= TARGET_PRECISION:
            return cut
    return 1.0


def reliability(
    pairs: Sequence[tuple[float, bool]], bands: int = BANDS
) -> list[dict[str, float | int | str]]:
    """Predicted probability bands against observed accuracy: is p = 0.8 right four times in five?"""
    table: list[dict[str, float | int | str]] = []
    for b in range(bands):
        lo, hi = b / bands, (b + 1) / bands
        inside = [(p, r) for p, r in pairs if lo <= p < hi or (b == bands - 1 and p == 1.0)]
        if inside:
            table.append(
                {
                    "band": f"{lo:.1f}-{hi:.1f}",
                    "n": len(inside),
                    "predicted": round(sum(p for p, _ in inside) / len(inside), 3),
                    "observed": round(sum(r for _, r in inside) / len(inside), 3),
                }
            )
    return table


def format_reliability(table: Sequence[dict[str, float | int | str]]) -> str:
    lines = ["  band       n   predicted  observed"]
    lines += [
        f"  {row['band']}  {row['n']:>4}   {row['predicted']:>8.3f}  {row['observed']:>8.3f}" for row in table
    ]
    return "\n".join(lines)


def fit_logistic(
    rows: Sequence[Sequence[float]], labels: Sequence[int], l2: float = 1.0, iterations: int = 50
) -> tuple[list[float], list[float], list[float], float]:
    """L2-regularised logistic regression by Newton's method on standardised features.

    Returns (mean, scale, weights, bias).  `l2` is the ridge strength on the weights (not the bias);
    1.0 keeps a few hundred examples from over-fitting rare signals.  Pure Python: ~15 features and a
    thousand rows converge in a few iterations, so no numerical library is needed.
    """
    n, d = len(rows), len(rows[0])
    mean = [sum(r[j] for r in rows) / n for j in range(d)]
    scale = [math.sqrt(sum((r[j] - mean[j]) ** 2 for r in rows) / n) or 1.0 for j in range(d)]
    xs = [[1.0] + [(r[j] - mean[j]) / scale[j] for j in range(d)] for r in rows]
    beta = [0.0] * (d + 1)
    for _ in range(iterations):
        grad = [0.0] * (d + 1)
        hess = [[0.0] * (d + 1) for _ in range(d + 1)]
        for x, y in zip(xs, labels, strict=True):
            z = max(min(sum(b * v for b, v in zip(beta, x, strict=True)), 30.0), -30.0)
            p = 1.0 / (1.0 + math.exp(-z))
            w = p * (1.0 - p)
            for i in range(d + 1):
                grad[i] += (p - y) * x[i]
                xi = w * x[i]
                row = hess[i]
                for j in range(i, d + 1):
                    row[j] += xi * x[j]
        for i in range(d + 1):
            for j in range(i):
                hess[i][j] = hess[j][i]
            if i:
                grad[i] += l2 * beta[i]
                hess[i][i] += l2
        step = _solve(hess, grad)
        beta = [b - s for b, s in zip(beta, step, strict=True)]
        if max(abs(s) for s in step) < 1e-8:
            break
    return mean, scale, beta[1:], beta[0]


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Solve a x = b by Gaussian elimination with partial pivoting (a is small and positive definite)."""
    n = len(b)
    m = [[*row[:], b[i]] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        if abs(m[col][col]) < 1e-12:
            continue
        for r in range(col + 1, n):
            f = m[r][col] / m[col][col]
            if f:
                for c in range(col, n + 1):
                    m[r][c] -= f * m[col][c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        if abs(m[r][r]) < 1e-12:
            continue
        x[r] = (m[r][n] - sum(m[r][c] * x[c] for c in range(r + 1, n))) / m[r][r]
    return x


def run_calibrate(engine: Engine, paths: Sequence[Path], cuts: Sequence[Path], knowledge: Path) -> int:
    """`python -m bot calibrate`: fit on labelled sets and write `knowledge/calibration.json`."""
    items = [item for path in paths for item in load_question_set(path)]
    cut_items = [item for path in cuts for item in load_question_set(path)] if cuts else None
    try:
        calibration = refit(engine, items, cut_items, sets=[path.name for path in paths])
    except ValueError as exc:
        print(f"calibrate: {exc}", file=sys.stderr)
        return 1
    written = calibration.write(knowledge)
    print(f"fitted on {len(items)} questions from {', '.join(str(p) for p in paths)}")
    chosen_on = f" (chosen on {', '.join(str(p) for p in cuts)})" if cuts else ""
    print(
        f"cut-offs{chosen_on}: likely >= {calibration.likely:.3f}, confident >= {calibration.confident:.3f}"
    )
    for name, weight in zip(calibration.features, calibration.weights, strict=True):
        print(f"  {name:<17} {weight:+.3f}")
    print("reliability on the training data:")
    print(format_reliability(calibration.reliability))
    print(f"wrote {written}")
    return 0
