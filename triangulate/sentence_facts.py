"""Everything the extractors find in one sentence, in one call: for notebooks, tests and benchmarks.

``analyse_sentence`` runs time, quantity, entity, attribution and claim extraction on a single
sentence with no document around it (no publication date, no abbreviations defined earlier). The
pipeline itself goes through ``triangulate.extraction``, which carries document context.
"""

from dataclasses import dataclass
from datetime import date

from triangulate.attributions import Attribution, find_attributions
from triangulate.claims import Claim, find_claims
from triangulate.entities import Mention, MentionFinder, load_entity_catalog
from triangulate.quantities import Quantity, extract_quantities
from triangulate.temporal import TimeExpression, extract_time_expressions


@dataclass(frozen=True)
class ClaimView:
    """A claim with its references resolved to values rather than indexes."""

    measure: str | None
    subject_entity_id: str | None
    subject_name: str | None
    quantity: Quantity | None
    time: TimeExpression | None
    attribution: Attribution | None
    hedged: bool
    negated: bool
    period: str | None
    scope: str | None


@dataclass(frozen=True)
class SentenceFacts:
    """What one sentence states."""

    mentions: list[Mention]
    quantities: list[Quantity]
    times: list[TimeExpression]
    attributions: list[Attribution]
    claims: list[ClaimView]


def _view(claim: Claim, facts: SentenceFacts) -> ClaimView:
    subject = None if claim.subject is None else facts.mentions[claim.subject]
    return ClaimView(
        measure=claim.measure,
        subject_entity_id=None if subject is None else subject.entity_id,
        subject_name=None if subject is None else subject.name,
        quantity=None if claim.quantity is None else facts.quantities[claim.quantity],
        time=None if claim.time is None else facts.times[claim.time],
        attribution=None if claim.attribution is None else facts.attributions[claim.attribution],
        hedged=claim.hedged,
        negated=claim.negated,
        period=claim.period,
        scope=claim.scope,
    )


def analyse_sentence(*, text: str, published: date | None = None) -> SentenceFacts:
    """Return the mentions, quantities, times, attributions and claims of one sentence."""
    times = extract_time_expressions(text=text, published=published)
    quantities = [
        q
        for q in extract_quantities(text=text)
        if all(q.char_end <= t.char_start or q.char_start >= t.char_end for t in times)
    ]
    mentions = MentionFinder(load_entity_catalog()).find(text=text)
    attributions = find_attributions(text=text, mentions=mentions)
    facts = SentenceFacts(mentions, quantities, times, attributions, [])
    claims = find_claims(text=text, mentions=mentions, quantities=quantities, times=times, attributions=attributions)
    facts.claims.extend(_view(claim, facts) for claim in claims)
    return facts
