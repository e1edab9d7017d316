"""Find quotation spans in French news typography, including the broken marks real pages contain.

A mark's role (opening or closing) is read from what touches it, as CommonMark does for emphasis: a mark with
space before and a letter after opens, one glued to the previous word and followed by space or punctuation closes.
Only when both sides agree does the mark's nominal direction decide. So `Russie« ,` closes and `qu' »elle` opens.
An opening mark left unclosed at the end of a paragraph closes there (recorded as a problem on the article); a straight
mark that opens a long quotation while another straight mark is still open, with an incise between them, means that one
lost its closing mark: it ends before its incise.
Does not handle quotations that run over several paragraphs without re-opening marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from toolkit.extract.lexicon import Lexicon
from toolkit.text import paragraphs

_CLOSE_FOLLOWERS = ".,;:!?)]}…"
_OPEN_PRECEDERS = "([{—–-:'’/"


@dataclass(frozen=True)
class Quotation:
    open: int          # offset of the opening mark
    close: int         # offset of the closing mark, or the paragraph end when unclosed
    start: int         # wording start (after the mark and inner spaces)
    end: int           # wording end
    closed: bool


def _role(text: str, i: int, lo: int, hi: int, lexicon: Lexicon) -> str:
    ch = text[i]
    prev = text[i - 1] if i > lo else ""
    nxt = text[i + 1] if i + 1 < hi else ""
    left_free = prev == "" or prev.isspace() or prev in _OPEN_PRECEDERS
    right_free = nxt == "" or nxt.isspace() or nxt in _CLOSE_FOLLOWERS or nxt in lexicon.closing
    if left_free and not right_free:
        return "open"
    if right_free and not left_free:
        return "close"
    if ch in lexicon.opening:
        return "open"
    if ch in lexicon.closing:
        return "close"
    return "toggle"


def quotations(text: str, lexicon: Lexicon, problems: list[str] | None = None) -> list[Quotation]:
    """Outermost quotation spans of the text, in order; nested quotes stay inside their outer span."""
    marks = set(lexicon.opening + lexicon.closing + lexicon.both)
    found: list[Quotation] = []
    for lo, hi in paragraphs(text):
        dialogue = _dialogue_line(text, lo, hi, marks)
        if dialogue:
            found.append(dialogue)
            continue
        stack: list[int] = []
        for i in range(lo, hi):
            if text[i] not in marks:
                continue
            role = _role(text, i, lo, hi, lexicon)
            if role == "toggle":
                role = "close" if stack and text[stack[-1]] == text[i] else "open"
            cut = (_broken_end(text, stack[-1], i, lexicon) if role == "open" and text[i] in lexicon.both and len(stack) == 1
                   and text[stack[-1]] == text[i] and not _short_inner(text, i, hi, lexicon) else None)
            if cut is not None:           # the straight mark still open lost its closing mark before its incise
                opened = stack.pop()
                if problems is not None:
                    problems.append(f"quotation opened at offset {opened} is not closed before the next one opens")
                found.append(replace(_make(text, opened, cut, True, lexicon), close=cut - 1))   # closed right before its incise
            if role == "open" and len(stack) == 1 and text[i] == text[stack[0]] and text[i] not in lexicon.both \
                    and _SENTENCE_BEFORE.search(text, stack[0], i):
                # « «la République, ce n'est pas l'anarchie. «Il est normal …», a-t-il expliqué »: a chevron opening a
                # sentence inside an open one of its kind starts a new quotation; the first lost its closing mark
                opened = stack.pop()
                if problems is not None:
                    problems.append(f"quotation opened at offset {opened} is not closed before the next one opens")
                end = _SENTENCE_BEFORE.search(text, opened, i).start() + 1
                found.append(replace(_make(text, opened, end, True, lexicon), close=end - 1))
            if role == "open":
                stack.append(i)
            elif stack:
                opened = stack.pop()
                if not stack:
                    found.append(_make(text, opened, i, True, lexicon))
            elif problems is not None:
                problems.append(f"stray closing mark {text[i]!r} at offset {i}")
        if stack:
            opened = stack[0]
            if problems is not None:
                problems.append(f"quotation opened at offset {opened} is not closed before the end of its paragraph")
            found.append(_make(text, opened, hi, False, lexicon))
    return [q for q in found if q.end > q.start]


_SENTENCE_BEFORE = re.compile(r"[.!?…][ \u00a0]*$")


def _short_inner(text: str, i: int, hi: int, lexicon: Lexicon) -> bool:
    """A straight mark at `i` that opens a few words quoted inside the open quotation (`"… les "gilets jaunes" ont
    réussi …"`): the same mark closes again within four words."""
    m = re.match(r"[^\n]{1,40}?" + re.escape(text[i]), text[i + 1:hi])
    return bool(m) and len(m.group()[:-1].split()) <= 4 and _role(text, i + m.end(), i, hi, lexicon) != "open"


def _broken_end(text: str, opened: int, nxt: int, lexicon: Lexicon) -> int | None:
    """Where a straight quotation that lost its closing mark ends, the same mark opening a new one at `nxt` (straight
    marks do not nest in themselves): before the incise that names its speaker, a comma then a reporting verb (`"…
    l'incendie, fustige à Montceau X. Globalement, "…`). None without such an incise: then the new mark is read as
    nested, as before."""
    for m in re.finditer(r",\s+(?:[\w’'-]+\s+){0,2}?", text[opened:nxt]):
        cue = lexicon.cue_pattern.match(text, opened + m.end(), nxt)
        if cue and m.start() > 0 and re.search(r"[.!?…]\s", text[opened + m.end():nxt]):
            return opened + m.start()
    return None


def _dialogue_line(text: str, lo: int, hi: int, marks: set[str]) -> Quotation | None:
    """An interview answer set as a dialogue line (`— Au moins cinq ans.`); questions (ending in ?) are the
    journalist's and are skipped, as are lines that carry their own quotation marks."""
    line = text[lo:hi]
    m = re.match(r"\s*[—–―]\s+", line)
    if not m or line.rstrip().endswith("?") or any(ch in marks for ch in line):
        return None
    start, end = lo + m.end(), hi
    while end > start and text[end - 1].isspace():
        end -= 1
    return Quotation(lo + m.start() + line[m.start():].index(line.strip()[0]), end, start, end, True)


def _make(text: str, opened: int, closed: int, is_closed: bool, lexicon: Lexicon) -> Quotation:
    start, end = opened + 1, closed
    spaces = lexicon.inner_spaces + " \t"
    while start < end and text[start] in spaces:
        start += 1
    while end > start and text[end - 1] in spaces:
        end -= 1
    return Quotation(opened, closed, start, end, is_closed)
