"""Sentence splitting with exact spans, robust to abbreviations, numbers and quotes."""

import pytest

from triangulate.sentences import load_abbreviations, split_sentences

ABBREVIATIONS = load_abbreviations()


def _split(text: str) -> list[str]:
    sentences = split_sentences(text=text, start=0, end=len(text), abbreviations=ABBREVIATIONS)
    assert all(text[s.char_start : s.char_end] == s.text for s in sentences)
    return [s.text for s in sentences]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S. Commerce Dept. said Nvidia Corp. sold chips. Shares rose 3.9% to US$3.7 billion.",
            ["The U.S. Commerce Dept. said Nvidia Corp. sold chips.", "Shares rose 3.9% to US$3.7 billion."],
        ),
        ("“We are done,” he said. Then J. Smith left!", ["“We are done,” he said.", "Then J. Smith left!"]),
        ('He said "it is over." The end.', ['He said "it is over."', "The end."]),
        (
            "On Jan. 5 the No. 2 maker of Huawei Technologies Co. Ltd. chips spoke.",
            ["On Jan. 5 the No. 2 maker of Huawei Technologies Co. Ltd. chips spoke."],
        ),
        (
            "Regulators issued instructions—known as window guidance—to firms. It worked.",
            ["Regulators issued instructions—known as window guidance—to firms.", "It worked."],
        ),
        (
            "China Communist Party, State Council issue guidelines",
            ["China Communist Party, State Council issue guidelines"],
        ),
        ("Did it work? Yes… mostly. 12 fabs opened.", ["Did it work?", "Yes… mostly.", "12 fabs opened."]),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert _split(text) == expected


def test_offsets_are_document_offsets() -> None:
    text = "Headline\nFirst one. Second one."
    sentences = split_sentences(text=text, start=9, end=len(text), abbreviations=ABBREVIATIONS)
    assert [(s.char_start, s.char_end) for s in sentences] == [(9, 19), (20, 31)]
