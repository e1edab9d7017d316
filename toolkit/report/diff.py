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


LONG = 150   # words: past this, a rendering is compared by its words, not their order (difflib grows quadratically)


def _missing(mine: list[str], theirs: list[str]) -> list[bool]:
    """For each of my tokens: whether it is a word the other rendering lacks at that place (difflib on the words,
    spaces and punctuation aside), or lacks at all when either rendering is long."""
    positions = [i for i, t in enumerate(mine) if re.search(r"\w", t)]
    keys = [_key(mine[i]) for i in positions]
    other = [_key(t) for t in theirs if re.search(r"\w", t)]
    missing = [False] * len(mine)
    if len(keys) > LONG or len(other) > LONG:
        have = set(other)
        for i, key in zip(positions, keys):
            missing[i] = key not in have
        return missing
    matcher = SequenceMatcher(None, keys, other, autojunk=False)
    for op, i1, i2, _, _ in matcher.get_opcodes():
        if op in ("replace", "delete"):
            for k in range(i1, i2):
                missing[positions[k]] = True
    return missing


def marks(text: str, against: str) -> list[tuple[str, bool]]:
    """`text` cut into (piece, differs) pieces: differs is True for the words that `against` does not have at
    that place. Spaces and punctuation are never marked alone."""
    mine = tokens(text)
    return _merge(mine, _missing(mine, tokens(against)))


def marks_against_all(text: str, others: list[str]) -> list[tuple[str, bool]]:
    """`text` with the words marked that at least half of `others` lack at that place: with one other rendering,
    a plain word diff; with several, what sets this rendering apart rather than every small variant of each."""
    mine = tokens(text)
    counts = [0] * len(mine)
    for other in others:
        for i, flag in enumerate(_missing(mine, tokens(other))):
            counts[i] += flag
    return _merge(mine, [bool(others) and 2 * n >= len(others) and n > 0 for n in counts])


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
