"""Internal consistency of claims and agreement with reference facts.

A share and an amount stated together imply a total: "12% of its revenue ... around US$3.7 billion"
implies total revenue of about US$30.8 billion, between the totals the stated precision allows (3.65 to
3.75 billion over 11.5% to 12.5%). Implied totals and reconciled facts are compared with the reference
facts analysts keep in ``reference/facts.csv`` for the same subject, measure and period. When a claim's
period is unknown (missing, or relative with no publication date), the comparison lists which
reference periods the figure is consistent with instead. Grouping claims into facts is
``triangulate.reconcile``.
"""

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from triangulate.ids import sha256_hex
from triangulate.reconcile import ClaimFigure, claim_range
from triangulate.reference import DEFAULT_REFERENCE_DIR, ReferenceDataError

# A reference figure matches a range when it lies inside it, widened by this share of the figure
# (reference releases round too).
REFERENCE_TOLERANCE = 0.005


@dataclass(frozen=True)
class ReferenceFact:
    """One figure from a primary source."""

    subject: str
    measure: str
    period: str
    value: float
    unit: str
    source_url: str
    retrieved: str


@dataclass(frozen=True)
class ReferenceCheck:
    """How a range compares with the reference facts of its subject and measure."""

    status: str
    reference: ReferenceFact | None
    consistent_periods: list[str]


@dataclass(frozen=True)
class ImpliedValue:
    """A total implied by a share and a part stated in one sentence."""

    implied_id: str
    doc_id: str
    sentence_id: str
    subject_entity_id: str
    measure: str
    period: str | None
    value: float
    value_low: float
    value_high: float
    unit: str | None
    share_claim_id: str
    part_claim_id: str


def load_reference_facts(reference_dir: Path = DEFAULT_REFERENCE_DIR) -> list[ReferenceFact]:
    """Read ``facts.csv`` (``#`` lines are comments); raise ReferenceDataError on a malformed row."""
    path = reference_dir / "facts.csv"
    try:
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    except OSError as error:
        raise ReferenceDataError(f"cannot read reference file {path}: {error}") from error
    facts = []
    for number, row in enumerate(csv.DictReader(io.StringIO("\n".join(lines))), start=2):
        try:
            facts.append(
                ReferenceFact(
                    subject=row["subject"],
                    measure=row["measure"],
                    period=row["period"],
                    value=float(row["value"]),
                    unit=row["unit"],
                    source_url=row["source_url"],
                    retrieved=row["retrieved"],
                )
            )
        except (KeyError, TypeError, ValueError) as error:
            raise ReferenceDataError(f"facts.csv row {number}: {error}") from error
    return facts


def compare_with_reference(
    *, subject: str, measure: str, period: str | None, low: float, high: float, unit: str | None,
    references: Sequence[ReferenceFact],
) -> ReferenceCheck:  # fmt: skip
    """Compare a value range with the reference facts of the same subject, measure and unit."""
    candidates = [r for r in references if r.subject == subject and r.measure == measure and r.unit == unit]

    def fits(reference: ReferenceFact) -> bool:
        slack = abs(reference.value) * REFERENCE_TOLERANCE
        return low - slack <= reference.value <= high + slack

    consistent = sorted(r.period for r in candidates if fits(r))
    same_period = next((r for r in candidates if period is not None and r.period == period), None)
    if same_period is not None:
        return ReferenceCheck("agrees" if fits(same_period) else "conflicts", same_period, consistent)
    if not candidates:
        return ReferenceCheck("no_reference", None, [])
    return ReferenceCheck(
        "period_unknown" if period is None or period.startswith("X") else "no_reference", None, consistent
    )


def implied_totals(
    claims: Iterable[ClaimFigure], *, share_of: Mapping[str, str], part_of: Mapping[str, str]
) -> list[ImpliedValue]:
    """Totals implied by a share claim and a part claim of the same subject in the same sentence.

    ``share_of`` maps a share measure to the total it is a share of (revenue_share → revenue);
    ``part_of`` maps a part measure to its total (segment_revenue → revenue).
    """
    by_sentence: dict[str, list[ClaimFigure]] = {}
    for claim in claims:
        by_sentence.setdefault(claim.sentence_id, []).append(claim)
    implied = []
    for sentence_claims in by_sentence.values():
        shares = [
            (share_of[c.measure], c)
            for c in sentence_claims
            if c.measure is not None and c.measure in share_of and c.value and c.unit == "percent"
        ]
        parts = [(part_of[c.measure], c) for c in sentence_claims if c.measure is not None and c.measure in part_of]
        for total, share in shares:
            for part_total, part in parts:
                if total != part_total or share.subject_entity_id != part.subject_entity_id:
                    continue
                share_range, part_range = claim_range(share), claim_range(part)
                if share_range is None or part_range is None or part.value is None or share.value is None:
                    continue
                implied.append(
                    ImpliedValue(
                        implied_id="imp_" + sha256_hex(f"{share.claim_id}:{part.claim_id}".encode())[:16],
                        doc_id=part.doc_id,
                        sentence_id=part.sentence_id,
                        subject_entity_id=str(part.subject_entity_id),
                        measure=total,
                        period=part.period or share.period,
                        value=part.value / (share.value / 100),
                        value_low=part_range[0] / (share_range[1] / 100),
                        value_high=part_range[1] / (share_range[0] / 100),
                        unit=part.unit,
                        share_claim_id=share.claim_id,
                        part_claim_id=part.claim_id,
                    )
                )
    return implied
