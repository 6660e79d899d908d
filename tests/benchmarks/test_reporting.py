"""The benchmarks' side-by-side timing: every tool timed in each round, the fast one repeated more."""

import time
from collections import Counter

from benchmarks.reporting import prf, seconds_side_by_side


def test_each_tool_is_timed_in_every_round_and_the_fast_one_repeats_to_match_the_slow_one() -> None:
    calls: Counter[str] = Counter()

    def slow() -> None:
        calls["slow"] += 1
        time.sleep(0.01)

    def fast() -> None:
        calls["fast"] += 1

    seconds = seconds_side_by_side({"slow": slow, "fast": fast}, passes=3, shortest_pass=0.005)
    assert set(seconds) == {"slow", "fast"}
    assert calls["slow"] >= 1 + 3
    assert calls["fast"] > 10 * calls["slow"]
    assert all(value > 0 for value in seconds.values())


def test_prf_is_zero_without_predictions_or_gold() -> None:
    assert prf(hits_predicted=0, predicted=0, hits_gold=0, gold=0) == (0.0, 0.0, 0.0)
    assert prf(hits_predicted=1, predicted=2, hits_gold=1, gold=1) == (0.5, 1.0, 2 / 3)
