"""One value per way of saying a time: every wording of a class gives the same value, mod and days."""

import re
from datetime import date

import pytest

from triangulate.periods import months_to
from triangulate.temporal import extract_time_expressions
from triangulate.temporal_fiscal import fiscal_period
from triangulate.temporal_vocabulary import load_temporal_vocabulary

# A Monday in late August 2025: fiscal calendars and halves are read from here.
PUBLISHED = date(2025, 8, 25)

CLASSES = {
    "the end of 2025": [
        "The new terminal will be finished by year end.",
        "The new terminal will be finished by the end of the year.",
        "The new terminal will be finished by the end of this year.",
        "The new terminal will be finished by year-end.",
        "The new terminal will be finished by end-2025.",
        "The new terminal will be finished by the end of 2025.",
    ],
    "2026": [
        "Ticket prices will rise next year.",
        "Ticket prices will rise in 2026.",
    ],
    "Nvidia's second fiscal quarter": [
        "Nvidia reported record revenue for the July quarter.",
        "Nvidia reported record revenue for the quarter ended July 27.",
        "Nvidia reported record revenue for fiscal Q2.",
        "Nvidia reported record revenue for the fiscal second quarter.",
        "Nvidia reported record revenue for the second fiscal quarter.",
    ],
    "the first half of 2025": [
        "The ferry line carried more freight in H1.",
        "The ferry line carried more freight in the first half.",
        "The ferry line carried more freight in the six months to June.",
        "The ferry line carried more freight in the first half of 2025.",
        "The ferry line carried more freight in H1 2025.",
    ],
    "the second calendar quarter": [
        "The ferry line carried more freight in the June quarter.",
        "The ferry line carried more freight in the quarter ended June 30.",
        "The ferry line carried more freight in the second quarter of 2025.",
        "The ferry line carried more freight in Q2 2025.",
    ],
}


def _reading(text: str) -> tuple[str, str | None, date | None, date | None, date | None]:
    """The value, mod, days and comparison day of the sentence's one date that is not a day."""
    found = [e for e in extract_time_expressions(text=text, published=PUBLISHED) if e.type == "DATE"]
    periods = [e for e in found if len(found) == 1 or not re.fullmatch(r"\d{4}-\d\d-\d\d", e.value)]
    assert len(periods) == 1, found
    e = periods[0]
    return e.value, e.mod, e.start_date, e.end_date, e.comparison_date


@pytest.mark.parametrize("name", list(CLASSES))
def test_every_wording_of_a_class_reads_the_same(name: str) -> None:
    readings = {text: _reading(text) for text in CLASSES[name]}
    assert len(set(readings.values())) == 1, readings


@pytest.mark.parametrize(
    ("name", "value", "mod", "comparison"),
    [
        ("the end of 2025", "2025", "END", date(2025, 12, 31)),
        ("2026", "2026", None, None),
        ("Nvidia's second fiscal quarter", "2025-05/2025-07", None, None),
        ("the first half of 2025", "2025-H1", None, None),
        ("the second calendar quarter", "2025-Q2", None, None),
    ],
)
def test_the_class_value(name: str, value: str, mod: str | None, comparison: date | None) -> None:
    got_value, got_mod, _, _, got_comparison = _reading(CLASSES[name][0])
    assert (got_value, got_mod, got_comparison) == (value, mod, comparison)


@pytest.mark.parametrize(
    ("company", "fiscal_year", "quarter", "value"),
    [
        ("nvidia", 2026, 2, "2025-05/2025-07"),  # year ends in January, named by the year it ends in
        ("nvidia", 2026, None, "2025-02/2026-01"),
        ("apple", 2025, 4, "2025-Q3"),  # year ends in September: its fourth quarter is a calendar quarter
        ("microsoft", 2026, 1, "2025-Q3"),
        ("sony", 2025, None, "2025-04/2026-03"),  # named by the year it starts in
    ],
)
def test_fiscal_periods_follow_the_reference_calendar(
    company: str, fiscal_year: int, quarter: int | None, value: str
) -> None:
    calendar = load_temporal_vocabulary().fiscal_calendars[company]
    assert fiscal_period(calendar, fiscal_year, quarter).value == value


def test_a_fiscal_quarter_without_a_known_company_stays_a_calendar_quarter() -> None:
    found = extract_time_expressions(text="The co-operative said fiscal Q2 sales fell.", published=PUBLISHED)
    assert [e.value for e in found] == ["2025-Q2"]


@pytest.mark.parametrize(
    ("months", "end_month", "value"),
    [(3, 9, "2025-Q3"), (6, 12, "2025-H2"), (12, 12, "2025"), (3, 7, "2025-05/2025-07"), (6, 3, "2024-10/2025-03")],
)
def test_months_to_a_month_are_named_as_the_calendar_period_they_are(months: int, end_month: int, value: str) -> None:
    assert months_to(2025, end_month, months).value == value
