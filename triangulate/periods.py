"""Calendar periods and their TIMEX3 values: a day, ISO week, month, quarter, half, season, year, decade.

A ``Period`` is what a date expression denotes once resolved: a TIMEX3 value ("2024-09-27", "2024-W39",
"2024-Q3", "2025-H1", "2025-SU", "2026", "199") and the first and last calendar day it covers.
Arithmetic that moves periods (the quarter before, the year after) lives here; reading text does not.
"""

from dataclasses import dataclass
from datetime import date, timedelta

_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


@dataclass(frozen=True, slots=True)
class Period:
    """A resolved calendar period: TIMEX3 value and the first and last day it covers."""

    value: str
    start: date
    end: date


def _month_end(year: int, month: int) -> date:
    """The last day of a month; December's is found without the next year, so December 9999 has one too."""
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)


def day(value: date) -> Period:
    """The single day ``value``."""
    return Period(value.isoformat(), value, value)


def week(value: date) -> Period:
    """The ISO week (Monday to Sunday) that contains ``value``."""
    iso_year, iso_week, weekday = value.isocalendar()
    monday = value - timedelta(days=weekday - 1)
    return Period(f"{iso_year}-W{iso_week:02d}", monday, monday + timedelta(days=6))


def weekend(value: date) -> Period:
    """The Saturday and Sunday of the ISO week that contains ``value``."""
    whole = week(value)
    return Period(f"{whole.value}-WE", whole.start + timedelta(days=5), whole.end)


def month(year: int, number: int) -> Period:
    """One calendar month."""
    return Period(f"{year}-{number:02d}", date(year, number, 1), _month_end(year, number))


def quarter(year: int, number: int) -> Period:
    """One calendar quarter (1 to 4)."""
    first = 3 * number - 2
    return Period(f"{year}-Q{number}", date(year, first, 1), _month_end(year, first + 2))


def half(year: int, number: int) -> Period:
    """One half-year (1 or 2)."""
    first = 6 * number - 5
    return Period(f"{year}-H{number}", date(year, first, 1), _month_end(year, first + 5))


def season(year: int, code: str) -> Period:
    """A meteorological season (SP, SU, FA, WI); winter runs from December into the next year."""
    first, last = _SEASON_MONTHS[code]
    end_year = year + 1 if last < first else year
    return Period(f"{year}-{code}", date(year, first, 1), _month_end(end_year, last))


def year(number: int) -> Period:
    """One calendar year."""
    return Period(str(number), date(number, 1, 1), date(number, 12, 31))


def decade(first_year: int) -> Period:
    """The ten years starting at ``first_year`` (a multiple of ten): TIMEX3 writes 1990-1999 as "199"."""
    return Period(str(first_year // 10), date(first_year, 1, 1), date(first_year + 9, 12, 31))


def month_window(end_year: int, end_month: int, months: int) -> Period:
    """The ``months`` calendar months ending with ``end_month``, as an ISO 8601 interval of months."""
    start_index = end_year * 12 + end_month - 1 - (months - 1)
    start_year, start_month = divmod(start_index, 12)
    start_month += 1
    return Period(
        f"{start_year}-{start_month:02d}/{end_year}-{end_month:02d}",
        date(start_year, start_month, 1),
        _month_end(end_year, end_month),
    )


def months_to(end_year: int, end_month: int, months: int) -> Period:
    """The ``months`` months ending with ``end_month``, named as a calendar quarter, half or year when they are one.

    "the quarter ended June 30", "the June quarter" and "Q2" are all "2025-Q2"; "the six months to June" is
    "2025-H1"; a fiscal quarter to July stays the interval "2025-05/2025-07".
    """
    if months == 3 and end_month % 3 == 0:
        return quarter(end_year, end_month // 3)
    if months == 6 and end_month % 6 == 0:
        return half(end_year, end_month // 6)
    if months == 12 and end_month == 12:
        return year(end_year)
    return month_window(end_year, end_month, months)


def quarter_of(value: date) -> tuple[int, int]:
    """(year, quarter) of a date."""
    return value.year, (value.month - 1) // 3 + 1


def shift_quarter(year_number: int, quarter_number: int, by: int) -> tuple[int, int]:
    """(year, quarter) moved by ``by`` quarters."""
    index = year_number * 4 + quarter_number - 1 + by
    return index // 4, index % 4 + 1


def shift_month(year_number: int, month_number: int, by: int) -> tuple[int, int]:
    """(year, month) moved by ``by`` months."""
    index = year_number * 12 + month_number - 1 + by
    return index // 12, index % 12 + 1


def in_year(value: str, year_number: int) -> Period | None:
    """The period a TIMEX3 value names ("1998-06", "XXXX-Q3", "2024-SP", "XXXX-06-01") moved into ``year_number``.

    None for values that carry no month, quarter, half or season (years, weeks, references), and for periods
    that do not fit the calendar (a day that does not exist, a winter running into year 10000).
    """
    _, _, rest = value.partition("-")
    try:
        if rest in _SEASON_MONTHS:
            return season(year_number, rest)
        if len(rest) == 2 and rest[0] in "QH" and rest[1].isdigit():
            return (quarter if rest[0] == "Q" else half)(year_number, int(rest[1]))
        parts = rest.split("-")
        if not all(part.isdigit() and len(part) == 2 for part in parts) or len(parts) > 2:
            return None
        if len(parts) == 1:
            return month(year_number, int(parts[0]))
        return day(date(year_number, int(parts[0]), int(parts[1])))
    except ValueError:
        return None
