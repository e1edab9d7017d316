"""Word-level differences between renderings of one claim, for the side-by-side view (difflib on folded words)."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from toolkit.text import fold

# Words (letters, digits, apostrophes and hyphens inside a word), runs of other non-space characters, and spaces.
_TOKEN = re.compile(r"[\w’'-]+|[^\w\s]+|\s+")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


def _key(token: str) -> str:
    """Compare words as the alignment does: case, accents and apostrophe variants aside; spaces are all one."""
    return " " if token.isspace() else fold(token)


def marks(text: str, against: str) -> list[tuple[str, bool]]:
    """`text` cut into (piece, differs) pieces: differs is True for the words that `against` does not have at
    that place. Spaces and punctuation are never marked alone."""
    mine, theirs = tokens(text), tokens(against)
    differs = [False] * len(mine)
    matcher = SequenceMatcher(None, [_key(t) for t in mine], [_key(t) for t in theirs], autojunk=False)
    for op, i1, i2, _, _ in matcher.get_opcodes():
        if op in ("replace", "delete"):
            for i in range(i1, i2):
                differs[i] = bool(re.search(r"\w", mine[i]))
    return _merge(mine, differs)


def marks_against_all(text: str, others: list[str]) -> list[tuple[str, bool]]:
    """`text` with the words marked that at least half of `others` lack at that place: with one other rendering,
    a plain word diff; with several, what sets this rendering apart rather than every small variant of each."""
    mine = tokens(text)
    missing = [0] * len(mine)
    keys = [_key(t) for t in mine]
    for other in others:
        matcher = SequenceMatcher(None, keys, [_key(t) for t in tokens(other)], autojunk=False)
        for op, i1, i2, _, _ in matcher.get_opcodes():
            if op in ("replace", "delete"):
                for i in range(i1, i2):
                    missing[i] += 1
    differs = [bool(others) and 2 * n >= len(others) and bool(re.search(r"\w", t)) for n, t in zip(missing, mine)]
    return _merge(mine, differs)


def _merge(pieces: list[str], differs: list[bool]) -> list[tuple[str, bool]]:
    """Join neighbouring pieces of the same kind; a space between two marked words is marked with them."""
    out: list[tuple[str, bool]] = []
    for i, (piece, flag) in enumerate(zip(pieces, differs)):
        if piece.isspace() and 0 < i < len(pieces) - 1 and differs[i - 1] and differs[i + 1]:
            flag = True
        if out and out[-1][1] == flag:
            out[-1] = (out[-1][0] + piece, flag)
        else:
            out.append((piece, flag))
    return out
