"""What the benchmarks share: where their results go, and precision, recall and F1."""

from pathlib import Path

RESULTS_DIR = Path(__file__).resolve().parent / "results"


def publish(name: str, report: str) -> None:
    """Print ``report`` and keep it as ``benchmarks/results/<name>.md``."""
    print(report)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / f"{name}.md").write_text(report.rstrip("\n") + "\n", encoding="utf-8")


def prf(*, hits_predicted: int, predicted: int, hits_gold: int, gold: int) -> tuple[float, float, float]:
    """Precision (hits among predictions), recall (gold items hit) and their harmonic mean."""
    precision = hits_predicted / predicted if predicted else 0.0
    recall = hits_gold / gold if gold else 0.0
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0
