"""Read the optional inbox manifest: per-file url, outlet, published_at, language and title.

A manifest is ``manifest.csv`` (with a header row) or ``manifest.jsonl`` (one JSON object per line) at
the root of the inbox. Each row names a file by its path relative to the inbox (column ``path``,
``file``, ``filename`` or ``source_path``) and may give any subset of the metadata columns; other columns
are ignored. A bad row never invalidates the others: it is reported as a problem (and the good fields of
that row are still used), so the caller can quarantine it with its reason.
"""

import csv
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
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


def _rows(path: Path) -> Iterator[tuple[str, dict[str, Any] | str]]:
    """Yield (row label, row dict) or (row label, error detail) for each data row of a manifest."""
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            for row in reader:
                yield f"{path.name}:{reader.line_num}", {k.strip().lower(): v for k, v in row.items() if k}
        return
    with path.open(encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            label = f"{path.name}:{number}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                yield label, f"not valid JSON: {error}"
                continue
            if isinstance(row, dict):
                yield label, {str(k).strip().lower(): v for k, v in row.items()}
            else:
                yield label, "not a JSON object"


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


def read_manifest(paths: list[Path], *, month_names: Mapping[str, int]) -> Manifest:
    """Read the given manifest files into entries keyed by relative path, collecting problems."""
    entries: dict[str, ManifestEntry] = {}
    problems: list[ManifestProblem] = []
    for path in paths:
        try:
            rows = list(_rows(path))
        except (OSError, UnicodeDecodeError, csv.Error) as error:
            problems.append(ManifestProblem(path.name, f"manifest cannot be read: {error}"))
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
