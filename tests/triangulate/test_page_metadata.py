"""Headline, own address, outlet and publication date inferred from text."""

from datetime import UTC, datetime

import pytest

from triangulate.page_metadata import find_own_address, find_title, host_of, infer_published_at, outlet_for
from triangulate.reference import load_month_names, load_outlets, load_page_metadata_rules, load_widget_line_patterns

WIDGETS = load_widget_line_patterns()
RULES = load_page_metadata_rules()
MONTHS = load_month_names()
NOW = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Chipmakers rally as export rules ease\n\nBody text follows here.", "Chipmakers rally as export rules ease"),
        ("Is the chip race over?\nBody.", "Is the chip race over?"),
        ("The company said on Monday that revenue rose.\nMore body.", None),  # a sentence, not a headline
        ("What is the story about?\nWhat's Happening?\nBody.", None),  # a questionnaire widget
        ("Comments\nBody.", None),
        ("Only one line of text without a break", None),
        ("x" * 250 + "\nBody.", None),
    ],
)
def test_title(text: str, title: str | None) -> None:
    assert find_title(text, widget_patterns=WIDGETS) == title


def test_own_address_only_from_labelled_lines() -> None:
    text = "Body cites https://example.org/2020/01/01/other.\n\nOriginal: example.com/news/2025/08/27/story\n"
    address = find_own_address(text, rules=RULES)
    assert address is not None
    assert address.url == "example.com/news/2025/08/27/story"
    assert text[address.char_start : address.char_end] == address.url


def test_reference_list_url_is_not_own_address() -> None:
    text = "Body [1].\nReferences:\n[1] https://example.org/news/20250501_1\n"
    assert find_own_address(text, rules=RULES) is None


@pytest.mark.parametrize(
    ("url", "host", "outlet"),
    [
        ("https://www.reuters.com/technology/x", "reuters.com", "Reuters"),
        ("asia.nikkei.com/Business/x", "asia.nikkei.com", "Nikkei Asia"),
        ("https://markets.ft.com/data", "markets.ft.com", "Financial Times"),
        ("https://unknown-news.example/a", "unknown-news.example", "unknown-news.example"),
    ],
)
def test_outlet_from_domain(url: str, host: str, outlet: str) -> None:
    assert host_of(url) == host
    assert outlet_for(url, outlets=load_outlets()) == outlet


def _published(text: str, now: datetime = NOW) -> datetime | None:
    found = infer_published_at(
        text, rules=RULES, month_names=MONTHS, own_address=find_own_address(text, rules=RULES), not_after=now
    )
    return found.published_at if found else None


def test_labelled_date_wins_over_updated_date() -> None:
    text = "Chip stocks slide\nUpdated: March 3, 2025\nPublished: 1 March 2025\n\nBody."
    assert _published(text) == datetime(2025, 3, 1, tzinfo=UTC)


def test_dateline_near_top() -> None:
    assert _published("Chip stocks slide\nBy Jane Doe | Sept. 30, 2024\n\nBody.") == datetime(2024, 9, 30, tzinfo=UTC)


def test_date_inside_a_body_sentence_is_not_a_publication_date() -> None:
    text = "Headline here\nThe company said on September 30, 2024 that it would keep selling chips in the region."
    assert _published(text) is None


def test_date_from_own_address() -> None:
    text = "Headline\nBody without dates.\nURL: https://www.example.com/tech/2025/08/27/chips/"
    found = infer_published_at(
        text, rules=RULES, month_names=MONTHS, own_address=find_own_address(text, rules=RULES), not_after=NOW
    )
    assert found is not None
    assert found.published_at == datetime(2025, 8, 27, tzinfo=UTC)
    assert "own address" in found.evidence


def test_no_evidence_means_no_date_and_future_dates_are_ignored() -> None:
    assert _published("Headline\nBody says next year output will triple.") is None
    assert _published("Headline\nPublished: 1 March 2030\nBody.") is None
