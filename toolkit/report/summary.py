"""Plain-text summaries a journalist can read in a terminal or a CI log."""

from __future__ import annotations

from collections import Counter

from toolkit.schema import CLAIM_TYPES


def build_summary(result) -> str:
    by_type = result.by_type()
    lines = [f"{result.input_dir} → {result.out_dir}",
             f"  {result.n_articles} articles, {sum(by_type.values())} claims "
             f"({', '.join(f'{by_type[t]} {t}' for t in CLAIM_TYPES)}) in {result.seconds:.2f} s"]
    per_article: dict[str, Counter] = {}
    for (article_id, claim_type), n in sorted(result.counts.items()):
        per_article.setdefault(article_id, Counter())[claim_type] = n
    width = max((len(a) for a in per_article), default=10)
    lines.append(f"  {'article'.ljust(width)}  " + "  ".join(t.rjust(9) for t in CLAIM_TYPES))
    for article_id, counts in per_article.items():
        lines.append(f"  {article_id.ljust(width)}  " + "  ".join(str(counts[t]).rjust(9) for t in CLAIM_TYPES))
    if result.unknown_speakers:
        top = ", ".join(f"{m!r} ×{n}" for m, n in result.unknown_speakers.most_common(8))
        lines.append(f"  speakers not in the registry (candidates): {top}")
    for article_id, problems in sorted(result.problems.items()):
        lines.append(f"  {article_id}: {'; '.join(problems)}")
    if getattr(result, "alignment", None) is not None:
        lines.extend(alignment_summary(result.alignment))
    for extra in getattr(result, "extra_lines", []):
        lines.append(extra)
    return "\n".join(lines)


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
        lines.append(f"    [{f.severity}] {f.kind} ({f.change}): {f.explanation}")
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
    return [(v, ", ".join(w)) for v, w in seen.items()]


def _clip(text: str, n: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"
