"""One regular expression for any of many words, laid out as a prefix tree.

``word_alternation`` turns a vocabulary (month names, currency words, hedges ...) into a pattern that
matches any of its words. Python's ``re`` tries the branches of an alternation one after the other at
every position it tests, so a flat "january|february|...|december" costs one comparison per word;
grouped by shared letters ("ma(?:rch|y)") it costs one per distinct letter at each branch point.
Where several words match at one position (each then a prefix of the next), the longest is tried
first, exactly as in a flat alternation sorted longest first, so swapping one for the other never
changes what a pattern matches. A space in a word matches any run of whitespace.

Word boundaries, case and what surrounds the words are the caller's business.
"""

import re
from collections.abc import Iterable
from typing import TypeAlias

_Node: TypeAlias = dict[str, "_Node"]
_WORD_ENDS = ""


def word_alternation(words: Iterable[str]) -> str:
    """A pattern matching any of ``words``, longest first; it never matches when ``words`` is empty."""
    root: _Node = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[_WORD_ENDS] = {}
    return _pattern(root) if root else "(?!)"


def _pattern(node: _Node) -> str:
    """The words below ``node``; optional (tried before stopping here) when a word ends at ``node``."""
    arms = []
    for char in sorted(key for key in node if key != _WORD_ENDS):
        path, child = _letter(char), node[char]
        while len(child) == 1 and _WORD_ENDS not in child:
            ((char, child),) = child.items()
            path += _letter(char)
        arms.append(path + _pattern(child))
    if not arms:
        return ""
    if _WORD_ENDS in node:
        # "(?:x|)" rather than "(?:x)?": re runs the alternation faster than its general repeat.
        return f"(?:{'|'.join(arms)}|)"
    return arms[0] if len(arms) == 1 else f"(?:{'|'.join(arms)})"


def _letter(char: str) -> str:
    return r"\s+" if char == " " else re.escape(char)
