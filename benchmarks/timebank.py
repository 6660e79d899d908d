"""Read TimeBank 1.2 documents: plain text, creation date and gold TIMEX3 spans with exact offsets.

Only the reader lives here (the scoring is in ``benchmarks.timebank_bench``). The corpus is read from
``../shared/eval/timebank`` at benchmark time and is never copied into the project.
"""

import html
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TIMEBANK = ROOT.parent / "shared" / "eval" / "timebank"

_TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*)>")
_ATTRIBUTE = re.compile(r'([A-Za-z]+)="([^"]*)"')
_DCT = re.compile(r"<DCT>.*?value=\"(\d{4})-(\d{2})-(\d{2})", re.DOTALL)


@dataclass(frozen=True, slots=True)
class GoldTimex:
    """One annotated expression: offsets into the document's plain text, TIMEX3 type and value."""

    char_start: int
    char_end: int
    surface: str
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class TimebankDocument:
    """A document's plain text (tags removed, entities decoded), creation date and gold expressions."""

    doc_id: str
    text: str
    created: date
    gold: tuple[GoldTimex, ...]


def parse_timeml(*, doc_id: str, markup: str) -> TimebankDocument:
    """Turn one TimeML file into plain text with the offsets of every TIMEX3 inside ``<TEXT>``."""
    created_match = _DCT.search(markup)
    if created_match is None:
        raise ValueError(f"{doc_id}: no creation date (DCT) with a full date value")
    created = date(*(int(part) for part in created_match.groups()))
    body_match = re.search(r"<TEXT>(.*)</TEXT>", markup, re.DOTALL)
    if body_match is None:
        raise ValueError(f"{doc_id}: no <TEXT> element")
    body = body_match.group(1)
    pieces: list[str] = []
    length = 0
    gold: list[GoldTimex] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    position = 0
    for tag in _TAG.finditer(body):
        chunk = html.unescape(body[position : tag.start()])
        pieces.append(chunk)
        length += len(chunk)
        position = tag.end()
        closing, name, attributes = tag.group(1) == "/", tag.group(2), tag.group(3)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTRIBUTE.findall(attributes)))
        elif open_timex is not None:
            start, attrs = open_timex
            gold.append(GoldTimex(start, length, "", attrs.get("type", ""), attrs.get("value", "")))
            open_timex = None
    pieces.append(html.unescape(body[position:]))
    text = "".join(pieces)
    spans = tuple(GoldTimex(g.char_start, g.char_end, text[g.char_start : g.char_end], g.type, g.value) for g in gold)
    return TimebankDocument(doc_id=doc_id, text=text, created=created, gold=spans)


def load_timebank(folder: Path = TIMEBANK) -> list[TimebankDocument]:
    """Every ``*.tml`` document in ``folder``, sorted by name; an error when the folder is missing."""
    if not folder.is_dir():
        raise FileNotFoundError(f"TimeBank not found at {folder} (expected ../shared/eval/timebank)")
    return [
        parse_timeml(doc_id=path.stem, markup=path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.tml"))
    ]
