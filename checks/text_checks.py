"""Consistency checks of the text layer: every span points at exactly the text it claims."""

import dagster as dg

from pipelines.resources import WarehouseResource
from triangulate.markdown import markdown_table


def build_span_integrity_check(*, table: str) -> dg.AssetChecksDefinition:
    """Return ``<table>__span_integrity``: documents.text[char_start:char_end] equals the stored text."""
    layer, _, name = table.partition(".")

    @dg.asset_check(
        asset=dg.AssetKey([layer, name]),
        name=f"{name}__span_integrity",
        description=f"Every {name} row's span, cut from its document's text, equals the row's text.",
        additional_deps=[dg.AssetKey(["raw", "documents"])],
        blocking=True,
    )
    def _span_integrity(warehouse: WarehouseResource) -> dg.AssetCheckResult:
        with warehouse.connect() as connection:
            failures = (
                connection.execute(
                    f'SELECT t.doc_id, t.char_start, t.char_end, t.text FROM "{layer}"."{name}" t '
                    "LEFT JOIN raw.documents d USING (doc_id) "
                    "WHERE d.doc_id IS NULL OR substring(d.text, t.char_start + 1, t.char_end - t.char_start) <> t.text"
                )
                .to_arrow_table()
                .to_pylist()
            )
            (total,) = connection.execute(f'SELECT count(*) FROM "{layer}"."{name}"').fetchone() or (0,)
        return dg.AssetCheckResult(
            passed=not failures,
            severity=dg.AssetCheckSeverity.ERROR,
            metadata={
                "num_rows": dg.MetadataValue.int(int(total)),
                "num_failures": dg.MetadataValue.int(len(failures)),
                "failures": dg.MetadataValue.md(markdown_table(failures, ["doc_id", "char_start", "char_end", "text"])),
            },
        )

    return _span_integrity
