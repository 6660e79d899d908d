"""Holidays and named days: the calendar rules of reference/holidays.yaml and their resolution in text."""

from datetime import date

import pytest

from triangulate.temporal import extract_time_expressions
from triangulate.temporal_holidays import easter_sunday, holiday_in
from triangulate.temporal_vocabulary import load_temporal_vocabulary

# A Monday in late August 2025.
PUBLISHED = date(2025, 8, 25)


@pytest.mark.parametrize(
    "day",
    [
        date(1943, 4, 25),  # the latest possible
        date(1990, 4, 15),
        date(1998, 4, 12),
        date(2000, 4, 23),
        date(2008, 3, 23),  # one day after the earliest possible
        date(2019, 4, 21),
        date(2024, 3, 31),
        date(2025, 4, 20),
        date(2038, 4, 25),
    ],
)
def test_the_computus_finds_easter_sunday(day: date) -> None:
    assert easter_sunday(day.year) == day


@pytest.mark.parametrize(
    ("name", "year", "value"),
    [
        ("thanksgiving", 2025, "2025-11-27"),
        ("thanksgiving day", 2024, "2024-11-28"),
        ("black friday", 2025, "2025-11-28"),
        ("election day", 2024, "2024-11-05"),  # the Tuesday after the first Monday
        ("election day", 2026, "2026-11-03"),
        ("memorial day", 2025, "2025-05-26"),
        ("labor day", 2025, "2025-09-01"),
        ("easter", 2025, "2025-04-20"),
        ("good friday", 2024, "2024-03-29"),
        ("easter week", 2025, "2025-W16"),
        ("golden week", 2025, "2025-10-01/2025-10-07"),
        ("lunar new year", 2026, "2026-02-17"),
        ("spring festival", 2025, "2025-01-29"),
        ("singles' day", 2025, "2025-11-11"),
        ("christmas", 1997, "1997-12-25"),
        ("new year's day", 2026, "2026-01-01"),
        ("mother's day", 2025, "2025-05-11"),
        ("father's day", 2025, "2025-06-15"),
        ("columbus day", 2025, "2025-10-13"),
        ("ash wednesday", 2025, "2025-03-05"),
        ("pentecost", 2025, "2025-06-08"),
        ("st. patrick's day", 2025, "2025-03-17"),
        # The Hebrew calendar: a leap year (5784), a complete one (5785), a regular one (5786).
        ("passover", 2023, "2023-04-06"),
        ("rosh hashanah", 2023, "2023-09-16"),
        ("yom kippur", 2024, "2024-10-12"),
        ("hanukkah", 2024, "2024-12-26"),
        ("passover", 2025, "2025-04-13"),
        ("rosh hashanah", 2025, "2025-09-23"),
        ("hanukkah", 2025, "2025-12-15"),
        ("rosh hashanah", 1998, "1998-09-21"),
    ],
)
def test_each_rule_places_the_day(name: str, year: int, value: str) -> None:
    found = holiday_in(load_temporal_vocabulary().holidays[name], year)
    assert found is not None and found.value == value


def test_election_day_is_held_in_odd_years_too() -> None:
    found = holiday_in(load_temporal_vocabulary().holidays["election day"], 2025)
    assert found is not None and found.value == "2025-11-04"


def test_a_lunar_holiday_outside_its_table_has_no_day() -> None:
    assert holiday_in(load_temporal_vocabulary().holidays["lunar new year"], 1980) is None


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Retailers reported brisk sales over Thanksgiving.", "Thanksgiving", "2024-11-28"),
        ("Stores will open on Thanksgiving Day.", "Thanksgiving Day", "2025-11-27"),
        ("Turnout was low last Thanksgiving.", "last Thanksgiving", "2024-11-28"),
        ("Fares will be cut next Christmas.", "next Christmas", "2025-12-25"),
        ("The mall was packed on Christmas Eve 2024.", "Christmas Eve 2024", "2024-12-24"),
        ("Candidates campaigned until Election Day.", "Election Day", "2024-11-05"),
        ("Turnout was high on Election Day.", "Election Day", "2024-11-05"),
        ("Rail traffic will peak during Golden Week.", "Golden Week", "2025-10-01/2025-10-07"),
        ("Factories shut for the Lunar New Year.", "Lunar New Year", "2025-01-29"),
        ("Platforms expect record orders on Singles' Day.", "Singles' Day", "2025-11-11"),
        ("Hotels filled up in Easter week.", "Easter week", "2025-W16"),
        ("Pilgrims will crowd the town in Holy Week.", "Holy Week", "2026-W14"),
        ("Polling stations will open early on Election Day.", "Election Day", "2025-11-04"),
        ("Families gathered for Passover.", "Passover", "2025-04-13"),
        ("Markets will close for Yom Kippur.", "Yom Kippur", "2025-10-02"),
        ("The parade was held on New Year's.", "New Year's", "2025-01-01"),
    ],
)
def test_a_holiday_resolves_against_the_publication_date(text: str, surface: str, value: str) -> None:
    found = extract_time_expressions(text=text, published=PUBLISHED)
    assert [(e.surface, e.type, e.value, e.resolution) for e in found] == [
        (surface, "DATE", value, "absolute" if "2024" in surface else "relative_resolved")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "He gave an easter egg to the team.",  # not capitalised: not the holiday
        "The christmas lights went up.",
    ],
)
def test_a_name_in_lower_case_is_not_a_holiday(text: str) -> None:
    assert extract_time_expressions(text=text, published=PUBLISHED) == []


def test_without_a_publication_date_a_holiday_stays_unresolved() -> None:
    found = extract_time_expressions(text="Sales rose at Thanksgiving.", published=None)
    assert [(e.value, e.resolution) for e in found] == [("XXXX-XX-XX", "unresolved")]
