"""Load TimeBank 1.2 for the benchmarks: plain text, creation date and gold TIMEX3 spans with exact offsets.

Only the loading lives here; the TimeML reader is ``triangulate.corpus_formats.read_timeml`` and the
scoring is in ``benchmarks.timebank_bench``. The corpus is read from ``../shared/eval/timebank`` at
benchmark time and is never copied into the project.
"""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from triangulate.corpus_formats import TimexAnnotation, read_timeml

__all__ = ["TIMEBANK", "GoldTimex", "TimebankDocument", "load_timebank", "parse_timeml"]

ROOT = Path(__file__).resolve().parents[1]
TIMEBANK = ROOT.parent / "shared" / "eval" / "timebank"

GoldTimex = TimexAnnotation


@dataclass(frozen=True, slots=True)
class TimebankDocument:
    """A document's plain text (tags removed, entities decoded), creation date and gold expressions."""

    doc_id: str
    text: str
    created: date
    gold: tuple[GoldTimex, ...]


def parse_timeml(*, doc_id: str, markup: str) -> TimebankDocument:
    """One TimeML file as a benchmark document; an error when it has no creation date or no ``<TEXT>``."""
    try:
        document = read_timeml(markup=markup)
    except ValueError as error:
        raise ValueError(f"{doc_id}: {error}") from error
    if document.created is None:
        raise ValueError(f"{doc_id}: no creation date (DCT) with a full date value")
    return TimebankDocument(doc_id=doc_id, text=document.text, created=document.created, gold=document.timexes)


def load_timebank(folder: Path = TIMEBANK) -> list[TimebankDocument]:
    """Every ``*.tml`` document in ``folder``, sorted by name; an error when the folder is missing."""
    if not folder.is_dir():
        raise FileNotFoundError(f"TimeBank not found at {folder} (expected ../shared/eval/timebank)")
    return [
        parse_timeml(doc_id=path.stem, markup=path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.tml"))
    ]
