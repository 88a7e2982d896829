"""Fitting the decision: a logistic fit that learns what it should, and a calibration file round trip."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from bot.bench.calibrate import Labelled, _best_cut, _out_of_fold, fit, fit_logistic, refit, reliability
from bot.bench.evaluation import EvalItem
from bot.engine import Engine
from bot.engine.signals import Signals
from bot.factbase import FactBaseError, load_factbase
from bot.factbase.calibration import CALIBRATION_FILE, Calibration


def test_the_fit_learns_an_informative_signal_and_ignores_noise() -> None:
    rng = random.Random(7)
    rows, labels = [], []
    for _ in range(400):
        signal, noise = rng.random(), rng.random()
        rows.append([signal, noise])
        labels.append(int(signal + rng.gauss(0, 0.15) > 0.5))
    _, _, (w_signal, w_noise), _ = fit_logistic(rows, labels)
    assert w_signal > 2.0
    assert abs(w_noise) < 0.5


def test_cut_offs_read_probabilities_from_models_that_never_saw_the_row() -> None:
    """A row whose label goes against its signal is over-fitted in sample; out of fold it is not."""
    rng = random.Random(3)
    width = len(Signals.names())
    rows = []
    for i in range(200):
        signal = rng.random()
        right = signal > 0.5 if i else False  # row 0: a strong signal, yet wrong
        vector = [1.0 if i == 0 else signal] + [rng.random() for _ in range(width - 1)]
        item = EvalItem(q=f"question {i}", any=["x"], kind="k")
        rows.append(Labelled(item, vector, right))
    held_out = _out_of_fold(rows)
    assert len(held_out) == len(rows)
    assert held_out[("question 0", "k", False)] > 0.8  # its own wrong label never pulled it down
    assert _out_of_fold(rows[:5]) == {}  # too few rows to leave any out


def test_the_cut_off_is_not_raised_to_catch_one_abstention_at_the_cost_of_many_answers() -> None:
    """Raising the cut from 0.6 to 0.8 stops one more of 50 wrong answers (94 % -> 96 % abstained)
    and loses six of 200 right ones (97.5 % -> 94.5 % answered): a better lower figure (which the
    first rule chased), a worse pair."""

    def rows(p: float, n: int, *, abstain: bool = False, right: bool = True) -> list[tuple[float, Labelled]]:
        out = []
        for i in range(n):
            item = EvalItem(
                q=f"{p} {i} {abstain} {right}", kind="k", **({"abstain": True} if abstain else {"any": ["x"]})
            )
            out.append((p, Labelled(item, [p], right and not abstain)))
        return out

    scored = rows(0.95, 189) + rows(0.6, 6) + rows(0.95, 5, right=False)
    scored += rows(0.1, 47, abstain=True) + rows(0.96, 2, abstain=True) + rows(0.7, 1, abstain=True)
    assert 0.1 < _best_cut(scored) <= 0.6


def test_reliability_bands_compare_prediction_and_outcome() -> None:
    table = reliability([(0.05, False), (0.95, True), (0.92, True), (0.91, False)])
    assert [row["band"] for row in table] == ["0.0-0.1", "0.9-1.0"]
    assert table[1]["n"] == 3 and table[1]["observed"] == pytest.approx(2 / 3, abs=1e-3)


def test_calibrate_on_a_fixture_writes_a_file_the_fact_base_then_carries(kb: Path) -> None:
    engine = Engine(load_factbase(kb))
    items = [
        EvalItem(q="who led the russian delegation", any=["Medinsky"]),  # a phrasing as written
        EvalItem(q="who was in charge of the russian delegation", any=["Medinsky"]),
        EvalItem(q="which person headed the russian team?", any=["Medinsky"]),
        EvalItem(q="where did the two delegations meet up", any=["Istanbul"]),
        EvalItem(q="what was the venue of the delegations", any=["Istanbul"]),
        EvalItem(q="what is the weather in paris", abstain=True),
        EvalItem(q="who won the football", abstain=True),
        EvalItem(q="who led the french delegation", abstain=True),
        EvalItem(q="what did medinsky eat", abstain=True),
    ]
    calibration = fit(engine, items, sets=["fixture"])
    assert calibration.features == Signals.names()
    assert 0.0 <= calibration.likely <= calibration.confident <= 1.0
    calibration.write(kb)
    stored = json.loads((kb / CALIBRATION_FILE).read_text())
    fitted_on = stored["fitted_on"]
    assert fitted_on["sets"] == "fixture"
    assert fitted_on["questions"] + fitted_on["left_out_verbatim"] == 9
    assert fitted_on["left_out_verbatim"] >= 1  # "who led the russian delegation" is a phrasing as written
    reloaded = Engine(load_factbase(kb))
    assert reloaded.calibration == Calibration.read(kb)
    assert reloaded.calibration.weights == pytest.approx(calibration.weights, abs=1e-6)
    assert reloaded.answer("who led the russian delegation?").answered
    assert not reloaded.answer("who won the football").answered


def test_a_refit_on_the_same_questions_writes_the_same_file(kb: Path) -> None:
    """Whatever calibration the engine read with before, a refit gives the same file."""
    items = [
        EvalItem(q="who was in charge of the russian delegation", any=["Medinsky"]),
        EvalItem(q="which person headed the russian team?", any=["Medinsky"]),
        EvalItem(q="where did the two delegations meet up", any=["Istanbul"]),
        EvalItem(q="what is the weather in paris", abstain=True),
        EvalItem(q="who led the french delegation", abstain=True),
    ]
    written = []
    for _ in range(2):
        refit(Engine(load_factbase(kb)), items, sets=["fixture"]).write(kb)
        written.append((kb / CALIBRATION_FILE).read_text())
    assert written[0] == written[1]


def test_a_broken_calibration_file_is_a_problem_line(kb: Path) -> None:
    (kb / CALIBRATION_FILE).write_text('{"features": "nope"}')
    with pytest.raises(FactBaseError) as caught:
        load_factbase(kb)
    [problem] = caught.value.problems
    assert problem.file.endswith(CALIBRATION_FILE)
    assert "not a valid calibration" in problem.message and "python -m bot calibrate" in problem.message


def test_a_calibration_for_other_signals_falls_back_to_the_built_in_curve(kb: Path) -> None:
    stale = Calibration(features=["score"], mean=[0], scale=[1], weights=[1], bias=0, confident=1, likely=1)
    stale.write(kb)
    engine = Engine(load_factbase(kb))
    assert engine.calibration.features == Signals.names()
    assert engine.answer("who led the russian delegation?").answered
