"""The real Dagster UI (``dagster dev``) serves the code location; a run launched over GraphQL succeeds."""

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
import requests
from dagster_graphql import DagsterGraphQLClient, DagsterGraphQLClientError

from tests.integration.processes import ROOT, free_port, session_members, stop_session

pytestmark = pytest.mark.integration
STARTUP_SECONDS = 180
RUN_SECONDS = 300

ASSETS_QUERY = """
{
  assetNodes { assetKey { path } assetChecksOrError { ... on AssetChecks { checks { name } } } }
  repositoriesOrError {
    ... on RepositoryConnection {
      nodes {
        name
        location { name }
        schedules { name scheduleState { status } }
        sensors { name sensorState { status } }
      }
    }
  }
}
"""


def _graphql(port: int, query: str) -> dict[str, Any]:
    response = requests.post(f"http://127.0.0.1:{port}/graphql", json={"query": query}, timeout=30)
    response.raise_for_status()
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body.get("errors")
    return body["data"]  # type: ignore[no-any-return]


def _wait_for_code_location(port: int, process: subprocess.Popen[bytes]) -> dict[str, Any]:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        assert process.poll() is None, "dagster dev exited during start-up"
        try:
            data = _graphql(port, ASSETS_QUERY)
        except (requests.RequestException, AssertionError):
            time.sleep(1)
            continue
        if data["assetNodes"]:
            return data
        time.sleep(1)
    raise AssertionError(f"code location not loaded within {STARTUP_SECONDS} s")


@pytest.fixture
def ui_server(tmp_path: Path, sample_inbox: Path) -> Iterator[tuple[int, Path, subprocess.Popen[bytes]]]:
    """Start ``dagster dev`` on a free port with its own DAGSTER_HOME, inbox and data folder."""
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(ROOT / "pipelines" / "instance" / "dagster.yaml", home / "dagster.yaml")
    data_dir = tmp_path / "data"
    port = free_port()
    env = {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "TRIANGULATE_INBOX": str(sample_inbox),
        "TRIANGULATE_DATA_DIR": str(data_dir),
    }
    command = [
        str(ROOT / ".venv" / "bin" / "dagster"),
        "dev",
        "-w",
        "workspace.yaml",
        "-h",
        "127.0.0.1",
        "-p",
        str(port),
    ]
    log = (tmp_path / "dagster-dev.log").open("wb")
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        yield port, data_dir, process
    finally:
        survivors = stop_session(process)
        log.close()
        assert not survivors, f"processes left running: {survivors}"


def test_ui_serves_definitions_and_runs_the_job(ui_server: tuple[int, Path, subprocess.Popen[bytes]]) -> None:
    port, data_dir, process = ui_server
    data = _wait_for_code_location(port, process)
    keys = {"/".join(node["assetKey"]["path"]) for node in data["assetNodes"]}
    assert {
        "raw/documents",
        "raw/quarantine",
        "raw/inbox_files",
        "raw/document_bytes",
        "publish/analytics_duckdb",
    } <= keys
    checks = {check["name"] for node in data["assetNodes"] for check in node["assetChecksOrError"]["checks"]}
    assert {"documents__schema", "quarantine__schema", "inbox_files__accounted", "documents__provenance"} <= checks
    (repository,) = data["repositoriesOrError"]["nodes"]
    assert {s["name"]: s["scheduleState"]["status"] for s in repository["schedules"]} == {
        "triangulate_daily": "STOPPED"
    }
    assert {s["name"]: s["sensorState"]["status"] for s in repository["sensors"]} == {"inbox_sensor": "STOPPED"}
    assert len(session_members(process.pid)) >= 3  # webserver, daemon and code server were started

    client = DagsterGraphQLClient("127.0.0.1", port_number=port)
    run_id = client.submit_job_execution(
        "triangulate_job", repository_location_name=repository["location"]["name"], repository_name=repository["name"]
    )
    deadline = time.monotonic() + RUN_SECONDS
    status = None
    while time.monotonic() < deadline:
        try:
            status = client.get_run_status(run_id).value
        except DagsterGraphQLClientError:
            status = None
        if status in {"SUCCESS", "FAILURE", "CANCELED"}:
            break
        time.sleep(1)
    assert status == "SUCCESS"
    with duckdb.connect(str(data_dir / "analytics.duckdb"), read_only=True) as connection:
        assert connection.execute("SELECT count(*) FROM documents WHERE is_current").fetchone() == (5,)
