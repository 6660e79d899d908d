"""Passage splitting and classification, with exact spans."""

import pytest

from triangulate.passages import load_passage_rules, split_passages
from triangulate.reference import load_month_names, load_widget_line_patterns

RULES = load_passage_rules(widget_lines=load_widget_line_patterns())
MONTHS = load_month_names()


def _kinds(text: str, title: str | None = None) -> list[tuple[str, str]]:
    passages = split_passages(text=text, title=title, rules=RULES, month_names=MONTHS)
    assert all(text[p.char_start : p.char_end] == p.text for p in passages)
    return [(p.kind, p.text) for p in passages]


def test_page_furniture_is_classified_and_body_is_body() -> None:
    text = (
        "Chipmakers rally as rules ease\n"
        "By Jane Doe, Reuters\n"
        "Sept. 30, 2024\n\n"
        "Shares of chip designers rose 4% on Tuesday after regulators eased export rules.\n"
        "Photo: Reuters\n"
        "Share this article\n"
        "Editor's note: This story has been updated with comments from analysts.\n"
        "Sources:\n"
        "[1] https://example.com/report\n"
        "Comments\n"
    )
    assert _kinds(text, title="Chipmakers rally as rules ease") == [
        ("title", "Chipmakers rally as rules ease"),
        ("byline", "By Jane Doe, Reuters"),
        ("dateline", "Sept. 30, 2024"),
        ("body", "Shares of chip designers rose 4% on Tuesday after regulators eased export rules."),
        ("caption", "Photo: Reuters"),
        ("boilerplate", "Share this article"),
        ("disclaimer", "Editor's note: This story has been updated with comments from analysts."),
        ("reference", "Sources:"),
        ("reference", "[1] https://example.com/report"),
        ("boilerplate", "Comments"),
    ]


def test_hard_wrapped_paragraph_is_one_passage() -> None:
    text = "Shares of chip designers rose 4% on Tuesday after\nregulators eased export rules, traders said.\n"
    assert _kinds(text) == [("body", text.strip())]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Original: example.com/news/2025/08/27/story", "reference"),
        ("source: AI", "caption"),
        ("Why it matters", "boilerplate"),
        ("Export controls tighten", "heading"),
        ("(via)", "boilerplate"),
    ],
)
def test_single_lines(line: str, kind: str) -> None:
    text = f"Body paragraph that is long enough to be body text, as it ends with a period.\n{line}\n"
    assert _kinds(text)[1] == (kind, line)


def test_rule_is_recorded() -> None:
    (passage,) = split_passages(text="No comments yet", title=None, rules=RULES, month_names=MONTHS)
    assert passage.rule.startswith("widget_line:")
