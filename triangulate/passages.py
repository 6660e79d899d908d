"""Split a document into paragraph-level passages with exact spans, and say what kind each one is.

A passage is a paragraph: each non-empty line, except that a block of short lines that wraps one
paragraph across several lines (hard-wrapped text) is kept together. Kinds: title, heading, body,
boilerplate (widgets, share bars, labels), disclaimer, caption, byline, dateline, reference. Every
passage records the rule that decided its kind, so a classification can always be explained.
Patterns are data (``reference/page_lines.yaml``, ``reference/passage_rules.yaml``); this module holds
only the order in which they are tried and the shape-based rules.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from triangulate.dates import find_dates
from triangulate.reference import DEFAULT_REFERENCE_DIR, ReferenceDataError

RULE_KINDS = ("reference_heading", "reference", "disclaimer", "caption", "byline")
MAX_HEADING_WORDS = 14
MAX_HEADING_CHARS = 120
MAX_DATELINE_CHARS = 60
# A line of this length range that does not end a sentence, followed by a line starting in lower
# case, is one paragraph wrapped across lines.
MIN_WRAPPED_LINE_CHARS = 30
WRAPPED_LINE_CHARS = 100
_TERMINAL = (".", "!", "?", "…", '"', "”", "’", ")")
_LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class PassageRules:
    """Compiled classification patterns: widget lines, and the patterns of each rule kind."""

    widget_lines: Sequence[re.Pattern[str]]
    by_kind: Mapping[str, Sequence[re.Pattern[str]]]


@dataclass(frozen=True)
class Passage:
    """One paragraph-level block of a document: its span, kind and the rule that decided the kind."""

    ordinal: int
    char_start: int
    char_end: int
    text: str
    kind: str
    rule: str


def load_passage_rules(
    reference_dir: Path = DEFAULT_REFERENCE_DIR, *, widget_lines: Sequence[re.Pattern[str]]
) -> PassageRules:
    """Load ``passage_rules.yaml`` and combine it with the widget-line patterns."""
    path = reference_dir / "passage_rules.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        by_kind = {kind: [re.compile(str(p), re.IGNORECASE) for p in data.get(kind, [])] for kind in RULE_KINDS}
    except (OSError, yaml.YAMLError, AttributeError, re.error) as error:
        raise ReferenceDataError(f"cannot read passage rules from {path}: {error}") from error
    return PassageRules(widget_lines=widget_lines, by_kind=by_kind)


def _blocks(text: str) -> list[tuple[int, int]]:
    """Return (start, end) spans of paragraphs: lines, with hard-wrapped runs of lines joined."""
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text) if text[m.start() : m.end()].strip()]
    blocks: list[tuple[int, int]] = []
    for start, end in lines:
        if blocks:
            previous_start, previous_end = blocks[-1]
            previous_line = text[previous_start:previous_end].rsplit("\n", 1)[-1]
            between = text[previous_end:start]
            wrapped = (
                between == "\n"
                and MIN_WRAPPED_LINE_CHARS <= len(previous_line) <= WRAPPED_LINE_CHARS
                and not previous_line.rstrip().endswith(_TERMINAL)
                and text[start:end][:1].islower()
            )
            if wrapped:
                blocks[-1] = (previous_start, end)
                continue
        blocks.append((start, end))
    spans = []
    for start, end in blocks:
        while text[start].isspace():
            start += 1
        while text[end - 1].isspace():
            end -= 1
        spans.append((start, end))
    return spans


def _classify(
    line: str, *, ordinal: int, title: str | None, rules: PassageRules, month_names: Mapping[str, int]
) -> tuple[str, str]:
    if ordinal == 0 and title is not None and line == title:
        return "title", "document_title"
    for kind in RULE_KINDS:
        for index, pattern in enumerate(rules.by_kind[kind]):
            if pattern.fullmatch(line):
                return ("reference" if kind == "reference_heading" else kind), f"{kind}:{index}"
    for index, pattern in enumerate(rules.widget_lines):
        if pattern.fullmatch(line):
            return "boilerplate", f"widget_line:{index}"
    if len(line) <= MAX_DATELINE_CHARS:
        dates = find_dates(line, month_names=month_names)
        if dates and sum(len(d.surface) for d in dates) >= len(line) / 3:
            return "dateline", "short_line_with_date"
    words = line.split()
    if len(words) <= MAX_HEADING_WORDS and len(line) <= MAX_HEADING_CHARS and not line.endswith((".", "!", ";", ",")):
        return "heading", "short_line_no_terminal_punctuation"
    return "body", "default_body"


def split_passages(
    *, text: str, title: str | None, rules: PassageRules, month_names: Mapping[str, int]
) -> list[Passage]:
    """Return the passages of ``text`` in order; ``text[p.char_start:p.char_end] == p.text`` always."""
    passages = []
    in_references = False
    for ordinal, (start, end) in enumerate(_blocks(text)):
        line = text[start:end]
        kind, rule = _classify(line, ordinal=ordinal, title=title, rules=rules, month_names=month_names)
        if rule.startswith("reference_heading"):
            in_references = True
        elif in_references and kind in {"heading", "body"} and re.match(r"\[?\d{1,3}[\].)]", line):
            kind, rule = "reference", "reference_list_item"
        elif kind not in {"reference", "boilerplate"}:
            in_references = False
        passages.append(Passage(ordinal, start, end, line, kind, rule))
    return passages
