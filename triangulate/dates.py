"""Find complete calendar dates (year, month and day) written in text or embedded in URLs.

This module only recognises explicit full dates, such as "September 30, 2024", "30 septembre 2024",
"2024-09-30" or "2024年9月30日", and dates in URL paths such as ``/2025/08/27/`` or ``/20250827``.
It never guesses a missing year and never falls back to the current date. Relative and partial
temporal expressions ("next year", "Q3") belong to the temporal extractor, not here.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

# Years accepted as plausible publication years of news text.
MIN_YEAR = 1900
MAX_YEAR = 2199


@dataclass(frozen=True)
class DateMatch:
    """A full date found in a string: its span, surface and calendar value."""

    start: int
    end: int
    surface: str
    value: date


def _safe_date(year: int, month: int, day: int) -> date | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


@lru_cache(maxsize=8)
def _word_patterns(month_key: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    names = "|".join(re.escape(name) for name in sorted(month_key, key=len, reverse=True))
    month = rf"(?P<month>{names})\.?"
    month_first = re.compile(
        rf"(?<!\w){month}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})(?!\d)", re.IGNORECASE
    )
    day_first = re.compile(
        rf"(?<!\d)(?P<day>\d{{1,2}})(?:st|nd|rd|th|er|º|\.)?\s+(?:de\s+)?{month},?\s+(?:de\s+)?"
        rf"(?P<year>\d{{4}})(?!\d)",
        re.IGNORECASE,
    )
    return month_first, day_first


_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_WRITTEN_DATE_MAX_CHARS = 40
_ISO_DATE = re.compile(r"(?<![\d/.-])(?P<year>\d{4})([-/.])(?P<month>\d{1,2})\2(?P<day>\d{1,2})(?![\d])")
_CJK_DATE = re.compile(r"(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日")
_URL_SEPARATED = re.compile(r"(?<!\d)(?P<year>\d{4})([/_-])(?P<month>\d{1,2})\2(?P<day>\d{1,2})(?!\d)")
_URL_COMPACT = re.compile(r"(?<!\d)(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})(?!\d)")


def find_dates(text: str, *, month_names: Mapping[str, int]) -> list[DateMatch]:
    """Return every full date written in ``text``, in order of position, without overlaps.

    ``month_names`` maps lower-case month spellings to month numbers (see ``reference/months.yaml``).
    """
    month_first, day_first = _word_patterns(tuple(sorted(month_names)))
    found: list[DateMatch] = []
    # A written date ends with its year: only the few characters before each four-digit number are
    # searched, which keeps the long month-name alternation off most of the text.
    for year in _YEAR.finditer(text):
        window_start = max(0, year.start() - _WRITTEN_DATE_MAX_CHARS)
        for pattern in (month_first, day_first):
            for match in pattern.finditer(text, window_start, year.end()):
                if match.end() != year.end():
                    continue
                month = month_names[match["month"].lower()]
                value = _safe_date(int(match["year"]), month, int(match["day"]))
                if value is not None:
                    found.append(DateMatch(match.start(), match.end(), match.group(0), value))
    for pattern in (_ISO_DATE, _CJK_DATE):
        for match in pattern.finditer(text):
            value = _safe_date(int(match["year"]), int(match["month"]), int(match["day"]))
            if value is not None:
                found.append(DateMatch(match.start(), match.end(), match.group(0), value))
    return _without_overlaps(found)


def find_url_dates(url: str) -> list[DateMatch]:
    """Return the full dates embedded in a URL's path (``/2025/08/27/``, ``2025-08-27``, ``20250827``)."""
    path_start = url.find("/", url.find("//") + 2 if "//" in url else 0)
    if path_start < 0:
        return []
    found: list[DateMatch] = []
    for pattern in (_URL_SEPARATED, _URL_COMPACT):
        for match in pattern.finditer(url, path_start):
            value = _safe_date(int(match["year"]), int(match["month"]), int(match["day"]))
            if value is not None:
                found.append(DateMatch(match.start(), match.end(), match.group(0), value))
    return _without_overlaps(found)


def _without_overlaps(matches: list[DateMatch]) -> list[DateMatch]:
    kept: list[DateMatch] = []
    for match in sorted(matches, key=lambda m: (m.start, -(m.end - m.start))):
        if not kept or match.start >= kept[-1].end:
            kept.append(match)
    return kept
