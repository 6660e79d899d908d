"""Temporal expressions beside machine-made TIMEX3 (TempEval-3 silver), with dateparser on the same documents.

Run ``python -m benchmarks.te3_silver_bench [every]``. The silver annotations were made by machines, so
the scores are agreement with another system, not accuracy: useful to see whether a change moves
Triangulate towards or away from a second opinion on unseen newswire, never to tune answers one by
one. Every ``every``-th document by sorted file name is read (all 2,452 by default), from
``../shared/eval/te3-silver`` at run time; nothing is copied into the project.

Scores are those of ``benchmarks.timebank_bench`` (DATE value agreement: an overlapping prediction
with the same TIMEX3 value; dateparser is credited when the silver value is a prefix of its day).
Results go to stdout and ``benchmarks/results/te3_silver.md``.
"""

import sys
from pathlib import Path

from benchmarks.reporting import publish
from benchmarks.timebank import ROOT, load_timebank
from benchmarks.timebank_bench import dateparser_predictions, score, triangulate_predictions
from triangulate.markdown import markdown_table

TE3_SILVER = ROOT.parent / "shared" / "eval" / "te3-silver"
DEFAULT_EVERY = 1


def main(every: int = DEFAULT_EVERY, folder: Path = TE3_SILVER) -> None:
    """Score both extractors on every ``every``-th silver document and write the table."""
    documents = load_timebank(folder)[::every]
    ours, _ = score(documents, triangulate_predictions, lenient_prefix=False)
    theirs, _ = score(documents, dateparser_predictions, lenient_prefix=True)
    rows = [ours.row("triangulate"), theirs.row("dateparser 1.5.0 search_dates")]
    columns = [column for column in rows[0] if column not in ("seconds", "KB/s")]
    report = "\n".join(
        [
            f"TempEval-3 silver: {len(documents)} documents (every {every}th by name), {ours.gold} silver TIMEX3 "
            f"({ours.gold_dates} DATE), {ours.characters:,} characters. Agreement with machine annotations.",
            "",
            markdown_table(rows, columns, max_rows=len(rows), max_chars=40),
            "",
        ]
    )
    publish("te3_silver", report)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_EVERY)
