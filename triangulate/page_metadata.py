"""Read what an article says about itself: its headline, its own address, its outlet and its date.

Everything is inferred from evidence in the text (and reference data); nothing is invented. A value
that the text does not support is ``None``, and every inferred publication date carries the evidence
it came from. The current date is never used as a publication date.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from urllib.parse import urlsplit

from triangulate.dates import DateMatch, find_dates, find_url_dates
from triangulate.reference import PageMetadataRules

MAX_TITLE_CHARS = 200
MAX_TITLE_WORDS = 30
MIN_TITLE_WORDS = 2
# An unlabelled date near the top counts only on a short line of its own (a dateline or byline),
# not inside a body sentence ("Nvidia said on September 30, 2024 that ...").
MAX_DATELINE_CHARS = 80
_TITLE_FORBIDDEN_ENDINGS = (".", ";", ":", ",")
_URL = re.compile(r"(?:https?://)?(?:[\w-]+\.)+[a-z]{2,}(?::\d+)?(?:/\S*)?", re.IGNORECASE)
_HOST_PREFIXES = ("www.", "m.", "amp.", "mobile.")


@dataclass(frozen=True)
class OwnAddress:
    """The article's own URL as the text states it, with the line it was found on."""

    url: str
    char_start: int
    char_end: int
    label: str


@dataclass(frozen=True)
class PublicationDate:
    """An inferred publication date and a sentence saying where it came from."""

    published_at: datetime
    evidence: str


def is_widget_line(line: str, *, widget_patterns: Sequence[re.Pattern[str]]) -> bool:
    """Return whether a stripped line is page furniture (a widget, label or share bar), not content."""
    stripped = line.strip()
    return any(pattern.fullmatch(stripped) for pattern in widget_patterns)


def find_title(text: str, *, widget_patterns: Sequence[re.Pattern[str]]) -> str | None:
    """Return the first line when it reads as a headline, else ``None``.

    A headline is a short first line (at most 200 characters and 2-30 words) that is not page
    furniture, does not end like a sentence or a label, and is followed by more text.
    """
    first_line, _, rest = text.lstrip("\n").partition("\n")
    candidate = first_line.strip()
    words = candidate.split()
    if not rest.strip() or not candidate or len(candidate) > MAX_TITLE_CHARS:
        return None
    if not MIN_TITLE_WORDS <= len(words) <= MAX_TITLE_WORDS:
        return None
    if candidate.endswith(_TITLE_FORBIDDEN_ENDINGS) or is_widget_line(candidate, widget_patterns=widget_patterns):
        return None
    return candidate


@lru_cache(maxsize=8)
def _own_address_pattern(labels: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
    return re.compile(
        rf"^[ \t]*(?P<label>{alternatives})[ \t]*[:\uff1a][ \t]*(?P<url>\S+)[ \t]*$", re.IGNORECASE | re.MULTILINE
    )


def find_own_address(text: str, *, rules: PageMetadataRules) -> OwnAddress | None:
    """Return the URL the text gives as the article's own address ("Original: <url>"), if any."""
    for match in _own_address_pattern(rules.own_address_labels).finditer(text):
        url = match["url"].rstrip(".,;)")
        if _URL.fullmatch(url):
            return OwnAddress(url, match.start("url"), match.start("url") + len(url), match["label"])
    return None


def host_of(url: str) -> str | None:
    """Return the lower-case host of a URL written with or without a scheme, minus ``www.``-like prefixes."""
    parsed = urlsplit(url if "//" in url else f"//{url}")
    host = (parsed.hostname or "").lower()
    for prefix in _HOST_PREFIXES:
        host = host.removeprefix(prefix)
    return host or None


def outlet_for(url: str, *, outlets: Mapping[str, str]) -> str | None:
    """Return the outlet of a URL: the reference name of its domain (or a parent domain), else the host."""
    host = host_of(url)
    if host is None:
        return None
    labels = host.split(".")
    for index in range(len(labels) - 1):
        name = outlets.get(".".join(labels[index:]))
        if name is not None:
            return name
    return host


def _line_of(text: str, match: DateMatch) -> tuple[str, str]:
    """Return the label before a date on its line (lower-case, without a colon) and the whole line."""
    line_start = text.rfind("\n", 0, match.start) + 1
    line_end = text.find("\n", match.end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    return text[line_start : match.start].strip().rstrip(":\uff1a").strip().lower(), line.strip()


def _as_utc_midnight(value: date) -> datetime:
    return datetime(value.year, value.month, value.day, tzinfo=UTC)


def infer_published_at(
    text: str,
    *,
    rules: PageMetadataRules,
    month_names: Mapping[str, int],
    own_address: OwnAddress | None,
    not_after: datetime,
) -> PublicationDate | None:
    """Infer the publication date from evidence in the text, or return ``None``.

    Evidence, in order of preference: a date near the top labelled as the publication date; the first
    unlabelled date near the top on a short line of its own; a date in the URL the text gives as its
    own address. Dates labelled as something else ("Updated", "Accessed") and dates later than
    ``not_after`` (the ingestion time) are never used.
    """
    head = text[: rules.date_search_chars]
    labelled: list[DateMatch] = []
    unlabelled: list[DateMatch] = []
    for match in find_dates(head, month_names=month_names):
        if _as_utc_midnight(match.value) > not_after:
            continue
        label, line = _line_of(text, match)
        if any(label.startswith(word) for word in rules.non_publication_labels):
            continue
        if any(label.endswith(word) for word in rules.published_labels):
            labelled.append(match)
        elif len(line) <= MAX_DATELINE_CHARS:
            unlabelled.append(match)
    for kind, matches in (("labelled publication date", labelled), ("date near the top", unlabelled)):
        if matches:
            first = matches[0]
            return PublicationDate(
                _as_utc_midnight(first.value),
                f"{kind} '{first.surface}' at characters {first.start}-{first.end}",
            )
    if own_address is not None:
        for match in find_url_dates(own_address.url):
            if _as_utc_midnight(match.value) <= not_after:
                return PublicationDate(
                    _as_utc_midnight(match.value),
                    f"date '{match.surface}' in the article's own address {own_address.url} "
                    f"(characters {own_address.char_start}-{own_address.char_end})",
                )
    return None
