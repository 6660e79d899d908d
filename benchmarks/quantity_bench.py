"""Quantities on a hand-labelled set of business-news sentences, side by side with quantulum3.

Run ``python -m benchmarks.quantity_bench``. The set, ``benchmarks/data/quantities_labelled.jsonl``,
holds sentences written for this benchmark (percentages, money in many currencies, vague magnitudes,
multipliers, counts, ranges, hedges, and traps: product names, format names, citation markers, years,
dates, URLs, list numbers). Each gold quantity is ``[surface, unit, value]`` where unit is ``percent``,
``pp``, ``bp``, ``x`` (a multiplier), ``count``, an ISO 4217 code or a physical unit, and value is a
number or ``[low, high]`` for a range. Durations ("three years") are times, not quantities.

Scores, per extractor:

- detection P/R/F1: a gold quantity is found when a prediction overlaps its span;
- value P/R/F1: the overlapping prediction also has the gold unit and value (relative tolerance
  1e-6; a gold range needs the same low and high; basis points count as percentage points / 100).
  quantulum3's units are mapped to the same classes, and its midpoint-with-uncertainty ranges are
  read as ranges, so it is not penalised for notation.

Throughput is timed in the same run, after one untimed pass each: five rounds, each timing both over
the whole set in turn, Triangulate's pass repeated to last as long as quantulum3's (see
``benchmarks.reporting.seconds_side_by_side``); the median pass counts. What is timed is each tool's
own call (``extract_quantities``, ``quantulum3.parser.parse``), not the mapping to the scored classes.
Results go to stdout (with each extractor's misses and false alarms) and to
``benchmarks/results/quantities.md``.
"""

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from benchmarks.reporting import prf, publish, seconds_side_by_side
from triangulate.markdown import markdown_table
from triangulate.quantities import Quantity, extract_quantities, load_quantity_vocabulary

ROOT = Path(__file__).resolve().parents[1]
LABELLED = ROOT / "benchmarks" / "data" / "quantities_labelled.jsonl"
SHOWN_ERRORS = 12

Value = float | tuple[float, float]


class Found(NamedTuple):
    """A quantity with its span, unit class and value (a number or a range)."""

    char_start: int
    char_end: int
    unit: str
    value: Value | None


@dataclass(frozen=True, slots=True)
class Sentence:
    """One labelled sentence."""

    text: str
    gold: tuple[Found, ...]


def load_sentences(path: Path = LABELLED) -> list[Sentence]:
    """The labelled sentences, with gold spans located in their text."""
    sentences = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        gold = []
        for surface, unit, value in record["gold"]:
            start = record["text"].index(surface)
            parsed: Value = (float(value[0]), float(value[1])) if isinstance(value, list) else float(value)
            gold.append(Found(start, start + len(surface), unit, parsed))
        sentences.append(Sentence(record["text"], tuple(gold)))
    return sentences


def triangulate_call(text: str) -> list[Quantity]:
    """Triangulate's own call, as timed."""
    return extract_quantities(text=text, vocabulary=load_quantity_vocabulary())


def triangulate_quantities(text: str) -> list[Found]:
    """Triangulate's quantities as unit classes and values."""
    found = []
    for quantity in triangulate_call(text):
        unit = "count" if quantity.kind == "count" else quantity.unit or quantity.kind
        value: Value | None = quantity.value
        if value is None and quantity.value_low is not None and quantity.value_high is not None:
            value = (quantity.value_low, quantity.value_high)
        found.append(Found(quantity.char_start, quantity.char_end, unit, value))
    return found


QUANTULUM_UNITS = {
    "percentage": "percent",
    "percentage point": "pp",
    "basis point": "bp",
    "tonne": "t",
    "gigawatt": "GW",
}


def quantulum_call(text: str) -> list[Any]:
    """quantulum3's own call, as timed."""
    from quantulum3 import parser

    return list(parser.parse(text))


def quantulum_quantities(text: str) -> list[Found]:
    """quantulum3's quantities mapped to the same unit classes."""
    found = []
    for quantity in quantulum_call(text):
        start, end = quantity.span
        unit = QUANTULUM_UNITS.get(quantity.unit.name, quantity.unit.name)
        if quantity.unit.entity.name == "currency":
            unit = getattr(quantity.unit, "currency_code", None) or unit
        elif quantity.unit.name == "dimensionless":
            multiplier = quantity.surface.lower().rstrip().endswith(("x", "times", "fold"))
            unit = "x" if multiplier else "count"
        value: Value = float(quantity.value)
        if quantity.uncertainty:
            value = (value - quantity.uncertainty, value + quantity.uncertainty)
        found.append(Found(start, end, unit, value))
    return found


def _overlaps(a: Found, b: Found) -> bool:
    return a.char_start < b.char_end and b.char_start < a.char_end


def _same_value(gold: Value | None, predicted: Value | None) -> bool:
    if gold is None or predicted is None or isinstance(gold, tuple) != isinstance(predicted, tuple):
        return False
    if isinstance(gold, tuple) and isinstance(predicted, tuple):
        return all(math.isclose(g, p, rel_tol=1e-6) for g, p in zip(gold, predicted, strict=True))
    assert isinstance(gold, float) and isinstance(predicted, float)
    return math.isclose(gold, predicted, rel_tol=1e-6)


def _in_points(found: Found) -> tuple[str, Value | None]:
    """Basis points as percentage points (25 bp is 0.25 pp), so either notation compares equal."""
    if found.unit != "bp" or found.value is None:
        return found.unit, found.value
    if isinstance(found.value, tuple):
        return "pp", (found.value[0] / 100, found.value[1] / 100)
    return "pp", found.value / 100


def _correct(gold: Found, predicted: Found) -> bool:
    (gold_unit, gold_value), (unit, value) = _in_points(gold), _in_points(predicted)
    return _overlaps(gold, predicted) and gold_unit == unit and _same_value(gold_value, value)


Extractor = Callable[[str], list[Found]]


def evaluate(sentences: Sequence[Sentence], extractor: Extractor) -> tuple[dict[str, str], list[str]]:
    """Scores of one extractor, and lines describing its errors."""
    counts = {"gold": 0, "predicted": 0, "found": 0, "hit": 0, "right": 0, "correct": 0}
    errors = []
    for sentence in sentences:
        predicted = extractor(sentence.text)
        counts["gold"] += len(sentence.gold)
        counts["predicted"] += len(predicted)
        counts["found"] += sum(any(_overlaps(g, p) for p in predicted) for g in sentence.gold)
        counts["hit"] += sum(any(_overlaps(g, p) for g in sentence.gold) for p in predicted)
        counts["right"] += sum(any(_correct(g, p) for p in predicted) for g in sentence.gold)
        counts["correct"] += sum(any(_correct(g, p) for g in sentence.gold) for p in predicted)
        for gold in sentence.gold:
            if not any(_correct(gold, p) for p in predicted):
                errors.append(
                    f"missed or wrong: {sentence.text[gold.char_start : gold.char_end]!r} {gold.unit} {gold.value}"
                )
        for prediction in predicted:
            if not any(_overlaps(g, prediction) for g in sentence.gold):
                surface = sentence.text[prediction.char_start : prediction.char_end]
                errors.append(f"false alarm: {surface!r} {prediction.unit} {prediction.value}")
    _, _, detection_f1 = prf(
        hits_predicted=counts["hit"], predicted=counts["predicted"], hits_gold=counts["found"], gold=counts["gold"]
    )
    precision, recall, f1 = prf(
        hits_predicted=counts["correct"], predicted=counts["predicted"], hits_gold=counts["right"], gold=counts["gold"]
    )
    row = {
        "detection F1": f"{detection_f1:.3f}",
        "value P": f"{precision:.3f}",
        "value R": f"{recall:.3f}",
        "value F1": f"{f1:.3f}",
    }
    return row, errors


def _throughput(sentences: Sequence[Sentence], seconds: float) -> dict[str, str]:
    """Sentences and kilobytes per second for one pass over ``sentences`` that took ``seconds``."""
    characters = sum(len(s.text) for s in sentences)
    return {"sentences/s": f"{len(sentences) / seconds:,.0f}", "KB/s": f"{characters / 1024 / seconds:,.0f}"}


def main() -> None:
    """Score both extractors, print their errors and write the results file."""
    sentences = load_sentences()
    ours, our_errors = evaluate(sentences, triangulate_quantities)
    theirs, their_errors = evaluate(sentences, quantulum_quantities)
    seconds = seconds_side_by_side(
        {
            "ours": lambda: [triangulate_call(s.text) for s in sentences],
            "theirs": lambda: [quantulum_call(s.text) for s in sentences],
        }
    )
    speedup = seconds["theirs"] / seconds["ours"]
    rows = [
        {"extractor": "triangulate", **ours, **_throughput(sentences, seconds["ours"])},
        {"extractor": "quantulum3 0.10.0", **theirs, **_throughput(sentences, seconds["theirs"])},
    ]
    columns = ["extractor", "detection F1", "value P", "value R", "value F1", "sentences/s", "KB/s"]
    n_gold = sum(len(s.gold) for s in sentences)
    report = "\n".join(
        [
            f"{len(sentences)} labelled sentences, {n_gold} gold quantities.",
            "",
            markdown_table(rows, columns, max_rows=2, max_chars=40),
            "",
            f"Triangulate is {speedup:.0f}× faster than quantulum3 on the same sentences.",
            "",
        ]
    )
    publish("quantities", report)
    for name, errors in (("triangulate", our_errors), ("quantulum3", their_errors)):
        print(f"{name}: {len(errors)} errors, first {SHOWN_ERRORS}:")
        for line in errors[:SHOWN_ERRORS]:
            print("  ", line)


if __name__ == "__main__":
    main()
