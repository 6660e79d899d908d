"""Full dates in text and in URLs."""

from datetime import date

import pytest

from triangulate.dates import find_dates, find_url_dates
from triangulate.reference import load_month_names

MONTHS = load_month_names()


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Published: September 30, 2024 at 10:00", "September 30, 2024", date(2024, 9, 30)),
        ("Sept. 3rd 2025", "Sept. 3rd 2025", date(2025, 9, 3)),
        ("Paris, le 30 septembre 2024", "30 septembre 2024", date(2024, 9, 30)),
        ("Berlin, 3. März 2025", "3. März 2025", date(2025, 3, 3)),
        ("Madrid, 12 de mayo de 2023", "12 de mayo de 2023", date(2023, 5, 12)),
        ("2024-09-30T10:00:00Z", "2024-09-30", date(2024, 9, 30)),
        ("2025年8月27日 北京", "2025年8月27日", date(2025, 8, 27)),
    ],
)
def test_finds_full_dates(text: str, surface: str, value: date) -> None:
    (match,) = find_dates(text, month_names=MONTHS)
    assert match.surface == surface
    assert text[match.start : match.end] == surface
    assert match.value == value


@pytest.mark.parametrize(
    "text",
    [
        "May 2024 was busy",  # no day
        "Feb 30, 2024",  # no such day
        "version 1.2.3 shipped",
        "revenue rose 2024/13/01 units",  # month 13
        "in 2026 output will triple",  # a year alone is not a full date
        "March on, 12 soldiers",
    ],
)
def test_ignores_partial_or_impossible_dates(text: str) -> None:
    assert find_dates(text, month_names=MONTHS) == []


@pytest.mark.parametrize(
    ("url", "value"),
    [
        ("https://example.com/news/2025/08/27/chips", date(2025, 8, 27)),
        ("example.org/english/news/20250501_9189", date(2025, 5, 1)),
        ("https://example.net/2025-08-27-story.html", date(2025, 8, 27)),
    ],
)
def test_finds_dates_in_url_paths(url: str, value: date) -> None:
    assert [m.value for m in find_url_dates(url)] == [value]


@pytest.mark.parametrize(
    "url",
    ["https://20250827.example.com/a", "example.com/article/1851125356874848/", "https://example.com/2025/08/"],
)
def test_no_date_from_hosts_ids_or_partial_paths(url: str) -> None:
    assert find_url_dates(url) == []
