"""The data-folder lock: exclusive across processes, re-entrant within one, released when its holder dies."""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from triangulate.run_lock import (
    DataFolderBusyError,
    WarehouseLockedError,
    ensure_warehouse_free,
    hold_data_folder,
    lock_path,
    read_holder,
)

HOLDER = """
import sys, time
from pathlib import Path
from triangulate.run_lock import hold_data_folder

with hold_data_folder(Path(sys.argv[1]), run_id="run-held-elsewhere", timeout=0):
    print("held", flush=True)
    time.sleep(120)
"""


@pytest.fixture
def held_elsewhere(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding ``tmp_path/data``."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path / "data")], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "held"
    yield process
    process.kill()
    process.wait()


def test_a_busy_folder_names_its_holder_waits_asleep_and_gives_up(
    tmp_path: Path, held_elsewhere: subprocess.Popen[str]
) -> None:
    folder = tmp_path / "data"
    holder = read_holder(folder)
    assert holder is not None and holder.pid == held_elsewhere.pid and holder.run_id == "run-held-elsewhere"
    announced: list[str] = []
    cpu_before = time.process_time()
    with (
        pytest.raises(DataFolderBusyError) as raised,
        hold_data_folder(folder, run_id="mine", timeout=1.5, on_wait=announced.append, poll=0.1),
    ):
        pytest.fail("the folder was taken while another process held it")
    cpu_spent = time.process_time() - cpu_before
    assert cpu_spent < 0.5  # it slept between attempts instead of spinning for 1.5 s
    message = str(raised.value)
    assert f"pid {held_elsewhere.pid} (run run-held-elsewhere)" in message and str(folder) in message
    assert "TRIANGULATE_LOCK_TIMEOUT" in message
    assert len(announced) == 1 and f"pid {held_elsewhere.pid}" in announced[0]


def test_a_killed_holder_releases_the_folder(tmp_path: Path, held_elsewhere: subprocess.Popen[str]) -> None:
    os.kill(held_elsewhere.pid, signal.SIGKILL)
    held_elsewhere.wait()
    with hold_data_folder(tmp_path / "data", run_id="next", timeout=0):
        holder = read_holder(tmp_path / "data")
        assert holder is not None and holder.pid == os.getpid() and holder.run_id == "next"


def test_the_lock_is_reentrant_within_a_process_and_forgets_its_holder_when_released(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with hold_data_folder(folder, run_id="outer", timeout=0), hold_data_folder(folder, run_id="inner", timeout=0):
        holder = read_holder(folder)
        assert holder is not None and holder.run_id == "outer"
        assert "since" in lock_path(folder).read_text() and holder.command
    assert read_holder(folder) is None and lock_path(folder).read_text() == ""
    with hold_data_folder(folder, run_id="again", timeout=0):
        pass


def test_a_warehouse_held_by_another_program_fails_at_once_naming_its_pid(tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    ensure_warehouse_free(warehouse)  # free: opened and closed
    script = "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('open', flush=True); time.sleep(120)"
    other = subprocess.Popen([sys.executable, "-c", script, str(warehouse)], stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "open"
        with pytest.raises(WarehouseLockedError) as raised:
            ensure_warehouse_free(warehouse)
    finally:
        other.kill()
        other.wait()
    assert raised.value.pid == other.pid
    assert str(raised.value).startswith(f"Warehouse {warehouse} is locked by PID {other.pid} (")
    assert isinstance(raised.value.__cause__, duckdb.IOException)
