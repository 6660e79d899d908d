"""Extraction throughput on a generated corpus: quantities and times, then entities, attributions and claims.

Run ``python -m benchmarks.extraction_bench [N]`` (default 5,000 documents). Documents are recombined
(seeded) from the paragraphs of the bundled sample articles and from the sentences of the two
hand-labelled benchmark sets, six to ten paragraphs each, dated 2025-08-27. The text layer runs first
(untimed); then, over every sentence of a body passage, one core:

- ``quantities + times``: ``extract_story_time_expressions`` (a document's sentences read as one story,
  as the pipeline does) and ``extract_quantities``;
- ``entities + attributions + claims``: ``MentionFinder.find`` (with a document context per document),
  ``find_attributions`` and ``find_claims`` (given the quantities and times found before);
- the same entity step with a catalog ten times larger: the shipped ``entities.yaml`` plus nine
  generated companies (name, alias, ticker) per shipped entry, in a temporary reference folder.

Each step is the median of three passes. Peak RSS is the whole process's (corpus, text rows and the
extracted values kept for the next step included). Results go to stdout and ``benchmarks/results/extraction.md``.
"""

import json
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import yaml

from benchmarks.reporting import publish
from triangulate.attributions import find_attributions, load_attribution_cues
from triangulate.claims import find_claims, load_measures
from triangulate.entities import DocumentContext, MentionFinder, load_entity_catalog
from triangulate.quantities import Quantity, extract_quantities, load_quantity_vocabulary
from triangulate.reference import DEFAULT_REFERENCE_DIR
from triangulate.temporal import TimeExpression, extract_story_time_expressions, load_temporal_vocabulary
from triangulate.text_layer import TextInput, TextLayer

ROOT = Path(__file__).resolve().parents[1]
PUBLISHED = date(2025, 8, 27)
SEED = 5
PASSES = 3
SYLLABLES = ["ka", "lo", "vi", "tre", "mon", "zen", "ra", "dex", "sol", "nor", "qui", "ter", "ax", "bel", "cor"]
SUFFIXES = ["Semiconductor", "Systems", "Microdevices", "Computing", "Photonics", "Robotics", "Cloud", "Labs"]


def paragraphs() -> list[str]:
    """Sample paragraphs and labelled benchmark sentences to build documents from."""
    found = [
        line
        for path in sorted((ROOT / "samples" / "articles").iterdir())
        for line in path.read_text(encoding="utf-8").split("\n")
        if len(line.split()) > 12
    ]
    for name in ("facts_labelled.jsonl", "quantities_labelled.jsonl"):
        lines = (ROOT / "benchmarks" / "data" / name).read_text(encoding="utf-8").splitlines()
        found += [json.loads(line)["text"] for line in lines]
    return found


def corpus(size: int) -> list[TextInput]:
    """``size`` generated documents with a title and six to ten paragraphs."""
    rng = random.Random(SEED)
    pool = paragraphs()
    return [
        TextInput(f"doc_{n:016x}", "\n".join(rng.sample(pool, rng.randint(6, 10))), None, None, PUBLISHED)
        for n in range(size)
    ]


def body_sentences(documents: list[TextInput]) -> list[list[str]]:
    """Per document, the text of every sentence in a body passage that is not off-topic."""
    rows = TextLayer().build(documents)
    readable = {p.passage_id for p in rows.passages if p.kind == "body" and not p.is_off_topic}
    by_document: dict[str, list[str]] = {}
    for sentence in rows.sentences:
        if sentence.passage_id in readable:
            by_document.setdefault(sentence.doc_id, []).append(sentence.text)
    return list(by_document.values())


def larger_catalog(folder: Path, factor: int) -> Path:
    """A copy of the reference folder whose catalog has ``factor`` times as many entries."""
    target = folder / "reference"
    shutil.copytree(DEFAULT_REFERENCE_DIR, target)
    data = yaml.safe_load((target / "entities.yaml").read_text(encoding="utf-8"))
    rng = random.Random(SEED)
    stems: set[str] = set()
    wanted = len(data["entities"]) * (factor - 1)
    while len(stems) < wanted:
        stems.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize())
    for number, stem in enumerate(sorted(stems)):
        name = f"{stem} {rng.choice(SUFFIXES)}"
        data["entities"].append(
            {
                "id": f"gen_{number}",
                "name": name,
                "type": "company",
                "aliases": [f"{stem} Corp"],
                "ticker": f"G{number}",
            }
        )
    (target / "entities.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return target


def timed(step: Callable[[], object]) -> float:
    """Median seconds of ``PASSES`` runs of ``step``."""
    timings = []
    for _ in range(PASSES):
        started = time.perf_counter()
        step()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def main() -> None:
    """Build the corpus, time each step, report."""
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 5_000
    documents = body_sentences(corpus(size))
    sentences = [s for doc in documents for s in doc]
    megabytes = sum(len(s.encode()) for s in sentences) / 1e6
    quantity_vocabulary, temporal_vocabulary = load_quantity_vocabulary(), load_temporal_vocabulary()
    cues, measures = load_attribution_cues(), load_measures()
    found: list[tuple[list[Quantity], list[TimeExpression]]] = []

    def numbers_and_times() -> None:
        found.clear()
        for document in documents:
            story = extract_story_time_expressions(
                sentences=document, published=PUBLISHED, vocabulary=temporal_vocabulary
            )
            for text, times in zip(document, story, strict=True):
                found.append((extract_quantities(text=text, vocabulary=quantity_vocabulary), times))

    def facts(finder: MentionFinder) -> Callable[[], None]:
        def run() -> None:
            index = 0
            for document in documents:
                context = DocumentContext()
                for text in document:
                    quantities, times = found[index]
                    index += 1
                    mentions = finder.find(text=text, context=context)
                    attributions = find_attributions(text=text, mentions=mentions, cues=cues)
                    find_claims(
                        text=text,
                        mentions=mentions,
                        quantities=quantities,
                        times=times,
                        attributions=attributions,
                        vocabulary=measures,
                    )

        return run

    shipped = load_entity_catalog()
    results = [("quantities + times", timed(numbers_and_times), len(shipped.entities))]
    results.append(("entities + attributions + claims", timed(facts(MentionFinder(shipped))), len(shipped.entities)))
    with tempfile.TemporaryDirectory() as folder:
        big = load_entity_catalog(larger_catalog(Path(folder), 10))
        results.append(
            ("entities + attributions + claims, 10× catalog", timed(facts(MentionFinder(big))), len(big.entities))
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines = [
        f"{size:,} documents, {len(sentences):,} body sentences, {megabytes:.1f} MB of sentence text; "
        f"peak RSS of the process {peak:.0f} MiB.",
        "",
        "| step | catalog entries | seconds | documents/s (1 core) | sentences/s | MB/s |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, seconds, entries in results:
        lines.append(
            f"| {name} | {entries:,} | {seconds:.2f} | {size / seconds:,.0f} | {len(sentences) / seconds:,.0f} "
            f"| {megabytes / seconds:.2f} |"
        )
    lines += ["", f"Command: `.venv/bin/python -m benchmarks.extraction_bench {size}`.", ""]
    report = "\n".join(lines)
    publish("extraction", report)


if __name__ == "__main__":
    main()
