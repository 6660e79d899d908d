"""Reconcile claims across documents into facts with a status and a sentence a person can read.

Claims about the same subject and measure, with the same kind of figure and the same polarity, form one
group. Within a group:

- for measures whose figure means nothing without its period (revenue, a share, a stock move), each
  period is its own fact; claims with no period, or with periods that differ, make the facts of that
  subject and measure ``period_ambiguous``;
- for other measures (a target, a ban, a deadline) the date is part of what is claimed: two different
  dates are a ``conflict``;
- a claim whose period rests on a relative date that could not be resolved makes its fact ``unresolved``;
- otherwise figures are compared as ranges: a stated "12%" covers 11.5 to 12.5, "around" widens by
  ``APPROXIMATE_WIDENING``, "billions" is its range. Ranges that all overlap are ``corroborated``;
  ranges that cannot all hold are a ``conflict`` (numeric, magnitude, currency or direction).

Only independent sources count: claims are counted by source group (an outlet, or a document and its
near-duplicate copies; see ``triangulate.duplicates``), and a claim sentence copied into another
document joins its original's group. A fact with one source group is ``single_source``.
Storage and SQL are the assets' job; this module works on plain records.
"""

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from triangulate.ids import sha256_hex

APPROXIMATE_WIDENING = 0.1
MAGNITUDE_RATIO = 10.0
STATUSES = ("corroborated", "single_source", "conflict", "period_ambiguous", "unresolved")
_NUMBER = re.compile(r"\d[\d,]*(?:\.(\d+))?")


@dataclass(frozen=True)
class ClaimFigure:
    """One claim with what reconciliation needs: its figure, its period and where it comes from."""

    claim_id: str
    doc_id: str
    sentence_id: str
    subject_entity_id: str | None
    measure: str
    period_required: bool
    negated: bool
    hedged: bool
    quantity_surface: str | None
    kind: str | None
    value: float | None
    value_low: float | None
    value_high: float | None
    unit: str | None
    approximate: bool
    direction: str | None
    time_surface: str | None
    period: str | None
    resolution: str | None
    anchor: date | None
    attribution: str | None  # "<source_kind>:<source name>" of the claim's attribution
    source_group: str
    # Catalog products the claim's sentence names besides its subject ("H20"): a claim about one product
    # and a claim about another, or about none, are different facts even for the same subject and measure.
    products: tuple[str, ...] = ()


@dataclass(frozen=True)
class Fact:
    """A reconciled statement: its value range, status and the claims behind it."""

    fact_id: str
    subject_entity_id: str | None
    measure: str
    products: list[str]
    period: str | None
    value: float | None
    value_low: float | None
    value_high: float | None
    unit: str | None
    status: str
    conflict_kind: str | None
    n_documents: int
    n_outlets: int
    claim_ids: list[str]
    attribution_conflict: bool
    explanation: str


def claim_range(claim: ClaimFigure) -> tuple[float, float] | None:
    """The values a claim's figure allows, from its stated precision, hedges and bounds."""
    if claim.value is None:
        if claim.value_low is None and claim.value_high is None:
            return None
        return (claim.value_low if claim.value_low is not None else 0.0, claim.value_high or float("inf"))
    value = claim.value
    match = _NUMBER.search(claim.quantity_surface or "")
    half_step = 0.0
    if match is not None:
        stated = float(match.group(0).replace(",", ""))
        decimals = len(match.group(1) or "")
        scale = value / stated if stated else 1.0
        half_step = 0.5 * 10.0 ** (-decimals) * scale if claim.kind != "multiplier" else 0.0
    spread = max(half_step, abs(value) * APPROXIMATE_WIDENING) if claim.approximate else half_step
    low = claim.value_low if claim.value_low is not None else value - spread
    high = claim.value_high if claim.value_high is not None else value + spread
    if claim.value_low is not None and claim.value_high is None:
        high = float("inf")
    if claim.value_high is not None and claim.value_low is None:
        low = 0.0
    return low, high


def _display(value: float | None, unit: str | None) -> str:
    if value is None:
        return "?"
    if unit == "percent":
        return f"{value:g}%"
    if unit == "pp":
        return f"{value:g} pp"
    if unit == "x":
        return f"×{value:g}"
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            return f"{unit or ''} {value / size:.4g} {word}".strip()
    return f"{value:g} {unit or ''}".strip()


def _claim_phrase(claim: ClaimFigure) -> str:
    figure = f"'{claim.quantity_surface}'" if claim.quantity_surface else "the event"
    if claim.period is None:
        when = "with no period"
    elif claim.resolution == "unresolved":
        when = f"'{claim.time_surface}' (relative, no publication date to resolve it)"
    elif claim.resolution == "relative_resolved":
        when = f"'{claim.time_surface}' from an article dated {claim.anchor} → {claim.period}"
    else:
        when = f"for {claim.period}"
    return f"{figure} {when} ({claim.source_group})"


def _overlap(ranges: Sequence[tuple[float, float]]) -> tuple[float, float] | None:
    """The values every range allows; ranges that only touch ("hundreds of millions", "billions") do not overlap."""
    low, high = max(r[0] for r in ranges), min(r[1] for r in ranges)
    if low < high or (low == high and all(r[0] == r[1] for r in ranges)):
        return low, high
    return None


def _centre(low: float, high: float) -> float:
    if high == float("inf"):
        return low
    return (low * high) ** 0.5 if low > 0 else high / 2


def _conflict_kind(claims: Sequence[ClaimFigure]) -> str | None:
    """Why the figures cannot all hold, or None when they can."""
    units = {c.unit for c in claims if c.unit is not None and c.kind == "money"}
    if len(units) > 1:
        return "currency"
    directions = {c.direction for c in claims if c.direction is not None}
    if len(directions) > 1:
        return "direction"
    ranges = [r for r in (claim_range(c) for c in claims) if r is not None]
    if len(ranges) < 2 or _overlap(ranges) is not None:
        return None
    centres = [_centre(low, high) for low, high in ranges]
    if min(centres) > 0 and max(centres) / min(centres) >= MAGNITUDE_RATIO:
        return "magnitude"
    return "numeric"


def _fact_id(*parts: object) -> str:
    return "fact_" + sha256_hex("|".join(str(p) for p in parts).encode())[:16]


def _representative(claims: Sequence[ClaimFigure]) -> tuple[float | None, float | None, float | None, str | None]:
    """(value, low, high, unit): the most stated value and the range all claims allow together (or span)."""
    values = [c.value for c in claims if c.value is not None]
    value = max(sorted(set(values)), key=values.count) if values else None
    ranges = [r for r in (claim_range(c) for c in claims) if r is not None]
    joint = _overlap(ranges) if ranges else None
    low, high = joint if joint else ((min(r[0] for r in ranges), max(r[1] for r in ranges)) if ranges else (None, None))
    units = [c.unit for c in claims if c.unit is not None]
    unit = max(sorted(set(units)), key=units.count) if units else None
    return value, low, None if high == float("inf") else high, unit


def _status(claims: Sequence[ClaimFigure], sources: int) -> tuple[str, str | None]:
    if any(c.resolution == "unresolved" for c in claims) and sources > 1:
        return "unresolved", None
    if sources < 2:
        return "single_source", None
    periods = {c.period for c in claims}
    if not claims[0].period_required and len(periods - {None}) > 1:
        return "conflict", "date"
    if None in periods and len(periods) > 1:
        return "period_ambiguous", None
    kind = _conflict_kind(claims)
    return ("conflict", kind) if kind else ("corroborated", None)


def _explain(fact: Fact, claims: Sequence[ClaimFigure]) -> str:
    """One sentence: the status, and what each claim says for which period from which source."""
    phrases = "; ".join(_claim_phrase(c) for c in claims)
    status, kind, sources = fact.status, fact.conflict_kind, fact.n_outlets
    if fact.value is not None:
        value = _display(fact.value, fact.unit)
    elif fact.value_low is not None and fact.value_high is not None:
        value = f"{_display(fact.value_low, fact.unit)} to {_display(fact.value_high, fact.unit)}"
    else:
        value = "it"
    lead = {
        "corroborated": f"{sources} independent sources agree on {value}",
        "single_source": f"only one source ({claims[0].source_group}) states {value}",
        "conflict": f"{sources} sources disagree ({kind})",
        "period_ambiguous": f"{sources} sources state {value}, but not all for a known, common period",
        "unresolved": f"{sources} sources; at least one rests on a relative date with no publication date",
    }[status]
    return f"{lead}: {phrases}."


def reconcile(claims: Iterable[ClaimFigure], *, copied_into: Mapping[str, str] | None = None) -> list[Fact]:
    """Group claims into facts.

    ``copied_into`` maps a claim_id to the source group of the claim it was copied from (near-duplicate
    sentences): such a claim counts for that group, not its own.
    """
    copied_into = copied_into or {}
    groups: dict[tuple[str, str, str, bool, tuple[str, ...]], list[ClaimFigure]] = {}
    for claim in claims:
        if claim.subject_entity_id is not None:
            key = (claim.subject_entity_id, claim.measure, claim.kind or "event", claim.negated, claim.products)
            groups.setdefault(key, []).append(claim)
    facts = []
    for key, members in sorted(groups.items()):
        by_period: dict[str | None, list[ClaimFigure]] = {}
        for claim in members:
            by_period.setdefault(claim.period if claim.period_required else None, []).append(claim)
        group_sources = len({copied_into.get(c.claim_id, c.source_group) for c in members})
        unresolved = group_sources > 1 and any(c.resolution == "unresolved" for c in members)
        for period, period_claims in sorted(by_period.items(), key=lambda item: str(item[0])):
            fact = _fact(key, period, period_claims, copied_into)
            if fact.status in ("corroborated", "single_source", "period_ambiguous") and unresolved:
                fact = replace(fact, status="unresolved", conflict_kind=None)
            elif fact.status in ("corroborated", "single_source") and len(by_period) > 1:
                fact = replace(fact, status="period_ambiguous", conflict_kind=None)
            facts.append(replace(fact, explanation=_explain(fact, period_claims)))
    return facts


def _fact(
    key: tuple[str, str, str, bool, tuple[str, ...]],
    period: str | None,
    claims: Sequence[ClaimFigure],
    copied_into: Mapping[str, str],
) -> Fact:
    sources = len({copied_into.get(c.claim_id, c.source_group) for c in claims})
    status, kind = _status(claims, sources)
    value, low, high, unit = _representative(claims)
    periods = sorted({c.period for c in claims if c.period is not None})
    return Fact(
        fact_id=_fact_id(*key[:4], period, *key[4]),
        subject_entity_id=key[0],
        measure=key[1],
        products=list(key[4]),
        period=period if period is not None else (periods[0] if len(periods) == 1 else None),
        value=value,
        value_low=low,
        value_high=high,
        unit=unit,
        status=status,
        conflict_kind=kind,
        n_documents=len({c.doc_id for c in claims}),
        n_outlets=sources,
        claim_ids=sorted(c.claim_id for c in claims),
        attribution_conflict=len({c.attribution.split(":")[0] for c in claims if c.attribution}) > 1 and sources > 1,
        explanation="",
    )


def evidence(fact: Fact) -> str:
    """JSON evidence of a fact for a quality issue."""
    return json.dumps(
        {
            "status": fact.status,
            "conflict_kind": fact.conflict_kind,
            "claim_ids": fact.claim_ids,
            "value_low": fact.value_low,
            "value_high": fact.value_high,
            "unit": fact.unit,
        }
    )
