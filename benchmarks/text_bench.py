"""Text-layer throughput: documents per second on one core and peak RSS, on a generated corpus.

Run ``python -m benchmarks.text_bench [N] [M]`` (defaults 5,000 and 100,000). Documents are recombined
from the paragraphs of the bundled sample articles (seeded): 8-14 paragraphs each, with a comment widget
and a share line appended to every fifth and one made-up off-topic paragraph spliced into every tenth.

- The whole text layer (passages and their classification, sentences, language per passage,
  relevance, source links, flags and quality issues) runs on the first N documents in one call, as
  the asset does (relevance needs the corpus).
- Segmentation and classification alone (``split_passages`` with its rules, then ``split_sentences``
  on every passage) run on M documents, generated one at a time so the corpus is never all in memory.

Peak RSS is the process's after each part. Results go to stdout and ``benchmarks/results/text.md``.
"""

import random
import resource
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from benchmarks.reporting import publish
from triangulate.passages import split_passages
from triangulate.sentences import split_sentences
from triangulate.text_layer import TextInput, TextLayer

ROOT = Path(__file__).resolve().parents[1]
SEED = 11
SPLICE = (
    "The regional football league confirmed that the championship final will be played in the coastal "
    "stadium after heavy rain flooded the pitch, and ticket holders will be refunded by the club."
)


def generate(size: int) -> Iterator[TextInput]:
    """Yield ``size`` generated documents, the same ones on every call."""
    rng = random.Random(SEED)
    paragraphs = [
        line
        for path in sorted((ROOT / "samples" / "articles").iterdir())
        for line in path.read_text(encoding="utf-8").split("\n")
        if len(line.split()) > 12
    ]
    for number in range(size):
        parts = rng.sample(paragraphs, rng.randint(8, 14))
        if number % 10 == 0:
            parts.insert(rng.randrange(1, len(parts)), SPLICE)
        if number % 5 == 0:
            parts += ["Comments", "Share this article"]
        yield TextInput(f"doc_{number:016x}", "\n".join(parts), None)


def corpus(size: int) -> list[TextInput]:
    """Return ``size`` generated documents."""
    return list(generate(size))


def segment_and_classify(documents: Iterable[TextInput], layer: TextLayer) -> tuple[int, int, int, float]:
    """Split and classify passages and split sentences; (documents, bytes, sentences, seconds)."""
    count = size = sentences = 0
    seconds = 0.0
    for document in documents:
        started = time.perf_counter()
        passages = split_passages(
            text=document.text, title=document.title, rules=layer.rules, month_names=layer.month_names
        )
        for passage in passages:
            sentences += len(
                split_sentences(
                    text=document.text,
                    start=passage.char_start,
                    end=passage.char_end,
                    abbreviations=layer.abbreviations,
                )
            )
        seconds += time.perf_counter() - started
        count += 1
        size += len(document.text.encode())
    return count, size, sentences, seconds


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    """Time the whole text layer on N documents and segmentation with classification on M; report."""
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 5_000
    large = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    layer = TextLayer()
    documents = corpus(size)
    megabytes = sum(len(d.text.encode()) for d in documents) / 1e6
    started = time.perf_counter()
    rows = layer.build(documents)
    seconds = time.perf_counter() - started
    peak_full = _peak_mib()
    n_sentences = len(rows.sentences)
    flagged = Counter(p.text for p in rows.passages if p.is_off_topic)
    body = Counter(p.text for p in rows.passages if p.kind == "body")
    spliced = flagged.pop(SPLICE, 0)
    others = sorted(flagged.items(), key=lambda item: -item[1])
    del documents, rows
    count, split_bytes, split_count, split_seconds = segment_and_classify(generate(large), layer)
    split_megabytes = split_bytes / 1e6
    table = "\n".join(
        [
            "| part | documents | MB | sentences | seconds | documents/s (1 core) | MB/s | peak RSS MiB |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
            f"| whole text layer | {size:,} | {megabytes:.1f} | {n_sentences:,} | {seconds:.1f} "
            f"| {size / seconds:,.0f} | {megabytes / seconds:.2f} | {peak_full:.0f} |",
            f"| segmentation and classification | {count:,} | {split_megabytes:.1f} | {split_count:,} "
            f"| {split_seconds:.1f} | {count / split_seconds:,.0f} | {split_megabytes / split_seconds:.2f} "
            f"| {_peak_mib():.0f} |",
            "",
            f"Off-topic passages flagged: {spliced:,} of the {body[SPLICE]:,} spliced paragraphs, and "
            f"{sum(flagged.values()):,} others; the most frequent others (flagged / occurrences as body):",
            *[f"- {n:,} / {body[text]:,}: {text[:90]}…" for text, n in others[:4]],
            f"Command: `.venv/bin/python -m benchmarks.text_bench {size} {large}`.",
        ]
    )
    publish("text", table)


if __name__ == "__main__":
    main()
