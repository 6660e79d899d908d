"""Manifest reading: CSV and JSONL, any subset of columns, problems reported per row."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from triangulate.manifest import parse_timestamp, read_manifest
from triangulate.reference import load_month_names

MONTHS = load_month_names()


def test_jsonl_rows_and_problems(tmp_path: Path) -> None:
    manifest = tmp_path / "manifest.jsonl"
    manifest.write_text(
        '{"file": "a.txt", "published_at": "27 August 2025", "language": "EN"}\n'
        "\n"
        "{not json}\n"
        '["a list"]\n'
        '{"path": "../outside.txt"}\n'
        '{"path": "a.txt", "title": "again"}\n'
        '{"path": "c.txt", "url": "ftp://x", "language": "english please"}\n',
        encoding="utf-8",
    )
    result = read_manifest([manifest], month_names=MONTHS)
    assert result.entries["a.txt"].published_at == datetime(2025, 8, 27, tzinfo=UTC)
    assert result.entries["a.txt"].language == "en"
    assert result.entries["c.txt"].url is None
    assert result.entries["c.txt"].language is None
    labels = [problem.row_label for problem in result.problems]
    assert labels == [
        "manifest.jsonl:3",
        "manifest.jsonl:4",
        "manifest.jsonl:5",
        "manifest.jsonl:6",
        "manifest.jsonl:7",
        "manifest.jsonl:7",
    ]


def test_csv_without_path_column(tmp_path: Path) -> None:
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("url,title\nhttps://example.com,Title\n", encoding="utf-8")
    result = read_manifest([manifest], month_names=MONTHS)
    assert result.entries == {}
    assert "no file path" in result.problems[0].detail


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-08-27", datetime(2025, 8, 27, tzinfo=UTC)),
        ("2025-08-27T10:00:00", datetime(2025, 8, 27, 10, tzinfo=UTC)),
        ("2025-08-27T10:00:00+02:00", datetime(2025, 8, 27, 8, tzinfo=UTC)),
        ("2025-08-27T10:00:00Z", datetime(2025, 8, 27, 10, tzinfo=UTC)),
        ("August 27, 2025", datetime(2025, 8, 27, tzinfo=UTC)),
        ("yesterday", None),
        ("27/08/2025", None),
        ("August 27, 2025 or so", None),
    ],
)
def test_parse_timestamp(value: str, expected: datetime | None) -> None:
    assert parse_timestamp(value, month_names=MONTHS) == expected
