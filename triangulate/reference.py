"""Load the curated reference data analysts maintain under ``reference/``.

Only loading and light validation belong here; the code that uses the data lives with its domain
(dates, page metadata). The default folder is the project's ``reference/``; every loader takes the
folder explicitly so tests and users can point at their own copy.
"""

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

DEFAULT_REFERENCE_DIR = Path(__file__).resolve().parent.parent / "reference"


class ReferenceDataError(ValueError):
    """A reference file is missing, malformed or inconsistent."""


def load_yaml_file(path: Path) -> Any:
    """Parse one YAML reference file, raising ReferenceDataError when it is missing or malformed."""
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except (OSError, yaml.YAMLError) as error:
        raise ReferenceDataError(f"cannot read reference file {path}: {error}") from error


def load_month_names(reference_dir: Path = DEFAULT_REFERENCE_DIR) -> dict[str, int]:
    """Return every month spelling in ``months.yaml`` (lower-case) mapped to its month number."""
    data = load_yaml_file(reference_dir / "months.yaml")
    names: dict[str, int] = {}
    for language, months in data.items():
        for number, spellings in months.items():
            if not 1 <= int(number) <= 12:
                raise ReferenceDataError(f"months.yaml: {language} has month number {number}")
            for spelling in spellings:
                key = str(spelling).lower()
                if names.get(key, int(number)) != int(number):
                    raise ReferenceDataError(f"months.yaml: '{key}' names two different months")
                names[key] = int(number)
    return names


def load_word_list(name: str, reference_dir: Path = DEFAULT_REFERENCE_DIR) -> frozenset[str]:
    """Return the lower-case entries of a one-word-per-line file (``#`` comments and blanks ignored)."""
    path = reference_dir / name
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise ReferenceDataError(f"cannot read reference file {path}: {error}") from error
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def _compile_all(patterns: list[str], source: str) -> list[re.Pattern[str]]:
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(rf"(?:{pattern})", re.IGNORECASE))
        except re.error as error:
            raise ReferenceDataError(f"{source}: bad pattern {pattern!r}: {error}") from error
    return compiled


def load_widget_line_patterns(reference_dir: Path = DEFAULT_REFERENCE_DIR) -> list[re.Pattern[str]]:
    """Return the compiled ``widget_lines`` patterns of ``page_lines.yaml`` (whole-line, case-insensitive)."""
    data = load_yaml_file(reference_dir / "page_lines.yaml")
    return _compile_all([str(p) for p in data["widget_lines"]], "page_lines.yaml")


@dataclass(frozen=True)
class PageMetadataRules:
    """How articles state their own address and publication date (from ``page_metadata.yaml``)."""

    own_address_labels: tuple[str, ...]
    published_labels: tuple[str, ...]
    non_publication_labels: tuple[str, ...]
    date_search_chars: int


def load_page_metadata_rules(reference_dir: Path = DEFAULT_REFERENCE_DIR) -> PageMetadataRules:
    """Return the rules of ``page_metadata.yaml``."""
    data = load_yaml_file(reference_dir / "page_metadata.yaml")
    return PageMetadataRules(
        own_address_labels=tuple(str(label).lower() for label in data["own_address_labels"]),
        published_labels=tuple(str(label).lower() for label in data["published_labels"]),
        non_publication_labels=tuple(str(label).lower() for label in data["non_publication_labels"]),
        date_search_chars=int(data["date_search_chars"]),
    )


def load_outlets(reference_dir: Path = DEFAULT_REFERENCE_DIR) -> dict[str, str]:
    """Return ``outlets.csv`` as a mapping of lower-case domain to outlet name."""
    path = reference_dir / "outlets.csv"
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as error:
        raise ReferenceDataError(f"cannot read reference file {path}: {error}") from error
    outlets: dict[str, str] = {}
    for row in rows:
        domain = (row.get("domain") or "").strip().lower()
        name = (row.get("outlet") or "").strip()
        if not domain or not name:
            raise ReferenceDataError(f"outlets.csv: row without domain or outlet: {row}")
        if domain in outlets:
            raise ReferenceDataError(f"outlets.csv: domain {domain} listed twice")
        outlets[domain] = name
    return outlets
