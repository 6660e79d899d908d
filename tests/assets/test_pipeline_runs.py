"""The whole graph run in process on real files: documents, quarantine, versions, checks, publishing."""

import dataclasses
import hashlib
import shutil
from pathlib import Path

import dagster as dg
import pytest

from assets.publish import PUBLISHED_TABLES
from pipelines.settings import Settings
from tests.assets.job_runs import query_published as _query
from tests.assets.job_runs import run_job as _run

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "articles"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLES, inbox)
    return Settings(inbox=inbox, data_dir=tmp_path / "data", max_file_bytes=20 * 1024 * 1024, executor="in_process")


def test_sample_gives_five_documents_with_correct_hashes_and_passing_checks(settings: Settings) -> None:
    result = _run(settings)
    assert result.success
    evaluations = result.get_asset_check_evaluations()
    assert {e.check_name for e in evaluations} >= {
        "documents__schema",
        "documents__provenance",
        "inbox_files__accounted",
    }
    errors = [e.check_name for e in evaluations if not e.passed and e.severity == dg.AssetCheckSeverity.ERROR]
    assert errors == []
    rows = _query(settings, "SELECT source_path, content_sha256, byte_size FROM documents ORDER BY source_path")
    expected = [
        (path.name, hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_size)
        for path in sorted(SAMPLES.iterdir())
    ]
    assert rows == expected
    assert _query(settings, "SELECT count(*) FROM quarantine") == [(0,)]
    assert _query(settings, "SELECT DISTINCT language, language_source FROM documents") == [("en", "inferred")]
    assert _query(settings, "SELECT source_path FROM documents WHERE is_ai_generated") == [
        ("003_06d76c54f6749825.txt",)
    ]
    assert sorted(p.name for p in settings.parquet_dir.iterdir()) == sorted(
        [*(f"{view}.parquet" for view in PUBLISHED_TABLES), "versions"]
    )
    versions = settings.parquet_dir / "versions"
    assert sorted(p.name for p in versions.iterdir()) == sorted(PUBLISHED_TABLES)
    for view in PUBLISHED_TABLES:
        (version,) = (versions / view).iterdir()
        assert version.samefile(settings.parquet_dir / f"{view}.parquet")
    views = _query(settings, "SELECT view_name, comment FROM duckdb_views() WHERE NOT internal")
    assert {str(view): str(comment) for view, comment in views} == {
        view: str(next((versions / view).iterdir()).resolve()) for view in PUBLISHED_TABLES
    }
    assert _query(settings, "SELECT check_name, count(*) FROM text_quality_issues GROUP BY 1 ORDER BY 1") == [
        ("documents__ai_generated", 1),
        ("documents__mixed_sources", 1),
        ("passages__off_topic", 1),
    ]


def test_rerun_gives_identical_documents_from_a_new_version(settings: Settings) -> None:
    settings = dataclasses.replace(settings, keep_versions=1)
    versions = settings.parquet_dir / "versions" / "documents"
    assert _run(settings).success
    first = _query(settings, "SELECT * FROM documents ORDER BY doc_id")
    (first_version,) = versions.iterdir()
    assert _run(settings).success
    assert _query(settings, "SELECT * FROM documents ORDER BY doc_id") == first
    (second_version,) = versions.iterdir()  # keep_versions=1: the previous version is deleted
    assert second_version.name > first_version.name
    assert second_version.samefile(settings.parquet_dir / "documents.parquet")


def test_changed_file_becomes_a_new_version_and_the_old_one_stays(settings: Settings) -> None:
    assert _run(settings).success
    target = sorted(settings.inbox.iterdir())[0]
    target.write_text(target.read_text(encoding="utf-8") + "\nA correction was appended.\n", encoding="utf-8")
    assert _run(settings).success
    rows = _query(
        settings,
        "SELECT is_current, count(*) FROM documents WHERE source_path = '" + target.name + "' GROUP BY 1 ORDER BY 1",
    )
    assert rows == [(False, 1), (True, 1)]
    assert _query(settings, "SELECT count(*) FILTER (is_current), count(*) FROM documents") == [(5, 6)]


def test_bad_inputs_are_quarantined_without_failing_the_run(settings: Settings) -> None:
    (settings.inbox / "empty.txt").write_bytes(b"")
    (settings.inbox / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    (settings.inbox / "manifest.csv").write_text("path,published_at\nnope.txt,2025-01-01\n", encoding="utf-8")
    result = _run(settings)
    assert result.success
    reasons = _query(settings, "SELECT source_path, reason FROM quarantine ORDER BY 1")
    assert reasons == [("empty.txt", "empty"), ("manifest.csv:2", "bad_manifest"), ("photo.jpg", "binary")]
    assert _query(settings, "SELECT outcome, count(*) FROM inbox_files GROUP BY 1 ORDER BY 1") == [
        ("document", 5),
        ("manifest", 1),
        ("quarantine", 2),
    ]


def test_hostile_document_cannot_break_the_preview(settings: Settings) -> None:
    hostile = "Title | with `pipes` <img src=x onerror=alert(1)>\n| --- |\nBody **text** <script>x</script>.\n"
    (settings.inbox / "zzz_hostile.txt").write_text(hostile, encoding="utf-8")
    result = _run(settings)
    assert result.success
    (materialization,) = [
        m for m in result.get_asset_materialization_events() if m.asset_key == dg.AssetKey(["raw", "documents"])
    ]
    preview = materialization.materialization.metadata["preview"].value
    assert isinstance(preview, str)
    assert "<img" not in preview and "<script>" not in preview
    assert "Title \\| with \\`pipes\\`" in preview
    header_cells = preview.splitlines()[0].count(" | ")
    assert all(line.count(" | ") - line.count("\\|") <= header_cells for line in preview.splitlines()[2:] if line)


def test_manifest_url_and_date_reach_the_text_layer(settings: Settings) -> None:
    first = sorted(p.name for p in settings.inbox.iterdir())[0]
    (settings.inbox / "manifest.csv").write_text(
        f"path,url,published_at\n{first},https://www.example.com/story,2025-08-27\n", encoding="utf-8"
    )
    assert _run(settings).success
    rows = _query(settings, "SELECT url, relation FROM source_links WHERE char_start IS NULL")
    assert rows == [("https://www.example.com/story", "original")]


def _metadata(result: dg.ExecuteInProcessResult, key: list[str], name: str) -> object:
    (event,) = [m for m in result.get_asset_materialization_events() if m.asset_key == dg.AssetKey(key)]
    return event.materialization.metadata[name].value


def test_sample_quantities_and_unresolved_relative_dates(settings: Settings) -> None:
    assert _run(settings).success
    figures = _query(settings, "SELECT surface, kind, value, value_low, value_high, unit, direction FROM quantities")
    assert ("3.9%", "percent", 3.9, None, None, "percent", "down") in figures
    assert ("US$3.7 billion", "money", 3.7e9, None, None, "USD", None) in figures
    assert ("tens of billions of dollars", "money", None, 1e10, 1e11, "USD", None) in figures
    assert [f for f in figures if str(f[0]).startswith(("H20", "H200", "[", "FP8"))] == []
    relative = _query(settings, "SELECT DISTINCT resolution FROM time_expressions WHERE surface = 'next year'")
    assert relative == [("unresolved",)]
    triple = _query(
        settings, "SELECT status FROM facts WHERE measure = 'production_target' AND subject_entity_id = 'china'"
    )
    assert triple == [("unresolved",)]
    implied = _query(settings, "SELECT round(value / 1e9, 1), consistent_reference_periods FROM implied_values")
    assert implied == [(30.8, ["2024-05/2024-07"])]
    off_topic = _query(settings, "SELECT count(*) FROM quality_issues WHERE check_name = 'passages__off_topic'")
    assert off_topic == [(1,)]


def test_manifest_date_resolves_relative_dates_and_reruns_skip_unchanged_documents(settings: Settings) -> None:
    names = sorted(p.name for p in settings.inbox.iterdir())
    rows = "".join(f"{name},2025-08-27\n" for name in names)
    (settings.inbox / "manifest.csv").write_text(f"path,published_at\n{rows}", encoding="utf-8")
    first = _run(settings)
    assert first.success
    assert _metadata(first, ["extracted", "quantities"], "documents_extracted") == 5
    resolved = _query(
        settings, "SELECT DISTINCT value, resolution, anchor FROM time_expressions WHERE surface = 'next year'"
    )
    assert [(value, resolution, str(anchor)) for value, resolution, anchor in resolved] == [
        ("2026", "relative_resolved", "2025-08-27")
    ]
    triple = _query(
        settings,
        "SELECT status, period, n_outlets FROM facts "
        "WHERE measure = 'production_target' AND subject_entity_id = 'china'",
    )
    assert triple == [("corroborated", None, 2)] or triple == [("corroborated", "2026", 2)]
    before = _query(settings, "SELECT * FROM time_expressions ORDER BY time_id")
    second = _run(settings)
    assert _metadata(second, ["extracted", "quantities"], "documents_extracted") == 0
    assert _metadata(second, ["extracted", "quantities"], "documents_unchanged") == 5
    assert _query(settings, "SELECT * FROM time_expressions ORDER BY time_id") == before


def test_sample_entities_attributions_quotes_and_claims(settings: Settings) -> None:
    assert _run(settings).success
    nvidia = _query(settings, "SELECT DISTINCT surface FROM entity_mentions WHERE entity_id = 'nvidia' ORDER BY 1")
    assert {"Nvidia", "Nvidia Corp", "NVIDIA"} <= {row[0] for row in nvidia}
    products = _query(settings, "SELECT DISTINCT entity_id FROM entity_mentions WHERE type = 'product' ORDER BY 1")
    assert {"nvidia_h20", "nvidia_h200"} <= {row[0] for row in products}
    sources = _query(settings, "SELECT surface, source_kind, source_name, url FROM attributions")
    kinds = {(str(surface).lower(), kind) for surface, kind, _, _ in sources}
    assert ("according to the financial times", "media") in kinds
    assert ("according to two sources", "anonymous") in kinds
    assert any("people familiar with the matter" in surface and kind == "anonymous" for surface, kind in kinds)
    markers = {surface: url for surface, kind, _, url in sources if kind == "reference"}
    assert set(markers) == {"[1]", "[2]"} and all(str(url).startswith("https://") for url in markers.values())
    assert _query(settings, "SELECT speaker_entity_id FROM quotes WHERE speaker_entity_id IS NOT NULL") == [
        ("jensen_huang",)
    ]
    off_topic_claims = _query(
        settings,
        "SELECT count(*) FROM claims c JOIN sentences s USING (sentence_id) "
        "JOIN passages p ON p.passage_id = s.passage_id WHERE p.is_off_topic OR p.kind <> 'body'",
    )
    assert off_topic_claims == [(0,)]
    measures = _query(
        settings, "SELECT measure, subject_entity_id, q.surface FROM claims JOIN quantities q USING (quantity_id)"
    )
    assert ("share_price_change", "nvidia", "3.9%") in measures
    assert ("revenue_share", "nvidia", "12%") in measures
    assert ("production_target", "china", "triple") in measures
