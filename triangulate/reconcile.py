"""Reconcile claims into facts with a status and an explanation a person can check.

Only comparable claims meet. A fact's claims share a story (documents about one event, see
``triangulate.stories``), a subject, a measure, a kind of figure (and for counts the counted noun), the
qualifiers (polarity, named products, the scope a figure covers: cumulative, or one place) and an event
time; claims whose scopes differ, stated or not, are different facts. Claims whose measure could not be
read (``measure`` None) and claims without a subject never enter a fact. Within a group:

- the event time of a claim is its period; with none, a measure that moves from day to day (a stock)
  or a measure read from the text is about its article's publication day. Claims whose event times
  differ are different facts. For a measure whose figure means nothing without its period (revenue, a
  share), facts with no period next to facts with one are ``period_ambiguous``;
- for the other vocabulary measures (a target, a ban, a deadline) the date is part of what is claimed:
  two different dates are a ``conflict`` (kind ``date``);
- a claim whose period rests on a relative date that could not be resolved makes its fact ``unresolved``;
- claims of one document never conflict with each other: when one document states several different
  figures for one group, each figure (with the figures of other documents that agree with it) is a
  fact of its own;
- otherwise figures are compared as ranges: a stated "12%" covers 11.5 to 12.5, "around" widens by
  ``APPROXIMATE_WIDENING``, "billions" is its range. Ranges that all overlap are ``corroborated``;
  ranges that cannot all hold are a ``conflict`` (numeric, magnitude, currency or direction).

Only independent sources count: claims are counted by source group (an outlet, or a document and its
near-duplicate copies; see ``triangulate.duplicates``), and a claim sentence copied into another
document joins its original's group. A fact with one source group is ``single_source``. A conflict's
explanation names each side's outlet, publication date, figure and sentence, why the claims are one
fact and how they differ. Storage and SQL are the assets' job; this module works on plain records.
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
    measure: str | None
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
    story_id: str = ""
    outlet: str | None = None
    published: date | None = None
    sentence: str = ""
    # With no period of its own, the claim is about its article's publication day (a stock's daily move,
    # a measure read from the text rather than named by the vocabulary).
    dated_by_publication: bool = False
    # What part of the event the figure covers (see ``triangulate.claims``): "cumulative", "place:<...>".
    scope: str | None = None


@dataclass(frozen=True)
class Fact:
    """A reconciled statement: its value range, status and the claims behind it."""

    fact_id: str
    story_id: str
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
    elif claim.kind != "multiplier" and 1 <= abs(value) < 1e18:
        # A number in words ("a hundred", "two million") is as precise as its last word.
        digits = str(int(abs(value)))
        half_step = max(0.5, 0.5 * 10.0 ** (len(digits) - len(digits.rstrip("0")) - 1))
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


def _when(claim: ClaimFigure) -> str:
    if claim.period is None:
        return "no period"
    if claim.resolution == "unresolved":
        return f"'{claim.time_surface}' (relative, no publication date to resolve it)"
    if claim.resolution == "relative_resolved":
        return f"'{claim.time_surface}' from an article dated {claim.anchor} → {claim.period}"
    return claim.period


def _claim_phrase(claim: ClaimFigure) -> str:
    figure = f"'{claim.quantity_surface}'" if claim.quantity_surface else "the event"
    when = (
        "with no period"
        if claim.period is None
        else ("for " + _when(claim) if claim.resolution == "absolute" or claim.resolution is None else _when(claim))
    )
    return f"{figure} {when} ({claim.source_group})"


def _side(number: int, claim: ClaimFigure) -> str:
    """One side of a conflict: who, when published, the exact figure and the sentence that states it."""
    source = claim.outlet or claim.source_group
    published = f"published {claim.published}" if claim.published else "publication date unknown"
    figure = f"'{claim.quantity_surface}'" if claim.quantity_surface else f"the event for {_when(claim)}"
    sentence = " ".join(claim.sentence.split())
    return f'({number}) {source}, {published}, states {figure} ({_when(claim)}): "{sentence}"'


def _nested(a: str, b: str) -> bool:
    """Whether one TIMEX3 value lies within the other ("2012-H2" within "2012")."""
    return a.startswith(b) or b.startswith(a)


def _dates_disagree(periods: set[str | None]) -> bool:
    """Two stated dates disagree when neither lies within the other (the end of 2012 is in 2012)."""
    stated = sorted(p for p in periods if p is not None)
    return any(not _nested(a, b) for i, a in enumerate(stated) for b in stated[i + 1 :])


def _difference(kind: str | None, claims: Sequence[ClaimFigure]) -> str:
    if kind == "currency":
        return "the amounts are in different currencies: " + ", ".join(sorted({c.unit or "?" for c in claims}))
    if kind == "direction":
        return "one says it rose, another that it fell"
    if kind == "date":
        return "they give different dates: " + ", ".join(sorted({c.period or "none" for c in claims}))
    ranges = [claim_range(c) for c in claims]
    shown = ", ".join(
        f"{_display(r[0], c.unit)} to {_display(r[1], c.unit)}" for c, r in zip(claims, ranges, strict=True) if r
    )
    gap = "an order of magnitude apart" if kind == "magnitude" else "the ranges they allow do not overlap"
    return f"{gap} ({shown})"


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
    if not claims[0].period_required and _dates_disagree(periods - {None}):
        return "conflict", "date"
    if None in periods and len(periods) > 1:
        return "period_ambiguous", None
    kind = _conflict_kind(claims)
    return ("conflict", kind) if kind else ("corroborated", None)


def _explain(fact: Fact, claims: Sequence[ClaimFigure]) -> str:
    """The status and what each claim says; for a conflict, each side, why it is one fact and how they differ."""
    status, kind, sources = fact.status, fact.conflict_kind, fact.n_outlets
    if fact.value is not None:
        value = _display(fact.value, fact.unit)
    elif fact.value_low is not None and fact.value_high is not None:
        value = f"{_display(fact.value_low, fact.unit)} to {_display(fact.value_high, fact.unit)}"
    else:
        value = "it"
    if status == "conflict":
        ordered = sorted(claims, key=lambda c: (str(c.published), c.outlet or c.source_group, c.claim_id))
        products = f", products {', '.join(fact.products)}" if fact.products else ""
        scopes = sorted({c.scope for c in claims if c.scope})
        products += f", scope {scopes[0]}" if scopes else ""
        same = (
            f"same story ({fact.story_id}), subject {fact.subject_entity_id}, measure {fact.measure}{products}, "
            f"kind of figure and event time ({fact.period or 'none stated'})"
        )
        sides = " ".join(_side(n, c) for n, c in enumerate(ordered, start=1))
        return f"{sources} sources disagree ({kind}): {_difference(kind, ordered)}. One fact because: {same}. {sides}"
    lead = {
        "corroborated": f"{sources} independent sources agree on {value}",
        "single_source": f"only one source ({claims[0].source_group}) states {value}",
        "period_ambiguous": f"{sources} sources state {value}, but not all for a known, common period",
        "unresolved": f"{sources} sources; at least one rests on a relative date with no publication date",
    }[status]
    return f"{lead}: {'; '.join(_claim_phrase(c) for c in claims)}."


Key = tuple[str, str, str, str, bool, tuple[str, ...]]


def _key(claim: ClaimFigure) -> Key | None:
    """Story, subject, measure, dimension of the figure, polarity and products; None: never reconciled."""
    if claim.subject_entity_id is None or claim.measure is None:
        return None
    dimension = claim.kind or "event"
    if claim.kind == "count":
        dimension = f"count:{claim.unit}"
    return (
        claim.story_id,
        claim.subject_entity_id,
        claim.measure,
        dimension,
        claim.negated,
        claim.products,
    )


def _event_time(claim: ClaimFigure) -> str | None:
    if claim.period is not None:
        return claim.period
    return claim.published.isoformat() if claim.dated_by_publication and claim.published else None


def _agree(a: ClaimFigure, b: ClaimFigure) -> bool:
    """Whether two claims can state the same figure (no conflict kind between them)."""
    if a.period is not None and b.period is not None and not _nested(a.period, b.period):
        return False
    return _conflict_kind([a, b]) is None


def _agreeing_parts(claims: Sequence[ClaimFigure]) -> list[list[ClaimFigure]]:
    """The claims as one candidate fact, or — when one document states several different figures — one
    candidate fact per figure with the claims of other documents that agree with it."""
    by_document: dict[str, list[ClaimFigure]] = {}
    for claim in claims:
        by_document.setdefault(claim.doc_id, []).append(claim)
    if all(_agree(a, b) for own in by_document.values() for a in own for b in own if a.claim_id < b.claim_id):
        return [list(claims)]
    parts: list[list[ClaimFigure]] = []
    for claim in sorted(claims, key=lambda c: (claim_range(c) or (0.0, 0.0), c.claim_id)):
        home = next((part for part in parts if all(_agree(claim, other) for other in part)), None)
        if home is None:
            parts.append([claim])
        else:
            home.append(claim)
    return parts


def reconcile(claims: Iterable[ClaimFigure], *, copied_into: Mapping[str, str] | None = None) -> list[Fact]:
    """Group comparable claims into facts.

    ``copied_into`` maps a claim_id to the source group of the claim it was copied from (near-duplicate
    sentences): such a claim counts for that group, not its own.
    """
    copied_into = copied_into or {}
    groups: dict[Key, list[ClaimFigure]] = {}
    for claim in claims:
        key = _key(claim)
        if key is not None:
            groups.setdefault(key, []).append(claim)
    facts = []
    for (key, scope), members in sorted(
        ((key, scope), scoped) for key, grouped in groups.items() for scope, scoped in _by_scope(grouped).items()
    ):
        by_time: dict[str | None, list[ClaimFigure]] = {}
        for claim in members:
            splits = claim.period_required or claim.dated_by_publication
            by_time.setdefault(_event_time(claim) if splits else None, []).append(claim)
        group_sources = len({copied_into.get(c.claim_id, c.source_group) for c in members})
        unresolved = group_sources > 1 and any(c.resolution == "unresolved" for c in members)
        ambiguous = None in by_time and len(by_time) > 1 and members[0].period_required
        for time, timed in sorted(by_time.items(), key=lambda item: str(item[0])):
            parts = _agreeing_parts(timed)
            for part in parts:
                fact = _fact(key, time, part, copied_into, split=len(parts) > 1, scope=scope)
                if fact.status in ("corroborated", "single_source", "period_ambiguous") and unresolved:
                    fact = replace(fact, status="unresolved", conflict_kind=None)
                elif fact.status in ("corroborated", "single_source") and ambiguous:
                    fact = replace(fact, status="period_ambiguous", conflict_kind=None)
                facts.append(replace(fact, explanation=_explain(fact, part)))
    return facts


def _by_scope(claims: Sequence[ClaimFigure]) -> dict[str, list[ClaimFigure]]:
    """The claims by scope: a running total never meets a figure that is not one, and a figure limited to
    a place never meets one limited to another place or to none ("170,000 in the province" is not the
    tsunami's whole toll)."""
    grouped: dict[str, list[ClaimFigure]] = {}
    for claim in claims:
        grouped.setdefault(claim.scope or "", []).append(claim)
    return grouped


def _fact(
    key: Key,
    time: str | None,
    claims: Sequence[ClaimFigure],
    copied_into: Mapping[str, str],
    *,
    split: bool,
    scope: str = "",
) -> Fact:
    sources = len({copied_into.get(c.claim_id, c.source_group) for c in claims})
    status, kind = _status(claims, sources)
    value, low, high, unit = _representative(claims)
    periods = sorted({c.period for c in claims if c.period is not None})
    claim_ids = sorted(c.claim_id for c in claims)
    return Fact(
        fact_id=_fact_id(*key[:5], time, *key[5], *([scope] if scope else []), *(claim_ids[:1] if split else [])),
        story_id=key[0],
        subject_entity_id=key[1],
        measure=key[2],
        products=list(key[5]),
        period=time if time is not None else (periods[0] if len(periods) == 1 else None),
        value=value,
        value_low=low,
        value_high=high,
        unit=unit,
        status=status,
        conflict_kind=kind,
        n_documents=len({c.doc_id for c in claims}),
        n_outlets=sources,
        claim_ids=claim_ids,
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
