"""Corpus readers: TimeML to text with exact TIMEX3 offsets, ECB+ tokens back to written English."""

import csv
from datetime import date
from pathlib import Path

import pytest

from triangulate.corpus_formats import detokenise, read_ecbplus, read_timeml
from triangulate.import_corpus import main

TIMEML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>XIN_ENG_20051130.0042</DOCID>
<DCT>HARARE, <TIMEX3 tid="t0" type="TIME" value="2005-11-30T08:15">Nov. 30</TIMEX3></DCT>
<TITLE>Tobacco <EVENT eid="e0">auction</EVENT> opens &amp; prices firm</TITLE>
<TEXT>
Growers <EVENT eid="e1">sold</EVENT> 4 million kg on the <TIMEX3 tid="t1" type="DATE" value="2005-11-30">opening
day</TIMEX3>, up from <TIMEX3 tid="t2" type="DATE" value="2004">last year</TIMEX3>.
</TEXT>
</TimeML>
"""


def _ecbplus(sentences: list[list[str]]) -> str:
    tokens = [
        f'<token t_id="{i}" sentence="{s}" number="{n}">{word}</token>'
        for i, (s, n, word) in enumerate(
            ((s, n, word) for s, sentence in enumerate(sentences) for n, word in enumerate(sentence)), start=1
        )
    ]
    return '<Document doc_name="9_1ecbplus.xml">\n' + "\n".join(tokens) + "\n<Markables/>\n</Document>"


def test_timeml_text_title_date_and_exact_timex_offsets() -> None:
    document = read_timeml(markup=TIMEML)
    assert document.title == "Tobacco auction opens & prices firm"
    assert document.created == date(2005, 11, 30)
    assert "<" not in document.text and "Growers sold 4 million kg" in document.text
    assert [(t.surface, t.type, t.value) for t in document.timexes] == [
        ("opening\nday", "DATE", "2005-11-30"),
        ("last year", "DATE", "2004"),
    ]
    assert all(document.text[t.char_start : t.char_end] == t.surface for t in document.timexes)


def test_timeml_without_title_or_creation_date_says_none_and_without_text_is_an_error() -> None:
    document = read_timeml(markup="<TimeML><TEXT>Markets closed.</TEXT></TimeML>")
    assert (document.title, document.created, document.text) == (None, None, "Markets closed.")
    with pytest.raises(ValueError, match="TEXT"):
        read_timeml(markup="<TimeML><TITLE>Only a title</TITLE></TimeML>")


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        (
            ["Teixeira", "'s", "agent", "said", "it", "wo", "n't", "happen", "."],
            "Teixeira's agent said it won't happen.",
        ),
        (
            ["Shares", "rose", "3.5", "%", ",", "to", "$", "12", "(", "about", "€", "10", ")", "!"],
            "Shares rose 3.5%, to $12 (about €10)!",
        ),
        (["``", "We", "are", "ready", ",", "''", "she", "said", ";", "why", "?"], "“We are ready,” she said; why?"),
        (
            ['"', "No", "comment", ",", '"', "he", "said", "of", "the", '"', "deal", '"', "."],
            '"No comment," he said of the "deal".',
        ),
        (["a", "three", "-", "story", "building", "--", "empty"], "a three-story building -- empty"),
        (
            ["http", ":", "/", "/", "www.example.com", "/", "a", "/", "b", "reported"],
            "http://www.example.com/a/b reported",
        ),
        (
            ["http", ":", "/", "/", "example.com", "/", "a", "/", "0", ",", ",", "2069", ",", "00", ".", "html"],
            "http://example.com/a/0,,2069,00.html",
        ),
        (["April", "12", ",", "2013", "|", "4", ":", "00am"], "April 12, 2013 | 4:00am"),
        (["Updated", "05", "/", "03", "/", "2013"], "Updated 05/03/2013"),
        (
            ["killed", "170", ",", "000", "people", "in", "2004", ",", "200", "more"],
            "killed 170,000 people in 2004, 200 more",
        ),
        (["worth", "£1", ".", "7m", "at", "3", "p", ".", "m", "."], "worth £1.7m at 3 p.m."),
    ],
)
def test_detokenise_writes_tokens_as_written_english(tokens: list[str], expected: str) -> None:
    assert detokenise(tokens=tokens) == expected


def test_ecbplus_one_line_per_sentence_with_the_address_and_dateline_on_their_own() -> None:
    markup = _ecbplus(
        [
            [
                "http",
                ":",
                "/",
                "/",
                "news",
                ".",
                "example",
                ".",
                "org",
                "/",
                "2013",
                "/",
                "05",
                "/",
                "ferry",
                "-",
                "sinks",
            ],
            ["Ferry", "sinks", "off", "coast"],
            ["May", "3", ",", "2013"],
            ["The", "ferry", "sank", "at", "9", "p.m", "."],
            ["according", "to", "the", "coast", "guard", "."],
            ["All", "&amp;", "sundry", "were", "rescued", "."],
        ]
    )
    assert read_ecbplus(markup=markup) == (
        "http://news.example.org/2013/05/ferry-sinks\n"
        "Ferry sinks off coast\n"
        "May 3, 2013\n"
        "The ferry sank at 9 p.m. according to the coast guard.\n"
        "All & sundry were rescued.\n"
    )


def test_ecbplus_tokens_are_ordered_by_sentence_and_number() -> None:
    markup = (
        '<Document><token t_id="3" sentence="1" number="0">Later</token>'
        '<token t_id="2" sentence="0" number="1">first</token><token t_id="1" sentence="0" number="0">The</token>'
        '<token t_id="4" sentence="1" number="1">.</token></Document>'
    )
    assert read_ecbplus(markup=markup) == "The first\nLater.\n"


def test_import_writes_texts_and_manifest_and_refuses_a_non_empty_inbox(tmp_path: Path) -> None:
    source = tmp_path / "timeml"
    source.mkdir()
    for name in ("a.tml", "b.tml", "c.tml"):
        (source / name).write_text(TIMEML, encoding="utf-8")
    inbox = tmp_path / "inbox"
    assert main(["timeml", str(source), str(inbox), "--every", "2"]) == 0
    assert sorted(p.name for p in inbox.iterdir()) == ["a.txt", "c.txt", "manifest.csv"]
    assert (inbox / "a.txt").read_text(encoding="utf-8").startswith("Growers sold 4 million kg")
    with (inbox / "manifest.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0] == {"path": "a.txt", "published_at": "2005-11-30", "title": "Tobacco auction opens & prices firm"}
    assert main(["timeml", str(source), str(inbox)]) == 2
    assert main(["timeml", str(source), str(inbox), "--force", "--limit", "1"]) == 0


def test_import_keeps_ecbplus_topic_folders(tmp_path: Path) -> None:
    topic = tmp_path / "ecbplus" / "9"
    topic.mkdir(parents=True)
    (topic / "9_1ecbplus.xml").write_text(_ecbplus([["Ferry", "sinks", "."]]), encoding="utf-8")
    inbox = tmp_path / "inbox"
    assert main(["ecbplus", str(tmp_path / "ecbplus"), str(inbox)]) == 0
    assert (inbox / "9" / "9_1ecbplus.txt").read_text(encoding="utf-8") == "Ferry sinks.\n"


def test_import_refuses_to_write_inside_the_project(tmp_path: Path) -> None:
    source = tmp_path / "timeml"
    source.mkdir()
    assert main(["timeml", str(source), str(Path(__file__).parent / "imported")]) == 2
    assert not (Path(__file__).parent / "imported").exists()
