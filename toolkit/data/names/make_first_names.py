"""Regenerate first_names.tsv from the nomquamgender package (MIT licence, see first_names_LICENSE.txt).

    pip install nomquamgender==0.1.4 && python toolkit/data/names/make_first_names.py

Keeps the given names seen in at least MIN_SOURCES of the package's sources and MIN_COUNT times, with a gender
when the package's probability of a woman's name is at most 0.1 (m) or at least 0.9 (f), else x (either)."""

import importlib.resources
import json
from pathlib import Path

MIN_SOURCES, MIN_COUNT = 5, 300

data = json.loads((importlib.resources.files("nomquamgender") / "name_data.json").read_text())
rows = []
for name, (sources, count, p_female, *_rest) in data.items():
    if sources >= MIN_SOURCES and count >= MIN_COUNT and name.isalpha() and len(name) > 1:
        rows.append(f"{name}\t{'f' if p_female >= 0.9 else 'm' if p_female <= 0.1 else 'x'}")
out = Path(__file__).with_name("first_names.tsv")
out.write_text("# given name (folded)\tgender (m, f, x = either); from nomquamgender 0.1.4, MIT\n" + "\n".join(sorted(rows)) + "\n")
print(f"{len(rows)} names -> {out}")
