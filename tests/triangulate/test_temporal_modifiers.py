"""TIMEX3 modifiers: the mod each wording says, the span it takes, and the days that follow from it."""

from datetime import date

import pytest

from triangulate.temporal import TimeExpression, extract_time_expressions

MONDAY = date(2025, 8, 25)


def _only(text: str, published: date | None = MONDAY) -> TimeExpression:
    found = extract_time_expressions(text=text, published=published)
    assert len(found) == 1, found
    assert text[found[0].char_start : found[0].char_end] == found[0].surface
    return found[0]


@pytest.mark.parametrize(
    ("text", "surface", "value", "mod"),
    [
        ("The mill reopened in late July.", "late July", "2025-07", "END"),
        ("Shipments begin in early September.", "early September", "2025-09", "START"),
        ("Prices peaked in mid-1996.", "mid-1996", "1996", "MID"),
        ("The port reopens at the beginning of October.", "the beginning of October", "2025-10", "START"),
        ("A vote is due early next year.", "early next year", "2026", "START"),
        ("The talks stalled in the early 1980s.", "the early 1980s", "198", "START"),
        ("The ferry service took about two years to restart.", "about two years", "P2Y", "APPROX"),
        ("The strike lasted more than four hours.", "more than four hours", "PT4H", "MORE_THAN"),
        ("The review took less than one hour.", "less than one hour", "PT1H", "LESS_THAN"),
        ("Refunds arrive within 18 months.", "within 18 months", "P18M", "EQUAL_OR_LESS"),
        ("The lease runs for at least 30 days.", "at least 30 days", "P30D", "EQUAL_OR_MORE"),
        ("The bridge was closed more than a year ago.", "more than a year ago", "2024", "BEFORE"),
        ("The bridge was closed less than a year ago.", "less than a year ago", "2024", "AFTER"),
        ("Fares will rise in 2027 or later.", "2027 or later", "2027", "ON_OR_AFTER"),
        ("Bids are due no later than March 2026.", "no later than March 2026", "2026-03", "ON_OR_BEFORE"),
        ("The grain harvest ends around 2026.", "around 2026", "2026", "APPROX"),
    ],
)
def test_each_wording_says_its_mod_inside_the_span(text: str, surface: str, value: str, mod: str) -> None:
    found = _only(text)
    assert (found.surface, found.value, found.mod) == (surface, value, mod)


@pytest.mark.parametrize(
    ("text", "start", "end", "comparison"),
    [
        # Thirds of a month by days, of a year or a decade by months.
        ("The mill reopened in late July.", date(2025, 7, 22), date(2025, 7, 31), date(2025, 7, 31)),
        ("Shipments begin in early 2026.", date(2026, 1, 1), date(2026, 4, 30), date(2026, 1, 1)),
        ("Prices peaked in mid-1996.", date(1996, 5, 1), date(1996, 8, 31), date(1996, 7, 1)),
        # A deadline or an upper bound compares by its end; a starting point or a lower bound by its start.
        ("The line will be finished by September.", date(2025, 9, 1), date(2025, 9, 30), date(2025, 9, 30)),
        ("Fares will rise in 2027 or later.", date(2027, 1, 1), date(2027, 12, 31), date(2027, 1, 1)),
        ("Orders have slowed since March.", date(2025, 3, 1), date(2025, 3, 31), date(2025, 3, 1)),
        # A span without a modifier or a bound has no single day to compare.
        ("The canal was widened in 2019.", date(2019, 1, 1), date(2019, 12, 31), None),
    ],
)
def test_the_days_follow_from_the_mod(text: str, start: date, end: date, comparison: date | None) -> None:
    found = _only(text)
    assert (found.start_date, found.end_date, found.comparison_date) == (start, end, comparison)


@pytest.mark.parametrize(
    "text",
    [
        "Traffic rose over the past year.",  # "over" a span it spans is not "more than"
        "The plant opened in 2019.",
        "Spending was flat for the year.",
    ],
)
def test_plain_wordings_have_no_mod(text: str) -> None:
    assert _only(text).mod is None


def test_a_word_before_a_possessive_date_is_the_nouns() -> None:
    found = extract_time_expressions(text="Police asked about Tuesday's robbery.", published=date(2025, 8, 29))
    assert [(e.surface, e.mod) for e in found] == [("Tuesday", None)]


def test_the_end_of_the_last_month_of_the_calendar_has_its_days() -> None:
    found = extract_time_expressions(text="Prices rose late this month.", published=date(9999, 12, 31))
    assert [(e.value, e.mod, e.start_date, e.end_date) for e in found] == [
        ("9999-12", "END", date(9999, 12, 22), date(9999, 12, 31))
    ]
