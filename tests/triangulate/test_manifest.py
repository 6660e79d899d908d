"""Manifest reading: CSV and JSONL, any subset of columns, problems reported per row."""

from datetime import UTC, datetime

import pytest

from triangulate.manifest import Manifest, parse_timestamp, read_manifest
from triangulate.reference import load_month_names

MONTHS = load_month_names()


def test_jsonl_rows_and_problems() -> None:
    manifest = (
        '{"file": "a.txt", "published_at": "27 August 2025", "language": "EN"}\n'
        "\n"
        "{not json}\n"
        '["a list"]\n'
        '{"path": "../outside.txt"}\n'
        '{"path": "a.txt", "title": "again"}\n'
        '{"path": "c.txt", "url": "ftp://x", "language": "english please"}\n'
    )
    result = read_manifest([("manifest.jsonl", manifest.encode())], month_names=MONTHS)
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


def test_csv_without_path_column() -> None:
    result = read_manifest([("manifest.csv", b"url,title\nhttps://example.com,Title\n")], month_names=MONTHS)
    assert result.entries == {}
    assert "no file path" in result.problems[0].detail


def _problems(manifest: Manifest) -> dict[str, str]:
    return {problem.row_label: problem.detail for problem in manifest.problems}


def test_every_physical_csv_row_is_accounted_for() -> None:
    manifest = (
        b"path,outlet,title\n"
        b'a.txt,Reuters,"Chips, again"\n'
        b'b.txt,AP,"Unterminated title\n'
        b"c.txt,AFP,Third story\n"
        b"d.txt,BBC,Too,many,fields\n"
        b"e.txt,Bloomberg\n"
        b"\n"
        b'f.txt,"Le Monde"x,Last word\n'
        b"g.txt,Nikkei,Good row\r\n"
    )
    result = read_manifest([("manifest.csv", manifest)], month_names=MONTHS)
    assert sorted(result.entries) == ["a.txt", "c.txt", "g.txt"]
    assert result.entries["a.txt"].title == "Chips, again"
    assert result.entries["c.txt"].title == "Third story"
    assert result.entries["c.txt"].row_label == "manifest.csv:4"
    assert result.entries["g.txt"].row_label == "manifest.csv:9"
    problems = _problems(result)
    assert sorted(problems) == ["manifest.csv:3", "manifest.csv:5", "manifest.csv:6", "manifest.csv:8"]
    assert problems["manifest.csv:3"].startswith("unterminated quote")
    assert problems["manifest.csv:5"].startswith("5 fields, more than the 3 columns of the header")
    assert problems["manifest.csv:6"].startswith("2 fields, fewer than the 3 columns of the header")
    assert problems["manifest.csv:8"].startswith("malformed CSV")
    assert all(detail.endswith("the row is not used") for detail in problems.values())


def test_malformed_csv_header_is_reported_once() -> None:
    result = read_manifest([("manifest.csv", b'path,"title\na.txt,x\n')], month_names=MONTHS)
    assert result.entries == {}
    assert list(_problems(result)) == ["manifest.csv:1"]


def test_bad_jsonl_line_keeps_its_neighbours() -> None:
    manifest = b'{"path": "a.txt", "title": "First"}\n{"path": "b.txt", "title": "unclosed\n{"path": "c.txt"}\n'
    result = read_manifest([("manifest.jsonl", manifest)], month_names=MONTHS)
    assert sorted(result.entries) == ["a.txt", "c.txt"]
    assert list(_problems(result)) == ["manifest.jsonl:2"]
    assert _problems(result)["manifest.jsonl:2"].startswith("not valid JSON")


def test_manifest_that_is_not_utf8_is_one_problem() -> None:
    result = read_manifest([("manifest.csv", "path,title\na.txt,Café\n".encode("cp1252"))], month_names=MONTHS)
    assert result.entries == {}
    assert list(_problems(result)) == ["manifest.csv"]


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
