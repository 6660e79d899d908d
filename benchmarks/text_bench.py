"""Text-layer throughput: documents per second on one core and peak RSS, on a generated corpus.

Run ``python -m benchmarks.text_bench [N]`` (default 5,000 documents). Documents are recombined from the
paragraphs of the bundled sample articles (seeded): 8-14 paragraphs each, with a comment widget and a
share line appended to every fifth and one made-up off-topic paragraph spliced into every
tenth. The whole corpus is processed in one call (relevance needs the corpus). Results go to stdout and
``benchmarks/results/text.md``.
"""

import random
import resource
import sys
import time
from collections import Counter
from pathlib import Path

from triangulate.text_layer import TextInput, TextLayer

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "text.md"
SEED = 11
SPLICE = (
    "The regional football league confirmed that the championship final will be played in the coastal "
    "stadium after heavy rain flooded the pitch, and ticket holders will be refunded by the club."
)


def corpus(size: int) -> list[TextInput]:
    """Return ``size`` generated documents."""
    rng = random.Random(SEED)
    paragraphs = [
        line
        for path in sorted((ROOT / "samples" / "articles").iterdir())
        for line in path.read_text(encoding="utf-8").split("\n")
        if len(line.split()) > 12
    ]
    documents = []
    for number in range(size):
        parts = rng.sample(paragraphs, rng.randint(8, 14))
        if number % 10 == 0:
            parts.insert(rng.randrange(1, len(parts)), SPLICE)
        if number % 5 == 0:
            parts += ["Comments", "Share this article"]
        documents.append(TextInput(f"doc_{number:016x}", "\n".join(parts), None))
    return documents


def main() -> None:
    """Build the corpus, time the text layer, report."""
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 5_000
    documents = corpus(size)
    megabytes = sum(len(d.text.encode()) for d in documents) / 1e6
    layer = TextLayer()
    started = time.perf_counter()
    rows = layer.build(documents)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    flagged = Counter(p.text for p in rows.passages if p.is_off_topic)
    body = Counter(p.text for p in rows.passages if p.kind == "body")
    spliced = flagged.pop(SPLICE, 0)
    others = sorted(flagged.items(), key=lambda item: -item[1])
    table = "\n".join(
        [
            "| documents | MB | passages | sentences | seconds | documents/s (1 core) | MB/s | peak RSS MiB |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
            f"| {size:,} | {megabytes:.1f} | {len(rows.passages):,} | {len(rows.sentences):,} | {seconds:.1f} "
            f"| {size / seconds:,.0f} | {megabytes / seconds:.2f} | {peak:.0f} |",
            "",
            f"Off-topic passages flagged: {spliced:,} of the {body[SPLICE]:,} spliced paragraphs, and "
            f"{sum(flagged.values()):,} others; the most frequent others (flagged / occurrences as body):",
            *[f"- {n:,} / {body[text]:,}: {text[:90]}…" for text, n in others[:4]],
            f"Command: `.venv/bin/python -m benchmarks.text_bench {size}`.",
        ]
    )
    print(table)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(table + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
