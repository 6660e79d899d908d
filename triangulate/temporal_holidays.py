"""Holidays and named days: the calendar days a name from ``reference/holidays.yaml`` covers in a year.

A holiday is a fixed day ("Christmas"), a weekday rule ("Thanksgiving", the first Thursday from November
22; "Election Day", the first Tuesday from November 2), a day counted from Easter (Gregorian
computus), a day of the Hebrew calendar (Passover, Rosh Hashanah, Yom Kippur, Hanukkah: its arithmetic
rules), or a table of days for calendars no rule here computes (the lunar new year). Some cover
several days ("Golden Week"); seven from a Monday are an ISO week ("Easter week"). Reading the names
in a text and choosing the year is ``triangulate.temporal_readers``'s job; this module only does the calendar.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from triangulate import periods
from triangulate.periods import Period


@dataclass(frozen=True, slots=True)
class Holiday:
    """One named day or span and the rule that places it in a year."""

    rule: str  # "date", "weekday", "easter", "hebrew" or "table"
    month: int = 0
    day: int = 0
    weekday: int = 0
    easter_offset: int = 0
    table: Mapping[int, tuple[int, int]] | None = None
    days: int = 1


def holiday_from_entry(entry: Mapping[str, Any]) -> Holiday:
    """A ``Holiday`` from one entry of ``holidays.yaml``."""
    common: dict[str, Any] = {"days": int(entry.get("days", 1))}
    if "date" in entry:
        month, day = entry["date"]
        return Holiday("date", month=int(month), day=int(day), **common)
    if "weekday" in entry:
        rule = entry["weekday"]
        return Holiday(
            "weekday", month=int(rule["month"]), day=int(rule["from_day"]), weekday=int(rule["weekday"]), **common
        )
    if "easter" in entry:
        return Holiday("easter", easter_offset=int(entry["easter"]), **common)
    if "hebrew" in entry:
        month, day = entry["hebrew"]
        return Holiday("hebrew", month=_HEBREW_MONTHS[str(month).lower()], day=int(day), **common)
    table = {int(year): (int(month), int(day)) for year, (month, day) in entry["table"].items()}
    return Holiday("table", table=table, **common)


def easter_sunday(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    week = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * week) // 451
    month, day = divmod(h + week - 7 * m + 114, 31)
    return date(year, month, day + 1)


# The Hebrew months a holiday here falls in, by their number counted from Nisan.
_HEBREW_MONTHS = {"nisan": 1, "tishri": 7, "heshvan": 8, "kislev": 9}
# The day before the first of Tishri of Hebrew year 1, as a proleptic Gregorian ordinal, and the parts of an
# hour (1080) in a day.
_HEBREW_EPOCH = -1373428
_DAY_PARTS = 25920
# Days from the 15th of Nisan to the first of Tishri after it: the same in every year.
_NISAN_15_TO_TISHRI = 163


def _elapsed_days(hebrew_year: int) -> int:
    """Days from the epoch to the molad of Tishri of ``hebrew_year``, postponed when it falls on a Sunday,
    Wednesday or Friday."""
    months = (235 * hebrew_year - 234) // 19
    parts = 12084 + 13753 * months
    days = 29 * months + parts // _DAY_PARTS
    return days + 1 if (3 * (days + 1)) % 7 < 3 else days


def hebrew_new_year(hebrew_year: int) -> date:
    """The first of Tishri (Rosh Hashanah) of ``hebrew_year``, with the postponements that keep years regular."""
    before, this, after = (_elapsed_days(hebrew_year + step) for step in (-1, 0, 1))
    delay = 2 if after - this == 356 else 1 if this - before == 382 else 0
    return date.fromordinal(_HEBREW_EPOCH + 1 + this + delay)


def _hebrew_day(month: int, day: int, year: int) -> date:
    """Day ``day`` of Hebrew month ``month`` (Nisan, Tishri, Heshvan or Kislev) that falls in Gregorian ``year``."""
    new_year = hebrew_new_year(year + 3761)
    if month == 1:
        return new_year - timedelta(days=_NISAN_15_TO_TISHRI - (day - 15))
    length = (hebrew_new_year(year + 3762) - new_year).days
    # Heshvan has 30 days in a complete year (355 or 385 days), else 29; Tishri always 30.
    heshvan = 30 if length % 10 == 5 else 29
    first = {7: 0, 8: 30, 9: 30 + heshvan}[month]
    return new_year + timedelta(days=first + day - 1)


def holiday_in(holiday: Holiday, year: int) -> Period | None:
    """The days ``holiday`` covers in ``year``; None when its table lacks the year."""
    if holiday.rule == "date":
        first = date(year, holiday.month, holiday.day)
    elif holiday.rule == "weekday":
        start = date(year, holiday.month, holiday.day)
        first = start + timedelta(days=(holiday.weekday - start.isoweekday()) % 7)
    elif holiday.rule == "easter":
        first = easter_sunday(year) + timedelta(days=holiday.easter_offset)
    elif holiday.rule == "hebrew":
        first = _hebrew_day(holiday.month, holiday.day, year)
    else:
        assert holiday.table is not None
        if year not in holiday.table:
            return None
        first = date(year, *holiday.table[year])
    if holiday.days == 1:
        return periods.day(first)
    if holiday.days == 7 and first.isoweekday() == 1:
        return periods.week(first)
    last = first + timedelta(days=holiday.days - 1)
    return Period(f"{first.isoformat()}/{last.isoformat()}", first, last)


def nearest_holiday(holiday: Holiday, anchor: date, direction: int) -> Period | None:
    """The occurrence on or before ``anchor`` (direction -1, strictly before for -2), on or after it (1, strictly
    after for 2), or in ``anchor``'s year (0)."""
    if direction == 0:
        return holiday_in(holiday, anchor.year)
    years = range(anchor.year - 4, anchor.year + 5)
    found = [p for p in (holiday_in(holiday, year) for year in years) if p is not None]
    if direction < 0:
        before = [p for p in found if p.start < anchor or (direction == -1 and p.start <= anchor)]
        return before[-1] if before else None
    after = [p for p in found if p.start > anchor or (direction == 1 and p.start >= anchor)]
    return after[0] if after else None
