"""Read the optional inbox manifest: per-file url, outlet, published_at, language and title.

A manifest is ``manifest.csv`` (with a header row) or ``manifest.jsonl`` (one JSON object per line) at
the root of the inbox. Each row names a file by its path relative to the inbox (column ``path``,
``file``, ``filename`` or ``source_path``) and may give any subset of the metadata columns; other columns
are ignored. A bad row never invalidates the others: it is reported as a problem (and the good fields of
that row are still used), so the caller can quarantine it with its reason.

Every physical line is accounted for: a CSV row is one line, parsed on its own, so a malformed row (an
unterminated quote, more or fewer fields than the header) is reported with its line number and what is
wrong, is not used, and never swallows the next line. A JSONL line that is not a JSON object is reported
the same way.
"""

import csv
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import Any

from triangulate.dates import find_dates

MANIFEST_NAMES = ("manifest.csv", "manifest.jsonl")
PATH_COLUMNS = ("path", "file", "filename", "source_path")
_LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{2,8})*", re.IGNORECASE)
_URL = re.compile(r"https?://[^\s/$.?#][^\s]*", re.IGNORECASE)


@dataclass(frozen=True)
class ManifestEntry:
    """The metadata a manifest gives for one file (``None`` where it gives nothing usable)."""

    path: str
    row_label: str
    url: str | None = None
    outlet: str | None = None
    published_at: datetime | None = None
    language: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class ManifestProblem:
    """A manifest row (``manifest.csv:3``) or whole manifest that could not be used as given."""

    row_label: str
    detail: str


@dataclass(frozen=True)
class Manifest:
    """Usable entries by relative path, and the problems met while reading."""

    entries: dict[str, ManifestEntry]
    problems: list[ManifestProblem]


def parse_timestamp(value: str, *, month_names: Mapping[str, int]) -> datetime | None:
    """Parse an ISO 8601 date/time or a written full date; naive values are taken as UTC."""
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        matches = find_dates(text, month_names=month_names)
        if len(matches) != 1 or matches[0].surface.strip() != text:
            return None
        day = matches[0].value
        return datetime(day.year, day.month, day.day, tzinfo=UTC)
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _csv_fields(line: str) -> list[str] | str:
    """Return the fields of one CSV line, or what is wrong with it."""
    try:
        return next(csv.reader([line], strict=True))
    except csv.Error as error:
        if line.count('"') % 2:
            return "unterminated quote: a quoted field does not end on its line"
        return f"malformed CSV ({error})"


def _csv_rows(name: str, lines: list[str]) -> Iterator[tuple[str, dict[str, Any] | str]]:
    numbered = [(number, line) for number, line in enumerate(lines, start=1) if line.strip()]
    if not numbered:
        return
    (header_number, header_line), rows = numbered[0], numbered[1:]
    header = _csv_fields(header_line)
    if isinstance(header, str):
        yield f"{name}:{header_number}", f"header row: {header}; no row of this manifest is used"
        return
    columns = [column.strip().lower() for column in header]
    for number, line in rows:
        label = f"{name}:{number}"
        fields = _csv_fields(line)
        if isinstance(fields, str):
            yield label, f"{fields}; the row is not used"
        elif len(fields) != len(columns):
            more_or_fewer = "more" if len(fields) > len(columns) else "fewer"
            detail = f"{len(fields)} fields, {more_or_fewer} than the {len(columns)} columns of the header"
            yield label, f"{detail}; the row is not used"
        else:
            yield label, {column: value for column, value in zip(columns, fields, strict=True) if column}


def _jsonl_rows(name: str, lines: list[str]) -> Iterator[tuple[str, dict[str, Any] | str]]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        label = f"{name}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            yield label, f"not valid JSON: {error}"
            continue
        if isinstance(row, dict):
            yield label, {str(k).strip().lower(): v for k, v in row.items()}
        else:
            yield label, "not a JSON object"


def _rows(name: str, data: bytes) -> Iterator[tuple[str, dict[str, Any] | str]]:
    """Yield (row label, row dict) or (row label, error detail) for each non-blank line after a CSV header."""
    lines = _LINE_BREAK.split(data.decode("utf-8-sig"))
    yield from (_csv_rows if name.endswith(".csv") else _jsonl_rows)(name, lines)


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _entry(label: str, row: dict[str, Any], month_names: Mapping[str, int]) -> tuple[ManifestEntry | None, list[str]]:
    path = next((_clean(row.get(column)) for column in PATH_COLUMNS if _clean(row.get(column))), None)
    if path is None:
        return None, [f"no file path (expected one of the columns {', '.join(PATH_COLUMNS)})"]
    relative = PurePosixPath(path.replace("\\", "/"))
    if relative.is_absolute() or ".." in relative.parts:
        return None, [f"path {path!r} must be relative to the inbox and stay inside it"]
    details: list[str] = []
    url, published_raw, language = _clean(row.get("url")), _clean(row.get("published_at")), _clean(row.get("language"))
    if url is not None and not _URL.fullmatch(url):
        details.append(f"url {url!r} is not an http(s) URL")
        url = None
    published_at = None
    if published_raw is not None:
        published_at = parse_timestamp(published_raw, month_names=month_names)
        if published_at is None:
            details.append(f"published_at {published_raw!r} is not a date")
    if language is not None and not _LANGUAGE_TAG.fullmatch(language):
        details.append(f"language {language!r} is not a language tag such as 'en' or 'zh-Hans'")
        language = None
    entry = ManifestEntry(
        path=str(relative),
        row_label=label,
        url=url,
        outlet=_clean(row.get("outlet")),
        published_at=published_at,
        language=language.lower() if language else None,
        title=_clean(row.get("title")),
    )
    return entry, details


def read_manifest(sources: Sequence[tuple[str, bytes]], *, month_names: Mapping[str, int]) -> Manifest:
    """Read manifests, given as (file name, bytes), into entries keyed by relative path, collecting problems."""
    entries: dict[str, ManifestEntry] = {}
    problems: list[ManifestProblem] = []
    for name, data in sources:
        try:
            rows = list(_rows(name, data))
        except UnicodeDecodeError as error:
            problems.append(ManifestProblem(name, f"manifest is not UTF-8 text: {error}"))
            continue
        for label, row in rows:
            if isinstance(row, str):
                problems.append(ManifestProblem(label, row))
                continue
            entry, details = _entry(label, row, month_names)
            problems.extend(ManifestProblem(label, detail) for detail in details)
            if entry is None:
                continue
            if entry.path in entries:
                first = entries[entry.path].row_label
                problems.append(ManifestProblem(label, f"{entry.path} is already described by {first}"))
                continue
            entries[entry.path] = entry
    return Manifest(entries=entries, problems=problems)
