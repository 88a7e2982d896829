"""`python -m bot bench`: speed and memory of the engine, side by side with a plain full scan.

Each size runs in a fresh process so its peak memory is its own.  Per size: index build time, answer
latency p50/p99 over a fixed question list, the same for a full scan (rapidfuzz `extractOne` over
every phrasing), whether the index picks the same top answer as scoring every document, the engine's
own memory apart from the synthetic fact base (resident memory just before and after `Engine()`,
and again after the questions, which fill its caches), and the peak RSS of the process.
`--compare OLD.json` prints an earlier run's figures beside the new ones.
"""

from __future__ import annotations

import gc
import json
import multiprocessing
import resource
import statistics
import time
from pathlib import Path

from rapidfuzz import fuzz, process

from bot.bench.synthetic import origin, synthetic_factbase
from bot.engine import Engine
from bot.factbase import check_factbase, load_factbase

FULLSCAN_QUESTIONS = 40
AGREEMENT_QUESTIONS = 40


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1))))
    return ordered[k]


def load_questions(path: Path, engine: Engine) -> list[str]:
    if path.is_file():
        from bot.bench.evaluation import load_question_set

        return [item.q for item in load_question_set(path)]
    return [entry.question for entry in engine.factbase.entries.values()]


def resident_mb() -> float:
    """This process's resident memory now (not its peak), in MB."""
    gc.collect()
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def measure_size(knowledge: str, questions: list[str], size: int, repeat: int) -> dict:
    real = load_factbase(Path(knowledge))
    factbase = synthetic_factbase(real, size)
    before_mb = resident_mb()
    started = time.perf_counter()
    engine = Engine(factbase)
    build_s = time.perf_counter() - started
    built_mb = resident_mb()

    latencies = []
    for _ in range(repeat):
        for q in questions:
            t0 = time.perf_counter()
            engine.answer(q)
            latencies.append((time.perf_counter() - t0) * 1000)
    answered_mb = resident_mb()

    phrasings = [p for doc in engine.index.docs for p in doc.phrasings]
    owners = [doc.target for doc in engine.index.docs for _ in doc.phrasings]
    scan_latencies, scan_agree = [], 0
    sample = questions[:FULLSCAN_QUESTIONS]
    for q in sample:
        t0 = time.perf_counter()
        phrase = engine.parse(q).phrase
        best = process.extractOne(phrase, phrasings, scorer=fuzz.WRatio)
        scan_latencies.append((time.perf_counter() - t0) * 1000)
        answer = engine.answer(q)
        scan_agree += bool(best and answer.target and origin(owners[best[2]]) == origin(answer.target))

    same_top = 0
    for q in questions[:AGREEMENT_QUESTIONS]:
        query = engine.parse(q)
        indexed = engine.rank(query)
        exhaustive = engine.score_all(query) if query.terms else []
        top_i = origin(indexed[0].target) if indexed else None
        top_e = origin(exhaustive[0].target) if exhaustive else None
        same_top += top_i == top_e

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "entries": len(factbase.entries),
        "build_s": round(build_s, 3),
        "p50_ms": round(statistics.median(latencies), 3),
        "p99_ms": round(percentile(latencies, 99), 3),
        "fullscan_p50_ms": round(statistics.median(scan_latencies), 3),
        "fullscan_p99_ms": round(percentile(scan_latencies, 99), 3),
        "speedup_p50": round(statistics.median(scan_latencies) / statistics.median(latencies), 1),
        "same_top_as_exhaustive": f"{same_top}/{min(len(questions), AGREEMENT_QUESTIONS)}",
        "fullscan_agrees": f"{scan_agree}/{len(sample)}",
        "factbase_mb": round(before_mb, 1),
        "engine_mb": round(built_mb - before_mb, 1),
        "engine_after_questions_mb": round(answered_mb - before_mb, 1),
        "peak_mb": round(peak_mb, 1),
    }


def measure_real(knowledge: Path, sources: Path) -> dict:
    started = time.perf_counter()
    factbase, problems = check_factbase(knowledge, sources if sources.is_dir() else None)
    checked = time.perf_counter()
    if factbase is None:
        raise SystemExit(f"the fact base has {len(problems)} problems; run `kb check`")
    Engine(factbase)
    done = time.perf_counter()
    return {
        "check_s": round(checked - started, 3),
        "index_s": round(done - checked, 3),
        "total_s": round(done - started, 3),
    }


def run_bench(
    knowledge: Path,
    questions_path: Path,
    sizes: list[int],
    *,
    repeat: int,
    as_json: bool,
    compare: Path | None = None,
) -> int:
    old = _old_figures(compare) if compare else {}
    real = measure_real(knowledge, knowledge.parent.parent / "shared" / "seeds")
    print(
        f"real fact base: load+check {real['check_s']}s, index {real['index_s']}s, total {real['total_s']}s"
    )
    questions = load_questions(questions_path, Engine(load_factbase(knowledge)))
    print(
        f"{len(questions)} questions x {repeat} passes per size; full scan on the first {FULLSCAN_QUESTIONS}"
    )
    results: dict[int, dict] = {}
    context = multiprocessing.get_context("spawn")
    for size in sizes:
        with context.Pool(1) as pool:
            results[size] = pool.apply(measure_size, (str(knowledge), questions, size, repeat))
        r = results[size]
        print(
            f"{size:>7} entries: build {r['build_s']:.2f}s |"
            f" p50 {r['p50_ms']:.2f} ms p99 {r['p99_ms']:.2f} ms"
            f" | full scan p50 {r['fullscan_p50_ms']:.1f} ms p99 {r['fullscan_p99_ms']:.1f} ms"
            f" ({r['speedup_p50']}x) | same top as exhaustive {r['same_top_as_exhaustive']}"
            f" | engine {r['engine_mb']:.0f} MB ({r['engine_after_questions_mb']:.0f} MB after the questions)"
            f" | peak {r['peak_mb']:.0f} MB",
            flush=True,
        )
        if str(size) in old:
            print("         before: " + _side_by_side(old[str(size)], r), flush=True)
    if as_json:
        figures = {"real": real, "sizes": {str(k): v for k, v in results.items()}}
        if old:
            figures["compared_with"] = {"file": str(compare), "sizes": old}
        print(json.dumps(figures))
    return 0


COMPARED = ("build_s", "p50_ms", "p99_ms", "same_top_as_exhaustive", "engine_mb", "peak_mb")


def _old_figures(path: Path) -> dict[str, dict]:
    """The per-size figures of an earlier `bench --json` run (its output, or just its JSON line)."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("{")]
    return json.loads(lines[-1])["sizes"] if lines else {}


def _side_by_side(old: dict, new: dict) -> str:
    return " | ".join(f"{key} {old.get(key, '-')} -> {new[key]}" for key in COMPARED)
