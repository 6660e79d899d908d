"""House rules of the code location: descriptions, groups, kinds, schema checks, no dagster in triangulate."""

import ast
from pathlib import Path

import dagster as dg
import pytest

from checks.models import MODELS_BY_TABLE
from pipelines.definitions import defs

ROOT = Path(__file__).resolve().parents[1]


def test_every_asset_has_description_group_equal_to_layer_and_kinds() -> None:
    graph = defs.resolve_asset_graph()
    keys = list(graph.get_all_asset_keys())
    assert keys
    for key in keys:
        node = graph.get(key)
        assert node.description, f"{key.to_user_string()} has no description"
        assert node.group_name == key.path[0], f"{key.to_user_string()} is in group {node.group_name}"
        assert node.kinds, f"{key.to_user_string()} has no kinds"
        assert len(key.path) == 2, "asset keys are [layer, table]"


@pytest.mark.parametrize("table", sorted(MODELS_BY_TABLE))
def test_every_persisted_table_has_a_blocking_schema_check(table: str) -> None:
    layer, _, name = table.partition(".")
    graph = defs.resolve_asset_graph()
    key = dg.AssetCheckKey(dg.AssetKey([layer, name]), f"{name}__schema")
    assert key in graph.asset_check_keys
    assert graph.get_check_spec(key).blocking


def test_check_names_are_table_dunder_rule() -> None:
    for key in defs.resolve_asset_graph().asset_check_keys:
        table, _, rule = key.name.partition("__")
        assert table == key.asset_key.path[-1] and rule, key.name


def test_job_schedule_and_sensor_default_to_stopped() -> None:
    assert defs.resolve_job_def("triangulate_job")
    schedule = defs.resolve_schedule_def("triangulate_daily")
    sensor = defs.resolve_sensor_def("inbox_sensor")
    assert schedule.default_status == dg.DefaultScheduleStatus.STOPPED
    assert sensor.default_status == dg.DefaultSensorStatus.STOPPED


def test_warehouse_writers_are_in_the_duckdb_write_pool() -> None:
    for assets_def in defs.assets or []:
        assert isinstance(assets_def, dg.AssetsDefinition)
        touches_warehouse = "warehouse" in assets_def.required_resource_keys
        if touches_warehouse:
            assert assets_def.op.pool == "duckdb_write", assets_def.op.name


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", sorted((ROOT / "triangulate").rglob("*.py")), ids=lambda p: p.name)
def test_domain_package_never_imports_orchestration(path: Path) -> None:
    forbidden = {"dagster", "dagster_duckdb", "dagster_pandera", "assets", "checks", "pipelines"}
    assert not (_imports(path) & forbidden), f"{path} imports {_imports(path) & forbidden}"
