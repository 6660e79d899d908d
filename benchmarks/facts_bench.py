"""Entities, attributions and claims scored on a hand-labelled set of news sentences.

Run ``python -m benchmarks.facts_bench``. The set, ``benchmarks/data/facts_labelled.jsonl``, holds
sentences written for this benchmark about chips, AI, trade policy and neighbouring business news:
catalog entities under aliases and legal suffixes, entities absent from the catalog, products that
differ by a digit, people with titles and surname back-references, chains of attribution, hedged
and negated statements. Each line has:

- ``mentions``: ``[surface, id]`` for every organisation, state body, party, person, place, product,
  programme and outlet; ``id`` is a catalog id, or ``new:<Name>`` for an entity the catalog lacks;
- ``attributions``: ``[surface, source_kind]`` for each attribution cue;
- ``claims``: each checkable statement as ``{"figure", "measures", "subjects"}`` (see
  ``benchmarks.claim_labels``).

The claims are also scored on ``benchmarks/data/claims_real_labelled.jsonl``: sentences of the real
corpora (ECB+ and TempEval-3 silver), labelled by reading and stored as pointers into
``../shared/eval``; that part is skipped when the corpora are absent.

Scores: mention precision/recall (a prediction and a gold mention match when their spans overlap,
one to one); canonical-id accuracy over matched mentions (the catalog id, or for ``new:`` entities a
non-catalog entity with the same normalised name); attribution precision/recall by overlap and
source-kind accuracy; claim precision/recall (a claim matches when its figure and measure do) and
subject accuracy over matched claims. Sentences are analysed one at a time with ``analyse_sentence`` (no
document context), so a surname is only resolved when its full name is in the same sentence.
Results go to stdout (with the errors) and to ``benchmarks/results/facts.md``.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.claim_labels import (
    ClaimTally,
    load_records,
    normalised_name,
    pointed_text,
    read_claims,
    score_sentence,
    whole_word_spans,
)
from benchmarks.corpora import EVAL
from benchmarks.reporting import prf, publish
from triangulate.attributions import Attribution
from triangulate.entities import Mention
from triangulate.markdown import markdown_table
from triangulate.sentence_facts import analyse_sentence

ROOT = Path(__file__).resolve().parents[1]
LABELLED = ROOT / "benchmarks" / "data" / "facts_labelled.jsonl"
REAL_LABELLED = ROOT / "benchmarks" / "data" / "claims_real_labelled.jsonl"
SHOWN_ERRORS = 40
Spanned = Mention | Attribution


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
    pairs = _pair(
        whole_word_spans(text, [surface for surface, _ in gold]), [(p.char_start, p.char_end) for p in predicted]
    )
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


def _claims_row(name: str, tally: ClaimTally, sentences: int) -> dict[str, object]:
    precision, recall, f1 = prf(
        hits_predicted=tally.matched, predicted=tally.predicted, hits_gold=tally.matched, gold=tally.gold
    )
    return {
        "output": name,
        "sentences": sentences,
        "gold": tally.gold,
        "predicted": tally.predicted,
        "precision": f"{precision:.3f}",
        "recall": f"{recall:.3f}",
        "F1": f"{f1:.3f}",
        "accuracy of matched": f"subject {tally.right_subject / tally.matched if tally.matched else 0:.3f}",
        "figures without a measure": tally.unmeasured,
    }


def _real_claims(tally: ClaimTally) -> int:
    """Score the real-corpus pointers into ``tally`` (skipped when the corpora are absent); sentences read."""
    if not REAL_LABELLED.exists() or not EVAL.is_dir():
        return 0
    records = load_records(REAL_LABELLED)
    for record in records:
        text = pointed_text(record)
        score_sentence(text, read_claims(record["claims"]), analyse_sentence(text=text).claims, tally)
    return len(records)


def main() -> None:
    """Score the sets, print the errors and write the results file."""
    records = load_records(LABELLED)
    mentions, attributions = Tally(), Tally()
    written, real = ClaimTally(), ClaimTally()
    for record in records:
        facts = analyse_sentence(text=record["text"])
        _score_spans(record["text"], record["mentions"], facts.mentions, mentions, _judge_mention)
        _score_spans(record["text"], record["attributions"], facts.attributions, attributions, _judge_attribution)
        score_sentence(record["text"], read_claims(record["claims"]), facts.claims, written)
    real_sentences = _real_claims(real)
    rows = []
    for name, tally, accuracy in (
        ("entity mentions", mentions, "canonical id"),
        ("attributions", attributions, "source kind"),
    ):
        precision, recall, f1 = tally.prf()
        rows.append(
            {
                "output": name,
                "sentences": len(records),
                "gold": tally.gold,
                "predicted": tally.predicted,
                "precision": f"{precision:.3f}",
                "recall": f"{recall:.3f}",
                "F1": f"{f1:.3f}",
                "accuracy of matched": f"{accuracy} {tally.correct / tally.matched if tally.matched else 0:.3f}",
                "figures without a measure": "",
            }
        )
    both = ClaimTally(
        gold=written.gold + real.gold,
        predicted=written.predicted + real.predicted,
        matched=written.matched + real.matched,
        right_subject=written.right_subject + real.right_subject,
        unmeasured=written.unmeasured + real.unmeasured,
    )
    rows.append(_claims_row("claims, written sentences", written, len(records)))
    rows.append(_claims_row("claims, real-corpus sentences", real, real_sentences))
    rows.append(_claims_row("claims, both", both, len(records) + real_sentences))
    columns = list(rows[0])
    report = "\n".join([markdown_table(rows, columns, max_rows=len(rows), max_chars=60), ""])
    publish("facts", report)
    for name, errors in (
        ("mentions", mentions.errors),
        ("attributions", attributions.errors),
        ("claims, written", written.errors),
        ("claims, real", real.errors),
    ):
        print(f"{name}: {len(errors)} errors, first {SHOWN_ERRORS}:")
        for line in errors[:SHOWN_ERRORS]:
            print("  ", line)


if __name__ == "__main__":
    main()
