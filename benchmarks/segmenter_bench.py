"""Sentence segmentation: Triangulate's splitter side by side with pysbd on TimeBank newswire.

Run ``python -m benchmarks.segmenter_bench``. TimeBank (read from ../shared/eval/timebank at run time,
never committed) has no gold sentence boundaries, so the benchmark reports how often the two
segmenters agree on where sentences end, and their throughput on the same paragraphs; it prints a
few disagreements (to the terminal only) for a person to judge. Results go to
``benchmarks/results/segmenter.md``.
"""

import re
import time
from pathlib import Path

import pysbd

from benchmarks.reporting import publish
from triangulate.sentences import load_abbreviations, split_sentences

ROOT = Path(__file__).resolve().parents[1]
TIMEBANK = ROOT.parent / "shared" / "eval" / "timebank"
SHOWN_DISAGREEMENTS = 8


def _paragraphs() -> list[str]:
    paragraphs = []
    for path in sorted(TIMEBANK.glob("*.tml")):
        body = re.search(r"<TEXT>(.*)</TEXT>", path.read_text(encoding="utf-8"), re.DOTALL)
        if body:
            plain = re.sub(r"<[^>]+>", "", body.group(1))
            paragraphs += [" ".join(p.split()) for p in re.split(r"\n\s*\n", plain) if p.strip()]
    return paragraphs


def _ends_ours(paragraph: str, abbreviations: frozenset[str]) -> set[int]:
    return {
        s.char_end for s in split_sentences(text=paragraph, start=0, end=len(paragraph), abbreviations=abbreviations)
    }


def _ends_pysbd(paragraph: str, segmenter: pysbd.Segmenter) -> set[int]:
    return {span.end - len(span.sent) + len(span.sent.rstrip()) for span in segmenter.segment(paragraph)}


# Sentence ends closer than this are the same boundary (the segmenters differ on whether closing
# quote marks such as '' belong to the sentence).
END_TOLERANCE = 2


def _match(ours: set[int], theirs: set[int]) -> tuple[int, set[int], set[int]]:
    """Return (agreed ends, ends only in ours, ends only in theirs) with END_TOLERANCE."""
    unmatched = set(theirs)
    only_ours = set()
    for end in sorted(ours):
        partner = next((t for t in sorted(unmatched) if abs(t - end) <= END_TOLERANCE), None)
        if partner is None:
            only_ours.add(end)
        else:
            unmatched.discard(partner)
    return len(ours) - len(only_ours), only_ours, unmatched


def main() -> None:
    """Segment every paragraph with both, compare boundaries and speed."""
    if not TIMEBANK.is_dir():
        print(f"{TIMEBANK} is absent: nothing measured.")
        return
    paragraphs = _paragraphs()
    abbreviations = load_abbreviations()
    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    started = time.perf_counter()
    ours = [_ends_ours(p, abbreviations) for p in paragraphs]
    ours_seconds = time.perf_counter() - started
    started = time.perf_counter()
    theirs = [_ends_pysbd(p, segmenter) for p in paragraphs]
    pysbd_seconds = time.perf_counter() - started
    matches = [_match(a, b) for a, b in zip(ours, theirs, strict=True)]
    agreed = sum(m[0] for m in matches)
    only_ours = sum(len(m[1]) for m in matches)
    only_pysbd = sum(len(m[2]) for m in matches)
    identical = sum(1 for m in matches if not m[1] and not m[2])
    characters = sum(len(p) for p in paragraphs)
    shown = 0
    for paragraph, (_, mine, other) in zip(paragraphs, matches, strict=True):
        if (mine or other) and shown < SHOWN_DISAGREEMENTS:
            shown += 1
            print("ours only:", [paragraph[max(0, e - 25) : e + 15] for e in sorted(mine)])
            print("pysbd only:", [paragraph[max(0, e - 25) : e + 15] for e in sorted(other)])
    table = "\n".join(
        [
            f"TimeBank: {len(paragraphs)} paragraphs, {characters / 1e6:.2f} M characters.",
            "",
            "| segmenter | sentence ends | only this one | seconds | MB/s | speed vs pysbd |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
            f"| triangulate | {agreed + only_ours} | {only_ours} | {ours_seconds:.2f} "
            f"| {characters / 1e6 / ours_seconds:.2f} | {pysbd_seconds / ours_seconds:.1f}× |",
            f"| pysbd 0.3.4 | {agreed + only_pysbd} | {only_pysbd} | {pysbd_seconds:.2f} "
            f"| {characters / 1e6 / pysbd_seconds:.2f} | 1.0× |",
            "",
            f"Both agree on {agreed} sentence ends (within {END_TOLERANCE} characters); {identical} of "
            f"{len(paragraphs)} paragraphs are split identically.",
            "Command: `.venv/bin/python -m benchmarks.segmenter_bench`.",
        ]
    )
    publish("segmenter", table)


if __name__ == "__main__":
    main()
