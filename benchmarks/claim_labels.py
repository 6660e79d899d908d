"""Claim labels and their scoring: what a labelled sentence claims, and how predicted claims are matched.

A labelled claim names the figure it states (its exact surface in the sentence, or ``null`` for an
event with no figure: a ban, an approval, a deadline), every measure name an analyst would accept for
it, and every acceptable subject (``null`` when any will do). Labels live in two files:

- ``benchmarks/data/facts_labelled.jsonl``: sentences written for the benchmark, text inline;
- ``benchmarks/data/claims_real_labelled.jsonl``: sentences of the real corpora in ``../shared/eval``,
  stored as pointers (corpus, file, character span in the text the pipeline ingests, and the SHA-1 of
  the sentence) so that the corpora's text is read at run time and never committed.

Scoring: only claims with a measure count as predicted (a claim without one is stored but never
reconciled). A predicted figure claim matches a labelled one when its quantity overlaps the labelled
figure and its measure is one of the accepted names, singular and plural alike (one to one, in text
order); a figure-less claim
matches a figure-less label with an accepted measure. Subject accuracy is over matched claims.
"""

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.corpora import EVAL
from triangulate.import_corpus import convert
from triangulate.measure_phrases import singular
from triangulate.sentence_facts import ClaimView

_FORMATS = {"ecbplus": "ecbplus", "te3-silver": "timeml", "timebank": "timeml"}
LEGAL_SUFFIXES = frozenset(
    ["corp", "inc", "co", "ltd", "plc", "nv", "ag", "sa", "group", "holdings", "technologies", "technology"]
)


@dataclass(frozen=True)
class LabelledClaim:
    """One claim as labelled: the figure's surface (None for an event), accepted measures and subjects."""

    figure: str | None
    measures: tuple[str, ...]
    subjects: tuple[str | None, ...]


@dataclass
class ClaimTally:
    """Counts of labelled, predicted and matched claims, with the errors in words."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    right_subject: int = 0
    unmeasured: int = 0
    errors: list[str] = field(default_factory=list)


def normalised_name(name: str) -> str:
    """Lower-case words without punctuation or trailing legal suffixes ("Kioxia Holdings" is "kioxia")."""
    words = re.findall(r"[a-z0-9]+", name.lower())
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words)


def whole_word_spans(text: str, surfaces: Sequence[str]) -> list[tuple[int, int]]:
    """Locate each surface as whole words ("B200" is not the end of "GB200"), repeats at successive places."""
    cursors: dict[str, int] = {}
    spans = []
    for surface in surfaces:
        found = re.compile(rf"(?<!\w){re.escape(surface)}(?!\w)").search(text, cursors.get(surface, 0))
        if found is None:
            raise ValueError(f"{surface!r} is not a whole word sequence of {text!r}")
        cursors[surface] = found.end()
        spans.append((found.start(), found.end()))
    return spans


def read_claims(items: Sequence[dict[str, Any]]) -> list[LabelledClaim]:
    """The labelled claims of one record's ``claims`` list."""
    return [
        LabelledClaim(figure=item["figure"], measures=tuple(item["measures"]), subjects=tuple(item["subjects"]))
        for item in items
    ]


def pointed_text(record: dict[str, Any], *, eval_dir: Path = EVAL) -> str:
    """The sentence a pointer record names, read from the corpus; ValueError when it no longer matches."""
    source = eval_dir / record["corpus"]
    _, text, _ = convert(path=source / record["file"], source=source, corpus_format=_FORMATS[record["corpus"]])
    sentence = text[record["start"] : record["end"]]
    if hashlib.sha1(sentence.encode("utf-8")).hexdigest() != record["sha1"]:
        raise ValueError(f"{record['corpus']}/{record['file']} [{record['start']}:{record['end']}] changed")
    return sentence


def _same_measure(measure: str, accepted: Sequence[str]) -> bool:
    """Whether a measure is one of the accepted names, singular and plural alike ("catch", "catches")."""

    def folded(name: str) -> tuple[str, ...]:
        return tuple(singular(word) for word in name.split("_"))

    return folded(measure) in {folded(name) for name in accepted}


def _subject_fits(acceptable: Sequence[str | None], claim: ClaimView) -> bool:
    if None in acceptable:
        return True
    for wanted in acceptable:
        if wanted is not None and wanted.startswith("new:"):
            if claim.subject_name is not None and normalised_name(claim.subject_name) == normalised_name(wanted[4:]):
                return True
        elif wanted == claim.subject_entity_id:
            return True
    return False


def _pairs(
    text: str, labels: Sequence[LabelledClaim], predicted: Sequence[ClaimView]
) -> tuple[list[tuple[int, int]], list[str]]:
    """One-to-one matches (label index, prediction index) and the near misses in words."""
    figures = [i for i, label in enumerate(labels) if label.figure is not None]
    spans = dict(zip(figures, whole_word_spans(text, [labels[i].figure or "" for i in figures]), strict=True))
    pairs: list[tuple[int, int]] = []
    misses: list[str] = []
    used: set[int] = set()
    for g, label in enumerate(labels):
        for p, claim in enumerate(predicted):
            if p in used:
                continue
            quantity = claim.quantity
            if label.figure is None:
                placed = quantity is None
            else:
                start, end = spans[g]
                placed = quantity is not None and quantity.char_start < end and start < quantity.char_end
            if not placed:
                continue
            if claim.measure is not None and _same_measure(claim.measure, label.measures):
                pairs.append((g, p))
                used.add(p)
                break
            if label.figure is not None:
                misses.append(f"{label.figure!r} is {list(label.measures)}, got {claim.measure}")
    return pairs, misses


def score_sentence(text: str, labels: Sequence[LabelledClaim], claims: Sequence[ClaimView], tally: ClaimTally) -> None:
    """Add one sentence's labelled and predicted claims to ``tally``."""
    predicted = [claim for claim in claims if claim.measure is not None]
    tally.unmeasured += len(claims) - len(predicted)
    pairs, misses = _pairs(text, labels, predicted)
    tally.gold += len(labels)
    tally.predicted += len(predicted)
    tally.matched += len(pairs)
    for g, p in pairs:
        if _subject_fits(labels[g].subjects, predicted[p]):
            tally.right_subject += 1
        else:
            wanted = list(labels[g].subjects)
            tally.errors.append(f"subject of {labels[g].figure!r}: want {wanted}, got {predicted[p].subject_name}")
    missed = [labels[g] for g in set(range(len(labels))) - {g for g, _ in pairs}]
    extra = [predicted[p] for p in set(range(len(predicted))) - {p for _, p in pairs}]
    if missed or extra:
        tally.errors.append(
            f"in {text!r}: "
            + "; ".join(misses)
            + "".join(f" | missed {label.figure!r} {list(label.measures)}" for label in missed)
            + "".join(
                f" | extra {claim.quantity.surface if claim.quantity else None!r} {claim.measure}" for claim in extra
            )
        )


def load_records(path: Path) -> list[dict[str, Any]]:
    """The JSON lines of a labelled file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
