"""Render small, safe Markdown tables for previews and check reports.

Article text is untrusted: a cell must never break the table or inject markup. Every cell is put on
one line, truncated, and has the characters Markdown or HTML would interpret escaped.
"""

from collections.abc import Mapping, Sequence

DEFAULT_CELL_CHARS = 80
_ESCAPES = {
    "\\": "\\\\",
    "|": "\\|",
    "`": "\\`",
    "*": "\\*",
    "_": "\\_",
    "[": "\\[",
    "]": "\\]",
    "#": "\\#",
    "<": "&lt;",
    ">": "&gt;",
    "&": "&amp;",
}


def escape_cell(value: object, *, max_chars: int = DEFAULT_CELL_CHARS) -> str:
    """Return ``value`` as one escaped Markdown table cell of at most ``max_chars`` source characters."""
    if value is None:
        return ""
    text = " ".join(str(value).split())
    if len(text) > max_chars:
        text = text[: max_chars - 1] + "…"
    return "".join(_ESCAPES.get(ch, ch) for ch in text)


def markdown_table(
    rows: Sequence[Mapping[str, object]],
    columns: Sequence[str],
    *,
    max_rows: int = 10,
    max_chars: int = DEFAULT_CELL_CHARS,
) -> str:
    """Return the first ``max_rows`` rows as a Markdown table, with a note when rows were left out."""
    header = "| " + " | ".join(escape_cell(c) for c in columns) + " |"
    rule = "| " + " | ".join("---" for _ in columns) + " |"
    body = [
        "| " + " | ".join(escape_cell(row.get(c), max_chars=max_chars) for c in columns) + " |"
        for row in rows[:max_rows]
    ]
    lines = [header, rule, *body]
    if len(rows) > max_rows:
        lines.append(f"\n_{len(rows) - max_rows} more rows not shown_")
    return "\n".join(lines)
