"""Precision and recall of off-topic passage flags on spliced articles.

Run ``python -m benchmarks.offtopic_bench``. For every bundled sample article and every insertion point
between its body passages, one passage is spliced in: either a paragraph of a TimeBank news story on
another subject (read from ../shared/eval/timebank at run time; must be flagged) or a body paragraph of
another sample article about the same story (a genuine shift within the story; must not be flagged).
The five samples stay the corpus. The table counts flags on spliced passages and on the original body
passages. Results go to stdout and ``benchmarks/results/offtopic.md``.
"""

import random
import re
from pathlib import Path

from benchmarks.reporting import publish
from triangulate.page_metadata import find_title
from triangulate.reference import load_widget_line_patterns
from triangulate.relevance import DEFAULT_THRESHOLD
from triangulate.text_layer import TextInput, TextLayer

ROOT = Path(__file__).resolve().parents[1]
TIMEBANK = ROOT.parent / "shared" / "eval" / "timebank"
SEED = 7
SPLICES_PER_KIND = 120
# Hand labels of the bundled sample: its one body passage about another subject (a party delegation's
# visit spliced into an article about AI chips).
KNOWN_OFF_TOPIC = ("A delegation led by",)


def _timebank_paragraphs() -> list[str]:
    paragraphs = []
    for path in sorted(TIMEBANK.glob("*.tml")):
        body = re.search(r"<TEXT>(.*)</TEXT>", path.read_text(encoding="utf-8"), re.DOTALL)
        if body is None:
            continue
        plain = re.sub(r"<[^>]+>", "", body.group(1))
        sentences = re.split(r"(?<=[.!?])\s+", " ".join(plain.split()))
        for start in range(0, len(sentences) - 2, 3):
            paragraph = " ".join(sentences[start : start + 3])
            if 40 <= len(paragraph.split()) <= 120:
                paragraphs.append(paragraph)
    return paragraphs


def main() -> None:
    """Splice, score and report."""
    if not TIMEBANK.is_dir():
        print(f"{TIMEBANK} is absent: the off-topic benchmark needs the TimeBank texts; nothing measured.")
        return
    rng = random.Random(SEED)
    layer = TextLayer()
    widgets = load_widget_line_patterns()
    samples = {p.name: p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples" / "articles").iterdir())}
    base = layer.build([TextInput(n, t, find_title(t, widget_patterns=widgets)) for n, t in samples.items()])
    body = {n: [p.text for p in base.passages if p.doc_id == n and p.kind == "body"] for n in samples}
    off_topic_pool = _timebank_paragraphs()
    counts = {
        "spliced_off_topic": [0, 0],
        "original_off_topic": [0, 0],
        "spliced_same_story": [0, 0],
        "original_body": [0, 0],
    }
    for kind in ("spliced_off_topic", "spliced_same_story"):
        for _ in range(SPLICES_PER_KIND):
            name = rng.choice(list(samples))
            if kind == "spliced_off_topic":
                insert = rng.choice(off_topic_pool)
            else:
                insert = rng.choice([p for other, ps in body.items() if other != name for p in ps])
            lines = samples[name].split("\n")
            body_indexes = [i for i, line in enumerate(lines) if line in body[name]]
            position = rng.choice(body_indexes) + 1
            spliced = "\n".join([*lines[:position], insert, *lines[position:]])
            documents = [
                TextInput(n, spliced if n == name else t, find_title(t, widget_patterns=widgets))
                for n, t in samples.items()
            ]
            rows = layer.build(documents)
            for passage in rows.passages:
                if passage.doc_id != name or passage.kind != "body":
                    continue
                if passage.text == insert:
                    bucket = kind
                elif any(label in passage.text for label in KNOWN_OFF_TOPIC):
                    bucket = "original_off_topic"
                else:
                    bucket = "original_body"
                counts[bucket][0] += int(passage.is_off_topic)
                counts[bucket][1] += 1
    flagged_off = counts["spliced_off_topic"][0] + counts["original_off_topic"][0]
    total_off = counts["spliced_off_topic"][1] + counts["original_off_topic"][1]
    false_flags = counts["spliced_same_story"][0] + counts["original_body"][0]
    precision = flagged_off / (flagged_off + false_flags) if flagged_off + false_flags else 0.0
    recall = flagged_off / total_off if total_off else 0.0
    lines = [
        f"Threshold {DEFAULT_THRESHOLD}; {SPLICES_PER_KIND} splices of each kind, seed {SEED}.",
        "",
        "| passages | flagged | total | share flagged |",
        "| --- | ---: | ---: | ---: |",
        *[f"| {k} | {f} | {t} | {f / t:.3f} |" for k, (f, t) in counts.items() if t],
        "",
        f"Precision {precision:.3f}, recall {recall:.3f} (positives: spliced off-topic paragraphs; "
        "plus the sample's own off-topic passage; negatives: same-story splices and the other original body "
        "passages).",
        "Command: `.venv/bin/python -m benchmarks.offtopic_bench`.",
    ]
    table = "\n".join(lines)
    publish("offtopic", table)


if __name__ == "__main__":
    main()
