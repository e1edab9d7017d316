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
    for extra in getattr(result, "extra_lines", []):
        lines.append(extra)
    return "\n".join(lines)
