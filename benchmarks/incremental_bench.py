"""One new article into a 10,000-article corpus, through Dagster; reconciliation at 10,000 and 100,000 articles.

Run ``python -m benchmarks.incremental_bench [N]`` (default 10,000). It writes N generated articles
(see ``benchmarks.extraction_bench.corpus``; a headline line, then six to ten paragraphs) into
``benchmarks/.work/incremental/inbox`` and runs the whole job in process, as ``make run`` does:

1. the full run on N articles;
2. one new article added, and the job run again: wall time, per-step time, and how many documents
   extraction skipped as unchanged (its ledger keys documents by content and extractor version);
3. reconciliation alone at ten times the size: every row of the documents, claims and the tables
   claims join to is copied nine times under new ids (same outlets, same texts: ten-way syndication,
   the hardest case for near-duplicate grouping), then only the reconciled assets are materialised.

Times are wall-clock seconds including Dagster's own work; peak RSS is the process's. Results go to
stdout and ``benchmarks/results/incremental.md``.
"""

import resource
import shutil
import sys
import time
from pathlib import Path

import dagster as dg
import duckdb

from benchmarks.extraction_bench import corpus
from benchmarks.reporting import publish
from pipelines.definitions import build_defs
from pipelines.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "benchmarks" / ".work" / "incremental"
COPIES = 10
SCALED_TABLES = (
    "raw.documents",
    "extracted.claims",
    "extracted.quantities",
    "extracted.time_expressions",
    "extracted.attributions",
    "text.quality_issues",
)
NEW_ARTICLE = (
    "Chipmaker opens second plant as output target rises\n"
    "The company said on Tuesday it would double output at its new plant by 2027, investing $2 billion.\n"
    "Shares rose 4% after the announcement, according to Reuters.\n"
)


def write_inbox(inbox: Path, size: int) -> None:
    """Write ``size`` generated articles, each with a headline line made of its first words."""
    inbox.mkdir(parents=True)
    for document in corpus(size):
        headline = " ".join(document.text.split()[:8]).rstrip(".,;:")
        (inbox / f"{document.doc_id}.txt").write_text(f"{headline}\n{document.text}\n", encoding="utf-8")


def step_seconds(result: dg.ExecuteInProcessResult) -> dict[str, float]:
    """Seconds each step of a run took, as Dagster recorded them."""
    seconds: dict[str, float] = {}
    for event in result.all_events:
        duration_ms = getattr(event.event_specific_data, "duration_ms", None)
        if event.event_type == dg.DagsterEventType.STEP_SUCCESS and duration_ms is not None:
            seconds[str(event.step_key)] = float(duration_ms) / 1000
    return seconds


def run(settings: Settings, selection: list[dg.AssetKey] | None = None) -> tuple[float, dg.ExecuteInProcessResult]:
    """Run the job (or only ``selection``) in process; wall seconds and the result."""
    definitions = build_defs(settings)
    started = time.perf_counter()
    if selection is None:
        result = definitions.resolve_job_def("triangulate_job").execute_in_process(
            instance=dg.DagsterInstance.ephemeral(), raise_on_error=True
        )
    else:
        result = definitions.resolve_implicit_global_asset_job_def().execute_in_process(
            instance=dg.DagsterInstance.ephemeral(), asset_selection=selection, raise_on_error=False
        )
    return time.perf_counter() - started, result


def scale_warehouse(path: Path, copies: int) -> None:
    """Copy every row of ``SCALED_TABLES`` ``copies - 1`` times under new ids of the same form.

    An id's 16 hex digits are replaced by a hash of the id and the copy number, so every copy keeps
    its references to the other tables and passes the id checks.
    """
    with duckdb.connect(str(path)) as connection:
        for table in SCALED_TABLES:
            columns = connection.execute(f"SELECT * FROM {table} LIMIT 0").description
            connection.execute(f"CREATE TEMP TABLE originals AS SELECT * FROM {table}")
            for copy in range(1, copies):
                select = ", ".join(
                    f"regexp_replace({name}, '[0-9a-f]{{16}}$', '') || substr(md5({name} || '{copy}'), 1, 16)"
                    if name.endswith("_id") and str(kind) == "VARCHAR"
                    else name
                    for name, kind, *_ in columns
                )
                connection.execute(f"INSERT INTO {table} SELECT {select} FROM originals")
            connection.execute("DROP TABLE originals")


def extraction_counts(result: dg.ExecuteInProcessResult) -> str:
    """The extraction step's documents extracted and unchanged, from its materialisation metadata."""
    for event in result.get_asset_materialization_events():
        metadata = event.materialization.metadata
        if "documents_unchanged" in metadata:
            extracted = metadata.get("documents_extracted")
            extracted_value = getattr(extracted, "value", "?")
            return f"{extracted_value} extracted, {metadata['documents_unchanged'].value} unchanged"
    return "no extraction metadata"


def main() -> None:
    """Run the three measurements and report."""
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    shutil.rmtree(WORK, ignore_errors=True)
    inbox = WORK / "inbox"
    write_inbox(inbox, size)
    settings = Settings(inbox=inbox, data_dir=WORK / "data", max_file_bytes=20 * 1024 * 1024, executor="in_process")
    full_seconds, full = run(settings)
    (inbox / "zz_new_article.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    incremental_seconds, incremental = run(settings)
    full_steps, incremental_steps = step_seconds(full), step_seconds(incremental)
    reconciled = [dg.AssetKey(["reconciled", name]) for name in ("document_groups", "facts", "implied_values")]
    reconciled += [dg.AssetKey(["reconciled", "quality_issues"])]
    scale_warehouse(settings.warehouse_path, COPIES)
    scaled_seconds, scaled = run(settings, reconciled)
    scaled_step = sum(seconds for step, seconds in step_seconds(scaled).items() if "reconciled" in step)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines = [
        f"Full run on {size:,} articles: {full_seconds:.0f} s. One new article added, run again: "
        f"{incremental_seconds:.0f} s ({extraction_counts(incremental)}). Reconciled assets alone at "
        f"{size * COPIES:,} articles: {scaled_seconds:.0f} s wall, {scaled_step:.0f} s in the step. "
        f"Peak RSS {peak:,.0f} MiB.",
        "",
        "| step | full run s | after one new article s |",
        "| --- | ---: | ---: |",
    ]
    for step in sorted(full_steps, key=lambda s: -full_steps[s]):
        lines.append(f"| {step} | {full_steps[step]:.1f} | {incremental_steps.get(step, 0.0):.1f} |")
    lines += ["", f"Command: `.venv/bin/python -m benchmarks.incremental_bench {size}`.", ""]
    report = "\n".join(lines)
    publish("incremental", report)


if __name__ == "__main__":
    main()
