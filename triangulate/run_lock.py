"""Who may write a data folder: one run at a time, held by an OS lock that dies with its process.

A run holds ``fcntl.flock`` on ``<data folder>/.triangulate-run.lock`` for as long as it writes the
warehouse and publishes. The kernel releases the lock when the holding process ends, however it
ends (``kill -9`` included), so a dead run never blocks the next one. While holding it, the run
writes who it is into the file (pid, run id, since when, command line); a run that finds the folder
busy reads that to say what it waits for, sleeps between attempts (it never spins), and gives up
with ``DataFolderBusyError`` after its timeout.

The lock is re-entrant within one process: a run that already holds its folder (``python -m
pipelines.run``) passes straight through when a Dagster resource of the same run asks again.

DuckDB keeps its own lock on ``warehouse.duckdb``; another program holding it (a ``duckdb`` CLI
left open, say) is found at once by ``ensure_warehouse_free``, which names the file and the holder's
pid instead of retrying for minutes.
"""

import fcntl
import json
import os
import re
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

LOCK_NAME = ".triangulate-run.lock"
DEFAULT_LOCK_TIMEOUT = 900.0
POLL_SECONDS = 0.5
_DUCKDB_HOLDER = re.compile(r"Conflicting lock is held in (?P<program>.+?) \(PID (?P<pid>\d+)\)")


@dataclass(frozen=True)
class Holder:
    """The process that holds a data folder, as it wrote itself into the lock file."""

    pid: int
    run_id: str | None
    since: str
    command: str

    def describe(self) -> str:
        """Return e.g. ``pid 4242 (run 1f2e...), since 2025-08-27T09:30:00Z: python -m pipelines.run``."""
        run = f" (run {self.run_id})" if self.run_id else ""
        return f"pid {self.pid}{run}, since {self.since}: {self.command}"


class DataFolderBusyError(TimeoutError):
    """Another live process held the data folder for longer than this run was willing to wait."""

    def __init__(self, folder: Path, holder: Holder | None, waited: float) -> None:
        self.folder, self.holder, self.waited = folder, holder, waited
        who = holder.describe() if holder else "a process that has not written its details yet"
        super().__init__(
            f"Gave up after {waited:.0f} s: data folder {folder} is in use by {who}. "
            "Wait for that run to end (or stop it), or raise TRIANGULATE_LOCK_TIMEOUT."
        )


class WarehouseLockedError(RuntimeError):
    """Another process has the warehouse file open, so DuckDB refuses to open it for writing."""

    def __init__(self, path: Path, pid: int | None, program: str | None) -> None:
        self.path, self.pid, self.program = path, pid, program
        who = f"PID {pid} ({program})" if pid is not None else "another process"
        super().__init__(f"Warehouse {path} is locked by {who}; close that program and run again.")


@dataclass
class _Held:
    descriptor: int
    depth: int


_held: dict[Path, _Held] = {}
_registry = threading.Lock()


def lock_path(folder: Path) -> Path:
    """Return the lock file of a data folder."""
    return folder / LOCK_NAME


def read_holder(folder: Path) -> Holder | None:
    """Return who holds (or last held) ``folder`` according to its lock file; None when unknown."""
    try:
        fields = json.loads(lock_path(folder).read_text(encoding="utf-8"))
        return Holder(
            pid=int(fields["pid"]),
            run_id=fields.get("run_id"),
            since=str(fields["since"]),
            command=str(fields["command"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _try_lock(descriptor: int) -> bool:
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _write_holder(descriptor: int, run_id: str | None) -> None:
    details = {
        "pid": os.getpid(),
        "run_id": run_id,
        "since": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "command": " ".join(sys.argv) or sys.executable,
    }
    os.ftruncate(descriptor, 0)
    os.pwrite(descriptor, json.dumps(details).encode(), 0)


def _acquire(
    folder: Path, *, run_id: str | None, timeout: float, on_wait: Callable[[str], None] | None, poll: float
) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(lock_path(folder), os.O_RDWR | os.O_CREAT, 0o644)
    started = time.monotonic()
    announced: Holder | None = None
    try:
        while not _try_lock(descriptor):
            holder = read_holder(folder)
            waited = time.monotonic() - started
            if waited >= timeout:
                raise DataFolderBusyError(folder, holder, waited)
            if on_wait is not None and holder is not None and holder != announced:
                announced = holder
                on_wait(
                    f"Data folder {folder} is in use by {holder.describe()}; "
                    f"waiting up to {timeout:.0f} s (TRIANGULATE_LOCK_TIMEOUT)."
                )
            time.sleep(min(poll, max(timeout - waited, 0.0)))
        _write_holder(descriptor, run_id)
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


@contextmanager
def hold_data_folder(
    folder: Path,
    *,
    run_id: str | None,
    timeout: float = DEFAULT_LOCK_TIMEOUT,
    on_wait: Callable[[str], None] | None = None,
    poll: float = POLL_SECONDS,
) -> Iterator[None]:
    """Hold ``folder`` exclusively for the ``with`` block, waiting up to ``timeout`` seconds for it.

    ``on_wait`` receives one line naming the holder whenever the run starts waiting for a new one.
    Raise ``DataFolderBusyError`` when the folder stays held. Nested calls in one process share the lock.
    """
    key = folder.resolve()
    with _registry:
        held = _held.get(key)
        if held is not None:
            held.depth += 1
    if held is None:
        held = _Held(_acquire(folder, run_id=run_id, timeout=timeout, on_wait=on_wait, poll=poll), 1)
        with _registry:
            _held[key] = held
    try:
        yield
    finally:
        with _registry:
            held.depth -= 1
            released = held.depth == 0
            if released:
                del _held[key]
        if released:
            os.ftruncate(held.descriptor, 0)
            os.close(held.descriptor)


def pid_alive(pid: int) -> bool:
    """Return whether a process with this pid exists on this machine."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def ensure_warehouse_free(path: Path) -> None:
    """Open the warehouse once, without retrying; raise ``WarehouseLockedError`` when another process holds it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        duckdb.connect(str(path)).close()
    except duckdb.ConnectionException:
        return  # this process already has it open, with other settings: no other process can hold it
    except duckdb.IOException as error:
        found = _DUCKDB_HOLDER.search(str(error))
        if found is None and "lock" not in str(error).lower():
            raise
        pid = int(found["pid"]) if found else None
        raise WarehouseLockedError(path, pid, found["program"] if found else None) from error
