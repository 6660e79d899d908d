"""What the benchmarks share: where their results go, precision, recall and F1, and side-by-side timing."""

import math
import statistics
import time
from collections.abc import Callable, Mapping
from pathlib import Path

RESULTS_DIR = Path(__file__).resolve().parent / "results"


def publish(name: str, report: str) -> None:
    """Print ``report`` and keep it as ``benchmarks/results/<name>.md``."""
    print(report)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / f"{name}.md").write_text(report.rstrip("\n") + "\n", encoding="utf-8")


def prf(*, hits_predicted: int, predicted: int, hits_gold: int, gold: int) -> tuple[float, float, float]:
    """Precision (hits among predictions), recall (gold items hit) and their harmonic mean."""
    precision = hits_predicted / predicted if predicted else 0.0
    recall = hits_gold / gold if gold else 0.0
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def seconds_side_by_side(
    work: Mapping[str, Callable[[], object]], *, passes: int = 5, shortest_pass: float = 1.0
) -> dict[str, float]:
    """Median seconds one call of each of ``work`` takes, timed in turn in ``passes`` rounds.

    A fast and a slow tool timed one after the other see different moments of a shared machine, and a
    pass of a few milliseconds is at the mercy of any other process. So each round times every tool
    once, and each pass repeats its tool's call often enough to last about as long as the slowest
    tool's single call (and at least ``shortest_pass`` seconds). One untimed call per tool warms up
    and calibrates the repeats.
    """
    calibration = {}
    for name, call in work.items():
        started = time.perf_counter()
        call()
        calibration[name] = max(time.perf_counter() - started, 1e-6)
    length = max(shortest_pass, *calibration.values())
    repeats = {name: max(1, math.ceil(length / seconds)) for name, seconds in calibration.items()}
    timings: dict[str, list[float]] = {name: [] for name in work}
    for _ in range(passes):
        for name, call in work.items():
            started = time.perf_counter()
            for _ in range(repeats[name]):
                call()
            timings[name].append((time.perf_counter() - started) / repeats[name])
    return {name: statistics.median(values) for name, values in timings.items()}
