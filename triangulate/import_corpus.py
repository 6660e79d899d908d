"""Write an inbox from an annotated corpus: one UTF-8 text file per document and a manifest.

Usage: ``python -m triangulate.import_corpus {timeml,ecbplus} SOURCE_DIR INBOX_DIR [--limit N] [--every K]``.

- ``timeml``: every ``*.tml`` file of SOURCE_DIR (TimeBank, TempEval-3) becomes ``<name>.txt`` holding
  the ``<TEXT>``; the manifest gives ``published_at`` from the creation date and ``title`` from
  ``<TITLE>`` when the file has one.
- ``ecbplus``: every ``<topic>/<name>.xml`` becomes ``<topic>/<name>.txt``; the manifest only lists the
  paths, since address, title and date are in the text for the pipeline to infer.

Files are taken in name order; ``--every K`` keeps every K-th of them (the first, the K+1-th, ...) and
``--limit N`` stops after N. INBOX_DIR must be empty or new, and outside this project, so corpus text
never lands in the repository; ``--force`` allows both. The readers are ``triangulate.corpus_formats``.
"""

import argparse
import csv
import sys
from collections.abc import Sequence
from pathlib import Path

from triangulate.corpus_formats import read_ecbplus, read_timeml

PROJECT_ROOT = Path(__file__).resolve().parents[1]
FORMATS = ("timeml", "ecbplus")
MANIFEST = "manifest.csv"
MANIFEST_COLUMNS = ("path", "published_at", "title")


def corpus_files(*, source: Path, corpus_format: str, every: int, limit: int | None) -> list[Path]:
    """The corpus files to import, in name order, keeping every ``every``-th up to ``limit``."""
    pattern = "*.tml" if corpus_format == "timeml" else "*/*.xml"
    selected = sorted(source.glob(pattern))[::every]
    return selected if limit is None else selected[:limit]


def convert(*, path: Path, source: Path, corpus_format: str) -> tuple[str, str, dict[str, str]]:
    """One corpus file as (inbox path, text, manifest row)."""
    markup = path.read_text(encoding="utf-8")
    relative = path.relative_to(source).with_suffix(".txt").as_posix()
    if corpus_format == "ecbplus":
        return relative, read_ecbplus(markup=markup), {"path": relative}
    document = read_timeml(markup=markup)
    row = {"path": relative, "published_at": document.created.isoformat() if document.created else ""}
    row["title"] = document.title or ""
    return relative, document.text.strip() + "\n", row


def refusal(*, inbox: Path, force: bool) -> str | None:
    """Why the inbox may not be written (``None`` when it may)."""
    if force:
        return None
    resolved = inbox.resolve()
    if resolved == PROJECT_ROOT or PROJECT_ROOT in resolved.parents:
        return f"{inbox} is inside the project {PROJECT_ROOT}; corpus text does not belong in the repository"
    if inbox.exists() and any(inbox.iterdir()):
        return f"{inbox} is not empty"
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Import the corpus; print how many files were written. Exit status 2 when refused."""
    parser = argparse.ArgumentParser(prog="python -m triangulate.import_corpus", description=__doc__.split("\n")[0])
    parser.add_argument("format", choices=FORMATS)
    parser.add_argument("source", type=Path, help="corpus folder (read only)")
    parser.add_argument("inbox", type=Path, help="inbox folder to write (empty or new, outside this project)")
    parser.add_argument("--limit", type=int, default=None, help="import at most N files")
    parser.add_argument("--every", type=int, default=1, help="import every K-th file (default 1: all)")
    parser.add_argument("--force", action="store_true", help="write into a non-empty folder or inside the project")
    args = parser.parse_args(argv)
    if args.every < 1 or (args.limit is not None and args.limit < 0):
        parser.error("--every must be at least 1 and --limit at least 0")
    if not args.source.is_dir():
        parser.error(f"{args.source} is not a folder")
    reason = refusal(inbox=args.inbox, force=args.force)
    if reason is not None:
        print(f"refused: {reason} (use --force to write anyway)", file=sys.stderr)
        return 2
    files = corpus_files(source=args.source, corpus_format=args.format, every=args.every, limit=args.limit)
    rows = []
    for path in files:
        relative, text, row = convert(path=path, source=args.source, corpus_format=args.format)
        target = args.inbox / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        rows.append(row)
    args.inbox.mkdir(parents=True, exist_ok=True)
    with (args.inbox / MANIFEST).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=MANIFEST_COLUMNS, restval="")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} documents from {args.source} written to {args.inbox} (with {MANIFEST})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
