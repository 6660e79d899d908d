"""The committed data dictionary is exactly what the models generate (docs cannot drift)."""

from pathlib import Path

from checks.dictionary import data_dictionary
from checks.models import MODELS_BY_TABLE

DICTIONARY = Path(__file__).resolve().parents[2] / "docs" / "data_dictionary.md"


def test_data_dictionary_is_up_to_date() -> None:
    assert DICTIONARY.read_text(encoding="utf-8") == data_dictionary(), "run `make docs` and commit the result"


def test_every_table_and_column_is_documented() -> None:
    text = data_dictionary()
    for table, model in MODELS_BY_TABLE.items():
        assert f"## `{table}`" in text
        for column in model.to_schema().columns:
            assert f"| `{column}` |" in text
