"""Configuration from environment variables, with the defaults a fresh clone runs on.

- TRIANGULATE_INBOX: folder of articles to ingest (default: samples/articles of this project).
- TRIANGULATE_DATA_DIR: where outputs go (default: data/ of this project).
- TRIANGULATE_MAX_FILE_BYTES: files larger than this are quarantined as too_large (default 20 MiB).
- TRIANGULATE_EXECUTOR: in_process (default; cheapest on small machines) or multiprocess.
- TRIANGULATE_KEEP_VERSIONS: published Parquet versions kept per table, at least 1 (default 3).
- TRIANGULATE_LOCK_TIMEOUT: seconds a run waits for another run to release the data folder before it
  gives up (default 900; 0 gives up at once).
Relative paths are taken relative to the current directory.
"""

import os
from dataclasses import dataclass
from pathlib import Path

from triangulate.inbox import DEFAULT_MAX_FILE_BYTES
from triangulate.publishing import DEFAULT_KEEP_VERSIONS
from triangulate.run_lock import DEFAULT_LOCK_TIMEOUT

PROJECT_ROOT = Path(__file__).resolve().parent.parent
EXECUTORS = ("in_process", "multiprocess")


@dataclass(frozen=True)
class Settings:
    """Resolved settings of one process."""

    inbox: Path
    data_dir: Path
    max_file_bytes: int
    executor: str
    keep_versions: int = DEFAULT_KEEP_VERSIONS
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT

    @property
    def warehouse_path(self) -> Path:
        """The pipeline's own DuckDB file (analysts never open it)."""
        return self.data_dir / "warehouse.duckdb"

    @property
    def parquet_dir(self) -> Path:
        """Folder of published Parquet files: one per table, and their recent versions under ``versions/``."""
        return self.data_dir / "parquet"

    @property
    def analytics_path(self) -> Path:
        """The views-only DuckDB file analysts open."""
        return self.data_dir / "analytics.duckdb"


def load_lock_timeout() -> float:
    """Return TRIANGULATE_LOCK_TIMEOUT in seconds; raise ValueError unless it is a number of at least 0."""
    raw = os.environ.get("TRIANGULATE_LOCK_TIMEOUT", str(DEFAULT_LOCK_TIMEOUT))
    try:
        seconds = float(raw)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < float("inf"):
        raise ValueError(f"TRIANGULATE_LOCK_TIMEOUT must be a number of seconds of at least 0, got {raw!r}")
    return seconds


def load_settings() -> Settings:
    """Read the settings from the environment; raise ValueError on a bad value."""
    executor = os.environ.get("TRIANGULATE_EXECUTOR", "in_process")
    if executor not in EXECUTORS:
        raise ValueError(f"TRIANGULATE_EXECUTOR must be one of {EXECUTORS}, got {executor!r}")
    raw_limit = os.environ.get("TRIANGULATE_MAX_FILE_BYTES", str(DEFAULT_MAX_FILE_BYTES))
    try:
        max_file_bytes = int(raw_limit)
    except ValueError as error:
        raise ValueError(f"TRIANGULATE_MAX_FILE_BYTES must be a whole number of bytes, got {raw_limit!r}") from error
    raw_keep = os.environ.get("TRIANGULATE_KEEP_VERSIONS", str(DEFAULT_KEEP_VERSIONS))
    if not raw_keep.isdecimal() or int(raw_keep) < 1:
        raise ValueError(f"TRIANGULATE_KEEP_VERSIONS must be a whole number of at least 1, got {raw_keep!r}")
    return Settings(
        inbox=Path(os.environ.get("TRIANGULATE_INBOX", PROJECT_ROOT / "samples" / "articles")).absolute(),
        data_dir=Path(os.environ.get("TRIANGULATE_DATA_DIR", PROJECT_ROOT / "data")).absolute(),
        max_file_bytes=max_file_bytes,
        executor=executor,
        keep_versions=int(raw_keep),
        lock_timeout=load_lock_timeout(),
    )
