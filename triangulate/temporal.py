"""Find temporal expressions in English news text and normalise them to TIMEX3 values.

``extract_time_expressions`` returns every date, time, duration and set in a text with its exact span,
TIMEX3 type and value, the calendar days it covers, and how it was resolved:

- ``absolute``: the text alone fixes the value ("September 30, 2024", "Q3 2024", "the 1990s", "two years");
- ``relative_resolved``: the value depends on when the article was written ("next year", "on Friday",
  "last quarter") and was computed from ``published``, which is then the ``anchor``;
- ``unresolved``: the value depends on the publication date and none is known. Such expressions keep
  an underspecified value ("XXXX-07-15", "XXXX-WXX-5", "FUTURE_REF") and are never anchored to today.

An unanchored weekday or month points back in time, as in past-tense news ("Nvidia fell on Friday"),
unless its sentence speaks of the future ("will launch on Friday"). Vocabulary comes from
``reference/temporal.yaml`` and the English section of ``reference/months.yaml``. Quantities are not
this module's job; neither are full dates in URLs (see ``triangulate.dates``).

This module runs the extraction: each sentence's patterns, the longest candidates, the tense, the
values. The patterns and their trigger words are compiled in ``triangulate.temporal_vocabulary``, each
match is read by ``triangulate.temporal_readers``, the records are in ``triangulate.temporal_records``,
and reading a document as one story (later expressions taking their value from earlier ones) is
``triangulate.temporal_story``.
"""

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from triangulate.alternation import word_alternation
from triangulate.masking import mask_links_and_markers
from triangulate.periods import Period
from triangulate.temporal_fiscal import in_fiscal_calendars
from triangulate.temporal_modifiers import with_modifiers
from triangulate.temporal_readers import reader_for
from triangulate.temporal_records import CYCLE_YEARS, Candidate, Resolved, Resolver, TimeExpression, year_value
from triangulate.temporal_story import back_from_reference, from_previous, from_story, joined, ranges
from triangulate.temporal_vocabulary import TemporalVocabulary, folded, load_temporal_vocabulary, patterns_to_try

__all__ = [
    "RESOLUTIONS",
    "TYPES",
    "TemporalVocabulary",
    "TimeExpression",
    "extract_story_time_expressions",
    "extract_time_expressions",
    "load_temporal_vocabulary",
]

TYPES = ("DATE", "TIME", "DURATION", "SET")
RESOLUTIONS = ("absolute", "relative_resolved", "unresolved")


def _without_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """The longest candidates first (the earlier of two as long), each kept when it overlaps none kept before."""
    starts: list[int] = []
    chosen: list[Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (-(c.end - c.start), c.start)):
        # The kept spans do not overlap, so sorted by start they are sorted by end too: only the neighbours count.
        at = bisect_right(starts, candidate.start)
        if (at and chosen[at - 1].end > candidate.start) or (at < len(chosen) and chosen[at].start < candidate.end):
            continue
        starts.insert(at, candidate.start)
        chosen.insert(at, candidate)
    return chosen


_SENTENCE_END = re.compile(r"[.!?]\s|\n")


# A word, hyphenated ones whole ("re-introduced", "state-owned").
_CUE_WORD = re.compile(r"[a-z']+(?:-[a-z']+)*")


@dataclass(frozen=True, slots=True)
class _Sentence:
    """A sentence's words read once for every expression in it: spans, lower-cased words, clause openings, and
    its tense cues (index, cue)."""

    starts: list[int]
    spans: list[tuple[int, int]]
    words: list[str]
    opens: list[int]
    cues: list[tuple[int, tuple[int, int]]]
    # The indexes of words that are cues of days ahead only: "would" (of a weekday or a date without a year),
    # and "is" in "is playing" or "is expected" (of a weekday).
    ahead: list[int]
    ahead_days: list[int]


def _sentence(text: str, start: int, end: int, vocabulary: TemporalVocabulary, read: dict[int, _Sentence]) -> _Sentence:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), text.rfind("? ", 0, start)) + 1
    if left in read:
        return read[left]
    right_match = _SENTENCE_END.search(text, end)
    right = right_match.start() + 1 if right_match else len(text)
    lowered = text[left:right].lower()
    found = list(_CUE_WORD.finditer(lowered))
    spans = [(m.start() + left, m.end() + left) for m in found]
    words = [m.group(0) for m in found]
    starts = [word_start for word_start, _ in spans]
    opens = _clause_openings(lowered, left, starts, words, vocabulary)
    # Only a listed word or one ending like a cue ("-ed", "'ll") can be one: the others are skipped at once.
    endings = ("ed", *vocabulary.future_suffixes)
    cues = [
        (index, cue)
        for index, word in enumerate(words)
        if (word in vocabulary.future_cues or word in vocabulary.past_cues or word.endswith(endings))
        and (cue := _cue(words, index, vocabulary)) is not None
    ]
    ahead = [index for index, word in enumerate(words) if word in vocabulary.near_future_cues]
    ahead_days = [
        index
        for index, word in enumerate(words)
        if word in vocabulary.present_copulas and _planned(words, index, vocabulary)
    ]
    read[left] = _Sentence(starts, spans, words, opens, cues, ahead, ahead_days)
    return read[left]


@lru_cache(maxsize=4)
def _past_auxiliary(vocabulary: TemporalVocabulary) -> re.Pattern[str]:
    """Any of the vocabulary's ``past_auxiliaries`` ("was", "had") as a word."""
    return re.compile(rf"(?<![\w'])(?:{word_alternation(vocabulary.past_auxiliaries)})(?![\w'])", re.IGNORECASE)


def _near_past_auxiliary(text: str, start: int, end: int, vocabulary: TemporalVocabulary) -> bool:
    """Whether a past "was", "were", "had" or "did" stands within about a clause of ``start``..``end``."""
    return _past_auxiliary(vocabulary).search(text, max(0, start - 120), end + 120) is not None


def _planned(words: list[str], index: int, vocabulary: TemporalVocabulary) -> bool:
    """Whether the present "be" at ``words[index]`` opens a present progressive ("is playing") or a plan ("are
    expected"), which said of a weekday put it ahead."""
    following = words[index + 1] if index + 1 < len(words) else ""
    return (len(following) > 5 and following.endswith("ing")) or following in vocabulary.planned_participles


def _tense(text: str, candidate: Candidate, vocabulary: TemporalVocabulary, read: dict[int, _Sentence]) -> bool | None:
    """Whether the expression at ``start``..``end`` is said of the future (True), the past (False) or neither.

    The tense of the clause the expression belongs to decides: its cue nearest the expression ("said
    Monday that it will" is past: "Monday" is in "said Monday"; "said it will meet on Monday" is future).
    An opening phrase ("In September, it announced") is read with the clause after it. A clause
    without a cue takes the nearest cue of the sentence, leaving out reporting verbs, which
    speak of when something was said, not of when it happens ("the polls open Sunday, officials said").
    On a tie the future cue wins; no cue gives None. For a weekday (``within_days``), "would" also points
    ahead: reported plans for a day of the coming week ("said it would vote on Sunday"); so does a present
    progressive or a present passive of planning ("the team is playing Sunday", "elections are expected
    Sunday"), the tenses news announces a coming weekday in. A date given
    without a year (``near_ahead``) is past only by a past cue of its own clause, and never after a word
    that sets a target ("extended to Nov. 16"): else None, which lets it be a date a few months ahead. A
    weekday after such a word ("closed through Monday") is ahead unless its clause is in the past tense.
    """
    start, end, within_days = candidate.start, candidate.end, candidate.within_days
    if candidate.speech_backshift and not _near_past_auxiliary(text, start, end, vocabulary):
        return None  # "now" with no "was" or "had" beside it: no sentence to read
    sentence = _sentence(text, start, end, vocabulary, read)
    spans, words, opens = sentence.spans, sentence.words, sentence.opens
    before = bisect_left(sentence.starts, start)
    # A deadline ("by February") is ahead, unless a past perfect just before it says otherwise or the word is
    # an agent's ("swept away by Tuesday's vote"); a starting point ("since March") is behind.
    deadline = before and words[before - 1] in vocabulary.deadline_words and not text.startswith(("'s", "’s"), end)
    if deadline and "had" not in words[max(0, before - 7) : before]:
        return True
    if before and words[before - 1] in vocabulary.origin_words:
        return False
    # A weekday said to be the day of something ("the deadline is Friday", "the game is on Saturday") is ahead.
    copula = before - 1 - (before > 1 and words[before - 1] == "on")
    if within_days and before and words[copula] in vocabulary.present_copulas:
        return True
    target = candidate.near_ahead and before > 0 and words[before - 1] in vocabulary.target_words
    inside = bisect_left(sentence.starts, end)
    clause_start = max((i for i in opens if i <= before), default=0)
    clause_end = min((i for i in opens if i >= max(inside, before + 1)), default=len(words))
    cues = sentence.cues
    if candidate.speech_backshift and any(word in vocabulary.reporting_verbs for word in words):
        return None
    if candidate.ahead_only:
        # Only verbs give "soon" a tense: not what was said ("said a decision is expected soon"), nor a word of
        # another time ("to soon grow from 20% last year").
        skipped = vocabulary.reporting_verbs | vocabulary.time_word_cues
        cues = [(index, cue) for index, cue in cues if words[index] not in skipped]
    short = clause_end - clause_start - (inside - before) <= _INTRODUCTION_WORDS
    if short and not any(clause_start <= index < clause_end for index, _ in cues):
        # An opening phrase ("In September, it announced") belongs to the clause that follows it; a short
        # clause with a tense of its own ("The law, passed in May, takes effect") does not.
        clause_end = min((i for i in opens if i > clause_end), default=len(words))
    # "would" points a weekday ahead from anywhere in its sentence, a date without a year only from its own
    # clause ("In an interview in May, he said it would work" is a past May).
    # A weekday's event one comes from ("recovering from Monday's storm", "survivors of Tuesday's quake")
    # takes no direction from the cues of days ahead.
    after_event = (
        within_days and before and words[before - 1] in vocabulary.event_sources and text.startswith(("'s", "’s"), end)
    )
    ahead = [] if after_event else sentence.ahead_days if within_days else []
    ahead += [
        i
        for i in sentence.ahead
        if (within_days and not after_event) or (candidate.near_ahead and clause_start <= i < clause_end)
    ]
    if ahead:
        cues = sorted((dict(cues) | dict.fromkeys(ahead, (0, 1))).items())
    in_clause = [(index, cue) for index, cue in cues if clause_start <= index < clause_end]
    if within_days and before and words[before - 1] in vocabulary.weekday_targets:
        # "Closed through Monday", "talks until Sunday": ahead, unless the clause is in the past tense.
        return not any(rank == 1 for _, (rank, _) in in_clause)
    if candidate.speech_backshift:
        # "Now" is the story's only by a past form of "be", "have" or "do" in its own clause ("was now"): a past
        # participle beside it is an adjective or a perfect ("now located", "has now ruled").
        return False if any(words[index] in vocabulary.past_auxiliaries for index, _ in in_clause) else None
    pool = in_clause or [(index, cue) for index, cue in cues if words[index] not in vocabulary.reporting_verbs]
    nearest: tuple[int, int] | None = None
    for index, (rank, length) in pool:
        cue_start, cue_end = spans[index][0], spans[index + length - 1][1]
        gap = cue_start - end if cue_start >= end else max(0, start - cue_end)
        if nearest is None or (gap, rank) < nearest:
            nearest = (gap, rank)
    if nearest is None or (nearest[1] == 1 and candidate.near_ahead and (target or not in_clause)):
        return None
    return nearest[1] == 0


# At most this many words besides the expression make an opening phrase rather than a clause.
_INTRODUCTION_WORDS = 2
_CLAUSE_MARK = re.compile(r'[,;:()"“”—–]|--')


def _clause_openings(
    sentence: str, offset: int, starts: list[int], words: list[str], vocabulary: TemporalVocabulary
) -> list[int]:
    """The indexes of the words a new clause starts at: after a comma, a dash ("--") or other mark, at a word
    such as "that", or at a pronoun right after a reporting verb ("said it will"). ``sentence`` starts at
    ``offset`` in the text ``starts`` (each word's start) are positions of."""
    opens = {bisect_left(starts, mark.start() + offset) for mark in _CLAUSE_MARK.finditer(sentence)}
    for index in range(1, len(words)):
        word = words[index]
        if word in vocabulary.clause_words or (
            word in vocabulary.subject_pronouns and words[index - 1] in vocabulary.reporting_verbs
        ):
            opens.add(index)
    return sorted(index for index in opens if 0 < index < len(words))


def _past_perfect_before(words: list[str], index: int) -> bool:
    """Whether "had been" stands at most two words before ``words[index]`` ("had been initially set for")."""
    return any(words[j] == "been" and words[j - 1] in ("had", "hadn't") for j in range(max(1, index - 3), index))


def _cue(words: list[str], index: int, vocabulary: TemporalVocabulary) -> tuple[int, int] | None:
    """(0 for future or 1 for past, number of words) of the tense cue starting at ``words[index]``, if any."""
    word = words[index]
    following = words[index + 1] if index + 1 < len(words) else ""
    previous = words[index - 1] if index else ""
    if word in vocabulary.future_cues and _past_perfect_before(words, index):
        # A plan in the past perfect ("had been initially scheduled for January 25, but was delayed"): past.
        return 1, 1
    for rest in vocabulary.future_cues.get(word, ()):
        # Some one-word cues before "to" are other words ("due to the rain", "next to the bank"), and one
        # after "to" is an infinitive, whose tense is its governing verb's ("it was hard to meet demand").
        other_word = following == "to" and word in vocabulary.not_cues_before_to
        if tuple(words[index + 1 : index + 1 + len(rest)]) == rest and (rest or not (other_word or previous == "to")):
            return 0, 1 + len(rest)
    if word.endswith(vocabulary.future_suffixes):
        return 0, 1
    if following == "to":
        return None
    # A participle after "be" or "is" is a passive ("will be named", "is expected", "will be paid"), and a
    # word after "to" an infinitive ("expected to last"): no past tense.
    if index and (words[index - 1] == "to" or words[index - 1] in vocabulary.passive_auxiliaries):
        return None
    # An "-ed" word after a determiner or a preposition, one with "un-", a hyphenated one or a listed one is an
    # adjective ("the preferred shares", "in selected markets", "an unspecified date", "state-owned",
    # "preferred stock"); hyphenated verbs ("re-entered") are rare.
    past_form = (
        len(word) >= 5
        and "-" not in word
        and word.endswith("ed")
        and not word.endswith("eed")
        and not word.startswith("un")
        and word not in vocabulary.adjective_forms
        and not (index and (words[index - 1] in vocabulary.determiners or words[index - 1] in vocabulary.prepositions))
    )
    return (1, 1) if past_form or word in vocabulary.past_cues else None


def _resolved(resolver: Resolver, published: date, future: bool | None) -> Resolved | None:
    """What ``resolver`` reads from ``published``; past year 9999 or before year 1, its value without days.

    Such a value is read from the same day whole 400-year cycles away (the Gregorian calendar repeats
    them exactly) and moved back: "tomorrow" on 9999-12-31 is "10000-01-01", "a year ago" on 0001-06-01
    "BC0001". None when no such reading fits the calendar either.
    """
    try:
        return resolver(published, future)
    except (ValueError, OverflowError):
        pass
    # Down to a four-digit year at least, which every value writes in full.
    up, down = (date.max.year - published.year) // CYCLE_YEARS, max(0, published.year - 1000) // CYCLE_YEARS
    for cycles in (up, -down):
        years = cycles * CYCLE_YEARS
        try:
            found = resolver(published.replace(year=published.year + years), future) if years else None
        except (ValueError, OverflowError):
            continue
        if found is not None:
            return _moved_back(found, years)
    return None


def _moved_back(found: Resolved, years: int) -> Resolved | None:
    """``found``, read ``years`` (whole cycles) away from the real anchor, moved back by them."""
    if isinstance(found, str):
        return found
    leading = re.match(r"\d{4}(?!\d)", found.value)
    if leading is None:
        return None
    value = year_value(int(leading.group(0)) - years) + found.value[4:]
    try:
        return Period(
            value, found.start.replace(year=found.start.year - years), found.end.replace(year=found.end.year - years)
        )
    except ValueError:
        return value


def _to_expression(text: str, candidate: Candidate, published: date | None, future: bool | None) -> TimeExpression:
    resolved, resolution, anchor = candidate.fixed, "absolute", None
    if candidate.resolver is not None:
        if published is None:
            resolved, resolution = candidate.unresolved_value, "unresolved"
        else:
            resolved, resolution, anchor = (
                _resolved(candidate.resolver, published, future),
                "relative_resolved",
                published,
            )
            if resolved is None:
                resolved, resolution, anchor = candidate.unresolved_value, "unresolved", None
    assert resolved is not None
    period = resolved if isinstance(resolved, Period) else None
    kind = candidate.type
    if kind == "DURATION" and candidate.resolver is not None:
        # A length of time said of the future as a point ("in five years") is a date; else it stays a length.
        if period is not None or resolved == "FUTURE_REF":
            kind = "DATE"
        else:
            resolved, resolution, anchor = candidate.unresolved_value, "absolute", None
    return TimeExpression(
        char_start=candidate.start,
        char_end=candidate.end,
        surface=text[candidate.start : candidate.end],
        type=kind,
        value=period.value if period else str(resolved),
        start_date=period.start if period else None,
        end_date=period.end if period else None,
        resolution=resolution,
        anchor=anchor,
        mod=candidate.mod,
    )


def _without_story_futures(
    kept: list[Candidate], tenses: list[bool | None]
) -> tuple[list[Candidate], list[bool | None]]:
    """``kept`` and ``tenses`` without the references to the article's future said in the past tense."""
    pairs = [(c, tense) for c, tense in zip(kept, tenses, strict=True) if not (c.ahead_only and tense is False)]
    return [c for c, _ in pairs], [tense for _, tense in pairs]


# Patterns are tried sentence by sentence (a sentence ends where a capital follows "." "!" or "?").
# Written with runs of ordinary characters consumed at once, which is what makes it fast.
_BLOCK = re.compile(r"[^\n][^\n.!?]*(?:[.!?](?!\s+[A-Z\"“‘'(])[^\n.!?]*)*(?:[.!?](?=\s+[A-Z\"“‘'(])|$)", re.MULTILINE)


def extract_time_expressions(
    *, text: str, published: date | None, vocabulary: TemporalVocabulary | None = None
) -> list[TimeExpression]:
    """Return the temporal expressions in ``text`` in order, with spans relative to ``text``.

    ``published`` anchors relative expressions; when it is None they are returned ``unresolved``.
    ``vocabulary`` defaults to the one built from the project's ``reference/`` folder.
    """
    vocabulary = vocabulary or load_temporal_vocabulary()
    reader = reader_for(vocabulary)
    masked = mask_links_and_markers(text)
    candidates: list[Candidate] = []
    sentence_starts: list[int] = []
    # Folded once for the whole text, unless lower case changes its length (a rare letter such as "İ").
    whole = folded(masked)
    aligned = len(whole) == len(masked)
    readers: list[Callable[[re.Match[str]], Candidate | None]] = [
        getattr(reader, name) for name, _, _ in vocabulary.patterns
    ]
    for block in _BLOCK.finditer(masked):
        block_start, block_end = block.span()
        sentence_starts.append(block_start)
        sentence_folded = whole[block_start:block_end] if aligned else None
        for number in patterns_to_try(block.group(0), vocabulary, sentence_folded):
            read = readers[number]
            for match in vocabulary.patterns[number][1].finditer(masked, block_start, block_end):
                candidate = read(match)
                if candidate is not None:
                    candidates.append(candidate)
    kept = _without_overlaps(candidates)
    sentences_read: dict[int, _Sentence] = {}
    tenses = [_tense(text, c, vocabulary, sentences_read) if c.needs_tense else None for c in kept]
    # "Soon" in the past tense is the story's, no time of the article.
    kept, tenses = _without_story_futures(kept, tenses)
    if published is None:
        tenses = [None] * len(kept)
    found = [_to_expression(text, c, published, future) for c, future in zip(kept, tenses, strict=True)]
    found = in_fiscal_calendars(text, found, kept, sentence_starts, tenses, vocabulary)
    found, kept = from_story(found, kept, sentence_starts)
    found, kept = from_previous(text, found, kept, sentence_starts)
    found, kept = joined(text, found, kept)
    found = ranges(text, found, kept)
    sentence_of = [bisect_right(sentence_starts, c.start) for c in kept]
    backward = {index for index, candidate in enumerate(kept) if candidate.years_back and not candidate.story}
    for index in backward:
        found[index] = back_from_reference(found, sentence_of, backward, index, kept[index].years_back)
    return with_modifiers(text, found, vocabulary)


def extract_story_time_expressions(
    *, sentences: Sequence[str], published: date | None, vocabulary: TemporalVocabulary | None = None
) -> list[list[TimeExpression]]:
    """Return each sentence's temporal expressions, spans relative to that sentence, reading them as one story.

    Read together, later sentences can refer back to earlier ones: "the quarter" and "a year earlier"
    after "the third quarter", "that year" after "in 1995". Each expression stays within its sentence.
    """
    starts = [0]
    for sentence in sentences[:-1]:
        starts.append(starts[-1] + len(sentence) + 1)
    by_sentence: list[list[TimeExpression]] = [[] for _ in sentences]
    for found in extract_time_expressions(text="\n".join(sentences), published=published, vocabulary=vocabulary):
        index = bisect_right(starts, found.char_start) - 1
        shift = starts[index]
        by_sentence[index].append(replace(found, char_start=found.char_start - shift, char_end=found.char_end - shift))
    return by_sentence
