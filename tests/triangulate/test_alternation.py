"""Word alternations as prefix trees: same matches as a flat longest-first alternation."""

import re

import pytest

from triangulate.alternation import word_alternation

WORDS = ["march", "mar", "may", "ma", "the end of", "the", "a", "an", "x.y", "per cent", "percent", "u.s.", "us$"]


def _flat(words: list[str]) -> str:
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ordered)


@pytest.mark.parametrize(
    "text",
    [
        "the  end of march",
        "Mar may MA",
        "an a x.y xay",
        "12 per\tcent and 5 percent",
        "US$5 in the U.S.",
        "marching mayhem",
    ],
)
def test_it_matches_what_a_flat_longest_first_alternation_matches(text: str) -> None:
    tree = re.compile(rf"(?:{word_alternation(WORDS)})(?!\w)", re.IGNORECASE)
    flat = re.compile(rf"(?:{_flat(WORDS)})(?!\w)", re.IGNORECASE)
    for position in range(len(text) + 1):
        ours, theirs = tree.match(text, position), flat.match(text, position)
        assert (ours and ours.group(0)) == (theirs and theirs.group(0)), (text, position)


def test_the_longest_word_is_tried_first() -> None:
    found = re.match(word_alternation(["mar", "march"]), "march 5")
    assert found is not None and found.group(0) == "march"


def test_shared_letters_are_compared_once() -> None:
    assert word_alternation(["march", "may"]) == "ma(?:rch|y)"


def test_no_words_match_nothing() -> None:
    assert re.search(word_alternation([]), "anything at all") is None


def test_word_lists_match_longest_first_as_a_flat_alternation() -> None:
    words = ["dollar", "dollars", "us dollar", "us dollars", "u.s. dollars", "a", "an", "as", "as much as"]
    flat = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    texts = ["us  dollars x", "dollarsy", "as much as 5", "an a as", "u.s. dollar", "as much"]
    for tail in ("", r"\b", r"\s+\d", "s"):
        tree, plain = re.compile(f"(?:{word_alternation(words)}){tail}"), re.compile(f"(?:{flat}){tail}")
        for text in texts:
            for start in range(len(text)):
                found, expected = tree.match(text, start), plain.match(text, start)
                assert (found and found.span()) == (expected and expected.span()), (text, start, tail)
