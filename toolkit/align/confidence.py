"""How sure a finding is, and why: a confidence (0–1) and its evidence, read from the claims it involves.

A finding is only as sure as its weakest link: the renderings it compares must be one statement (how alike they
are, `Finding.score`), and a finding about who said something is only as sure as the speakers it compares.
`speaker_confidence` reads the claims' `speaker_confidence` column (filled by the resolve stage), else, for tables
without it, the same fixed confidence per `speaker_method` (`toolkit.resolve.speakers.CONFIDENCE`: an incise
« a-t-il déclaré » names the speaker surely; a pronoun or a speaker carried over from the previous paragraph less).

Rules, in this order (`assess`):
1. `confidence` = the finding's score (how alike its renderings, how surely its statements are about one thing,
   how alike two spellings); for a speaker mismatch, times the speaker confidence of its least sure side (each
   side, one name, as sure as its surest witness).
2. A finding on a low-confidence speaker (below `SURE_SPEAKER`), or an attribution finding whose claims are barely
   alike (below `ALIKE`: a fragment against a long sentence), is at most `low`.
3. A finding whose articles all come from one outlet (a republication, an update of its own story) is at most `low`:
   an edit, not outlets disagreeing.
4. `evidence` says what the confidence rests on, for a reviewer.
The consistency suite fails only on high and medium findings at or above `CONFIDENT` (see
`toolkit.validate.prepare`).
"""

from __future__ import annotations

import re

from toolkit.align.claimset import UNKNOWN_SPEAKERS, ClaimSet
from toolkit.text import fold

CONFIDENT = 0.6             # a high or medium finding this sure (or more) fails the consistency suite until reviewed
ALIKE = 0.5                 # attribution findings on claims less alike than this (a word against a sentence) are at most low
GUESSED = ("salience", "story_role", "institution")    # speaker methods that guess a name for a printed description
SURE_SPEAKER = 0.8          # speakers found less surely than this (a pronoun, a headline, carried over, a description
                            # resolved by salience) make an attribution finding at most low

DEFAULT_METHOD_CONFIDENCE = 0.5     # a method the resolve stage does not list
_NOT_NAMES = frozenset({"le", "la", "les", "l", "un", "une", "des", "lire", "aussi", "selon"})
_WORD = re.compile(r"[\w'’-]+")


def speaker_confidence(cs: ClaimSet, i: int) -> float:
    """How surely claim i's speaker is who said it (0–1): the claims' own column when there is one, else from
    the method that found the speaker. An unknown speaker is 0."""
    if cs.speaker[i] in UNKNOWN_SPEAKERS:
        return 0.0
    column = cs.columns.get("speaker_confidence")
    if column is not None and column[i] is not None:
        return float(column[i])
    method = cs.speaker_method[i]
    if method is None:
        return 1.0                  # claims made without a method (by hand, by another tool): taken as given
    from toolkit.resolve.speakers import CONFIDENCE

    return CONFIDENCE.get(method, DEFAULT_METHOD_CONFIDENCE)


def names_a_person(cs: ClaimSet, i: int) -> bool:
    """Whether claim i's speaker is a person's name (a registered person, or two capitalised words or more that
    open with no article), not a description (« le chef de l'État »), a group or an institution: only names can
    contradict each other (an unknown speaker or a description never conflicts with a name). A description the
    resolver only guessed a name for (`GUESSED`: the article prints « le chef de l'État », the nearest salient
    person is taken) is still a description: the outlet named nobody."""
    speaker = cs.speaker[i]
    if speaker in UNKNOWN_SPEAKERS or cs.speaker_method[i] in ("description", "anonymous", "none", *GUESSED):
        return False
    if cs.columns.get("speaker_id") and cs.speaker_id[i]:
        return True
    words = _WORD.findall(speaker)
    return (2 <= len(words) <= 5 and words[0].lower() not in _NOT_NAMES and words[0][:1].isupper()
            and words[-1][:1].isupper() and not any(w.isupper() and len(w) > 1 for w in words)
            and _given_name(words[0]))


def _given_name(word: str) -> bool:
    """Whether a word is a given name (data/names/first_names.tsv): a person's name opens with one (« Hervé
    Lambert »), two capitalised words that name a show, a title or a place (« Figaro Live », « Nouvel An ») do not."""
    from toolkit.extract.given_names import given_names

    return fold(word).replace("-", " ").split()[0].replace("'", "") in given_names()


def assess(finding, cs: ClaimSet, rows: list[int]) -> None:
    """Set the finding's confidence and evidence (rows: the claim rows of its witnesses), and cap its severity
    when it rests on unsure speakers."""
    score = max(0.0, min(1.0, float(finding.score)))
    evidence = [f"{_SCORE_MEANING.get(finding.kind, 'score')} {score:.2f}"]
    confidence = score
    if finding.kind in ("speaker_mismatch", "via_mismatch") and finding.change != "pronoun" and score < ALIKE \
            and finding.severity != "low":
        evidence.append(f"severity {finding.severity} lowered: the claims compared are barely alike (below {ALIKE})")
        finding.severity = "low"
    if finding.kind == "speaker_mismatch" and rows:
        # each side of the disagreement is as sure as its surest attribution; the finding as its least sure side
        sides: dict = {}
        for i, value in zip(rows, finding.values):
            if finding.change == "anonymous" and cs.speaker_method[i] == "anonymous":
                continue            # the anonymous side is the printed phrase itself (« un témoin »): nothing unsure
            sides.setdefault(value, []).append(i)
        best = {v: max(members, key=lambda i: speaker_confidence(cs, i)) for v, members in sides.items()}
        sure = min(speaker_confidence(cs, i) for i in best.values())
        evidence.append("speakers found by " + ", ".join(
            f"{cs.speaker_method[i] or 'none'} ({speaker_confidence(cs, i):.2f}) for {v}" for v, i in best.items()))
        confidence *= sure
        if sure < SURE_SPEAKER and finding.change != "pronoun" and finding.severity != "low":
            evidence.append(f"severity {finding.severity} lowered: a speaker is found less surely than {SURE_SPEAKER}")
            finding.severity = "low"
    if _one_outlet(finding) and finding.severity != "low":
        # two versions of a story by one outlet (a republication, an update): an edit, not outlets disagreeing
        evidence.append(f"severity {finding.severity} lowered: every article involved is from {finding.sources[0]}")
        finding.severity = "low"
    finding.confidence = round(confidence, 3)
    finding.evidence = "; ".join(evidence)


def _one_outlet(finding) -> bool:
    """Whether the finding compares two articles or more that all come from one named outlet."""
    outlets = set(finding.sources)
    return (len(set(finding.article_ids)) >= 2 and len(outlets) == 1
            and not next(iter(outlets)).startswith("unknown:"))


_SCORE_MEANING = {
    "wording_variant": "renderings alike", "truncation": "share of the shorter found in the longer",
    "speaker_mismatch": "words alike", "via_mismatch": "words alike", "fact_conflict": "same thing",
    "name_spelling": "spellings alike",
}
