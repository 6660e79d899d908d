"""Entities, attributions and claims scored on a hand-labelled set of news sentences.

Run ``python -m benchmarks.facts_bench``. The set, ``benchmarks/data/facts_labelled.jsonl``, holds
sentences written for this benchmark about chips, AI, trade policy and neighbouring business news:
catalog entities under aliases and legal suffixes, entities absent from the catalog, products that
differ by a digit, people with titles and surname back-references, chains of attribution, hedged
and negated statements. Each line has:

- ``mentions``: ``[surface, id]`` for every organisation, state body, party, person, place, product,
  programme and outlet; ``id`` is a catalog id, or ``new:<Name>`` for an entity the catalog lacks;
- ``attributions``: ``[surface, source_kind]`` for each attribution cue;
- ``claims``: ``[measure, [acceptable subject ids]]`` for each checkable statement (``null`` when
  any subject will do).

Scores: mention precision/recall (a prediction and a gold mention match when their spans overlap,
one to one); canonical-id accuracy over matched mentions (the catalog id, or for ``new:`` entities a
non-catalog entity with the same normalised name); attribution precision/recall by overlap and
source-kind accuracy; claim-measure precision/recall per sentence (multisets of measures) and subject
accuracy over matched measures. Sentences are analysed one at a time with ``analyse_sentence`` (no
document context), so a surname is only resolved when its full name is in the same sentence.
Results go to stdout (with the errors) and to ``benchmarks/results/facts.md``.
"""

import json
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.reporting import prf, publish
from triangulate.attributions import Attribution
from triangulate.entities import Mention
from triangulate.markdown import markdown_table
from triangulate.sentence_facts import SentenceFacts, analyse_sentence

ROOT = Path(__file__).resolve().parents[1]
LABELLED = ROOT / "benchmarks" / "data" / "facts_labelled.jsonl"
SHOWN_ERRORS = 40
Spanned = Mention | Attribution
LEGAL_SUFFIXES = frozenset(
    ["corp", "inc", "co", "ltd", "plc", "nv", "ag", "sa", "group", "holdings", "technologies", "technology"]
)


def normalised_name(name: str) -> str:
    """Lower-case words without punctuation or trailing legal suffixes ("Kioxia Holdings" is "kioxia")."""
    words = re.findall(r"[a-z0-9]+", name.lower())
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words)


def _spans(text: str, surfaces: list[str]) -> list[tuple[int, int]]:
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


def _pair(gold: list[tuple[int, int]], predicted: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one overlap matching, in text order: (gold index, predicted index)."""
    pairs, used = [], set()
    for g, (g_start, g_end) in enumerate(gold):
        for p, (p_start, p_end) in enumerate(predicted):
            if p not in used and g_start < p_end and p_start < g_end:
                pairs.append((g, p))
                used.add(p)
                break
    return pairs


@dataclass
class Tally:
    """Running counts for one kind of output."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    correct: int = 0
    errors: list[str] = field(default_factory=list)

    def prf(self) -> tuple[float, float, float]:
        """Precision, recall and F1 of the matching."""
        return prf(hits_predicted=self.matched, predicted=self.predicted, hits_gold=self.matched, gold=self.gold)


def _score_spans(
    text: str,
    gold: list[list[str]],
    predicted: Sequence[Spanned],
    tally: Tally,
    judge: Callable[[str, Spanned], str | None],
) -> None:
    """Match gold ``[surface, expected]`` items to predictions by overlap; ``judge`` names a wrong match."""
    pairs = _pair(_spans(text, [surface for surface, _ in gold]), [(p.char_start, p.char_end) for p in predicted])
    tally.gold += len(gold)
    tally.predicted += len(predicted)
    tally.matched += len(pairs)
    for g, p in pairs:
        error = judge(gold[g][1], predicted[p])
        tally.correct += error is None
        if error is not None:
            tally.errors.append(f"{gold[g][0]!r}: {error}")
    for g in set(range(len(gold))) - {g for g, _ in pairs}:
        tally.errors.append(f"missed: {gold[g][0]!r} ({gold[g][1]}) in {text!r}")
    for p in set(range(len(predicted))) - {p for _, p in pairs}:
        tally.errors.append(f"extra: {predicted[p].surface!r}")


def _judge_mention(wanted: str, mention: Spanned) -> str | None:
    assert isinstance(mention, Mention)
    if wanted.startswith("new:"):
        right = not mention.in_catalog and normalised_name(mention.name) == normalised_name(wanted[4:])
    else:
        right = mention.entity_id == wanted
    return None if right else f"is {wanted}, got {mention.entity_id} ({mention.name})"


def _judge_attribution(wanted: str, attribution: Spanned) -> str | None:
    assert isinstance(attribution, Attribution)
    return None if attribution.source_kind == wanted else f"is {wanted}, got {attribution.source_kind}"


def _subject_fits(acceptable: list[str | None], entity_id: str | None, name: str | None) -> bool:
    if None in acceptable:
        return True
    for wanted in acceptable:
        if wanted is not None and wanted.startswith("new:"):
            if name is not None and normalised_name(name) == normalised_name(wanted[4:]):
                return True
        elif wanted == entity_id:
            return True
    return False


def _score_claims(text: str, record: dict[str, Any], facts: SentenceFacts, tally: Tally) -> None:
    gold = Counter(measure for measure, _ in record["claims"])
    predicted = Counter(claim.measure for claim in facts.claims)
    matched = gold & predicted
    tally.gold += sum(gold.values())
    tally.predicted += sum(predicted.values())
    tally.matched += sum(matched.values())
    for measure, subjects in record["claims"]:
        if not matched[measure]:
            continue
        candidates = [c for c in facts.claims if c.measure == measure]
        right = any(_subject_fits(subjects, c.subject_entity_id, c.subject_name) for c in candidates)
        tally.correct += right
        if not right:
            tally.errors.append(f"wrong subject for {measure}: want {subjects}, got {candidates[0].subject_entity_id}")
    if gold != predicted:
        tally.errors.append(f"measures {dict(gold)} vs {dict(predicted)} in {text!r}")


def main() -> None:
    """Score the set, print the errors and write the results file."""
    records = [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines()]
    mentions, attributions, claims = Tally(), Tally(), Tally()
    for record in records:
        facts = analyse_sentence(text=record["text"])
        _score_spans(record["text"], record["mentions"], facts.mentions, mentions, _judge_mention)
        _score_spans(record["text"], record["attributions"], facts.attributions, attributions, _judge_attribution)
        _score_claims(record["text"], record, facts, claims)
    rows = []
    for name, tally, accuracy in (
        ("entity mentions", mentions, "canonical id"),
        ("attributions", attributions, "source kind"),
        ("claims", claims, "subject"),
    ):
        precision, recall, f1 = tally.prf()
        rows.append(
            {
                "output": name,
                "gold": tally.gold,
                "predicted": tally.predicted,
                "precision": f"{precision:.3f}",
                "recall": f"{recall:.3f}",
                "F1": f"{f1:.3f}",
                "accuracy of matched": f"{accuracy} {tally.correct / tally.matched if tally.matched else 0:.3f}",
            }
        )
    columns = ["output", "gold", "predicted", "precision", "recall", "F1", "accuracy of matched"]
    report = "\n".join(
        [f"{len(records)} labelled sentences.", "", markdown_table(rows, columns, max_rows=3, max_chars=60), ""]
    )
    publish("facts", report)
    for name, tally in (("mentions", mentions), ("attributions", attributions), ("claims", claims)):
        print(f"{name}: {len(tally.errors)} errors, first {SHOWN_ERRORS}:")
        for line in tally.errors[:SHOWN_ERRORS]:
            print("  ", line)


if __name__ == "__main__":
    main()
