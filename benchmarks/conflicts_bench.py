"""Conflicts and stories measured on real multi-outlet news: ECB+ and TempEval-3 silver.

Run ``python -m benchmarks.conflicts_bench [ecbplus|te3] ...`` (default both). Each corpus is written
as an inbox to a temporary folder (``benchmarks.corpora``) and run through the domain functions the
assets call, in order: ``ingest_inbox``, ``TextLayer.build``, ``Extractor.extract``, then source
groups, stories and ``reconcile``. Measured:

- ECB+ stories against the file names (topic and ``ecb``/``ecbplus`` event): pairwise precision,
  recall and F1 over pairs of documents, and purity; conflicts whose claims come from two topics or
  two events of one topic (target 0);
- both corpora: conflicts by kind, conflicts whose claims all come from one document (target 0),
  claims without a readable measure (never reconciled), corroborated facts spanning two or more
  outlets, and every conflict with its sides, for reading;
- hand labels, when ``benchmarks/data/conflicts_labelled.jsonl`` has any: one line per conflict read,
  ``{"corpus", "file", "char_start", "char_end", "label", "note"}`` pointing at one side's sentence
  (``file`` is under ``../shared/eval``; the span is in the text ``benchmarks.corpora`` reads from it;
  ``label`` is ``real`` or ``noise``); precision is real over labelled conflicts still reported.

Results go to stdout and ``benchmarks/results/conflicts.md``.
"""

import json
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import combinations
from pathlib import Path

from benchmarks.corpora import CorpusDocument, load_ecbplus, load_te3_silver, write_inbox
from benchmarks.reporting import prf, publish
from triangulate.claims import load_measures
from triangulate.duplicates import copied_sentences, source_groups
from triangulate.extraction import DocumentInput, ExtractionRows, Extractor, PassageInput, SentenceInput
from triangulate.inbox import list_inbox
from triangulate.ingest import ingest_inbox
from triangulate.reconcile import ClaimFigure, Fact, reconcile
from triangulate.records import DocumentRecord
from triangulate.relevance import load_stopwords
from triangulate.stories import StoryDocument, find_stories
from triangulate.text_layer import TextInput, TextLayer

ROOT = Path(__file__).resolve().parents[1]
LABELLED = ROOT / "benchmarks" / "data" / "conflicts_labelled.jsonl"
NOW = datetime(2026, 1, 1, tzinfo=UTC)


@dataclass
class Run:
    """What one corpus became: its documents, claims, stories and facts."""

    corpus: str
    documents: dict[str, DocumentRecord]
    group_of: dict[str, str]  # doc_id -> corpus group (topic/event, agency)
    claims: dict[str, ClaimFigure]
    story_of: dict[str, str]
    facts: list[Fact]
    n_claims: int
    n_unreadable: int


def _document_inputs(documents: Sequence[DocumentRecord]) -> list[DocumentInput]:
    rows = TextLayer().build(
        [
            TextInput(d.doc_id, d.text, d.title, d.url, None if d.published_at is None else d.published_at.date())
            for d in documents
        ]
    )
    language = {flags.doc_id: flags.language for flags in rows.document_flags}
    passages: dict[str, list[PassageInput]] = {}
    for p in rows.passages:
        passages.setdefault(p.doc_id, []).append(
            PassageInput(p.passage_id, p.char_start, p.text, p.kind, p.is_off_topic, p.language)
        )
    sentences: dict[str, list[SentenceInput]] = {}
    for s in rows.sentences:
        sentences.setdefault(s.doc_id, []).append(SentenceInput(s.sentence_id, s.passage_id, s.char_start, s.text))
    return [
        DocumentInput(
            d.doc_id,
            None if d.published_at is None else d.published_at.date(),
            language.get(d.doc_id),
            passages.get(d.doc_id, []),
            sentences.get(d.doc_id, []),
        )
        for d in documents
    ]


def _claim_figures(
    rows: ExtractionRows, documents: dict[str, DocumentRecord], groups: dict[str, str], stories: dict[str, str]
) -> list[ClaimFigure]:
    """The claims as the reconciled asset reads them from the warehouse."""
    measures = {m.name: m for m in load_measures().measures}
    quantities = {q.quantity_id: q for q in rows.quantities}
    times = {t.time_id: t for t in rows.time_expressions}
    attributions = {a.attribution_id: a for a in rows.attributions}
    products: dict[str, set[str]] = {}
    for mention in rows.entity_mentions:
        if mention.type == "product":
            products.setdefault(mention.sentence_id, set()).add(mention.entity_id)
    figures = []
    for c in rows.claims:
        q = quantities.get(c.quantity_id or "")
        t = times.get(c.time_id or "")
        a = attributions.get(c.attribution_id or "")
        document = documents[c.doc_id]
        measure = measures.get(c.measure or "")
        figures.append(
            ClaimFigure(
                claim_id=c.claim_id,
                doc_id=c.doc_id,
                sentence_id=c.sentence_id,
                subject_entity_id=c.subject_entity_id,
                measure=c.measure,
                period_required=measure is not None and measure.period_required,
                negated=c.negated,
                hedged=c.hedged,
                quantity_surface=None if q is None else q.surface,
                kind=None if q is None else q.kind,
                value=None if q is None else q.value,
                value_low=None if q is None else q.value_low,
                value_high=None if q is None else q.value_high,
                unit=None if q is None else q.unit,
                approximate=False if q is None else q.approximate,
                direction=None if q is None else q.direction,
                time_surface=None if t is None else t.surface,
                period=c.period,
                resolution=None if t is None else t.resolution,
                anchor=None if t is None else t.anchor,
                attribution=None if a is None else f"{a.source_kind}:{a.source_name or ''}",
                source_group=groups[c.doc_id],
                products=tuple(sorted(products.get(c.sentence_id, set()) - {c.subject_entity_id})),
                story_id=stories[c.doc_id],
                outlet=document.outlet,
                published=None if document.published_at is None else document.published_at.date(),
                sentence=c.text,
                dated_by_publication=c.measure is not None and (measure is None or measure.daily),
                scope=c.scope,
            )
        )
    return figures


def run_corpus(corpus: str, documents: list[CorpusDocument]) -> Run:
    """Run the pipeline's domain functions on ``documents``."""
    with tempfile.TemporaryDirectory() as folder:
        inbox = Path(folder) / "inbox"
        write_inbox(documents, inbox)
        ingested = ingest_inbox(list_inbox(inbox), scanned_at=NOW, max_file_bytes=20 * 2**20)
    records = {d.doc_id: d for d in ingested.documents}
    group_by_name = {d.name: d.group for d in documents}
    group_of = {d.doc_id: group_by_name[d.source_path] for d in ingested.documents}
    inputs = _document_inputs(ingested.documents)
    rows, _ = Extractor().extract(inputs, now=NOW)
    grouping = source_groups(
        texts={d: r.text for d, r in records.items()}, outlets={d: r.outlet for d, r in records.items()}
    )
    stories = find_stories(
        stopwords=load_stopwords(),
        documents=[
            StoryDocument(d, r.text, r.title, None if r.published_at is None else r.published_at.date(), r.outlet)
            for d, r in records.items()
        ],
    )
    story_of = {doc_id: story.story_id for story in stories for doc_id in story.doc_ids}
    claims = _claim_figures(rows, records, dict(grouping.source_group), story_of)
    copies = copied_sentences({c.sentence_id: c.sentence for c in claims})
    doc_of_sentence = {c.sentence_id: c.doc_id for c in claims}
    copied_into = {
        c.claim_id: grouping.source_group[doc_of_sentence[copies[c.sentence_id]]]
        for c in claims
        if doc_of_sentence[copies[c.sentence_id]] != c.doc_id
    }
    facts = reconcile(claims, copied_into=copied_into)
    return Run(
        corpus=corpus,
        documents=records,
        group_of=group_of,
        claims={c.claim_id: c for c in claims},
        story_of=story_of,
        facts=facts,
        n_claims=len(claims),
        n_unreadable=sum(1 for c in claims if c.measure is None),
    )


def story_scores(run: Run) -> dict[str, float]:
    """Pairwise precision, recall and F1 of stories against the corpus groups, and purity."""
    docs = sorted(run.documents)
    same_story = same_group = both = 0
    for a, b in combinations(docs, 2):
        s, g = run.story_of[a] == run.story_of[b], run.group_of[a] == run.group_of[b]
        same_story += s
        same_group += g
        both += s and g
    precision, recall, f1 = prf(hits_predicted=both, predicted=same_story, hits_gold=both, gold=same_group)
    members: dict[str, list[str]] = {}
    for doc_id in docs:
        members.setdefault(run.story_of[doc_id], []).append(run.group_of[doc_id])
    purity = sum(Counter(groups).most_common(1)[0][1] for groups in members.values()) / len(docs)
    return {"precision": precision, "recall": recall, "f1": f1, "purity": purity, "stories": float(len(members))}


def _sides(run: Run, fact: Fact) -> list[ClaimFigure]:
    return [run.claims[claim_id] for claim_id in fact.claim_ids]


def conflict_counts(run: Run) -> dict[str, int]:
    """Conflicts in total, by kind, within one document, across topics or events, and with no measure."""
    conflicts = [f for f in run.facts if f.status == "conflict"]
    counts: Counter[str] = Counter({"conflicts": len(conflicts)})
    for fact in conflicts:
        sides = _sides(run, fact)
        counts[f"kind {fact.conflict_kind}"] += 1
        counts["within one document"] += len({c.doc_id for c in sides}) == 1
        counts["unreadable measure"] += fact.measure is None
        groups = {run.group_of[c.doc_id] for c in sides}
        counts["across topics"] += len({g.split("/")[0] for g in groups}) > 1
        counts["across events of one topic"] += len(groups) > 1 and len({g.split("/")[0] for g in groups}) == 1
        counts["across stories"] += len({c.story_id for c in sides}) > 1
    counts["claims"] = run.n_claims
    counts["claims without a readable measure"] = run.n_unreadable
    counts["facts"] = len(run.facts)
    counts["corroborated"] = sum(f.status == "corroborated" for f in run.facts)
    counts["corroborated across 2+ outlets"] = sum(
        f.status == "corroborated"
        and len({run.documents[c.doc_id].outlet or c.source_group for c in _sides(run, f)}) > 1
        for f in run.facts
    )
    return dict(counts)


def labelled_precision(run: Run) -> str:
    """Precision of the conflicts still reported, by the hand labels that point into them."""
    if not LABELLED.exists():
        return "no labels"
    labels = [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines() if line.strip()]
    labels = [label for label in labels if label["corpus"] == run.corpus]
    name_of = {d.doc_id: d.source_path for d in run.documents.values()}
    reported = {}
    for fact in run.facts:
        if fact.status != "conflict":
            continue
        for claim in _sides(run, fact):
            text = run.documents[claim.doc_id].text
            start = text.find(claim.sentence)
            reported[(name_of[claim.doc_id], start)] = fact.fact_id
    hits = [label for label in labels if (Path(label["file"]).stem + ".txt", label["char_start"]) in reported]
    real = sum(label["label"] == "real" for label in hits)
    return f"{real}/{len(hits)} labelled conflicts real" if hits else "no labelled conflict reported"


def describe(run: Run) -> str:
    """Every conflict, one paragraph each, for reading."""
    lines = []
    for fact in run.facts:
        if fact.status != "conflict":
            continue
        lines.append(
            f"- {fact.fact_id} {fact.subject_entity_id} / {fact.measure} ({fact.conflict_kind}): {fact.explanation}"
        )
        for claim in _sides(run, fact):
            name = run.documents[claim.doc_id].source_path
            lines.append(
                f"    - {name} [{run.group_of[claim.doc_id]}] {claim.quantity_surface!r}: {claim.sentence[:200]}"
            )
    return "\n".join(lines)


def main() -> None:
    corpora = sys.argv[1:] or ["ecbplus", "te3"]
    report = ["# Conflicts and stories on real news", ""]
    details = []
    for corpus in corpora:
        documents = load_ecbplus() if corpus == "ecbplus" else load_te3_silver()
        run = run_corpus(corpus, documents)
        report += [f"## {corpus} ({len(run.documents)} documents)", ""]
        if corpus == "ecbplus":
            scores = story_scores(run)
            report.append(
                "stories vs topic+event: "
                + ", ".join(f"{k} {v:.3f}" if k != "stories" else f"{k} {v:.0f}" for k, v in scores.items())
            )
        for name, value in conflict_counts(run).items():
            report.append(f"- {name}: {value}")
        report += [f"- hand labels: {labelled_precision(run)}", ""]
        details += [f"## {corpus} conflicts", "", describe(run), ""]
    publish("conflicts", "\n".join(report + details))


if __name__ == "__main__":
    main()
