"""Find interview answers printed without quotation marks: a question paragraph ending in "?" followed by the
answer paragraph, often opened by the interviewee's name and a colon ("Armelle Quéméner : Parce que…").

Only an article with at least two such question–answer pairs counts as an interview, so a rhetorical question in an
ordinary article does not turn the next paragraph into a quotation. Answers already between quotation marks are
left to the quotation rules. Questions are the journalist's and give no claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from toolkit.text import paragraphs

_LABEL = re.compile(r"(?P<name>(?:[A-ZÀ-ÖØ-Þ][\w’'.-]+[ \u00a0]?){1,4}?)[ \u00a0]*[:–—][ \u00a0]+(?=\S)")
_MARKS = "«»“”\""


@dataclass(frozen=True)
class Answer:
    start: int                       # wording (after any label)
    end: int
    label: tuple[int, int] | None    # the interviewee's name printed before the answer


def answers(text: str) -> list[Answer]:
    spans = paragraphs(text)
    pairs, questions = [], []
    for (q_lo, q_hi), (a_lo, a_hi) in zip(spans, spans[1:]):
        question, answer = text[q_lo:q_hi].strip(), text[a_lo:a_hi].strip()
        if not question.endswith("?") or len(question) > 300 or any(m in question for m in _MARKS):
            continue
        if answer.endswith("?") or answer[:1] in _MARKS or answer[:1] in "—–-":
            continue
        pairs.append((a_lo, a_hi))
        questions.append(question)
    if len(pairs) < 2 or not _talks_to_someone(text, questions, pairs):
        return []
    found = []
    for lo, hi in pairs:
        while lo < hi and text[lo].isspace():
            lo += 1
        while hi > lo and text[hi - 1].isspace():
            hi -= 1
        label = _LABEL.match(text, lo, hi)
        if label and len(label.group("name").split()) <= 4:
            name_end = label.start("name") + len(label.group("name").rstrip())
            found.append(Answer(label.end(), hi, (label.start("name"), name_end)))
        else:
            found.append(Answer(lo, hi, None))
    return found


_SECOND_PERSON = re.compile(r"(?<![\w'’])(?:vous|votre|vos|tu|ton|ta|tes|-vous|-tu)(?![\w'’])", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"(?<![\w'’])(?:je|j['’]|nous|me|m['’]|mon|ma|mes|notre|nos)(?![\w'’])", re.IGNORECASE)


def _talks_to_someone(text: str, questions: list[str], pairs) -> bool:
    """An interview, not an article asking itself questions ("Comment expliquer ce rétablissement ?"): a question
    addresses someone (vous, tu), an answer carries the interviewee's name, or most answers speak in the first person."""
    if any(_SECOND_PERSON.search(q) for q in questions) or any(_LABEL.match(text, lo, hi) for lo, hi in pairs):
        return True
    return sum(bool(_FIRST_PERSON.search(text[lo:hi])) for lo, hi in pairs) * 2 > len(pairs)
