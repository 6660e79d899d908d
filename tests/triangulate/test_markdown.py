"""Markdown tables stay tables whatever the article text contains."""

from triangulate.markdown import escape_cell, markdown_table

HOSTILE = "Evil | cell\n| --- |\n`code` <script>alert(1)</script> **bold** [link](http://x) # heading"


def test_hostile_text_cannot_break_a_table_or_inject_markup() -> None:
    table = markdown_table([{"text": HOSTILE, "n": 1}], ["text", "n"], max_chars=500)
    lines = table.splitlines()
    assert len(lines) == 3  # header, rule, one row: the newline and fake rule were flattened
    row = lines[2]
    assert row.count("|") - row.count("\\|") == 3  # only the real cell borders
    assert "<script>" not in table
    assert "&lt;script&gt;" in table
    assert "\\`code\\`" in table
    assert "\\*\\*bold\\*\\*" in table


def test_truncation_and_row_limit() -> None:
    assert escape_cell("x" * 100, max_chars=10) == "x" * 9 + "…"
    assert escape_cell(None) == ""
    table = markdown_table([{"a": i} for i in range(12)], ["a"], max_rows=10)
    assert "2 more rows not shown" in table
