"""The TimeBank reader keeps exact offsets of the gold expressions in the plain text it returns."""

from datetime import date

import pytest

from benchmarks.reporting import prf
from benchmarks.timebank import parse_timeml

MARKUP = """<?xml version="1.0" ?>
<TimeML>
<DOCID>wsj_0001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1989-11-02" functionInDocument="CREATION_TIME">11/02/89</TIMEX3></DCT>
<TEXT>
Profit &amp; sales <EVENT eid="e1">rose</EVENT> in the <TIMEX3 tid="t1" type="DATE" value="1989-Q3">third
quarter</TIMEX3>, <TIMEX3 tid="t2" type="DURATION" value="P1Y">a year</TIMEX3> after the merger.
</TEXT>
</TimeML>
"""


def test_gold_spans_cut_the_plain_text_exactly() -> None:
    document = parse_timeml(doc_id="wsj_0001", markup=MARKUP)
    assert document.created == date(1989, 11, 2)
    assert "<" not in document.text and "Profit & sales rose" in document.text
    assert [(g.surface, g.type, g.value) for g in document.gold] == [
        ("third\nquarter", "DATE", "1989-Q3"),
        ("a year", "DURATION", "P1Y"),
    ]
    assert all(document.text[g.char_start : g.char_end] == g.surface for g in document.gold)


def test_a_document_without_a_creation_date_is_an_error() -> None:
    with pytest.raises(ValueError, match="no creation date"):
        parse_timeml(doc_id="x", markup="<TEXT>nothing</TEXT>")


def test_precision_recall_and_f1() -> None:
    assert prf(hits_predicted=3, predicted=4, hits_gold=3, gold=6) == (0.75, 0.5, 0.6)
    assert prf(hits_predicted=0, predicted=0, hits_gold=0, gold=5) == (0.0, 0.0, 0.0)


def test_a_document_without_text_is_an_error_naming_it() -> None:
    with pytest.raises(ValueError, match="wsj_0002: no <TEXT>"):
        parse_timeml(doc_id="wsj_0002", markup=MARKUP.replace("TEXT>", "BODY>"))
