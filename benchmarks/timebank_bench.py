"""Temporal expressions scored against TimeBank 1.2, side by side with dateparser's ``search_dates``.

Run ``python -m benchmarks.timebank_bench``. Every document's text goes to both extractors with its
creation date as the anchor (``published`` for Triangulate, ``RELATIVE_BASE`` for dateparser). Scores:

- span F1 over all TIMEX3 types, strict (same start and end) and relaxed (overlapping spans);
- DATE value precision/recall/F1: a gold DATE counts as found when an overlapping prediction has the
  same TIMEX3 value; a predicted DATE counts as correct when it overlaps a gold DATE with that value;
- for dateparser, which returns a datetime and no granularity, a value also counts when the gold
  value is a prefix of the predicted day ("1997-10" for 1997-10-08) — lenient on purpose;
- an error breakdown of Triangulate's DATE misses, wrong values and spurious DATEs, by shape of value.

Throughput is measured on the same texts in the same run, after one untimed document for each (so
that loading vocabularies and language data is not counted): five rounds, each timing both over the
whole corpus in turn, Triangulate's pass repeated to last as long as dateparser's (see
``benchmarks.reporting.seconds_side_by_side``); the median pass counts. What is timed is each tool's
own call (``extract_time_expressions``, ``search_dates``), not the mapping to scored predictions. Results
go to stdout (with examples of each error kind) and to ``benchmarks/results/timebank.md``.

Held-out split: every fourth document by sorted file name (the 4th, 8th, ...; ``held_out``), fixed before
any rule was written against it. Scores are reported for the whole corpus and for the held-out
documents; the error list shows only the other documents, so that the held-out ones stay unread.
"""

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from datetime import time as clock
from typing import NamedTuple

from benchmarks.reporting import prf, publish, seconds_side_by_side
from benchmarks.timebank import GoldTimex, TimebankDocument, load_timebank
from triangulate.markdown import markdown_table
from triangulate.temporal import TimeExpression, extract_time_expressions, load_temporal_vocabulary

SHOWN_ERRORS = 6
HELD_OUT_EVERY = 4


def held_out(documents: Sequence[TimebankDocument]) -> tuple[list[TimebankDocument], list[TimebankDocument]]:
    """(development, held-out) documents: every fourth by sorted name is held out, never read for rules."""
    ordered = sorted(documents, key=lambda document: document.doc_id)
    kept = [d for i, d in enumerate(ordered) if i % HELD_OUT_EVERY != HELD_OUT_EVERY - 1]
    return kept, [d for i, d in enumerate(ordered) if i % HELD_OUT_EVERY == HELD_OUT_EVERY - 1]


class Prediction(NamedTuple):
    """A predicted expression: span, TIMEX3 type (DATE for dateparser) and value."""

    char_start: int
    char_end: int
    type: str
    value: str


Extractor = Callable[[TimebankDocument], list[Prediction]]


def triangulate_call(document: TimebankDocument) -> list[TimeExpression]:
    """Triangulate's own call on one document, anchored at its creation date, as timed."""
    return extract_time_expressions(
        text=document.text, published=document.created, vocabulary=load_temporal_vocabulary()
    )


def triangulate_predictions(document: TimebankDocument) -> list[Prediction]:
    """Triangulate's expressions for one document."""
    return [Prediction(e.char_start, e.char_end, e.type, e.value) for e in triangulate_call(document)]


def dateparser_call(document: TimebankDocument) -> list[tuple[str, datetime]]:
    """dateparser's own call on one document, with its creation date as ``RELATIVE_BASE``, as timed."""
    from dateparser.search import search_dates

    base = datetime.combine(document.created, clock())
    return search_dates(document.text, languages=["en"], settings={"RELATIVE_BASE": base}) or []


def dateparser_predictions(document: TimebankDocument) -> list[Prediction]:
    """dateparser's ``search_dates`` matches, located in the text in order, as day-precision DATEs."""
    found = dateparser_call(document)
    predictions = []
    cursor = 0
    for surface, moment in found:
        start = document.text.find(surface, cursor)
        if start < 0:
            continue
        cursor = start + len(surface)
        predictions.append(Prediction(start, cursor, "DATE", moment.date().isoformat()))
    return predictions


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def value_matches(gold: str, predicted: str, *, lenient_prefix: bool) -> bool:
    """Same TIMEX3 value; with ``lenient_prefix``, a coarser gold value that the predicted day falls in."""
    if gold == predicted:
        return True
    return lenient_prefix and bool(re.fullmatch(r"\d{4}(-\d{2})?", gold)) and predicted.startswith(gold)


@dataclass
class Score:
    """Counts for one extractor over the whole corpus."""

    gold: int = 0
    predicted: int = 0
    strict: int = 0
    relaxed_gold: int = 0
    relaxed_predicted: int = 0
    gold_dates: int = 0
    predicted_dates: int = 0
    dates_found: int = 0
    dates_correct: int = 0
    seconds: float = 0.0
    characters: int = 0

    def row(self, name: str) -> dict[str, object]:
        """One line of the results table."""
        _, _, strict_f1 = prf(
            hits_predicted=self.strict, predicted=self.predicted, hits_gold=self.strict, gold=self.gold
        )
        _, _, relaxed_f1 = prf(
            hits_predicted=self.relaxed_predicted, predicted=self.predicted, hits_gold=self.relaxed_gold, gold=self.gold
        )
        value_p, value_r, value_f1 = prf(
            hits_predicted=self.dates_correct,
            predicted=self.predicted_dates,
            hits_gold=self.dates_found,
            gold=self.gold_dates,
        )
        return {
            "extractor": name,
            "span F1 strict": f"{strict_f1:.3f}",
            "span F1 relaxed": f"{relaxed_f1:.3f}",
            "DATE value P": f"{value_p:.3f}",
            "DATE value R": f"{value_r:.3f}",
            "DATE value F1": f"{value_f1:.3f}",
            "seconds": f"{self.seconds:.2f}" if self.seconds else "",
            "KB/s": f"{self.characters / 1024 / self.seconds:,.0f}" if self.seconds else "",
        }


def _hits(
    gold: Sequence[GoldTimex], predicted: Sequence[Prediction], agree: Callable[[GoldTimex, Prediction], bool]
) -> tuple[int, int]:
    """(gold items, predictions) that overlap one of the other side and ``agree`` with it."""

    def matches(g: GoldTimex, p: Prediction) -> bool:
        return _overlaps(g.char_start, g.char_end, p.char_start, p.char_end) and agree(g, p)

    return sum(any(matches(g, p) for p in predicted) for g in gold), sum(
        any(matches(g, p) for g in gold) for p in predicted
    )


def score(
    documents: Sequence[TimebankDocument], extractor: Extractor, *, lenient_prefix: bool
) -> tuple[Score, dict[TimebankDocument, list[Prediction]]]:
    """Run ``extractor`` over ``documents`` and count matches (``seconds`` is left for the caller to time)."""
    result = Score()
    predictions = {document: extractor(document) for document in documents}
    for document, predicted in predictions.items():
        result.characters += len(document.text)
        gold = document.gold
        result.gold += len(gold)
        result.predicted += len(predicted)
        result.strict += len(
            {(g.char_start, g.char_end) for g in gold} & {(p.char_start, p.char_end) for p in predicted}
        )
        relaxed_gold, relaxed_predicted = _hits(gold, predicted, lambda g, p: True)
        result.relaxed_gold += relaxed_gold
        result.relaxed_predicted += relaxed_predicted
        gold_dates = [g for g in gold if g.type == "DATE"]
        predicted_dates = [p for p in predicted if p.type == "DATE"]
        result.gold_dates += len(gold_dates)
        result.predicted_dates += len(predicted_dates)
        found, correct = _hits(
            gold_dates, predicted_dates, lambda g, p: value_matches(g.value, p.value, lenient_prefix=lenient_prefix)
        )
        result.dates_found += found
        result.dates_correct += correct
    return result, predictions


def value_shape(value: str) -> str:
    """A coarse class of TIMEX3 value for the error breakdown."""
    shapes = (
        (r"(PAST|PRESENT|FUTURE)_REF", "reference (PAST_REF, ...)"),
        (r"\d{4}-\d{2}-\d{2}", "day"),
        (r"\d{4}-\d{2}-\d{2}T.*", "day with part of day or time"),
        (r"\d{4}-\d{2}", "month"),
        (r"\d{4}-W\d{2}.*", "week"),
        (r"\d{4}-(Q\d|H\d|SP|SU|FA|WI)", "quarter, half or season"),
        (r"\d{4}", "year"),
        (r"\d{2,3}X*|\d{3}", "decade or century"),
        (r"FY.*", "fiscal year"),
    )
    return next((label for pattern, label in shapes if re.fullmatch(pattern, value)), "other")


def error_breakdown(predictions: dict[TimebankDocument, list[Prediction]]) -> tuple[Counter[str], list[str]]:
    """Triangulate's DATE errors counted by kind and shape of the gold (or predicted) value, with examples."""
    counts: Counter[str] = Counter()
    examples: list[str] = []
    for document, predicted in predictions.items():
        for gold in (g for g in document.gold if g.type == "DATE"):
            partners = [p for p in predicted if _overlaps(gold.char_start, gold.char_end, p.char_start, p.char_end)]
            if any(p.type == "DATE" and p.value == gold.value for p in partners):
                continue
            kind = "missed" if not partners else "wrong value or type"
            counts[f"{kind}: {value_shape(gold.value)}"] += 1
            shown = ", ".join(f"{document.text[p.char_start : p.char_end]!r}→{p.type} {p.value}" for p in partners)
            examples.append(f"{kind}: {gold.surface!r} gold {gold.value} (dct {document.created}) ours [{shown}]")
        for prediction in (p for p in predicted if p.type == "DATE"):
            if not any(
                _overlaps(g.char_start, g.char_end, prediction.char_start, prediction.char_end) for g in document.gold
            ):
                counts[f"spurious: {value_shape(prediction.value)}"] += 1
                surface = document.text[prediction.char_start : prediction.char_end]
                examples.append(f"spurious: {surface!r} → {prediction.value}")
    return counts, examples


def main() -> None:
    """Score both extractors, print the tables and examples, write the results file."""
    documents = load_timebank()
    for warm_up in (triangulate_predictions, dateparser_predictions):
        warm_up(documents[0])
    ours, our_predictions = score(documents, triangulate_predictions, lenient_prefix=False)
    theirs, _ = score(documents, dateparser_predictions, lenient_prefix=True)
    seconds = seconds_side_by_side(
        {
            "ours": lambda: [triangulate_call(document) for document in documents],
            "theirs": lambda: [dateparser_call(document) for document in documents],
        }
    )
    ours.seconds, theirs.seconds = seconds["ours"], seconds["theirs"]
    development, held = held_out(documents)
    ours_held, _ = score(held, triangulate_predictions, lenient_prefix=False)
    theirs_held, _ = score(held, dateparser_predictions, lenient_prefix=True)
    rows = [
        ours.row("triangulate"),
        theirs.row("dateparser 1.5.0 search_dates"),
        ours_held.row(f"triangulate, held-out {len(held)}"),
        theirs_held.row(f"dateparser, held-out {len(held)}"),
    ]
    speedup = theirs.seconds / ours.seconds
    counts, examples = error_breakdown({d: our_predictions[d] for d in development})
    breakdown = [
        {"Triangulate DATE error": kind, "count": n} for kind, n in sorted(counts.items(), key=lambda kv: -kv[1])
    ]
    columns = list(rows[0])
    report = "\n".join(
        [
            f"TimeBank 1.2: {len(documents)} documents, {ours.gold} gold TIMEX3 ({ours.gold_dates} DATE), "
            f"{ours.characters:,} characters.",
            "",
            markdown_table(rows, columns, max_rows=len(rows), max_chars=40),
            "",
            f"Triangulate is {speedup:.0f}× faster than dateparser on the same texts.",
            "",
            f"Errors below: the {len(development)} development documents only.",
            "",
            markdown_table(breakdown, ["Triangulate DATE error", "count"], max_rows=len(breakdown), max_chars=60),
            "",
        ]
    )
    publish("timebank", report)
    for kind in ("missed", "wrong", "spurious"):
        for line in [e for e in examples if e.startswith(kind)][:SHOWN_ERRORS]:
            print("  ", line)


if __name__ == "__main__":
    main()
