"""Union-find over hashable keys, for grouping spellings of one name and articles that copy each other."""

from __future__ import annotations


class Groups:
    """Disjoint groups of keys; `join` keeps as root whichever of the two roots `prefer` picks."""

    def __init__(self, keys):
        self.parent = {k: k for k in keys}

    def __contains__(self, key) -> bool:
        return key in self.parent

    def find(self, key):
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]     # path halving
            key = self.parent[key]
        return key

    def join(self, a, b, prefer=min) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            keep = prefer(ra, rb)
            self.parent[rb if keep == ra else ra] = keep
