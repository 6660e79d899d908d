"""Turn one sentence's mentions, quantities, times and attributions into claims with a measure.

A claim is a checkable statement: a subject entity, a measure from the controlled vocabulary in
``reference/measures.yaml``, the figure and period it states, who it is attributed to, and whether it is
hedged ("plans to", "could") or negated. Every figure of a sentence becomes a claim (a sentence may hold
several); a sentence with no figure becomes one claim when it reports an event measure (a ban, an
approval, an export control) or a deadline. The measure is the one whose cue word is nearest the figure,
among those that take the figure's kind, by priority. Which sentences may make claims (body text, on
topic, English) is the caller's decision.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from triangulate.attributions import Attribution
from triangulate.entities import Mention
from triangulate.quantities import Quantity
from triangulate.reference import DEFAULT_REFERENCE_DIR, ReferenceDataError, load_yaml_file
from triangulate.temporal import TimeExpression

# A company or official reporting its own figures is their subject; an outlet or unnamed source is not.
_OTHER_SOURCES = frozenset({"media", "anonymous", "reference"})
_SUBJECT_TYPES = ("company", "org", "gov_body", "party", "place", "person", "product", "program")
_ACTOR_TYPES = frozenset({"company", "org", "gov_body", "party"})
# Cue distances are compared in steps of this many characters; within a step the measure's priority decides.
DISTANCE_STEP = 30
_COMPANY_MEASURES = frozenset(
    {"revenue", "revenue_share", "profit", "share_price_change", "market_share", "employment"}
)


@dataclass(frozen=True)
class Measure:
    """One measure of the controlled vocabulary."""

    name: str
    description: str
    cues: re.Pattern[str] | None
    kinds: frozenset[str]
    priority: int
    events: bool
    needs_direction: bool
    needs_time: bool
    fallback: bool
    period_required: bool
    share_of: str | None
    part_of: str | None


@dataclass(frozen=True, eq=False)
class MeasureVocabulary:
    """The measures and the hedge and negation cues."""

    measures: Sequence[Measure]
    hedges: re.Pattern[str]
    negations: re.Pattern[str]

    @property
    def names(self) -> tuple[str, ...]:
        """The measure names, in file order."""
        return tuple(measure.name for measure in self.measures)

    def get(self, name: str) -> Measure:
        """The measure called ``name``."""
        return next(measure for measure in self.measures if measure.name == name)


@dataclass(frozen=True, slots=True)
class Claim:
    """One claim of a sentence; the indexes point into the lists the sentence's extractors returned."""

    measure: str
    subject: int | None
    quantity: int | None
    time: int | None
    attribution: int | None
    hedged: bool
    negated: bool
    period: str | None


def _cue_pattern(cues: Sequence[str]) -> re.Pattern[str] | None:
    if not cues:
        return None
    parts = [re.escape(c[:-1]) + r"\w*" if c.endswith("*") else re.escape(c) for c in cues]
    return re.compile(r"\b(?:" + "|".join(p.replace(r"\ ", r"\s+") for p in parts) + r")\b", re.IGNORECASE)


@lru_cache(maxsize=4)
def load_measures(reference_dir: Path = DEFAULT_REFERENCE_DIR) -> MeasureVocabulary:
    """Read ``measures.yaml`` (cached per folder); raise ReferenceDataError when it is malformed."""
    data = load_yaml_file(reference_dir / "measures.yaml")
    measures = []
    for name, spec in data["measures"].items():
        if not re.fullmatch(r"[a-z_]+", name):
            raise ReferenceDataError(f"measures.yaml: measure name '{name}' must be lower_snake_case")
        measures.append(
            Measure(
                name=name,
                description=str(spec["description"]),
                cues=_cue_pattern([str(c) for c in spec.get("cues", [])]),
                kinds=frozenset(spec.get("kinds", [])),
                priority=int(spec.get("priority", 5)),
                events=bool(spec.get("events", False)),
                needs_direction=bool(spec.get("needs_direction", False)),
                needs_time=bool(spec.get("needs_time", False)),
                fallback=bool(spec.get("fallback", False)),
                period_required=bool(spec.get("period_required", False)),
                share_of=spec.get("share_of"),
                part_of=spec.get("part_of"),
            )
        )
    hedges, negations = _cue_pattern(data["hedges"]), _cue_pattern([str(n) for n in data["negations"]])
    if hedges is None or negations is None:
        raise ReferenceDataError("measures.yaml: hedges and negations must not be empty")
    return MeasureVocabulary(measures=measures, hedges=hedges, negations=negations)


def _distance(cue: re.Match[str], start: int, end: int) -> int:
    return max(0, cue.start() - end, start - cue.end())


def _best_measure(text: str, quantity: Quantity, vocabulary: MeasureVocabulary) -> Measure | None:
    ranked: list[tuple[int, int, int, Measure]] = []
    for measure in vocabulary.measures:
        if quantity.kind not in measure.kinds:
            continue
        if measure.part_of is not None:
            continue
        if measure.fallback:
            ranked.append((10**6, measure.priority, 10**6, measure))
            continue
        if measure.cues is None or (measure.needs_direction and quantity.direction is None):
            continue
        hits = list(measure.cues.finditer(text))
        if hits:
            nearest = min(_distance(hit, quantity.char_start, quantity.char_end) for hit in hits)
            ranked.append((nearest // DISTANCE_STEP, measure.priority, nearest, measure))
    return min(ranked, key=lambda r: (r[0], r[1], r[2]))[3] if ranked else None


def _event_measure(text: str, vocabulary: MeasureVocabulary) -> Measure | None:
    events = [m for m in vocabulary.measures if m.events and m.cues is not None and m.cues.search(text)]
    return min(events, key=lambda m: m.priority) if events else None


def _subject(
    text: str, measure: str, anchor: int, mentions: Sequence[Mention], attributions: Sequence[Attribution]
) -> int | None:
    """Index of the claim's subject: not an outlet or source credited, before the figure when possible."""

    reported_by_others = [a for a in attributions if a.source_kind in _OTHER_SOURCES]

    def outside(mention: Mention) -> bool:
        return all(mention.char_end <= a.char_start or mention.char_start >= a.char_end for a in reported_by_others)

    candidates = [i for i, m in enumerate(mentions) if m.type in _SUBJECT_TYPES and outside(m)]
    if measure in _COMPANY_MEASURES:
        companies = [i for i in candidates if mentions[i].type in ("company", "org")]
        candidates = companies or candidates
    owners = {i for i in candidates if mentions[i].type == "place" and _owns_actor(text, mentions, i)}
    candidates = [i for i in candidates if i not in owners]
    before = [i for i in candidates if mentions[i].char_start < anchor]
    pool = before or candidates
    return pool[0] if pool else None


def _owns_actor(text: str, mentions: Sequence[Mention], index: int) -> bool:
    """Whether a place only qualifies the institution after it ("South Korea's ministry"): that one acts."""
    place = mentions[index]
    following = [m for m in mentions if m.char_start >= place.char_end]
    if not following:
        return False
    actor = min(following, key=lambda m: m.char_start)
    return actor.type in _ACTOR_TYPES and text[place.char_end : actor.char_start] in ("'s ", "’s ")


def _time_for(anchor: int, times: Sequence[TimeExpression]) -> int | None:
    dated = [i for i, t in enumerate(times) if t.type in ("DATE", "TIME") and not t.value.endswith("_REF")]
    if not dated:
        return None
    return min(dated, key=lambda i: abs(times[i].char_start - anchor))


def _mark_parts(claims: list[Claim], quantities: Sequence[Quantity], vocabulary: MeasureVocabulary) -> list[Claim]:
    """An amount stated next to its share of a total is a part of that total, not the total itself."""
    by_name = {m.name: m for m in vocabulary.measures}
    parts = {m.part_of: m.name for m in vocabulary.measures if m.part_of is not None}
    totals = {by_name[c.measure].share_of for c in claims if by_name[c.measure].share_of is not None}
    marked = []
    for claim in claims:
        is_part = claim.measure in totals and claim.measure in parts and claim.quantity is not None
        if is_part and quantities[claim.quantity].kind in by_name[parts[claim.measure]].kinds:  # type: ignore[index]
            claim = replace(claim, measure=parts[claim.measure])
        marked.append(claim)
    return marked


def find_claims(
    *,
    text: str,
    mentions: Sequence[Mention],
    quantities: Sequence[Quantity],
    times: Sequence[TimeExpression],
    attributions: Sequence[Attribution],
    vocabulary: MeasureVocabulary | None = None,
) -> list[Claim]:
    """Return the claims of one sentence; every span argument is relative to ``text``."""
    vocabulary = vocabulary or load_measures()
    hedged = vocabulary.hedges.search(text) is not None
    negated = vocabulary.negations.search(text) is not None
    attribution = 0 if attributions else None
    claims: list[Claim] = []
    for index, quantity in enumerate(quantities):
        measure = _best_measure(text, quantity, vocabulary)
        if measure is None:
            continue
        time = _time_for(quantity.char_start, times)
        claims.append(
            Claim(
                measure=measure.name,
                subject=_subject(text, measure.name, quantity.char_start, mentions, attributions),
                quantity=index,
                time=time,
                attribution=attribution,
                hedged=hedged,
                negated=negated,
                period=None if time is None else times[time].value,
            )
        )
    if claims:
        return _mark_parts(claims, quantities, vocabulary)
    event = _event_measure(text, vocabulary)
    deadline = next((m for m in vocabulary.measures if m.needs_time and m.cues is not None), None)
    time = _time_for(len(text), times)
    by_a_date = time is not None and re.search(
        r"\bby\s+(?:the\s+end\s+of\s+)?$", text[: times[time].char_start], re.IGNORECASE
    )
    if event is None and deadline is not None and by_a_date and hedged:
        event = deadline
    if event is None:
        return []
    cue = event.cues.search(text) if event.cues is not None else None
    anchor = cue.start() if cue is not None else 0
    return [
        Claim(
            measure=event.name,
            subject=_subject(text, event.name, anchor, mentions, attributions),
            quantity=None,
            time=time,
            attribution=attribution,
            hedged=hedged,
            negated=negated,
            period=None if time is None else times[time].value,
        )
    ]
