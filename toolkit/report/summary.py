"""Plain-text summaries a journalist can read in a terminal or a CI log."""

from __future__ import annotations

import re
from collections import Counter

from toolkit.schema import CLAIM_TYPES


TABLE_ARTICLES = 12     # up to this many articles, one line each; beyond, the distribution and the top ones
TOP = 5                 # entries in a top-N list


def build_summary(result) -> str:
    """A summary that fits on one screen whatever the number of articles: per-article lines only for a small
    folder, else counts and top-N lists; the full detail is in the tables' build.json."""
    by_type = result.by_type()
    lines = [f"{result.input_dir} → {result.out_dir}",
             f"  {result.n_articles} articles, {sum(by_type.values())} claims "
             f"({', '.join(f'{by_type[t]} {t}' for t in CLAIM_TYPES)}) in {result.seconds:.2f} s"]
    per_article: dict[str, Counter] = {}
    for (article_id, claim_type), n in sorted(result.counts.items()):
        per_article.setdefault(article_id, Counter())[claim_type] = n
    if result.n_articles <= TABLE_ARTICLES:
        width = max((len(a) for a in per_article), default=10)
        lines.append(f"  {'article'.ljust(width)}  " + "  ".join(t.rjust(9) for t in CLAIM_TYPES))
        for article_id, counts in per_article.items():
            lines.append(f"  {article_id.ljust(width)}  " + "  ".join(str(counts[t]).rjust(9) for t in CLAIM_TYPES))
    else:
        totals = sorted((sum(c.values()) for c in per_article.values()), reverse=True)
        empty = result.n_articles - len(per_article)
        median = ([0] * empty + sorted(totals))[result.n_articles // 2] if result.n_articles else 0
        top = sorted(per_article.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))[:TOP]
        lines.append(f"  claims per article: median {median}, most {totals[0] if totals else 0}; "
                     f"{empty} article(s) without any claim")
        lines.append("  most claims: " + ", ".join(f"{a} ({sum(c.values())})" for a, c in top))
    if result.unknown_speakers:
        top = ", ".join(f"{_clip(m, 40)!r} ×{n}" for m, n in result.unknown_speakers.most_common(8))
        more = len(result.unknown_speakers) - 8
        lines.append(f"  speakers not in the registry (candidates): {top}" + (f" and {more} more" if more > 0 else ""))
    if result.problems:
        lines.extend(_problems(result.problems))
    if getattr(result, "alignment", None) is not None:
        lines.extend(alignment_summary(result.alignment))
    for extra in getattr(result, "extra_lines", []):
        lines.append(extra)
    if result.n_articles > TABLE_ARTICLES or len(result.problems) > TOP or len(result.unknown_speakers) > 8:
        lines.append(f"  full detail (every article's problems, every registry candidate): {result.out_dir}/build.json")
    return "\n".join(lines)


def _problems(problems: dict[str, list[str]]) -> list[str]:
    """Problems grouped by what they say (the sentence up to its first colon or parenthesis, numbers set aside),
    counted, with the first few articles of each group."""
    if len(problems) <= TOP:
        return [f"  {a}: {_clip('; '.join(p), 160)}" for a, p in sorted(problems.items())]
    groups: dict[str, list[str]] = {}
    for article_id, found in sorted(problems.items()):
        for problem in found:
            key = _clip(re.sub(r"\d+", "N", problem.split(":")[0].split("(")[0].strip()), 90)
            where = groups.setdefault(key, [])
            if article_id not in where:
                where.append(article_id)
    lines = [f"  problems in {len(problems)} articles:"]
    for key, where in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:TOP]:
        lines.append(f"    {key} — {len(where)} article(s): {_few(where)}")
    if len(groups) > TOP:
        lines.append(f"    and {len(groups) - TOP} other kind(s) of problem")
    return lines


def _few(items: list[str], n: int = 3) -> str:
    return ", ".join(items[:n]) + (f" and {len(items) - n} more" if len(items) > n else "")


SEVERITIES = ("high", "medium", "low")


def alignment_summary(summary) -> list[str]:
    """Clusters, findings by kind and severity, and the top findings with the wordings that differ."""
    lines = []
    if getattr(summary, "n_stories", 0):
        lines.append(f"  stories: {summary.n_stories}, {summary.n_stories_shared} of two articles or more")
    lines += [f"  alignment: {summary.n_clusters} clusters, {summary.n_shared} carried by two articles or more"
             + (f"; {summary.n_reuse_pairs} article pair(s) copy each other heavily" if summary.n_reuse_pairs else "")]
    total = sum(summary.findings.values())
    by_severity = Counter()
    by_kind: dict[str, Counter] = {}
    for (kind, severity), n in summary.findings.items():
        by_severity[severity] += n
        by_kind.setdefault(kind, Counter())[severity] += n
    if not total:
        lines.append("  findings: none")
        return lines
    lines.append(f"  findings: {total} ({', '.join(f'{by_severity[s]} {s}' for s in SEVERITIES if by_severity[s])})")
    for kind, counts in sorted(by_kind.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])):
        detail = ", ".join(f"{counts[s]} {s}" for s in SEVERITIES if counts[s])
        lines.append(f"    {kind:17} {sum(counts.values()):3}  ({detail})")
    if summary.top:
        lines.append("  top findings:")
    for f in summary.top:
        lines.append(f"    [{f.severity}] {f.kind} ({f.change}): {_clip(f.explanation, 240)}")
        for value, where in _distinct_values(f)[:2]:
            lines.append(f"        {where}: « {_clip(value)} »")
    return lines


def _distinct_values(finding) -> list[tuple[str, str]]:
    """The differing values of a finding with the outlets that give each, first-seen order."""
    seen: dict[str, list[str]] = {}
    for value, source in zip(finding.values or finding.wordings, finding.sources):
        value = value or ""
        source = source[len("unknown:"):] if source.startswith("unknown:") else source
        where = seen.setdefault(value, [])
        if source not in where:
            where.append(source)
    return [(v, _few(w)) for v, w in seen.items()]


def _clip(text: str, n: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"
