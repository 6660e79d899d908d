"""Draw the real-corpus sentences of ``benchmarks/data/claims_real_labelled.jsonl`` (pointers only, no labels).

Run ``python -m benchmarks.claims_real_sample``: it prints one pointer per line (corpus, file, start, end,
sha1) in the order of the labelled file, read from ``../shared/eval`` at run time. The labels were
written by reading each sentence; this module only makes the choice of sentences reproducible.

Rule, with ``random.Random(20261205)``:

- A candidate is a sentence of a ``body`` passage of the text ``import_corpus.convert`` yields, as the
  text layer splits it, that holds a digit or an English number word (one to twenty, hundred, thousand,
  million, billion, dozen, half, and their plurals), is at most 400 characters long, and is neither a URL
  line nor a line of dates only.
- ECB+: the topics are shuffled; for each topic, the ``ecb`` files are shuffled and the first with a
  candidate gives one random candidate, then likewise the ``ecbplus`` files; the first 40 topics giving
  both are kept.
- TempEval-3 silver: the AFP files, then the XIN files, are shuffled; the first 35 of each with a
  candidate give one random candidate each.
- Second draw, with ``random.Random(20261206)``: every file drawn above, in the same order, gives one more
  random candidate other than its first, when it has one.

An ECB+ line is one tokenised sentence; where the splitter cut it inside a tokenised decimal or after an
abbreviation ("1. 7m", "Const."), the pointer is widened to the whole line, and a second draw that
widens onto the first draw's line is dropped.
"""

import hashlib
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

from benchmarks.corpora import EVAL
from triangulate.import_corpus import convert
from triangulate.passages import load_passage_rules, split_passages
from triangulate.reference import DEFAULT_REFERENCE_DIR, load_month_names, load_widget_line_patterns
from triangulate.sentences import load_abbreviations, split_sentences

SEED = 20261205
SECOND_SEED = 20261206
TOPICS = 40
FILES_PER_AGENCY = 35
MAX_CHARS = 400
_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen|twenty|hundreds?|thousands?|millions?|billions?|dozens?|half)\b",
    re.IGNORECASE,
)
_URL = re.compile(r"https?\s*:|www\.", re.IGNORECASE)
_FORMATS = {"ecbplus": "ecbplus", "te3-silver": "timeml"}


@dataclass(frozen=True)
class Draw:
    """One drawn sentence: the corpus, the file relative to the corpus folder and the span as split."""

    corpus: str
    file: str
    start: int
    end: int


class Sampler:
    """Reference data loaded once; candidate sentences of any corpus file."""

    def __init__(self, reference_dir: Path = DEFAULT_REFERENCE_DIR) -> None:
        self.rules = load_passage_rules(reference_dir, widget_lines=load_widget_line_patterns(reference_dir))
        self.month_names = load_month_names(reference_dir)
        self.abbreviations = load_abbreviations(reference_dir)
        months = "|".join(sorted(self.month_names, key=len, reverse=True))
        self.dates_only = re.compile(r"^[\W\d]*(?:(?:" + months + r")\b[\W\d]*)+$", re.IGNORECASE)

    def text(self, corpus: str, file: str) -> tuple[str, str | None]:
        """The ingested text of one file and its title."""
        source = EVAL / corpus
        _, text, row = convert(path=source / file, source=source, corpus_format=_FORMATS[corpus])
        return text, row.get("title") or None

    def candidates(self, corpus: str, file: str) -> list[tuple[int, int]]:
        """Spans of the sentences of one file that the rule admits, in text order."""
        text, title = self.text(corpus, file)
        spans = []
        for passage in split_passages(text=text, title=title, rules=self.rules, month_names=self.month_names):
            if passage.kind != "body":
                continue
            for sentence in split_sentences(
                text=text, start=passage.char_start, end=passage.char_end, abbreviations=self.abbreviations
            ):
                if self.admits(sentence.text):
                    spans.append((sentence.char_start, sentence.char_end))
        return spans

    def admits(self, sentence: str) -> bool:
        """Whether a sentence is a candidate: short enough, with a number, not a URL nor only dates."""
        return (
            len(sentence) <= MAX_CHARS
            and bool(_NUMBER.search(sentence))
            and not _URL.search(sentence)
            and not self.dates_only.match(sentence)
        )

    def draw(self, rng: random.Random, corpus: str, file: str, *, other_than: int | None = None) -> Draw | None:
        """One random candidate of a file (none other than the one starting at ``other_than``)."""
        spans = [span for span in self.candidates(corpus, file) if span[0] != other_than]
        if not spans:
            return None
        start, end = rng.choice(spans)
        return Draw(corpus, file, start, end)


def first_draws(sampler: Sampler) -> list[Draw]:
    """The first draw: two sentences per ECB+ topic, one per TempEval-3 silver file."""
    rng = random.Random(SEED)
    ecbplus = EVAL / "ecbplus"
    topics = sorted(path.name for path in ecbplus.iterdir() if path.is_dir())
    rng.shuffle(topics)
    draws: list[Draw] = []
    kept = 0
    for topic in topics:
        pair = [draw for sub in ("ecb", "ecbplus") if (draw := _first_of(sampler, rng, ecbplus, topic, sub))]
        if len(pair) == 2:
            kept += 1
            draws.extend(pair)
        if kept == TOPICS:
            break
    for agency in ("AFP", "XIN"):
        files = sorted((EVAL / "te3-silver").glob(f"{agency}_*.tml"))
        rng.shuffle(files)
        found = 0
        for path in files:
            draw = sampler.draw(rng, "te3-silver", path.name)
            if draw is not None:
                found += 1
                draws.append(draw)
            if found == FILES_PER_AGENCY:
                break
    return draws


def _first_of(sampler: Sampler, rng: random.Random, folder: Path, topic: str, sub: str) -> Draw | None:
    files = sorted((folder / topic).glob(f"{topic}_*{sub}.xml"))
    rng.shuffle(files)
    for path in files:
        draw = sampler.draw(rng, "ecbplus", f"{topic}/{path.name}")
        if draw is not None:
            return draw
    return None


def widened(sampler: Sampler, draw: Draw) -> Draw:
    """An ECB+ draw widened to its whole line; a TempEval-3 silver draw as it is."""
    if draw.corpus != "ecbplus":
        return draw
    text, _ = sampler.text(draw.corpus, draw.file)
    return Draw(draw.corpus, draw.file, text.rfind("\n", 0, draw.start) + 1, text.find("\n", draw.end))


def sample(sampler: Sampler) -> list[Draw]:
    """Both draws, widened, in the order of the labelled file."""
    first = first_draws(sampler)
    rng = random.Random(SECOND_SEED)
    seconds = [sampler.draw(rng, d.corpus, d.file, other_than=d.start) for d in first]
    chosen = [widened(sampler, draw) for draw in first]
    taken = set(chosen)
    for draw in seconds:
        if draw is not None and (wide := widened(sampler, draw)) not in taken:
            chosen.append(wide)
            taken.add(wide)
    return chosen


def pointer(sampler: Sampler, draw: Draw) -> dict[str, str | int]:
    """The pointer record of one draw (without labels)."""
    text, _ = sampler.text(draw.corpus, draw.file)
    sha1 = hashlib.sha1(text[draw.start : draw.end].encode("utf-8")).hexdigest()
    return {"corpus": draw.corpus, "file": draw.file, "start": draw.start, "end": draw.end, "sha1": sha1}


def main() -> None:
    """Print the pointers of the sample, one JSON object per line."""
    sampler = Sampler()
    for draw in sample(sampler):
        print(json.dumps(pointer(sampler, draw)))


if __name__ == "__main__":
    main()
