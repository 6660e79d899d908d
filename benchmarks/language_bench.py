"""Language identification accuracy by passage length, and the detector's install size.

Run ``python -m benchmarks.language_bench``. ``benchmarks/data/language_labelled.jsonl`` holds two
news passages in each of 24 languages, written for this benchmark (closely related pairs included:
Spanish and Portuguese, Czech and Slovak, Danish, Norwegian and Swedish, Russian, Ukrainian and
Bulgarian, Indonesian and Malay). Each passage is also cut to its first 20, 30, 60 and 120 characters (at
a word boundary where words are spaced), and every version goes through ``detect_language`` with the
languages of ``reference/languages.txt``: the pipeline's own call, including its refusal to judge text
with too few letters. The model is loaded before timing. Results go to stdout (with every error) and
``benchmarks/results/language.md``.
"""

import json
import time
from collections import Counter
from pathlib import Path

import py3langid

from benchmarks.reporting import publish
from triangulate.language import detect_language, load_languages
from triangulate.markdown import markdown_table

ROOT = Path(__file__).resolve().parents[1]
LABELLED = ROOT / "benchmarks" / "data" / "language_labelled.jsonl"
LENGTHS = (20, 30, 60, 120, None)


def cut(text: str, length: int | None) -> str:
    """The first ``length`` characters, ending at a space when the text has spaces."""
    if length is None or len(text) <= length:
        return text
    head = text[:length]
    return head.rsplit(" ", 1)[0] if " " in head else head


def install_size() -> int:
    """Bytes of the installed py3langid package (code and model)."""
    folder = Path(py3langid.__file__).parent
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def main() -> None:
    """Detect every cut of every passage; report accuracy per length."""
    records = [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines()]
    languages = load_languages()
    detect_language(text=records[0]["text"], languages=languages)
    rows, errors = [], []
    for length in LENGTHS:
        counts: Counter[str] = Counter()
        characters = 0
        started = time.perf_counter()
        for record in records:
            text = cut(record["text"], length)
            characters += len(text)
            guess = detect_language(text=text, languages=languages)
            if guess.language is None:
                counts["not judged"] += 1
            elif guess.language == record["language"]:
                counts["right"] += 1
            else:
                counts["wrong"] += 1
                errors.append(f"{length or 'full'}: {record['language']} read as {guess.language}: {text!r}")
        seconds = time.perf_counter() - started
        judged = counts["right"] + counts["wrong"]
        rows.append(
            {
                "length": f"{length} characters" if length else "whole passage",
                "mean characters": f"{characters / len(records):.0f}",
                "passages": len(records),
                "not judged": counts["not judged"],
                "right": counts["right"],
                "wrong": counts["wrong"],
                "accuracy of judged": f"{counts['right'] / judged:.3f}" if judged else "-",
                "passages/s": f"{len(records) / seconds:,.0f}",
            }
        )
    report = "\n".join(
        [
            f"{len(records)} passages in {len({r['language'] for r in records})} languages; "
            f"py3langid {py3langid.__version__ if hasattr(py3langid, '__version__') else ''} installed size "
            f"{install_size() / 1e6:.1f} MB (model included).",
            "",
            markdown_table(rows, list(rows[0]), max_rows=len(rows), max_chars=40),
            "",
        ]
    )
    publish("language", report)
    for line in errors:
        print("  ", line)


if __name__ == "__main__":
    main()
