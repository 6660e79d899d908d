"""The inbox sensor requests one run per distinct inbox state; settings come from the environment."""

from pathlib import Path

import dagster as dg
import pytest

from pipelines.jobs import inbox_sensor
from pipelines.settings import load_settings


def _evaluate(cursor: str | None) -> dg.SensorResult | dg.SkipReason:
    result = inbox_sensor(dg.build_sensor_context(cursor=cursor))
    assert isinstance(result, dg.SensorResult | dg.SkipReason)
    return result


def test_sensor_requests_a_run_only_when_files_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRIANGULATE_INBOX", str(tmp_path))
    (tmp_path / "a.txt").write_text("Story\nBody.\n", encoding="utf-8")
    first = _evaluate(None)
    assert isinstance(first, dg.SensorResult)
    (request,) = first.run_requests or []
    assert first.cursor and request.run_key == f"inbox-{first.cursor[:16]}"
    assert isinstance(_evaluate(first.cursor), dg.SkipReason)
    (tmp_path / "b.txt").write_text("Another\nBody.\n", encoding="utf-8")
    second = _evaluate(first.cursor)
    assert isinstance(second, dg.SensorResult)
    assert second.cursor != first.cursor


def test_sensor_skips_with_reason_when_inbox_is_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRIANGULATE_INBOX", str(tmp_path / "absent"))
    skipped = _evaluate(None)
    assert isinstance(skipped, dg.SkipReason)
    assert "does not exist" in (skipped.skip_message or "")


def test_settings_defaults_and_errors(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in (
        "TRIANGULATE_INBOX",
        "TRIANGULATE_DATA_DIR",
        "TRIANGULATE_MAX_FILE_BYTES",
        "TRIANGULATE_EXECUTOR",
        "TRIANGULATE_KEEP_VERSIONS",
    ):
        monkeypatch.delenv(name, raising=False)
    settings = load_settings()
    assert settings.inbox.parts[-2:] == ("samples", "articles")
    assert settings.data_dir.name == "data"
    assert settings.max_file_bytes == 20 * 1024 * 1024
    assert settings.executor == "in_process"
    assert settings.keep_versions == 3
    for bad in ("0", "two", "-1"):
        monkeypatch.setenv("TRIANGULATE_KEEP_VERSIONS", bad)
        with pytest.raises(ValueError, match="TRIANGULATE_KEEP_VERSIONS"):
            load_settings()
    monkeypatch.setenv("TRIANGULATE_KEEP_VERSIONS", "5")
    assert load_settings().keep_versions == 5
    monkeypatch.setenv("TRIANGULATE_DATA_DIR", str(tmp_path))
    assert load_settings().analytics_path == tmp_path / "analytics.duckdb"
    monkeypatch.setenv("TRIANGULATE_MAX_FILE_BYTES", "lots")
    with pytest.raises(ValueError, match="TRIANGULATE_MAX_FILE_BYTES"):
        load_settings()
    monkeypatch.setenv("TRIANGULATE_MAX_FILE_BYTES", "10")
    monkeypatch.setenv("TRIANGULATE_EXECUTOR", "threads")
    with pytest.raises(ValueError, match="TRIANGULATE_EXECUTOR"):
        load_settings()
